/**
 * The Electron-touching modules (preload, security guard, IPC wiring) with `electron` replaced by a
 * vi.mock factory: the real package — which downloads its binary on first value import — is never loaded.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../electron/contract';

const m = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const rendererListeners = new Map<string, Set<(...a: unknown[]) => void>>();
  return {
    exposed,
    handlers,
    rendererListeners,
    invoke: (..._a: unknown[]): Promise<unknown> => Promise.resolve({ ok: true, value: null }),
    openExternal: (..._a: unknown[]): Promise<void> => Promise.resolve(),
    windows: [] as unknown[],
    appListeners: new Map<string, (...a: unknown[]) => void>(),
  };
});

vi.mock('electron', () => {
  const invoke = vi.fn((...a: unknown[]) => m.invoke(...a));
  const openExternal = vi.fn((...a: unknown[]) => m.openExternal(...a));
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => m.exposed.set(key, api) },
    ipcRenderer: {
      invoke,
      on: (ch: string, l: (...a: unknown[]) => void) => {
        if (!m.rendererListeners.has(ch)) m.rendererListeners.set(ch, new Set());
        m.rendererListeners.get(ch)!.add(l);
      },
      removeListener: (ch: string, l: (...a: unknown[]) => void) => m.rendererListeners.get(ch)?.delete(l),
    },
    ipcMain: {
      handle: (ch: string, h: (event: unknown, input: unknown) => unknown) => {
        if (m.handlers.has(ch)) throw new Error(`second handler for ${ch}`);
        m.handlers.set(ch, h);
      },
      removeHandler: (ch: string) => m.handlers.delete(ch),
    },
    shell: { openExternal },
    app: { on: (ev: string, l: (...a: unknown[]) => void) => m.appListeners.set(ev, l) },
    session: { defaultSession: {} },
    BrowserWindow: { getAllWindows: () => m.windows },
  };
});

describe('preload (electron/preload/index.ts)', () => {
  beforeEach(async () => {
    vi.resetModules();
    m.exposed.clear();
    m.rendererListeners.clear();
    (globalThis as Record<string, unknown>).__PLA_METHOD_NAMES__ = METHOD_NAMES;
    await import('../../electron/preload/index');
  });

  it('exposes exactly plaApi and plaEvents', () => {
    expect([...m.exposed.keys()].sort()).toEqual(['plaApi', 'plaEvents']);
  });

  it('plaApi has one function per contract method and nothing else', () => {
    const api = m.exposed.get('plaApi') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(typeof api[name]).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('each method invokes its own pla:<method> channel with the input only', async () => {
    const electron = await import('electron');
    const invoke = vi.mocked(electron.ipcRenderer.invoke);
    invoke.mockClear();
    const api = m.exposed.get('plaApi') as Record<string, (i: unknown) => Promise<unknown>>;
    await api['plan.listCommitments']({ includeDeleted: true });
    await api['admin.status']({});
    expect(invoke.mock.calls).toEqual([
      ['pla:plan.listCommitments', { includeDeleted: true }],
      ['pla:admin.status', {}],
    ]);
  });

  it('plaEvents.onEvent forwards the payload, never the IPC event, and unsubscribes', () => {
    const events = m.exposed.get('plaEvents') as { onEvent(cb: (e: unknown) => void): () => void };
    const got: unknown[][] = [];
    const off = events.onEvent((...args: unknown[]) => got.push(args));
    const listeners = [...(m.rendererListeners.get('pla:event') ?? [])];
    expect(listeners).toHaveLength(1);
    const payload = { type: 'job', job: { id: 'j1' } };
    listeners[0]({ sender: 'the ipcRenderer' }, payload);
    expect(got).toEqual([[payload]]);
    off();
    expect(m.rendererListeners.get('pla:event')?.size).toBe(0);
    expect(() => events.onEvent('not a function' as never)).toThrow(TypeError);
  });
});

describe('preload on the connection chooser (app://pla-desk/connect.html)', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).location;
  });

  it('exposes only plaConnect — probe and choose on their own channels — and none of the contract', async () => {
    vi.resetModules();
    m.exposed.clear();
    (globalThis as Record<string, unknown>).__PLA_METHOD_NAMES__ = METHOD_NAMES;
    (globalThis as Record<string, unknown>).location = { href: 'app://pla-desk/connect.html' };
    await import('../../electron/preload/index');
    expect([...m.exposed.keys()]).toEqual(['plaConnect']);
    const connect = m.exposed.get('plaConnect') as Record<string, (i: unknown) => Promise<unknown>>;
    expect(Object.keys(connect).sort()).toEqual(['choose', 'probe']);
    expect(Object.isFrozen(connect)).toBe(true);
    const electron = await import('electron');
    const invoke = vi.mocked(electron.ipcRenderer.invoke);
    invoke.mockClear();
    await connect.probe('pla.primariatm.local:8443');
    await connect.choose({ mode: 'local' });
    expect(invoke.mock.calls).toEqual([
      ['pla-connect:probe', 'pla.primariatm.local:8443'],
      ['pla-connect:choose', { mode: 'local' }],
    ]);
  });

  it('any other page of the app gets the contract, never plaConnect', async () => {
    vi.resetModules();
    m.exposed.clear();
    (globalThis as Record<string, unknown>).location = { href: 'app://pla-desk/index.html#/connect.html' };
    await import('../../electron/preload/index');
    expect([...m.exposed.keys()].sort()).toEqual(['plaApi', 'plaEvents']);
  });
});

function fakeContents() {
  const ee = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return Object.assign(ee, {
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => {
      openHandler = h;
    },
    open: (url: string) => openHandler!({ url }),
  });
}

const navEvent = (url: string) => ({ url, preventDefault: vi.fn() });

describe('security guard (electron/main/security.ts)', () => {
  it('blocks navigation away from app://pla-desk', async () => {
    const { guardWebContents } = await import('../../electron/main/security');
    const wc = fakeContents();
    guardWebContents(wc as never);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const ch of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const ok = navEvent('app://pla-desk/index.html#/risks');
      wc.emit(ch, ok);
      expect(ok.preventDefault).not.toHaveBeenCalled();
      for (const bad of ['https://evil.example/', 'file:///etc/passwd', 'app://pla-desk.evil/']) {
        const e = navEvent(bad);
        wc.emit(ch, e);
        expect(e.preventDefault).toHaveBeenCalled();
      }
    }
    warn.mockRestore();
  });

  it('denies every new window and opens only https links externally', async () => {
    const electron = await import('electron');
    const openExternal = vi.mocked(electron.shell.openExternal);
    openExternal.mockClear();
    const { guardWebContents } = await import('../../electron/main/security');
    const wc = fakeContents();
    guardWebContents(wc as never);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(wc.open('https://www.opengovpartnership.org/members/timisoara-romania/')).toEqual({ action: 'deny' });
    expect(wc.open('file:///C:/Windows/System32/calc.exe')).toEqual({ action: 'deny' });
    expect(wc.open('app://pla-desk/index.html')).toEqual({ action: 'deny' });
    expect(wc.open('http://example.org/')).toEqual({ action: 'deny' });
    warn.mockRestore();
    expect(openExternal.mock.calls).toEqual([['https://www.opengovpartnership.org/members/timisoara-romania/']]);
  });

  it('prevents <webview> attachment', async () => {
    const { guardWebContents } = await import('../../electron/main/security');
    const wc = fakeContents();
    guardWebContents(wc as never);
    const e = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies permissions by default', async () => {
    const { hardenSession } = await import('../../electron/main/security');
    const captured: Record<string, (...a: never[]) => unknown> = {};
    const ses = Object.assign(new EventEmitter(), {
      setPermissionRequestHandler: (h: never) => (captured.request = h),
      setPermissionCheckHandler: (h: never) => (captured.check = h),
      setDevicePermissionHandler: (h: never) => (captured.device = h),
    });
    hardenSession(ses as never);
    const answer = (perm: string, url: string) => {
      let granted: boolean | undefined;
      (captured.request as (...a: unknown[]) => void)(null, perm, (g: boolean) => (granted = g), { requestingUrl: url });
      return granted;
    };
    expect(answer('media', 'app://pla-desk/index.html')).toBe(false);
    expect(answer('geolocation', 'app://pla-desk/index.html')).toBe(false);
    expect(answer('clipboard-sanitized-write', 'app://pla-desk/index.html')).toBe(true);
    expect(answer('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    const check = captured.check as (...a: unknown[]) => boolean;
    expect(check(null, 'notifications', 'app://pla-desk', { requestingUrl: 'app://pla-desk/' })).toBe(false);
    expect((captured.device as () => boolean)()).toBe(false);
  });
});

describe('IPC wiring (electron/main/ipc.ts)', () => {
  it('registers one handler per method, checks the frame, forwards events', async () => {
    m.handlers.clear();
    const { registerIpc } = await import('../../electron/main/ipc');
    let emit: ((e: unknown, audience: { userId: string | null }) => void) | null = null;
    const core = {
      call: vi.fn(async () => ({ ok: true as const, value: 'v' })),
      onEvent: (l: (e: unknown, audience: { userId: string | null }) => void) => {
        emit = l;
        return () => (emit = null);
      },
      // the window's connection is signed in as u1, an evaluator
      userOf: () => 'u1',
      roleOf: async () => 'evaluator',
    };
    const dispose = registerIpc(core as never);
    expect([...m.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((n) => `pla:${n}`).sort());

    const mainFrame = { url: 'app://pla-desk/index.html', parent: null };
    const sent: unknown[][] = [];
    const sender = Object.assign(new EventEmitter(), {
      id: 11,
      mainFrame,
      isDestroyed: () => false,
      getURL: () => mainFrame.url,
      send: (...a: unknown[]) => sent.push(a),
    });
    const h = m.handlers.get('pla:admin.status')!;
    expect(await h({ sender, senderFrame: mainFrame }, {})).toEqual({ ok: true, value: 'v' });
    expect(core.call).toHaveBeenCalledTimes(1);

    const iframe = { url: 'app://pla-desk/index.html', parent: mainFrame };
    expect(await h({ sender, senderFrame: iframe }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h({ sender, senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await m.handlers.get('pla:jobs.get')!({ sender, senderFrame: mainFrame }, { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(core.call).toHaveBeenCalledTimes(1);

    m.windows = [{ webContents: sender }];
    const ev = { type: 'job', job: { id: 'j' } };
    emit!(ev, { userId: 'u1' });
    expect(sent).toEqual([['pla:event', ev]]);
    // another user's job, or an event for nobody in particular, never reaches this window
    emit!({ type: 'job', job: { id: 'k' } }, { userId: 'u2' });
    emit!({ type: 'job', job: { id: 'l' } }, { userId: null });
    expect(sent).toEqual([['pla:event', ev]]);
    // a data-changed notice reaches the window only when its role may read the module: not the risk register
    emit!({ type: 'changed', module: 'risks' }, { userId: null, everyone: true, roles: ['coordinator', 'member', 'viewer'] } as never);
    const plan = { type: 'changed', module: 'plan' };
    emit!(plan, { userId: null, everyone: true, roles: ['coordinator', 'member', 'evaluator', 'viewer'] } as never);
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual([
      ['pla:event', ev],
      ['pla:event', plan],
    ]);

    await dispose();
    expect(m.handlers.size).toBe(0);
    expect(emit).toBeNull();
    m.windows = [];
  });
});

describe('process boundary', () => {
  it('the pure main-process modules never import electron', () => {
    for (const f of [
      'trusted-url.ts',
      'paths.ts',
      'ipc-dispatch.ts',
      'team/pin.ts',
      'team/settings.ts',
      'team/remote.ts',
      'team/remote-core.ts',
      'team/connect-flow.ts',
    ]) {
      const src = readFileSync(new URL(`../../electron/main/${f}`, import.meta.url), 'utf8');
      expect(src, f).not.toMatch(/from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)/);
    }
    const channels = readFileSync(new URL('../../electron/preload/channels.ts', import.meta.url), 'utf8');
    expect(channels).not.toMatch(/from\s+['"]electron['"]/);
  });
});
