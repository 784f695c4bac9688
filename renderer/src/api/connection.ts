/**
 * Whether the app can reach its core (the team server, or browser mode's local server). A call that fails for
 * network reasons marks the link down; while it is down a probe (`admin.status`) retries with a growing pause
 * (1 s, 2 s, 4 s … up to 30 s), and the first answer marks it up again. Screens read it through
 * `useConnection` (a banner) and nothing is reset while it is down: forms keep what the user typed.
 */
export interface ConnectionState {
  online: boolean;
  /** Failed probes since the link went down. */
  attempts: number;
  /** When the next probe runs (ms since epoch), null when online. */
  nextRetryAt: number | null;
}

export interface ConnectionMonitor {
  state(): ConnectionState;
  subscribe(cb: () => void): () => void;
  /** A call came back: `network` when it failed to reach the server. */
  report(network: boolean): void;
  /** Probe now (the banner's "Reîncearcă acum"). */
  retryNow(): void;
  /** Runs once each time the link comes back (refetch what is on screen). */
  onReconnect(cb: () => void): () => void;
  dispose(): void;
}

export const backoffMs = (attempts: number, baseMs = 1_000, maxMs = 30_000) => Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts));

export function createConnectionMonitor(deps: {
  /** True when the server answered (any answer: an error from core still means it is reachable). */
  probe: () => Promise<boolean>;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (h: unknown) => void;
  baseMs?: number;
  maxMs?: number;
}): ConnectionMonitor {
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let current: ConnectionState = { online: true, attempts: 0, nextRetryAt: null };
  let timer: unknown = null;
  let probing = false;
  let disposed = false;
  const listeners = new Set<() => void>();
  const reconnects = new Set<() => void>();

  const set = (s: ConnectionState) => {
    current = s;
    for (const l of listeners) l();
  };
  const schedule = () => {
    if (disposed) return;
    const wait = backoffMs(current.attempts, deps.baseMs, deps.maxMs);
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => void probeNow(), wait);
    set({ ...current, nextRetryAt: now() + wait });
  };
  const up = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    const wasDown = !current.online;
    if (wasDown) set({ online: true, attempts: 0, nextRetryAt: null });
    if (wasDown) for (const r of reconnects) r();
  };
  const probeNow = async () => {
    timer = null;
    if (probing || disposed || current.online) return;
    probing = true;
    let ok = false;
    try {
      ok = await deps.probe();
    } catch {
      ok = false;
    } finally {
      probing = false;
    }
    if (ok) return up();
    set({ ...current, attempts: current.attempts + 1 });
    schedule();
  };

  return {
    state: () => current,
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    report(network) {
      if (!network) return up();
      if (!current.online) return;
      set({ online: false, attempts: 0, nextRetryAt: null });
      schedule();
    },
    retryNow() {
      if (current.online) return;
      if (timer !== null) clearTimer(timer);
      void probeNow();
    },
    onReconnect(cb) {
      reconnects.add(cb);
      return () => reconnects.delete(cb);
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
