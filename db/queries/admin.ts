import type { WriteTx } from '../access';
import { sql } from 'kysely';
import type { DbOrTx } from '../connection';
import { insertMany } from './rows';
import type { AuditLogTable, UsersTable } from '../schema';

export const countUsers = async (db: DbOrTx) =>
  Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** User names are unique ignoring case (migration 0014): `Coord` finds `coord`. */
export const findUserByUsername = (db: DbOrTx, username: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export const listUsers = (db: DbOrTx) => db.selectFrom('users').selectAll().where('deleted_at', 'is', null).orderBy('username').execute();

export const insertUser = (db: WriteTx, row: UsersTable) => db.insertInto('users').values(row).execute();

export const insertAudit = (db: WriteTx, row: AuditLogTable) => db.insertInto('audit_log').values(row).execute();

/** Audit entries of a bulk write, in multi-row INSERTs (8 columns: 3,750 rows a statement). */
export async function insertAudits(db: WriteTx, rows: AuditLogTable[]) {
  await insertMany(db, 'audit_log', rows as unknown as Array<Record<string, unknown>>);
}

export function listAudit(db: DbOrTx, f: { entity?: string; entityId?: string; limit: number; before?: string }) {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.before) q = q.where('at', '<', f.before);
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export const getSettingRows = (db: DbOrTx) => db.selectFrom('settings').selectAll().execute();

export async function upsertSetting(db: WriteTx, key: string, value: string, at: string, by: string | null) {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at, updated_by: by }))
    .execute();
}

export const insertAttachment = (db: WriteTx, row: import('../schema').AttachmentsTable) => db.insertInto('attachments').values(row).execute();

export const listAttachments = (db: DbOrTx, entity: string, entityIds: string[]) =>
  entityIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('attachments')
        .selectAll()
        .where('entity', '=', entity)
        .where('entity_id', 'in', entityIds)
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .execute();

export const getAttachment = (db: DbOrTx, id: string) =>
  db.selectFrom('attachments').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
