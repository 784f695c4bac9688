import type { DbOrTx } from '../connection';

/**
 * What the role table (electron/core/visibility.ts) needs to know about rows it filters: which people among the
 * stakeholders may be named (a person is I unless marked public with a recorded consent date and scope).
 */
export async function namedStakeholderIds(db: DbOrTx): Promise<Set<string>> {
  const rows = await db
    .selectFrom('stakeholders')
    .select('id')
    .where((eb) => eb.or([eb('type', '=', 'organisation'), eb.and([eb('public', '=', 1), eb('consent_date', 'is not', null), eb('consent_scope', '!=', '')])]))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The module an attachment belongs to, by the entity it is linked to (null: unknown entity). */
export const attachmentEntity = async (db: DbOrTx, id: string) =>
  (await db.selectFrom('attachments').select(['entity', 'entity_id']).where('id', '=', id).executeTakeFirst()) ?? null;
