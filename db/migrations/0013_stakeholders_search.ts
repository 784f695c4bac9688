import { sql, type Kysely } from 'kysely';

/**
 * The stakeholder register searched, sorted and paged on the server (issue 3, 5,000 organisations): per
 * stakeholder a name key (the name without diacritics — ș ş ț ţ ă â î → s t a i — or case; the list's name
 * order) and a search key (name and legal form, folded the same way), so `stakeholders.list` matches
 * "fundatia comunitara" to "Fundația Comunitară" in SQL, as training_people.name_key does. The index gives the
 * first page in name order without sorting the register. Existing rows get their keys here; core keeps them on
 * every write. Frozen.
 */

/** The key as of this migration (core has its own copy in electron/core/stakeholders/keys.ts; this one never changes). */
const key = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('stakeholders')
    .addColumn('name_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('stakeholders')
    .addColumn('search_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const rows = await db.selectFrom('stakeholders').select(['id', 'name', 'legal_form']).execute();
  for (const r of rows) {
    await db
      .updateTable('stakeholders')
      .set({ name_key: key(r.name), search_key: key(`${r.name} ${r.legal_form}`) })
      .where('id', '=', r.id)
      .execute();
  }
  await sql`create index stakeholders_live_name_key on stakeholders(name_key, id) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists stakeholders_live_name_key`.execute(db);
  await db.schema.alterTable('stakeholders').dropColumn('search_key').execute();
  await db.schema.alterTable('stakeholders').dropColumn('name_key').execute();
}
