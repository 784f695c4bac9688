import type { QueryClient } from '@tanstack/react-query';
import type { CoreEvent } from '../../../electron/contract';

/**
 * Live refresh (team mode): a colleague's save arrives as a data-changed notice naming a module. The query
 * keys of a module start with its name (`['risks', …]`); the dashboard and the plan's lists also show what the
 * registries count (a risk above tolerance puts its action at risk, training counts, funding totals), and the
 * reports read everything — so those refetch too. Only queries on screen refetch; the others are marked stale.
 */
export function keysToRefresh(modules: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const m of modules) {
    out.add(m);
    if (m !== 'admin') {
      out.add('plan');
      out.add('reports');
    }
  }
  return [...out];
}

/**
 * Subscribes to the transport's events and invalidates the queries of each changed module, gathering notices
 * for `delayMs` so a burst of saves is one refetch. Returns the unsubscribe function.
 */
export function followDataChanges(
  subscribe: (cb: (e: CoreEvent) => void) => () => void,
  qc: Pick<QueryClient, 'invalidateQueries'>,
  delayMs = 300,
): () => void {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const keys = keysToRefresh(pending);
    pending.clear();
    for (const k of keys) void qc.invalidateQueries({ queryKey: [k] });
  };
  const stop = subscribe((e) => {
    if (e.type !== 'changed') return;
    pending.add(e.module);
    timer ??= setTimeout(flush, delayMs);
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
