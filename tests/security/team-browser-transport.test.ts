import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, SYSTEM } from '../db/helpers';
import { PASSWORD, serve } from './helpers';

/**
 * The renderer's HTTP transport against a team server opened at its plain address (no `?token=`): it fetches its
 * CSRF token, signs in, picks up the session's new token from the sign-in answer, and saves. A browser is played
 * by a fetch that keeps cookies; the transport's code is the one the page runs.
 */

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('the browser transport on a team server without the token', () => {
  it('signs in with the account and saves; every POST carried x-pla-csrf and no Authorization', async () => {
    const s = await serve({ team: true });
    await ok(s.server.core, 'admin.saveUser', { username: 'ana', displayName: 'Ana', role: 'coordinator', password: PASSWORD, active: true }, SYSTEM);
    const storage = new Map<string, string>();
    vi.stubGlobal('window', {
      location: { href: `${s.base}/` },
      sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
      history: { state: null, replaceState: () => {} },
    });
    let cookie: string | null = null;
    const posts: Record<string, string>[] = [];
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (cookie) headers.set('cookie', cookie);
      // What a browser adds to a same-origin request.
      headers.set('origin', s.base);
      headers.set('sec-fetch-site', 'same-origin');
      if (init.method === 'POST') posts.push(Object.fromEntries(headers));
      const res = await realFetch(`${s.base}${input}`, { ...init, headers });
      const set = res.headers.get('set-cookie');
      if (set) cookie = /max-age=0/i.test(set) ? null : set.split(';')[0];
      return res;
    });
    const { browserTransport } = await import('../../renderer/src/api/transport');
    const t = browserTransport();
    expect(await t.call('admin.login', { username: 'ana', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await t.call('admin.saveUser', { username: 'maria', displayName: 'Maria', role: 'member', password: PASSWORD, active: true })).toMatchObject({
      ok: true,
    });
    expect((await ok(s.server.core, 'admin.listUsers', {}, SYSTEM)).map((u: { username: string }) => u.username)).toContain('maria');
    expect(posts).toHaveLength(2);
    for (const h of posts) {
      expect(h['x-pla-csrf']).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(h.authorization).toBeUndefined();
    }
    // The second call used the token of the signed-in session, not the one handed out before.
    expect(posts[1]['x-pla-csrf']).not.toBe(posts[0]['x-pla-csrf']);
  });
});
