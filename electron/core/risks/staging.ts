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

/** What a staged import writes: its items, one at a time, and what its batches need. */
export interface StagedWork<I> {
  items: readonly I[];
  /** Its owner's cancel: checked before each batch; what was staged is removed. */
  signal?: AbortSignal;
  /** At the start of each staging transaction (codes given out are counted again there, under the write lock). */
  batch?(trx: WriteTx): Promise<void>;
  /** Writes one item; its inserts into the register's tables are staged. */
  write(trx: WriteTx, item: I): Promise<void>;
  /** In the final transaction, just before the staged rows move into the register (what cannot be staged: updates of existing risks). */
  publish(trx: WriteTx): Promise<void>;
}

/**
 * Runs a staged import: the items are written in transactions of about STAGE_BATCH_MS each, then moved into the
 * register in one short transaction. Refuses, writing nothing, when a risk saved meanwhile took a code of the import.
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
    for (let i = 0; i < work.items.length;) {
      if (work.signal?.aborted) throw importCancelled();
      await writeTransaction(ctx.db, async (trx) => {
        // The batch's rows are audited (their entries staged with them, published in ctx.tx below); the run's mark is not.
        const staged = q.stagedTx(systemWrite(trx, 'import-staging'), id);
        await work.batch?.(staged);
        const started = performance.now();
        do await work.write(staged, work.items[i++]);
        while (i < work.items.length && performance.now() - started < STAGE_BATCH_MS);
        await q.touchImportRun(systemWrite(trx, 'import-staging'), id, at());
      });
      // Whoever waited for the store goes first (both engines queue in order) before the next batch takes it again.
      await new Promise((r) => setImmediate(r));
    }
    await ctx.tx(async (trx) => {
      const taken = await q.stagedCodesTaken(trx, id);
      if (taken.length)
        throw validationError('code', 'duplicate', `code ${taken[0]} was given to another risk while the import ran; nothing was imported, run it again`);
      await work.publish(trx);
      await q.publishStagedImport(trx, id);
    });
  } catch (e) {
    await writeTransaction(ctx.db, (trx) => q.dropStagedImport(systemWrite(trx, 'import-staging'), id)).catch(() => {});
    throw e;
  } finally {
    active.delete(id);
  }
}
