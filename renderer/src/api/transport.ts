import type { CoreEvent, MethodName, Result } from '../../../electron/contract';
import { plaGlobals } from './window';
import { authQuery, browserSession } from './session';

/** One way to reach core: Electron IPC through the preload, or HTTP on 127.0.0.1 in browser mode. */
export interface Transport {
  mode: 'electron' | 'browser';
  call(method: MethodName, input: unknown): Promise<Result<unknown>>;
  subscribe(cb: (e: CoreEvent) => void): () => void;
  /** Browser mode: a same-origin URL for a download path, with the auth query appended. */
  downloadUrl(path: string): string;
}

const networkError = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'INTERNAL', message, details: { network: true } },
});

const isResult = (b: unknown): b is Result<unknown> => !!b && typeof b === 'object' && 'ok' in b && typeof (b as { ok: unknown }).ok === 'boolean';

export function electronTransport(): Transport {
  const g = plaGlobals();
  return {
    mode: 'electron',
    async call(method, input) {
      const fn = g.plaApi?.[method] as ((i: unknown) => Promise<Result<unknown>>) | undefined;
      if (!fn) return networkError(`unknown method ${method}`);
      try {
        return await fn(input);
      } catch (e) {
        return networkError(e instanceof Error ? e.message : String(e));
      }
    },
    subscribe(cb) {
      return g.plaEvents?.onEvent(cb) ?? (() => {});
    },
    downloadUrl: (p) => p,
  };
}

export function browserTransport(): Transport {
  const session = browserSession();
  const listeners = new Set<(e: CoreEvent) => void>();
  let source: EventSource | null = null;

  const open = () => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`/api/events?${authQuery(session)}`);
    // Refused (not signed in, session ended): the browser gives up on it; the next subscription opens a new one.
    source.onerror = () => {
      if (source && source.readyState === EventSource.CLOSED) source = null;
    };
    source.onmessage = (m) => {
      let e: CoreEvent;
      try {
        e = JSON.parse(m.data) as CoreEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(e);
    };
  };

  // Team server opened without the per-run token: each call carries the CSRF token bound to this session, which
  // every answer renews (a sign-in changes it); the first comes from GET /api/csrf.
  let csrf: string | null = null;
  const post = async (method: string, input: unknown) => {
    if (!session.token && !csrf) {
      const r = await fetch('/api/csrf', { credentials: 'same-origin' });
      csrf = r.headers.get('x-pla-csrf');
    }
    const res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(session.token ? { Authorization: `Bearer ${session.token}` } : { 'X-PLA-CSRF': csrf ?? '' }),
      },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
    csrf = res.headers.get('x-pla-csrf') ?? csrf;
    return res;
  };

  return {
    mode: 'browser',
    async call(method, input) {
      try {
        let res = await post(method, input);
        // Another tab signed in or out: this tab's CSRF token belonged to the old session; the answer brought the new one.
        if (res.status === 403 && !session.token && res.headers.get('x-pla-csrf')) res = await post(method, input);
        const body: unknown = await res.json().catch(() => null);
        if (isResult(body)) return body;
        // A proxy in front of the team server answers for it while it is down or restarting.
        if (res.status === 502 || res.status === 503 || res.status === 504) return networkError(`HTTP ${res.status}`);
        return {
          ok: false,
          error: { code: res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', message: `HTTP ${res.status}` },
        };
      } catch (e) {
        return networkError(e instanceof Error ? e.message : String(e));
      }
    },
    subscribe(cb) {
      listeners.add(cb);
      open();
      return () => {
        listeners.delete(cb);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
    downloadUrl: (p) => `${p}${p.includes('?') ? '&' : '?'}${authQuery(session)}`,
  };
}

let chosen: Transport | null = null;

export function setTransport(t: Transport | null): void {
  chosen = t;
}

/** Electron when the preload exposed `plaApi`, browser mode otherwise. */
export function transport(): Transport {
  if (!chosen) chosen = plaGlobals().plaApi ? electronTransport() : browserTransport();
  return chosen;
}
