import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { peek } from '../db/helpers';
import { request, serve, sleep, tempDir } from './helpers';

/** Issue 12, finding 10 (the HTTP parts) and the cross-site rule of issue 13: attacks over HTTP against browser mode. */

describe('the browser-mode server refuses malformed and hostile requests', () => {
  it('answers a malformed %-encoding in a path with 400, without a stack trace in the log', async () => {
    const s = await serve();
    const errors = vi.spyOn(console, 'error');
    try {
      for (const p of ['/%E0%A4%A', '/assets/%zz.js', `/files/export/%ff?token=${s.server.token}`]) {
        const r = await request(s.base, p);
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ reason: 'bad_path' }] } } });
      }
      const api = await request(s.base, '/api/admin.%E0%A4%A', {
        method: 'POST',
        headers: { authorization: `Bearer ${s.server.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(api.status).toBe(400);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('refuses a request body that is not UTF-8 and stores nothing', async () => {
    const s = await serve();
    const latin2 = Buffer.concat([
      Buffer.from('{"username":"ana.pop","displayName":"Ana '),
      Buffer.from([0xba, 0xfe]),
      Buffer.from('","password":"parola-sigura-123"}'),
    ]);
    const r = await request(s.base, '/api/admin.setupFirstCoordinator', {
      method: 'POST',
      headers: { authorization: `Bearer ${s.server.token}`, 'content-type': 'application/json' },
      body: latin2,
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ reason: 'encoding' }] } } });
    expect(await peek(s.dataDir, 'select count(*) as n from users')).toEqual([{ n: 0 }]);
  });

  it('refuses an attachment whose MIME type carries a CR/LF or is not type/subtype, writing nothing', async () => {
    const s = await serve();
    const coord = await s.user('coordinator');
    const actions = await coord.ok('plan.listActions', {});
    for (const mimeType of ['text/html\r\nContent-Disposition: inline', 'pdf', 'text/plain\n']) {
      const r = await coord.call('plan.addProgressUpdate', {
        actionId: actions[0].id,
        date: '2026-01-10',
        progress: 10,
        evidence: [{ fileName: 'x.pdf', mimeType, contentBase64: Buffer.from('%PDF').toString('base64') }],
      });
      expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'evidence.0.mimeType' }] } } });
    }
    expect(await peek(s.dataDir, 'select count(*) as n from attachments')).toEqual([{ n: 0 }]);
    expect(await peek(s.dataDir, 'select count(*) as n from progress_updates')).toEqual([{ n: 0 }]);
  });

  it('refuses a cross-site POST (another site’s Origin, a cross-site fetch, a form post) before anything runs', async () => {
    const s = await serve();
    const headers = { authorization: `Bearer ${s.server.token}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ username: 'intrus', displayName: 'Intrus', password: 'parola-sigura-123' });
    const evil = await request(s.base, '/api/admin.setupFirstCoordinator', { method: 'POST', headers: { ...headers, origin: 'https://evil.example' }, body });
    expect(evil.status).toBe(403);
    const crossSite = await request(s.base, '/api/admin.setupFirstCoordinator', {
      method: 'POST',
      headers: { ...headers, 'sec-fetch-site': 'cross-site' },
      body,
    });
    expect(crossSite.status).toBe(403);
    const form = await request(s.base, '/api/admin.setupFirstCoordinator', {
      method: 'POST',
      headers: { authorization: `Bearer ${s.server.token}`, 'content-type': 'text/plain' },
      body,
    });
    expect(form.status).toBe(415);
    const noToken = await request(s.base, '/api/admin.setupFirstCoordinator', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: s.base },
      body,
    });
    expect(noToken.status).toBe(401);
    expect(await peek(s.dataDir, 'select count(*) as n from users')).toEqual([{ n: 0 }]);
    // The page's own origin passes.
    const own = await request(s.base, '/api/admin.setupFirstCoordinator', {
      method: 'POST',
      headers: { ...headers, origin: s.base, 'sec-fetch-site': 'same-origin' },
      body,
    });
    expect(own.body).toMatchObject({ ok: true });
  });

  it('closes a request whose body does not arrive in time', async () => {
    const s = await serve({ requestTimeoutMs: 1000 });
    const sock = net.connect(s.server.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    const started = Date.now();
    let reply = '';
    sock.on('data', (c) => (reply += c.toString()));
    sock.write(
      `POST /api/admin.status HTTP/1.1\r\nHost: 127.0.0.1:${s.server.port}\r\nAuthorization: Bearer ${s.server.token}\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{"a":`,
    );
    const drip = setInterval(() => sock.writable && sock.write(' '), 100);
    await new Promise((r) => sock.once('close', r));
    clearInterval(drip);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  });

  it('caps the connections one address may hold open', async () => {
    const s = await serve({ maxConnectionsPerAddress: 5 });
    const socks = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const c = net.connect(s.server.port, '127.0.0.1', () => resolve(c));
          }),
      ),
    );
    await sleep(300);
    expect(socks.filter((c) => c.destroyed || c.readableEnded).length).toBeGreaterThanOrEqual(1);
    for (const c of socks) c.destroy();
    await sleep(200);
    // Once they are closed, the address may connect again.
    expect((await request(s.base, '/')).status).toBe(200);
  });

  it('does not let a coordinator point a folder target at a system, hidden or data folder, nor outside the allowed roots', async () => {
    const s = await serve();
    const coord = await s.user('coordinator');
    const home = tempDir();
    fs.mkdirSync(path.join(home, '.ssh'));
    for (const p of ['/etc/cron.d', '/usr/lib', '/', path.join(home, '.ssh'), s.dataDir, path.join(s.dataDir, 'attachments')]) {
      const r = await coord.call('publishing.saveTarget', { name: `t ${p}`, kind: 'folder', path: p });
      expect(r.body, p).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'path', reason: 'not_allowed' }] } } });
    }
    // A symbolic link to a system folder is the system folder.
    fs.symlinkSync('/etc', path.join(home, 'legatura'));
    expect((await coord.call('publishing.saveTarget', { name: 'link', kind: 'folder', path: path.join(home, 'legatura', 'cron.d') })).body.ok).toBe(false);
    expect(await peek(s.dataDir, 'select count(*) as n from publishing_targets')).toEqual([{ n: 0 }]);
    // An ordinary folder (here under the temporary folder, one of the default roots) is fine.
    expect((await coord.call('publishing.saveTarget', { name: 'Share', kind: 'folder', path: path.join(home, 'site') })).body.ok).toBe(true);
  });
});
