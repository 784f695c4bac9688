import { describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../electron/core/types';
import { createDispatcher, type SenderInfo } from '../../electron/main/ipc-dispatch';

const trusted = (id = 1): SenderInfo => ({ id, frameUrl: 'app://pla-desk/index.html#/plan', isMainFrame: true });

function fakeCore() {
  const calls: { method: string; input: unknown; conn: Connection }[] = [];
  const core = {
    call: vi.fn(async (method: string, input: unknown, conn: Connection) => {
      calls.push({ method, input, conn });
      if (method === 'admin.login') conn.sessionId = 'sess-1';
      if (method === 'admin.logout') conn.sessionId = null;
      return { ok: true as const, value: { method } };
    }),
  };
  return { core, calls };
}

describe('ipc dispatcher', () => {
  it('passes a valid call to core with the sender connection', async () => {
    const { core, calls } = fakeCore();
    const d = createDispatcher(core);
    const input = { username: 'coord', password: 'parola-sigura-123' };
    const r = await d.dispatch('admin.login', trusted(7), input);
    expect(r).toEqual({ ok: true, value: { method: 'admin.login' } });
    expect(calls).toHaveLength(1);
    expect(calls[0].input).toBe(input);
    expect(calls[0].conn).toBe(d.connectionFor(7));
    expect(d.connectionFor(7).sessionId).toBe('sess-1');
  });

  it('keeps one connection per webContents', async () => {
    const { core, calls } = fakeCore();
    const d = createDispatcher(core);
    await d.dispatch('admin.status', trusted(1), {});
    await d.dispatch('admin.status', trusted(1), {});
    await d.dispatch('admin.status', trusted(2), {});
    expect(calls[0].conn).toBe(calls[1].conn);
    expect(calls[0].conn).not.toBe(calls[2].conn);
    expect(d.size()).toBe(2);
  });

  it.each<[string, Partial<SenderInfo>]>([
    ['a foreign origin', { frameUrl: 'https://evil.example/' }],
    ['a look-alike host', { frameUrl: 'app://pla-desk.evil/index.html' }],
    ['file://', { frameUrl: 'file:///work/main/out/renderer/index.html' }],
    ['a destroyed frame', { frameUrl: null }],
    ['an iframe of the app', { isMainFrame: false }],
  ])('refuses %s without calling core', async (_label, patch) => {
    const { core } = fakeCore();
    const d = createDispatcher(core);
    const r = await d.dispatch('admin.status', { ...trusted(), ...patch }, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.call).not.toHaveBeenCalled();
    expect(d.size()).toBe(0);
  });

  it('refuses unknown methods, including prototype keys', async () => {
    const { core } = fakeCore();
    const d = createDispatcher(core);
    for (const m of ['admin.dropDatabase', '__proto__', 'constructor', 'toString']) {
      expect(await d.dispatch(m, trusted(), {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(core.call).not.toHaveBeenCalled();
  });

  it('returns VALIDATION naming the field, and core is never reached', async () => {
    const { core } = fakeCore();
    const d = createDispatcher(core);
    const r = await d.dispatch('admin.login', trusted(), { username: '', password: 'x' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.details?.issues?.map((i) => i.field)).toContain('username');
    expect(core.call).not.toHaveBeenCalled();
  });

  it('rejects unknown keys (strict schemas) and non-object input', async () => {
    const { core } = fakeCore();
    const d = createDispatcher(core);
    const extra = await d.dispatch('admin.status', trusted(), { sql: 'DROP TABLE users' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    for (const bad of [undefined, null, 'x', 42, []]) {
      expect(await d.dispatch('jobs.get', trusted(), bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(core.call).not.toHaveBeenCalled();
  });

  it('turns a throwing core into INTERNAL', async () => {
    const core = { call: vi.fn(async () => Promise.reject(new Error('disk on fire'))) };
    const d = createDispatcher(core);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await d.dispatch('admin.status', trusted(), {});
    spy.mockRestore();
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
  });

  it('signs the session out when its webContents goes away', async () => {
    const { core, calls } = fakeCore();
    const d = createDispatcher(core);
    await d.dispatch('admin.login', trusted(3), { username: 'coord', password: 'parola-sigura-123' });
    await d.release(3);
    expect(calls.map((c) => c.method)).toEqual(['admin.login', 'admin.logout']);
    expect(d.has(3)).toBe(false);
    await d.release(99); // unknown id: nothing to do
    expect(calls).toHaveLength(2);
  });
});
