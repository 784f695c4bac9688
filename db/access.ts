import type { Db, DbOrTx, Tx } from './connection';

/**
 * Reads and writes typed apart (as Signal Desktop's `ReadableDB`/`WritableDB`), at compile time only: the handles are
 * the same Kysely objects at run time.
 *
 * - A query function in db/queries that only reads takes a `ReadDb` (`DbOrTx`): the database or any transaction.
 * - A query function that writes takes a `WriteTx`. The only ways to get one:
 *   1. `ctx.tx(fn)` in a service (core/context.ts): `fn` gets the audited write transaction, made in exactly one place,
 *      `auditedTransaction` in core/writes.ts. Every user write goes this way, with its audit entry.
 *   2. `systemWrite(handle, reason)` below: a write that is not a user's audited change, each with its named reason,
 *      so `grep -rn "systemWrite("` lists every exception.
 *   So `insertRow(ctx.db, …)` or a write query inside a plain `db.transaction()` does not compile.
 */
export type ReadDb = DbOrTx;

declare const writeGrant: unique symbol;

/** A transaction that may write: handed out by core's audited `ctx.tx`, or by `systemWrite` for a named exception. */
export type WriteTx = Tx & { readonly [writeGrant]: true };

/**
 * The writes that are not a user's audited change, each by name:
 * - `seed`: the first start's plan and stakeholder seed (core/index.ts);
 * - `server-state`: the server's sessions, sign-in throttle and jobs table (core/admin/server-store.ts, migration 0016);
 * - `job-progress`: a job's own progress mark outside its audited result (a dataset import's `processing` status);
 * - `secrets`: sealing stored secrets at start (core/publishing/sync/secrets.ts);
 * - `db-copy`: copying a store to another engine or into a backup file (db/copy.ts, db/transfer.ts);
 * - `restore`: unpacking a restored backup's files into the data folder (db/transfer.ts);
 * - `fixture`: benches and tests that build their data directly;
 * - `import-staging`: a risk import's staging marks and the removal of what a failed or killed import staged
 *   (core/risks/staging.ts; the staged rows' own audit entries are published with them by `ctx.tx`).
 * Migrations need none: they use Kysely's schema builder and their own SQL, never the write queries of db/queries.
 */
export type SystemWriteReason = 'seed' | 'server-state' | 'job-progress' | 'secrets' | 'db-copy' | 'restore' | 'fixture' | 'import-staging';

/**
 * Lets a write that is not a user's audited change use the write queries, saying why. The handle is returned as it
 * is (no run-time effect): the point is that every such write is named and can be found.
 */
export function systemWrite(handle: Db | Tx, reason: SystemWriteReason): WriteTx {
  void reason;
  return handle as WriteTx;
}
