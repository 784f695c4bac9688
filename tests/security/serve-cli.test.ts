import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { request, serve, tempDir } from './helpers';
import { selfSignedCertificate } from '../certificates';

/** Issue 13 point 3 (the server's command line) and the TLS parts: `pla-desk serve` through the CLI and in-process. */

const BIN = path.resolve('bin/pla-desk.js');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** A self-signed certificate for localhost and 127.0.0.1, made for this test. */
function selfSigned() {
  const { cert, key } = selfSignedCertificate(tempDir(), 'DNS:pla.primariatm.local,DNS:localhost,IP:127.0.0.1');
  return { cert, key, pem: fs.readFileSync(cert) };
}

function staticDir() {
  const d = tempDir();
  fs.writeFileSync(path.join(d, 'index.html'), '<!doctype html><title>PLA Desk</title>');
  return d;
}

/** Starts `pla-desk serve …` and resolves with the URL it prints (the caller stops it). */
function startCli(args: string[]): Promise<{ url: string; out: string; stop: () => void }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out} ${err}`)), 100_000);
    child.stdout.on('data', (c) => {
      out += c;
      const m = /PLA Desk: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], out, stop: () => child.kill('SIGTERM') });
      }
    });
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

describe('pla-desk serve', () => {
  it('names --listen, --tls-cert, --tls-key and --database in its help', () => {
    const r = cli(['serve', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--listen HOST:PORT', '--tls-cert FILE', '--tls-key FILE', '--database URL']) expect(r.out).toContain(flag);
  }, 120_000);

  it('refuses a non-loopback address without TLS (with a PostgreSQL store too), a store URL it does not know and half a TLS pair, each with one line', () => {
    const dir = tempDir();
    const cases: Array<[string[], RegExp]> = [
      [['--listen', '0.0.0.0:0', '--data-dir', dir], /needs --tls-cert FILE and --tls-key FILE/],
      [['--listen', '192.168.1.10:8443', '--data-dir', dir], /needs --tls-cert/],
      [['--listen', '0.0.0.0:0', '--database', 'postgres://pla:secret@db.local/pla', '--data-dir', dir], /needs --tls-cert FILE and --tls-key FILE/],
      [['--database', 'mysql://pla:secret@db.local/pla', '--data-dir', dir], /must be sqlite:DIR \(the data folder\) or postgres:\/\/USER@HOST\/DATABASE/],
      [['--listen', '127.0.0.1:0', '--tls-cert', 'c.pem', '--data-dir', dir], /--tls-cert and --tls-key go together/],
      [['--listen', 'nonsense', '--data-dir', dir], /--listen must be HOST:PORT/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(['serve', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      // One line (besides the one-time note when the command line was just rebuilt from changed sources).
      expect(
        r.err
          .trim()
          .split('\n')
          .filter((l) => !/^PLA Desk: building the command line/.test(l)),
        args.join(' '),
      ).toHaveLength(1);
      expect(r.err).toMatch(msg);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 300_000);

  it('serves HTTPS on any address with a certificate, from --database sqlite:DIR, and the host check accepts the certificate’s names', async () => {
    const { cert, key, pem } = selfSigned();
    const dir = tempDir();
    const srv = await startCli(['--listen', '0.0.0.0:0', '--tls-cert', cert, '--tls-key', key, '--database', `sqlite:${dir}`, '--static-dir', staticDir()]);
    try {
      // Each person signs in with their own account: the address IT hands out is the plain one, no token in it.
      expect(srv.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
      expect(srv.out).not.toContain('token=');
      // The fingerprint a desktop client pins, as openssl shows it to IT.
      const fingerprint = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).trim().split('=')[1];
      expect(srv.out).toContain(fingerprint);
      const u = new URL(srv.url);
      const page = await request(`https://127.0.0.1:${u.port}`, '/', { ca: pem });
      expect(page.status).toBe(200);
      expect(page.headers['strict-transport-security']).toBeTruthy();
      const named = await request(`https://127.0.0.1:${u.port}`, '/', { ca: pem, headers: { host: `pla.primariatm.local:${u.port}` } });
      expect(named.status).toBe(200);
      const other = await request(`https://127.0.0.1:${u.port}`, '/', { ca: pem, headers: { host: `evil.example:${u.port}` } });
      expect(other.status).toBe(403);
      expect(fs.existsSync(path.join(dir, 'pla-desk.db'))).toBe(true);
      // Team mode keeps its token across restarts (for scripts and older desktop clients), readable by the server's
      // account only; a client that sends it is let through.
      const kept = path.join(dir, 'server-token');
      expect(fs.statSync(kept).mode & 0o077).toBe(0);
      const token = fs.readFileSync(kept, 'utf8').trim();
      const withToken = await request(`https://127.0.0.1:${u.port}`, '/api/admin.status', {
        ca: pem,
        method: 'POST',
        body: '{}',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      expect(withToken.status).toBe(200);
      const wrong = await request(`https://127.0.0.1:${u.port}`, '/api/admin.status', {
        ca: pem,
        method: 'POST',
        body: '{}',
        headers: { authorization: `Bearer x${token}`, 'content-type': 'application/json' },
      });
      expect(wrong.status).toBe(401);
    } finally {
      srv.stop();
    }
  }, 120_000);

  it('on loopback without TLS (local browser mode) prints its address with the per-run token, which every call needs', async () => {
    const srv = await startCli(['--port', '0', '--data-dir', tempDir(), '--static-dir', staticDir()]);
    try {
      expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
      const u = new URL(srv.url);
      const without = await request(`http://127.0.0.1:${u.port}`, '/api/plan.listCommitments', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(without.status).toBe(401);
    } finally {
      srv.stop();
    }
  }, 120_000);

  it('under TLS the session cookie is Secure, HttpOnly and SameSite=Strict, and a cross-site POST is refused', async () => {
    const { cert, key, pem } = selfSigned();
    const s = await serve({ tls: { cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, ca: pem });
    const ana = await s.user('coordinator');
    expect(ana.lastSetCookie).toMatch(/; HttpOnly/);
    expect(ana.lastSetCookie).toMatch(/; SameSite=Strict/);
    expect(ana.lastSetCookie).toMatch(/; Secure/);
    expect((await ana.call('plan.listCommitments')).body.ok).toBe(true);
    const cross = await ana.call(
      'admin.saveUser',
      { username: 'intrus', displayName: 'Intrus', role: 'coordinator', password: 'parola-sigura-123', active: true },
      { origin: 'https://evil.example' },
    );
    expect(cross.status).toBe(403);
    expect((await ana.ok('admin.listUsers')).map((u: { username: string }) => u.username)).not.toContain('intrus');
  });

  it('refuses, in-process too, to listen beyond loopback without TLS', async () => {
    await expect(serve({ host: '0.0.0.0' })).rejects.toThrow(/needs --tls-cert and --tls-key/);
  });
});
