import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, headlessPlatform, type Core } from '../../electron/core';
import { startServer, type RunningServer } from '../../electron/server';
import { fetchServerCertificate, fingerprintOf, normalizeFingerprint, pinMismatchMessage, type PinMismatchError } from '../../electron/main/team/pin';
import { applySetCookie, buildApiRequest, createRemoteClient, resultOf, type CookieJar } from '../../electron/main/team/remote';
import { createDispatcher } from '../../electron/main/ipc-dispatch';
import { confirmServer, probeServer } from '../../electron/main/team/connect-flow';
import { createRemoteCore } from '../../electron/main/team/remote-core';
import { selfSignedCertificate } from '../certificates';
import {
  loadConnectionSettings,
  modeLabel,
  parseServerAddress,
  saveConnectionSettings,
  SETTINGS_FILE,
  type TeamSettings,
} from '../../electron/main/team/settings';

/**
 * The desktop app connecting to a team server: the choice is remembered in the user's data folder, the server's
 * certificate is pinned by its SHA-256 fingerprint (a self-signed city certificate works without the system trust
 * store; another certificate is refused before anything is sent), and main forwards contract calls with the
 * window's session cookie.
 */

const tmp = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `team-client-${label}-`));

function selfSigned(san?: string) {
  const { cert, key } = selfSignedCertificate(tmp('cert'), san);
  const opensslFingerprint = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).trim().split('=')[1];
  return { cert: fs.readFileSync(cert, 'utf8'), key: fs.readFileSync(key, 'utf8'), opensslFingerprint };
}

describe('the remembered connection choice', () => {
  it('is asked on first run, then remembered across restarts', () => {
    const dir = tmp('settings');
    expect(loadConnectionSettings(dir)).toBeNull();
    saveConnectionSettings(dir, { mode: 'local' });
    expect(loadConnectionSettings(dir)).toEqual({ mode: 'local' });
    const team: TeamSettings = {
      mode: 'team',
      origin: 'https://pla.primariatm.local:8443',
      token: null,
      fingerprint: `AB${':AB'.repeat(31)}`,
      certPem: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n',
    };
    saveConnectionSettings(dir, team);
    expect(loadConnectionSettings(dir)).toEqual(team);
    expect(fs.readdirSync(dir)).toEqual([SETTINGS_FILE]);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, SETTINGS_FILE)).mode & 0o077).toBe(0);
  });

  it('a damaged or foreign file is not trusted: the user is asked again', () => {
    const dir = tmp('settings-bad');
    fs.writeFileSync(path.join(dir, SETTINGS_FILE), '{"mode":"team","origin":"http://evil"');
    expect(loadConnectionSettings(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, SETTINGS_FILE), JSON.stringify({ mode: 'team', origin: 'http://pla.local', token: null, fingerprint: 'x', certPem: 'y' }));
    expect(loadConnectionSettings(dir)).toBeNull();
    expect(() => saveConnectionSettings(dir, { mode: 'team', origin: 'http://pla.local' } as never)).toThrow();
  });

  it('the window title says which mode is active', () => {
    expect(modeLabel(null)).toBe('PLA Desk — date locale pe acest calculator');
    expect(modeLabel({ mode: 'local' })).toBe('PLA Desk — date locale pe acest calculator');
    expect(modeLabel({ mode: 'team', origin: 'https://pla.primariatm.local:8443', token: null, fingerprint: '', certPem: '' })).toBe(
      'PLA Desk — server echipă pla.primariatm.local:8443',
    );
  });

  it('reads the server address as typed, or as the server printed it, and refuses plain HTTP in words', () => {
    expect(parseServerAddress('pla.primariatm.local:8443')).toEqual({
      ok: true,
      origin: 'https://pla.primariatm.local:8443',
      host: 'pla.primariatm.local',
      port: 8443,
      token: null,
    });
    expect(parseServerAddress(' https://10.0.0.5:8443/?token=abc_DEF-1 ')).toEqual({
      ok: true,
      origin: 'https://10.0.0.5:8443',
      host: '10.0.0.5',
      port: 8443,
      token: 'abc_DEF-1',
    });
    expect(parseServerAddress('https://[fd00::5]')).toMatchObject({ ok: true, origin: 'https://[fd00::5]', host: 'fd00::5', port: 443 });
    expect(parseServerAddress('http://pla.primariatm.local:8443')).toEqual({ ok: false, message: expect.stringContaining('doar prin HTTPS') });
    expect(parseServerAddress('')).toEqual({ ok: false, message: expect.stringContaining('Scrieți adresa serverului echipei') });
    expect(parseServerAddress('https://ana:secret@pla.local')).toEqual({ ok: false, message: expect.stringContaining('nu conține nume de utilizator') });
  });
});

describe('fingerprints', () => {
  it('reads as openssl and browsers show them, and accepts them pasted in any form', () => {
    const a = selfSigned();
    const der = Buffer.from(a.cert.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(fingerprintOf(der)).toBe(a.opensslFingerprint);
    expect(normalizeFingerprint(a.opensslFingerprint.replace(/:/g, '').toLowerCase())).toBe(a.opensslFingerprint);
    expect(normalizeFingerprint('AB:CD')).toBeNull();
  });
});

const FILE_ID = '0190a0b0-0000-7000-8000-000000000001';

describe('a TLS client pinned to a certificate', () => {
  const city = selfSigned('DNS:pla.primariatm.local');
  const other = selfSigned('DNS:pla.primariatm.local');
  let server: https.Server;
  let port = 0;
  let requests = 0;

  beforeAll(async () => {
    server = https.createServer({ cert: city.cert, key: city.key }, (req, res) => {
      requests++;
      if (req.url?.startsWith('/files/')) {
        if (req.url !== `/files/export/${FILE_ID}?token=tok` || req.headers.cookie !== 'pla_sid_1=s') {
          res.writeHead(404, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: 'file not found' } }));
        }
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="Registrul riscurilor.xlsx"; filename*=UTF-8''${encodeURIComponent('Registrul riscurilor – Timișoara.xlsx')}`,
        });
        return res.end('xlsx-bytes');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, value: 'hello' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('first connection: reads the self-signed certificate for the user to confirm, sending nothing', async () => {
    const before = requests;
    const seen = await fetchServerCertificate('127.0.0.1', port);
    expect(seen.fingerprint).toBe(city.opensslFingerprint);
    expect(seen.subject).toBe('pla.primariatm.local');
    expect(seen.pem).toContain('BEGIN CERTIFICATE');
    expect(requests).toBe(before);
  });

  it('the right pin is accepted — by address, though the certificate names another host, and without the system trust store', async () => {
    const seen = await fetchServerCertificate('127.0.0.1', port);
    const client = createRemoteClient({ mode: 'team', origin: `https://127.0.0.1:${port}`, token: null, fingerprint: seen.fingerprint, certPem: seen.pem });
    try {
      expect(await client.call('admin.status', {}, { cookie: null })).toEqual({ ok: true, value: 'hello' });
    } finally {
      client.close();
    }
  });

  it('a wrong pin is refused before any request reaches the server, and the user is told the certificate changed', async () => {
    const before = requests;
    const mismatches: PinMismatchError[] = [];
    const der = Buffer.from(other.cert.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const client = createRemoteClient(
      { mode: 'team', origin: `https://127.0.0.1:${port}`, token: null, fingerprint: fingerprintOf(der), certPem: other.cert },
      { onPinMismatch: (e) => mismatches.push(e) },
    );
    try {
      const r = await client.call('admin.status', {}, { cookie: 'pla_sid_1=secret-session' });
      expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { network: true, certificate: 'changed' } } });
      expect(requests).toBe(before);
      expect(mismatches).toHaveLength(1);
      expect(mismatches[0].expected).toBe(other.opensslFingerprint);
      expect(mismatches[0].actual).toBe(city.opensslFingerprint);
      const text = pinMismatchMessage(`https://127.0.0.1:${port}`, mismatches[0].expected, mismatches[0].actual);
      expect(text).toContain('Conexiunea la https://127.0.0.1:');
      expect(text).toContain('alt certificat decât cel confirmat');
      expect(text).toContain(city.opensslFingerprint);
    } finally {
      client.close();
    }
  });

  it('a file the server offers is streamed where the user chooses, under the server’s name; cancelling writes nothing', async () => {
    const seen = await fetchServerCertificate('127.0.0.1', port);
    const client = createRemoteClient({ mode: 'team', origin: `https://127.0.0.1:${port}`, token: 'tok', fingerprint: seen.fingerprint, certPem: seen.pem });
    const dir = tmp('download');
    try {
      const offered: string[] = [];
      const saved = await client.download(`/files/export/${FILE_ID}`, { cookie: 'pla_sid_1=s' }, async (name) => (offered.push(name), path.join(dir, name)));
      expect(offered).toEqual(['Registrul riscurilor – Timișoara.xlsx']);
      expect(saved).toEqual({ ok: true, value: { savedTo: path.join(dir, 'Registrul riscurilor – Timișoara.xlsx') } });
      expect(fs.readFileSync(path.join(dir, 'Registrul riscurilor – Timișoara.xlsx'), 'utf8')).toBe('xlsx-bytes');
      expect(await client.download(`/files/export/${FILE_ID}`, { cookie: 'pla_sid_1=s' }, async () => null)).toEqual({ ok: true, value: { savedTo: null } });
      expect(fs.readdirSync(dir)).toEqual(['Registrul riscurilor – Timișoara.xlsx']);
      // Another user's session (or none): the server's refusal, nothing written.
      expect(await client.download(`/files/export/${FILE_ID}`, { cookie: null }, async () => path.join(dir, 'x'))).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const before = requests;
      expect(await client.download('/api/admin.listUsers', { cookie: 'pla_sid_1=s' }, async () => path.join(dir, 'y'))).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(requests).toBe(before);
      expect(fs.readdirSync(dir)).toEqual(['Registrul riscurilor – Timișoara.xlsx']);
    } finally {
      client.close();
    }
  });

  it('verification stays on for everything else in the process: the global agent still refuses the self-signed certificate', async () => {
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
      https
        .get(`https://127.0.0.1:${port}/`, (res) => resolve(Object.assign(new Error(`answered ${res.statusCode}`), { code: 'ANSWERED' })))
        .on('error', resolve);
    });
    expect(err.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});

describe('main forwards contract calls to the team server', () => {
  const cert = selfSigned('DNS:pla.primariatm.local,IP:127.0.0.1');
  let core: Core;
  let server: RunningServer;

  beforeAll(async () => {
    const dataDir = tmp('data');
    const staticDir = tmp('static');
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PLA Desk</title>');
    core = await createCore({ dataDir, platform: headlessPlatform('browser') });
    const r = await core.call(
      'admin.saveUser',
      { username: 'ana', displayName: 'Ana Pop', role: 'member', password: 'parolă-sigură-2026', active: true },
      { sessionId: null, system: true },
    );
    expect(r.ok).toBe(true);
    server = await startServer({ dataDir, port: 0, staticDir, core, tls: { cert: cert.cert, key: cert.key } });
  });
  afterAll(async () => {
    await server?.close();
    await core?.close();
  });

  it('signs in, calls with the session cookie held in main, and signs out', async () => {
    const seen = await fetchServerCertificate('127.0.0.1', server.port);
    const client = createRemoteClient({
      mode: 'team',
      origin: `https://127.0.0.1:${server.port}`,
      token: server.token,
      fingerprint: seen.fingerprint,
      certPem: seen.pem,
    });
    const jar: CookieJar = { cookie: null };
    try {
      expect(await client.call('plan.listCommitments', {}, jar)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(await client.call('admin.login', { username: 'ana', password: 'parolă-sigură-2026' }, jar)).toMatchObject({
        ok: true,
        value: { username: 'ana' },
      });
      expect(jar.cookie).toMatch(new RegExp(`^${server.cookieName}=[A-Za-z0-9_-]+$`));
      const list = await client.call('plan.listCommitments', {}, jar);
      expect(list.ok && (list.value as { code: string }[]).map((c) => c.code)).toEqual(['A1', 'A2', 'A3', 'A4']);
      expect(await client.call('admin.listUsers', {}, jar)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await client.call('admin.logout', {}, jar)).toMatchObject({ ok: true });
      expect(jar.cookie).toBeNull();
    } finally {
      client.close();
    }
  });

  it('connects by address alone (no token): signs in with the account, and each call carries the CSRF token of its session', async () => {
    const seen = await fetchServerCertificate('127.0.0.1', server.port);
    const client = createRemoteClient({
      mode: 'team',
      origin: `https://127.0.0.1:${server.port}`,
      token: null,
      fingerprint: seen.fingerprint,
      certPem: seen.pem,
    });
    const jar: CookieJar = { cookie: null };
    try {
      expect(await client.call('admin.login', { username: 'ana', password: 'parolă-sigură-2026' }, jar)).toMatchObject({
        ok: true,
        value: { username: 'ana' },
      });
      const afterSignIn = jar.csrf;
      expect(afterSignIn).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const list = await client.call('plan.listCommitments', {}, jar);
      expect(list.ok && (list.value as { code: string }[]).map((c) => c.code)).toEqual(['A1', 'A2', 'A3', 'A4']);
      // A forged token is refused by the server, as a page on another site would be.
      jar.csrf = 'x'.repeat(43);
      expect(await client.call('plan.listCommitments', {}, jar)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      client.close();
    }
  });

  it('an evidence file uploaded from the desktop app reaches the server whole and comes back byte for byte', async () => {
    const seen = await fetchServerCertificate('127.0.0.1', server.port);
    const client = createRemoteClient({
      mode: 'team',
      origin: `https://127.0.0.1:${server.port}`,
      token: server.token,
      fingerprint: seen.fingerprint,
      certPem: seen.pem,
    });
    const jar: CookieJar = { cookie: null };
    const dir = tmp('evidence');
    try {
      expect(await client.call('admin.login', { username: 'ana', password: 'parolă-sigură-2026' }, jar)).toMatchObject({ ok: true });
      const actions = await client.call('plan.listActions', {}, jar);
      const action = (actions.ok ? (actions.value as { id: string; code: string }[]) : []).find((a) => a.code === 'A1.1')!;
      // Near the 10 MB evidence limit: the request body is ~13 MB of JSON over the pinned link.
      const bytes = Buffer.alloc(9 * 1024 * 1024 + 123);
      for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
      const saved = await client.call(
        'plan.addProgressUpdate',
        {
          actionId: action.id,
          date: '2026-12-01',
          progress: 40,
          note: 'Proces-verbal semnat',
          evidence: [{ fileName: 'proces-verbal ședință.pdf', mimeType: 'application/pdf', contentBase64: bytes.toString('base64') }],
        },
        jar,
      );
      if (!saved.ok) throw new Error(saved.error.message);
      const file = (saved.value as { evidence: { id: string; size: number; fileName: string }[] }).evidence[0];
      expect(file).toMatchObject({ fileName: 'proces-verbal ședință.pdf', size: bytes.length });
      const offer = await client.call('files.deliver', { kind: 'attachment', id: file.id }, jar);
      if (!offer.ok) throw new Error(offer.error.message);
      const got = await client.download((offer.value as { downloadPath: string }).downloadPath, jar, async (name) => path.join(dir, name));
      expect(got).toEqual({ ok: true, value: { savedTo: path.join(dir, 'proces-verbal ședință.pdf') } });
      expect(fs.readFileSync(path.join(dir, 'proces-verbal ședință.pdf')).equals(bytes)).toBe(true);
    } finally {
      client.close();
    }
  });

  it("main's IPC dispatcher forwards each window's calls with its own sign-in; a closed window is signed out on the server", async () => {
    const seen = await fetchServerCertificate('127.0.0.1', server.port);
    const origin = `https://127.0.0.1:${server.port}`;
    const client = createRemoteClient({ mode: 'team', origin, token: server.token, fingerprint: seen.fingerprint, certPem: seen.pem });
    const dispatcher = createDispatcher(createRemoteCore(client, origin));
    const frame = (id: number) => ({ id, frameUrl: 'app://pla-desk/index.html', isMainFrame: true });
    try {
      const sessions = core.sessionCount();
      expect(await dispatcher.dispatch('admin.login', frame(1), { username: 'ana', password: 'parolă-sigură-2026' })).toMatchObject({ ok: true });
      expect(await dispatcher.dispatch('admin.status', frame(1), {})).toMatchObject({
        ok: true,
        value: { user: { username: 'ana' }, mode: 'electron', server: `127.0.0.1:${server.port}` },
      });
      expect(await dispatcher.dispatch('admin.status', frame(2), {})).toMatchObject({ ok: true, value: { user: null } });
      // The contract's checks run in main before anything leaves the PC.
      expect(await dispatcher.dispatch('jobs.get', frame(1), { id: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await dispatcher.dispatch('admin.status', { id: 1, frameUrl: 'https://evil.example/', isMainFrame: true }, {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(core.sessionCount()).toBe(sessions + 1);
      await dispatcher.release(1);
      expect(core.sessionCount()).toBe(sessions);
    } finally {
      client.close();
    }
  });

  it('choosing the server: the certificate shown is the one pinned; a certificate swapped between the two steps is refused', async () => {
    const probe = await probeServer(`127.0.0.1:${server.port}`);
    expect(probe).toMatchObject({ ok: true, origin: `https://127.0.0.1:${server.port}`, certificate: { fingerprint: cert.opensslFingerprint } });
    const ok = await confirmServer(`https://127.0.0.1:${server.port}/?token=${server.token}`, cert.opensslFingerprint);
    expect(ok).toEqual({
      ok: true,
      settings: {
        mode: 'team',
        origin: `https://127.0.0.1:${server.port}`,
        token: server.token,
        fingerprint: cert.opensslFingerprint,
        certPem: expect.stringContaining('BEGIN CERTIFICATE'),
      },
    });
    const swapped = await confirmServer(`127.0.0.1:${server.port}`, `AB${':AB'.repeat(31)}`);
    expect(swapped).toEqual({ ok: false, message: expect.stringContaining('prezintă acum alt certificat decât cel pe care l-ați confirmat') });
    expect(await probeServer('http://127.0.0.1:1')).toEqual({ ok: false, message: expect.stringContaining('doar prin HTTPS') });
    expect(await probeServer('127.0.0.1:1')).toEqual({
      ok: false,
      message: 'Serverul 127.0.0.1:1 refuză conexiunea: PLA Desk nu rulează acolo sau portul este altul. Verificați adresa și că serverul este pornit.',
    });
  });

  it('a server that is down is a network failure, said as such (the app shows its banner and retries)', async () => {
    const seen = await fetchServerCertificate('127.0.0.1', server.port);
    const dead = createRemoteClient({ mode: 'team', origin: 'https://127.0.0.1:1', token: null, fingerprint: seen.fingerprint, certPem: seen.pem });
    try {
      expect(await dead.call('admin.status', {}, { cookie: null })).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { network: true } } });
    } finally {
      dead.close();
    }
  });
});

describe('the proxy request', () => {
  it('carries the token and the window cookie, JSON only', () => {
    expect(buildApiRequest({ origin: 'https://pla.local:8443', token: 'tok' }, 'risks.save', { a: 1 }, { cookie: 'pla_sid_8443=abc' })).toEqual({
      url: 'https://pla.local:8443/api/risks.save',
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer tok', cookie: 'pla_sid_8443=abc' },
      body: '{"a":1}',
    });
    expect(buildApiRequest({ origin: 'https://pla.local', token: null }, 'admin.status', undefined, { cookie: null }).headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(buildApiRequest({ origin: 'https://pla.local', token: null }, 'risks.save', {}, { cookie: 'pla_sid_443=abc', csrf: 'c5rf' }).headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      'x-pla-csrf': 'c5rf',
      cookie: 'pla_sid_443=abc',
    });
  });

  it('keeps only the session cookie, and forgets it at sign-out', () => {
    const jar: CookieJar = { cookie: null };
    applySetCookie(jar, ['tracker=1; Path=/', 'pla_sid_8443=abc; Path=/; HttpOnly; Secure; SameSite=Strict']);
    expect(jar.cookie).toBe('pla_sid_8443=abc');
    applySetCookie(jar, 'pla_sid_8443=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0');
    expect(jar.cookie).toBeNull();
  });

  it('a proxy page while the server restarts is a network failure; other non-API answers are errors by status', () => {
    expect(resultOf(502, '<html>Bad gateway</html>')).toMatchObject({ ok: false, error: { details: { network: true } } });
    expect(resultOf(401, '')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(resultOf(200, '{"ok":true,"value":3}')).toEqual({ ok: true, value: 3 });
  });
});
