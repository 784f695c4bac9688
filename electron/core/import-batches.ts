import type { WriteTx } from '../../db/access';
import type { DbOrTx } from '../../db/connection';
import type { Database } from '../../db/schema';
import { insertMany, type RowTable } from '../../db/queries/rows';
import type { AuditEntity } from '../contract';
import type { ServiceContext } from './context';
import { insertAuditedMany } from './writes';

/** New rows an import keeps waiting before it writes them (each table's in one multi-row statement or a few). */
export const IMPORT_BATCH = 2_000;

type NewRow = Record<string, unknown> & { id: string };
interface Queue {
  table: keyof Database;
  /** The audit entity of an audited row; none: a plain link row (a call's actions), audited with its owner as today. */
  entity?: AuditEntity;
  rows: Array<Record<string, unknown>>;
}

/**
 * The new rows of an import that writes as it reads, inside its one transaction: each table's rows wait in a
 * queue and go in together every {@link IMPORT_BATCH} rows, each audited row with its own audit entry
 * (insertAuditedMany), so a 50,000-row workbook is neither held whole nor written one statement per row. The
 * queues are written in the order their tables were first given a row (a parent before the rows naming it).
 * Once the import knows it will fail (`halt`), nothing more is queued: the transaction is rolled back anyway.
 */
export class ImportBatches {
  private queues = new Map<string, Queue>();
  private waiting = 0;
  private halted = false;

  constructor(
    private readonly ctx: ServiceContext,
    readonly trx: WriteTx,
    private readonly size = IMPORT_BATCH,
  ) {}

  /** A new audited row (`entity` names it in the audit log). */
  create<T extends RowTable>(table: T, entity: AuditEntity, row: NewRow) {
    return this.queue(table, entity, row);
  }

  /** A new plain row that has no audit entry of its own (a link row written with its audited owner). */
  link(table: keyof Database, row: Record<string, unknown>) {
    return this.queue(table, undefined, row);
  }

  private async queue(table: keyof Database, entity: AuditEntity | undefined, row: Record<string, unknown>) {
    if (this.halted) return;
    const key = `${table}|${entity ?? ''}`;
    let q = this.queues.get(key);
    if (!q) this.queues.set(key, (q = { table, entity, rows: [] }));
    q.rows.push(row);
    if (++this.waiting >= this.size) await this.flush();
  }

  /** Writes every waiting row now (before a write that must see them, and at the end). */
  async flush() {
    this.waiting = 0;
    if (this.halted) return;
    for (const q of this.queues.values()) {
      if (!q.rows.length) continue;
      const rows = q.rows;
      q.rows = [];
      if (q.entity) await insertAuditedMany(this.ctx, this.trx, q.table as RowTable, q.entity, rows as NewRow[]);
      else await insertMany(this.trx, q.table, rows);
    }
  }

  /** The import will fail: drop what waits and queue nothing more (the reading goes on to name every problem). */
  halt() {
    this.halted = true;
    this.queues.clear();
    this.waiting = 0;
  }
}

/**
 * Runs an import that writes as it reads: with `write`, inside one transaction whose waiting rows are written at
 * the end (anything thrown rolls back every batch already written: all or nothing); without (a dry run), on the
 * database as it is, with no batches (nothing is written). `fn` reads through `db` either way.
 */
export async function streamedImport<T>(ctx: ServiceContext, write: boolean, fn: (batches: ImportBatches | null, db: DbOrTx) => Promise<T>): Promise<T> {
  if (!write) return fn(null, ctx.db);
  return ctx.tx(async (trx) => {
    const batches = new ImportBatches(ctx, trx);
    const result = await fn(batches, trx);
    await batches.flush();
    return result;
  });
}
