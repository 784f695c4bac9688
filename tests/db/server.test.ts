import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../electron/server';
import { snapshot, tempDir } from './helpers';

async function serve() {
  const dataDir = tempDir();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PLA Desk</title>');
  const server = await startServer({ dataDir, port: 0, staticDir });
  const base = `http://127.0.0.1:${server.port}`;
  const api = async (method: string, input: unknown, opts: { token?: string | null; cookie?: string } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? server.token}`;
    const r = await fetch(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
    return { status: r.status, body: (await r.json()) as any, setCookie: r.headers.get('set-cookie') };
  };
  return { server, base, api, dataDir, close: () => server.close() };
}

describe('browser mode server', () => {
  it('prints a 127.0.0.1 URL with a token and refuses every API call without it', async () => {
    const s = await serve();
    try {
      expect(s.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+$/);
      expect(await s.api('admin.status', {}, { token: null })).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED' } } });
      expect(await s.api('admin.status', {}, { token: 'wrong' })).toMatchObject({ status: 401 });
      expect(await s.api('admin.status', {})).toMatchObject({ status: 200, body: { ok: true, value: { hasUsers: false, mode: 'browser' } } });
    } finally {
      await s.close();
    }
  });

  it('binds sign-in to the session cookie the server sets, not to anything the client names', async () => {
    const s = await serve();
    try {
      await s.api('admin.setupFirstCoordinator', { username: 'ana.pop', displayName: 'Ana Pop', password: 'parola-sigura-123' });
      const login = await s.api('admin.login', { username: 'ana.pop', password: 'parola-sigura-123' });
      expect(login.body.ok).toBe(true);
      const cookie = login.setCookie!.split(';')[0];
      expect((await s.api('plan.listCommitments', {}, { cookie })).body.value).toHaveLength(4);
      expect((await s.api('plan.listCommitments', {})).body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    } finally {
      await s.close();
    }
  });

  it('answers bad JSON and unknown methods with clear errors, writing nothing', async () => {
    const s = await serve();
    try {
      const before = await snapshot(s.dataDir);
      const r = await fetch(`${s.base}/api/admin.setupFirstCoordinator`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.server.token}`, 'content-type': 'application/json' },
        body: '{not json',
      });
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect((await s.api('plan.nope', {})).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const weak = await s.api('admin.setupFirstCoordinator', { username: 'ana', displayName: 'Ana', password: 'scurta' });
      expect(weak.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'password' }] } } });
      expect(await snapshot(s.dataDir)).toEqual(before);
    } finally {
      await s.close();
    }
  });

  it('serves the interface with a CSP, refuses other hosts and path traversal', async () => {
    const s = await serve();
    try {
      const page = await fetch(`${s.base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect((await fetch(`${s.base}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
      const status = await new Promise<number>((resolve) => {
        http.get({ host: '127.0.0.1', port: s.server.port, path: '/', headers: { host: 'evil.example:80' } }, (res) => resolve(res.statusCode ?? 0));
      });
      expect(status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it('holds the data folder: a second server on it is refused', async () => {
    const s = await serve();
    try {
      await expect(startServer({ dataDir: s.dataDir, port: 0, staticDir: s.dataDir })).rejects.toThrow(/already running/);
    } finally {
      await s.close();
    }
  });
});
