import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, SYSTEM } from '../db/helpers';
import { PASSWORD, request, serve, tempDir, type Served } from './helpers';
import { selfSignedCertificate } from '../certificates';

/**
 * Issue 13: a team server (TLS) is opened at https://host:port/ and signed in to with an account — no per-run
 * token. Every state-changing call then needs the CSRF token bound to its session (header x-pla-csrf), the Origin /
 * Sec-Fetch-Site check still refuses cross-site requests, and local mode (`npm run web`) still needs its token.
 */

function selfSigned() {
  const { cert, key } = selfSignedCertificate(tempDir(), 'DNS:localhost,IP:127.0.0.1');
  return { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
}

async function teamServer(): Promise<Served> {
  const { cert, key } = selfSigned();
  return serve({ tls: { cert, key }, ca: cert });
}

/** A browser tab on the team server without the token: cookie jar and the CSRF token the server hands out. */
function tab(s: Served) {
  const t = {
    cookie: null as string | null,
    csrf: null as string | null,
    async start() {
      const r = await request(s.base, '/api/csrf', { headers: t.cookie ? { cookie: t.cookie } : {}, ca: s.ca });
      t.csrf = r.headers['x-pla-csrf'] as string;
      return r;
    },
    async post(method: string, input: unknown, headers: Record<string, string> = {}) {
      const h: Record<string, string> = {
        'content-type': 'application/json',
        origin: s.base,
        'sec-fetch-site': 'same-origin',
        ...(t.csrf ? { 'x-pla-csrf': t.csrf } : {}),
        ...headers,
      };
      if (t.cookie) h.cookie = t.cookie;
      const r = await request(s.base, `/api/${method}`, { method: 'POST', headers: h, body: JSON.stringify(input), ca: s.ca });
      const set = r.headers['set-cookie']?.[0];
      if (set) t.cookie = /max-age=0/i.test(set) ? null : set.split(';')[0];
      if (typeof r.headers['x-pla-csrf'] === 'string') t.csrf = r.headers['x-pla-csrf'];
      return r;
    },
  };
  return t;
}

const newUser = { username: 'intrus', displayName: 'Intrus', role: 'coordinator', password: PASSWORD, active: true };

async function usernames(s: Served) {
  return (await ok(s.server.core, 'admin.listUsers', {}, SYSTEM)).map((u: { username: string }) => u.username);
}

describe('team server without the per-run token', () => {
  it('a user opens the address, signs in with their account and saves; the page and its address carry no token', async () => {
    const s = await teamServer();
    await ok(s.server.core, 'admin.saveUser', { username: 'ana', displayName: 'Ana', role: 'coordinator', password: PASSWORD, active: true }, SYSTEM);
    const page = await request(s.base, '/', { ca: s.ca });
    expect(page.status).toBe(200);
    const a = tab(s);
    expect((await a.start()).status).toBe(200);
    const before = a.csrf;
    const login = await a.post('admin.login', { username: 'ana', password: PASSWORD });
    expect(login.body.ok).toBe(true);
    // The CSRF token follows the session: a new one at sign-in.
    expect(a.csrf).not.toBe(before);
    const saved = await a.post('admin.saveUser', { ...newUser, username: 'maria' });
    expect(saved.body.ok).toBe(true);
    expect(await usernames(s)).toContain('maria');
  });

  it('refuses a state-changing call without the CSRF header, or with another session’s, and writes nothing', async () => {
    const s = await teamServer();
    await ok(s.server.core, 'admin.saveUser', { username: 'ana', displayName: 'Ana', role: 'coordinator', password: PASSWORD, active: true }, SYSTEM);
    const a = tab(s);
    await a.start();
    expect((await a.post('admin.login', { username: 'ana', password: PASSWORD })).body.ok).toBe(true);
    const bare = await a.post('admin.saveUser', newUser, { 'x-pla-csrf': '' });
    expect(bare.status).toBe(403);
    expect(bare.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'missing or wrong CSRF token' });
    // The token handed out before sign-in (bound to the address, not to this session) is not this session's.
    const other = tab(s);
    await other.start();
    const stale = await a.post('admin.saveUser', newUser, { 'x-pla-csrf': other.csrf! });
    expect(stale.status).toBe(403);
    expect(await usernames(s)).not.toContain('intrus');
    // Signing in needs it too (no login CSRF).
    const b = tab(s);
    const noToken = await b.post('admin.login', { username: 'ana', password: PASSWORD });
    expect(noToken.status).toBe(403);
    expect(b.cookie).toBeNull();
  });

  it('refuses a cross-site POST even with a valid session and CSRF token', async () => {
    const s = await teamServer();
    await ok(s.server.core, 'admin.saveUser', { username: 'ana', displayName: 'Ana', role: 'coordinator', password: PASSWORD, active: true }, SYSTEM);
    const a = tab(s);
    await a.start();
    expect((await a.post('admin.login', { username: 'ana', password: PASSWORD })).body.ok).toBe(true);
    const byOrigin = await a.post('admin.saveUser', newUser, { origin: 'https://evil.example' });
    expect(byOrigin.status).toBe(403);
    const bySite = await a.post('admin.saveUser', newUser, { 'sec-fetch-site': 'cross-site' });
    expect(bySite.status).toBe(403);
    expect(await usernames(s)).not.toContain('intrus');
  });

  it('an upload goes in pieces over TLS with the CSRF header; without it nothing is written, and another user cannot touch the upload', async () => {
    const s = await teamServer();
    for (const username of ['ana', 'ion'])
      await ok(s.server.core, 'admin.saveUser', { username, displayName: username, role: 'coordinator', password: PASSWORD, active: true }, SYSTEM);
    const uploads = path.join(s.dataDir, 'tmp', 'uploads');
    const files = () => (fs.existsSync(uploads) ? fs.readdirSync(uploads).flatMap((u) => fs.readdirSync(path.join(uploads, u))) : []);
    const a = tab(s);
    await a.start();
    await a.post('admin.login', { username: 'ana', password: PASSWORD });
    const refused = await a.post('files.beginUpload', { purpose: 'risks.importExcel', fileName: 'r.xlsx', size: 6 }, { 'x-pla-csrf': 'alt-token' });
    expect(refused.status).toBe(403);
    expect(files()).toEqual([]);
    const begun = await a.post('files.beginUpload', { purpose: 'risks.importExcel', fileName: 'r.xlsx', size: 6 });
    expect(begun.body.ok).toBe(true);
    const { uploadId } = begun.body.value as { uploadId: string };
    expect((await a.post('files.appendUpload', { uploadId, offset: 0, contentBase64: Buffer.from('abcdef').toString('base64') })).body).toEqual({
      ok: true,
      value: { received: 6 },
    });
    const b = tab(s);
    await b.start();
    await b.post('admin.login', { username: 'ion', password: PASSWORD });
    expect((await b.post('files.cancelUpload', { uploadId })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await b.post('risks.importExcel', { fileName: 'r.xlsx', uploadId, dryRun: true })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(files()).toHaveLength(1);
    expect((await a.post('files.cancelUpload', { uploadId })).body).toEqual({ ok: true, value: null });
    expect(files()).toEqual([]);
  });

  it('a wrong token is still refused on a team server', async () => {
    const s = await teamServer();
    const a = tab(s);
    await a.start();
    const r = await a.post('admin.login', { username: 'ana', password: PASSWORD }, { authorization: 'Bearer wrong-token-wrong-token' });
    expect(r.status).toBe(401);
  });
});

describe('local browser mode (npm run web) keeps the per-run token', () => {
  it('without the token nothing is answered, a CSRF token included', async () => {
    const s = await serve();
    await ok(s.server.core, 'admin.saveUser', { username: 'ana', displayName: 'Ana', role: 'coordinator', password: PASSWORD, active: true }, SYSTEM);
    const csrf = await request(s.base, '/api/csrf');
    expect(csrf.status).toBe(401);
    expect(csrf.headers['x-pla-csrf']).toBeUndefined();
    const login = await request(s.base, '/api/admin.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ana', password: PASSWORD }),
    });
    expect(login.status).toBe(401);
    expect(login.headers['set-cookie']).toBeUndefined();
    const withToken = await s.client().login('ana');
    expect(withToken.body.ok).toBe(true);
    expect(s.server.url).toMatch(/\?token=/);
  });
});
