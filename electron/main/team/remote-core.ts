/**
 * The team server seen through main's IPC dispatcher (ipc-dispatch.ts): `call(method, input, conn)` like core's,
 * forwarded by the remote client with the session cookie of that window (one jar per Connection, i.e. per
 * webContents). Pure (no `electron`): tests/unit/team-connection.test.ts drives it with the real dispatcher.
 */
import type { Result } from '../../contract';
import type { Connection } from '../../core/types';
import type { CookieJar, RemoteClient } from './remote';

export interface RemoteCore {
  call(method: string, input: unknown, conn: Connection): Promise<Result<unknown>>;
  /** The cookie jar of a window's Connection (created on first use). */
  jarOf(conn: Connection): CookieJar;
}

/** `host:port` of the server, which admin.status carries so the app can show where its data lives. */
export function createRemoteCore(client: Pick<RemoteClient, 'call'>, origin: string): RemoteCore {
  const jars = new WeakMap<Connection, CookieJar>();
  const jarOf = (conn: Connection) => {
    let jar = jars.get(conn);
    if (!jar) {
      jar = { cookie: null };
      jars.set(conn, jar);
    }
    return jar;
  };
  const server = new URL(origin).host;
  return {
    async call(method, input, conn) {
      const jar = jarOf(conn);
      const r = await client.call(method, input, jar);
      // The dispatcher signs a closed window out only when it holds a session: mirror the cookie as its marker.
      conn.sessionId = jar.cookie ? 'remote' : null;
      if (method === 'admin.status' && r.ok && r.value && typeof r.value === 'object')
        return { ok: true, value: { ...(r.value as object), mode: 'electron', server } };
      return r;
    },
    jarOf,
  };
}
