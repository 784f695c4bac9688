import type { ReadDb, WriteTx } from '../../db/access';
import { writeTransaction, type Db, type WriteWaitOptions } from '../../db/connection';
import { getRow, insertRow, insertRows, stampRows, updateRowIfCurrent, type RowTable } from '../../db/queries/rows';
import { AppError, validationError, type AuditEntity } from '../contract';
import { insertAudit } from '../../db/queries/admin';
import { audit, auditCreates, createEntry } from './audit';
import type { ServiceContext } from './context';
import { nextTimestamp } from './util';

/**
 * The audited write steps every module's service uses inside its transaction: create, update with
 * optimistic concurrency (a stale `expectedUpdatedAt` → CONFLICT, nothing written), soft delete and restore.
 * Each appends to the audit log in the same transaction.
 */

/**
 * The one place an audited write transaction is made: what `ctx.tx` runs (core/index.ts). Same transaction as
 * writeTransaction; the `WriteTx` type is what lets the write queries of db/queries accept it (db/access.ts).
 */
export function auditedTransaction<T>(db: Db, fn: (trx: WriteTx) => Promise<T>, options?: WriteWaitOptions): Promise<T> {
  return writeTransaction(db, (trx) => fn(trx as WriteTx), options);
}

export const notFound = (entity: string, id: string) => new AppError('NOT_FOUND', `${entity} ${id} not found`, { entity, id });
export const conflict = (entity: string, id: string) =>
  new AppError('CONFLICT', `${entity} was changed by someone else since you opened it; reload and try again`, { entity, id });

export async function live<T extends RowTable>(trx: ReadDb, table: T, id: string, entity: string) {
  const r = await getRow(trx, table, id);
  if (!r || (r as { deleted_at: string | null }).deleted_at) throw notFound(entity, id);
  return r;
}

/** Update with optimistic concurrency; CONFLICT when the row moved on, nothing written. */
export async function updateCurrent<T extends RowTable>(
  ctx: ServiceContext,
  trx: WriteTx,
  table: T,
  entity: AuditEntity,
  id: string,
  expectedUpdatedAt: string | undefined,
  patch: Record<string, unknown>,
) {
  if (!expectedUpdatedAt) throw validationError('expectedUpdatedAt', 'required', 'required when changing an existing record');
  const before = (await live(trx, table, id, entity)) as unknown as Record<string, unknown>;
  const at = nextTimestamp(ctx.now(), before.updated_at as string);
  const ok = await updateRowIfCurrent(trx, table, id, expectedUpdatedAt, { ...patch, updated_at: at, updated_by: ctx.actor.id } as never);
  if (!ok) throw conflict(entity, id);
  const after = (await getRow(trx, table, id)) as unknown as Record<string, unknown>;
  await audit(trx, ctx.actor, at, entity, id, 'update', before, after);
  return after;
}

export async function insertAudited<T extends RowTable>(ctx: ServiceContext, trx: WriteTx, table: T, entity: AuditEntity, row: Record<string, unknown>) {
  const { full, entry } = stampCreate(ctx, entity, row as Record<string, unknown> & { id: string });
  await insertRow(trx, table, full as never);
  await insertAudit(trx, entry);
  return full;
}

/**
 * A new row stamped as insertAudited stamps it, with its audit entry, written by the caller: for a writer that
 * collects many rows and inserts them with one statement per table (a risk import's batch, see insertRiskRows).
 */
export function stampCreate<R extends Record<string, unknown> & { id: string }>(ctx: ServiceContext, entity: AuditEntity, row: R) {
  const at = nextTimestamp(ctx.now());
  const full = { ...row, created_at: at, updated_at: at, updated_by: ctx.actor.id, deleted_at: null };
  return { full, entry: createEntry(ctx.actor, at, entity, full) };
}

/** Many creates at once (an import), each audited, in a few multi-row statements. All rows share one timestamp. */
export async function insertAuditedMany<T extends RowTable>(
  ctx: ServiceContext,
  trx: WriteTx,
  table: T,
  entity: AuditEntity,
  rows: Array<Record<string, unknown> & { id: string }>,
) {
  if (rows.length === 0) return [];
  const at = nextTimestamp(ctx.now());
  const full = rows.map((row) => ({ ...row, created_at: at, updated_at: at, updated_by: ctx.actor.id, deleted_at: null }));
  await insertRows(trx, table, full as never);
  await auditCreates(trx, ctx.actor, at, entity, full);
  return full;
}

/** Soft delete with the same stamp on the row and its dependants, so restore (undo) brings back exactly that set. */
export async function softDeleteRow(ctx: ServiceContext, trx: WriteTx, table: RowTable, entity: AuditEntity, id: string, expectedUpdatedAt: string) {
  const before = (await live(trx, table, id, entity)) as unknown as Record<string, unknown>;
  const at = nextTimestamp(ctx.now(), before.updated_at as string);
  const ok = await updateRowIfCurrent(trx, table, id, expectedUpdatedAt, { deleted_at: at, updated_at: at, updated_by: ctx.actor.id } as never);
  if (!ok) throw conflict(entity, id);
  await audit(trx, ctx.actor, at, entity, id, 'delete', { deleted_at: null }, { deleted_at: at });
  return at;
}

/** Undo of a soft delete: the row comes back (its dependants are the caller's business). */
export async function restoreRow(ctx: ServiceContext, trx: WriteTx, table: RowTable, entity: AuditEntity, id: string) {
  const row = (await getRow(trx, table, id)) as unknown as { deleted_at: string | null; updated_at: string } | undefined;
  if (!row) throw notFound(entity, id);
  if (!row.deleted_at) return false;
  const at = nextTimestamp(ctx.now(), row.updated_at);
  await stampRows(trx, table, [id], null, at, ctx.actor.id);
  await audit(trx, ctx.actor, at, entity, id, 'restore', { deleted_at: row.deleted_at }, { deleted_at: null });
  return true;
}
