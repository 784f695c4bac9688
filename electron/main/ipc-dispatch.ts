/**
 * The transport-side checks of an IPC call, kept free of `electron` so they are unit-tested in plain
 * Node (tests/unit/electron-ipc-dispatch.test.ts); ipc.ts wires them to ipcMain.
 *
 * Order: known method → trusted sender frame (app://pla-desk, top-level) → input parsed by the method's
 * zod schema → core.call with the sender's Connection. Every outcome is a Result; nothing throws.
 */
import type { z } from 'zod';
import { contract, isMethodName, toFieldIssues, type ApiErrorData, type Result } from '../contract';
import type { Connection, Core } from '../core/types';
import { isTrustedAppUrl } from './trusted-url';

/** Who sent an IPC message, as seen by main (from `event.sender` and `event.senderFrame`). */
export interface SenderInfo {
  /** webContents id: one Connection per webContents. */
  id: number;
  /** `event.senderFrame?.url`; null when the frame is gone. */
  frameUrl: string | null | undefined;
  /** The sender frame is the page's main frame (not an iframe). */
  isMainFrame: boolean;
}

const fail = (error: ApiErrorData): Result<never> => ({ ok: false, error });

export function validationFailure(error: z.ZodError): Result<never> {
  const issues = toFieldIssues(error);
  const first = issues[0];
  return fail({
    code: 'VALIDATION',
    message: first ? `${first.field || 'input'}: ${first.message}` : 'invalid input',
    details: { issues },
  });
}

export interface Dispatcher {
  dispatch(method: string, sender: SenderInfo, input: unknown): Promise<Result<unknown>>;
  /** The Connection of a webContents (created on first use). */
  connectionFor(id: number): Connection;
  has(id: number): boolean;
  /** Forget a destroyed webContents, signing its session out. */
  release(id: number): Promise<void>;
  /** Number of live connections (for tests and diagnostics). */
  size(): number;
}

export function createDispatcher(core: Pick<Core, 'call'>): Dispatcher {
  const connections = new Map<number, Connection>();

  const connectionFor = (id: number): Connection => {
    let conn = connections.get(id);
    if (!conn) {
      conn = { sessionId: null };
      connections.set(id, conn);
    }
    return conn;
  };

  return {
    async dispatch(method, sender, input) {
      if (!isMethodName(method)) return fail({ code: 'NOT_FOUND', message: `unknown method ${String(method)}` });
      if (!sender.isMainFrame || !isTrustedAppUrl(sender.frameUrl)) {
        return fail({ code: 'FORBIDDEN', message: 'IPC from an untrusted frame' });
      }
      const schema = contract[method].input as z.ZodType;
      const parsed = schema.safeParse(input);
      if (!parsed.success) return validationFailure(parsed.error);
      try {
        // Core parses again (it does so for every transport); it gets the input exactly as the renderer sent it.
        return await core.call(method, input, connectionFor(sender.id));
      } catch (e) {
        console.error(`[ipc] ${method} threw`, e);
        return fail({ code: 'INTERNAL', message: 'internal error' });
      }
    },
    connectionFor,
    has: (id) => connections.has(id),
    async release(id) {
      const conn = connections.get(id);
      connections.delete(id);
      if (conn?.sessionId) {
        try {
          await core.call('admin.logout', {}, conn);
        } catch (e) {
          console.error('[ipc] logout on window close failed', e);
        }
      }
    },
    size: () => connections.size,
  };
}
