import os from 'node:os';
import { systemWrite, type WriteTx } from '../../../db/access';
import { writeTransaction } from '../../../db/connection';
import * as q from '../../../db/queries/risks';
import { validationError } from '../../contract';
import type { ServiceContext } from '../context';
import { newId } from '../util';
import { importCancelled } from '../worker';

/**
 * A risk import in stages (issue 13): its rows are written in short transactions into staging tables no reader
 * looks at (migration 0020), then moved into the register by one short final transaction — whole, or not at all.
 * Other users' saves and reads wait at most one batch, not the whole import. An import that fails or is cancelled
 * removes what it staged; one whose process died (SIGKILL, power cut) is removed at the next start of a core
 * (dropCrashedImports), and its job shows as failed (jobs.ts).
 */

/** How long one staging transaction writes before it commits and lets the other writers (and, on SQLite, readers) in. */
export const STAGE_BATCH_MS = 20;
/** A run staged by another host is taken for dead when it has not written for this long. */
export const STAGED_RUN_STALE_MS = 10 * 60_000;

/** Lets the requests that came in meanwhile run before the import goes on. */
const yieldThread = () => new Promise<void>((r) => setImmediate(r));

/** Imports this process is staging now. */
const active = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the staged rows of imports whose process is gone: on this host, one of this process no longer staging or
 * a process that no longer runs; from another host, one silent for STAGED_RUN_STALE_MS. Returns how many.
 */
export async function dropCrashedImports(ctx: Pick<ServiceContext, 'db' | 'now'>): Promise<number> {
  const host = os.hostname();
  const now = ctx.now().getTime();
  const dead = (await q.listImportRuns(ctx.db)).filter((r) =>
    r.host === host ? (r.pid === process.pid ? !active.has(r.id) : !alive(r.pid)) : now - Date.parse(r.touched_at) > STAGED_RUN_STALE_MS,
  );
  for (const r of dead) await writeTransaction(ctx.db, (trx) => q.dropStagedImport(systemWrite(trx, 'import-staging'), r.id));
  return dead.length;
}

/** What a staged import writes: its items, a batch at a time, and what its final step adds. */
export interface StagedWork<I> {
  items: readonly I[];
  /** Its owner's cancel: checked before each batch; what was staged is removed. */
  signal?: AbortSignal;
  /**
   * Stages a batch of items inside the batch's transaction: their inserts into the register's tables go to the staging
   * tables under `importId` (insertRiskRows with it). Codes given out are counted again here, under the write lock.
   */
  stage(trx: WriteTx, importId: string, items: readonly I[]): Promise<void>;
  /** In the final transaction, just before the staged rows move into the register (what cannot be staged: updates of existing risks). */
  publish(trx: WriteTx): Promise<void>;
}

/** The first batch's size; the next ones are sized from the time the last one took (see STAGE_BATCH_MS). */
const FIRST_BATCH = 64;
const MAX_BATCH = 2048;

/**
 * The next batch's size: as many items as fit in STAGE_BATCH_MS at the pace of the last batch (`ms` for `size` items),
 * rounded down to a power of two. A batch's multi-row statements have one SQL text per row count and the driver keeps
 * every text it prepared: sizes free to take any value filled that cache with hundreds of large statements (a 50,000-row
 * import peaked ~140 MB higher); powers of two keep it to a dozen.
 */
export const nextBatchSize = (size: number, ms: number) => {
  const fit = Math.max(1, Math.min(MAX_BATCH, Math.floor((size * STAGE_BATCH_MS) / Math.max(ms, 1))));
  return 2 ** Math.floor(Math.log2(fit));
};

/**
 * Runs a staged import: the items are staged in transactions of about STAGE_BATCH_MS each, each batch written with a
 * few multi-row statements; between two batches the thread goes to whoever waited (on SQLite the store is
 * synchronous, so a batch holds the server's one thread). Then the staged rows move into the register in one short
 * transaction. Refuses, writing nothing, when a risk saved meanwhile took a code of the import.
 */
export async function runStagedImport<I>(ctx: ServiceContext, work: StagedWork<I>): Promise<void> {
  await dropCrashedImports(ctx);
  const id = newId();
  const at = () => ctx.now().toISOString();
  active.add(id);
  try {
    await writeTransaction(ctx.db, (trx) =>
      q.insertImportRun(systemWrite(trx, 'import-staging'), { id, host: os.hostname(), pid: process.pid, started_at: at(), touched_at: at() }),
    );
    let size = FIRST_BATCH;
    for (let i = 0; i < work.items.length;) {
      if (work.signal?.aborted) throw importCancelled();
      const batch = work.items.slice(i, i + size);
      await writeTransaction(ctx.db, async (trx) => {
        const started = performance.now();
        // The batch's rows are audited (their entries staged with them, published in ctx.tx below); the run's mark is not.
        await work.stage(systemWrite(trx, 'import-staging'), id, batch);
        await q.touchImportRun(systemWrite(trx, 'import-staging'), id, at());
        size = nextBatchSize(batch.length, performance.now() - started);
      });
      i += batch.length;
      // Whoever waited for the store or the thread goes first (both engines queue in order) before the next batch takes it again.
      await yieldThread();
    }
    await ctx.tx(async (trx) => {
      const taken = await q.stagedCodesTaken(trx, id);
      if (taken.length)
        throw validationError('code', 'duplicate', `code ${taken[0]} was given to another risk while the import ran; nothing was imported, run it again`);
      await work.publish(trx);
      // Between its statements the thread goes to others: on SQLite their reads use the read handle and see the
      // register as it was; their saves wait for this transaction, a few statements long.
      await q.publishStagedImport(trx, id, yieldThread);
    });
  } catch (e) {
    await writeTransaction(ctx.db, (trx) => q.dropStagedImport(systemWrite(trx, 'import-staging'), id)).catch(() => {});
    throw e;
  } finally {
    active.delete(id);
  }
}
