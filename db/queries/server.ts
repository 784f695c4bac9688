import type { WriteTx } from '../access';
import type { DbOrTx } from '../connection';
import type { JobsTable, LoginThrottleTable, ServerSessionsTable } from '../schema';

/** Server state (migration 0016): sessions, sign-in throttling and jobs, kept across a restart. Portable SQL only. */

export const loadSessions = (db: DbOrTx) => db.selectFrom('server_sessions').selectAll().execute();

export const insertSession = (db: WriteTx, row: ServerSessionsTable) => db.insertInto('server_sessions').values(row).execute();

export const touchSession = (db: WriteTx, idHash: string, lastSeen: string) =>
  db.updateTable('server_sessions').set({ last_seen: lastSeen }).where('id_hash', '=', idHash).execute();

export const deleteSessions = (db: WriteTx, idHashes: string[]) =>
  idHashes.length ? db.deleteFrom('server_sessions').where('id_hash', 'in', idHashes).execute() : Promise.resolve([]);

export const loadThrottle = (db: DbOrTx) => db.selectFrom('login_throttle').selectAll().execute();

export async function putThrottle(db: WriteTx, row: LoginThrottleTable) {
  await db.deleteFrom('login_throttle').where('key', '=', row.key).execute();
  await db.insertInto('login_throttle').values(row).execute();
}

export const deleteThrottle = (db: WriteTx, keys: string[]) =>
  keys.length ? db.deleteFrom('login_throttle').where('key', 'in', keys).execute() : Promise.resolve([]);

export const insertJob = (db: WriteTx, row: JobsTable) => db.insertInto('jobs').values(row).execute();

export const finishJob = (db: WriteTx, id: string, patch: Pick<JobsTable, 'status' | 'message' | 'error' | 'result' | 'finished_at'>) =>
  db.updateTable('jobs').set(patch).where('id', '=', id).execute();

export const getJob = (db: DbOrTx, id: string) => db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();

/** A user's latest jobs, newest first. */
export const listJobs = (db: DbOrTx, ownerId: string, limit: number) =>
  db.selectFrom('jobs').selectAll().where('owner_id', '=', ownerId).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

/** Jobs left `running` by a server that stopped without finishing them (a crash, SIGKILL, a power cut). */
export const failInterruptedJobs = (db: WriteTx, error: string, at: string) =>
  db.updateTable('jobs').set({ status: 'failed', error, finished_at: at }).where('status', '=', 'running').executeTakeFirst();
