import type { DataChangedEvent } from '../contract';

/** Sign-in and sign-out write (sessions, the audit log) but change nothing another screen shows. */
const QUIET = new Set(['admin.login', 'admin.logout']);

/**
 * Live refresh (team mode): after a write transaction commits, every signed-in screen hears which module
 * changed, so its lists and dashboards refetch. Notices are gathered for `delayMs` and sent once per module,
 * so an import of 5,000 rows (many transactions) is one notice, not 5,000.
 */
export function dataChangedNotifier(send: (e: DataChangedEvent) => void, delayMs = 150): (method: string | undefined) => void {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const modules = [...pending];
    pending.clear();
    for (const module of modules) send({ type: 'changed', module });
  };
  return (method) => {
    if (!method || QUIET.has(method)) return;
    const module = method.slice(0, method.indexOf('.'));
    if (!module) return;
    pending.add(module);
    if (!timer) {
      timer = setTimeout(flush, delayMs);
      timer.unref?.();
    }
  };
}
