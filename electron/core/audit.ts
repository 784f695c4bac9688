import type { WriteTx } from '../../db/access';
import { insertAudit, insertAudits } from '../../db/queries/admin';
import type { AuditLogTable } from '../../db/schema/admin';
import type { AuditEntity, AuditEntry } from '../contract';
import type { Actor } from './context';
import { newId } from './util';

type Changes = Record<string, { before: unknown; after: unknown }>;

const IGNORED = new Set(['updated_at', 'created_at', 'updated_by', 'password_hash']);

/** Field-by-field difference of two rows (before → after), ignoring bookkeeping columns. */
export function diff(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): Changes {
  const out: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    if (IGNORED.has(k)) continue;
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out[k] = { before: b, after: a };
  }
  if (before && 'password_hash' in before && after && before.password_hash !== after.password_hash) {
    out.password = { before: '•••', after: '•••' };
  }
  return out;
}

/** What {@link diff}(null, row) gives for a new row, without stringifying every value twice (a bulk create's hot path). */
function createdFields(row: Record<string, unknown>): Changes {
  const out: Changes = {};
  for (const k in row) {
    const a = row[k];
    if (a == null || IGNORED.has(k)) continue;
    if (typeof a === 'number' ? !Number.isFinite(a) : typeof a === 'object' && JSON.stringify(a) === 'null') continue; // stringifies as null
    out[k] = { before: null, after: a };
  }
  return out;
}

/** Appends to the audit log inside the caller's transaction. */
export async function audit(db: WriteTx, ...entry: Parameters<typeof changeEntry>): Promise<void> {
  await insertAudit(db, changeEntry(...entry));
}

/** The entry {@link audit} writes, for writers that collect many entries and insert them together (insertAudits). */
export function changeEntry(
  actor: Actor,
  at: string,
  entity: AuditEntity,
  entityId: string,
  action: AuditEntry['action'],
  before?: Record<string, unknown> | null,
  after?: Record<string, unknown> | null,
): AuditLogTable {
  const changes = before !== undefined || after !== undefined ? diff(before, after) : null;
  return {
    id: newId(),
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    entity,
    entity_id: entityId,
    action,
    changes: changes && Object.keys(changes).length ? JSON.stringify(changes) : null,
  };
}

/** A new row's audit entry (what {@link audit} writes for a create), for writers that insert many rows in one statement. */
export function createEntry(actor: Actor, at: string, entity: AuditEntity, row: Record<string, unknown> & { id: string }): AuditLogTable {
  const changes = createdFields(row);
  return {
    id: newId(),
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    entity,
    entity_id: row.id,
    action: 'create',
    changes: Object.keys(changes).length ? JSON.stringify(changes) : null,
  };
}

/** The audit entries of a bulk create (an import): one per row, written in a few statements. */
export async function auditCreates(
  db: WriteTx,
  actor: Actor,
  at: string,
  entity: AuditEntity,
  rows: Array<Record<string, unknown> & { id: string }>,
): Promise<void> {
  await insertAudits(
    db,
    rows.map((row) => createEntry(actor, at, entity, row)),
  );
}
