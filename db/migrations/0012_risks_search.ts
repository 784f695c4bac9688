import { sql, type Kysely } from 'kysely';

/**
 * The risk register searched and filtered on the server (issue 3, 10,000 risks): a search key per risk — code,
 * description, area and owner without diacritics (ș ş ț ţ ă â î → s t a i) or case — so `risks.list` matches
 * "sedinta" to "Ședința" in SQL, the way training_people.name_key does. Existing risks get their key here; core
 * keeps it on every write. Frozen.
 */

/** The key as of this migration (core has its own copy in electron/core/risks/rules.ts; this one never changes). */
const key = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('risks')
    .addColumn('search_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const rows = await db.selectFrom('risks').select(['id', 'code', 'description', 'area', 'owner']).execute();
  for (const r of rows) {
    await db
      .updateTable('risks')
      .set({ search_key: key(`${r.code} ${r.description} ${r.area} ${r.owner}`) })
      .where('id', '=', r.id)
      .execute();
  }
  // The heat maps count open risks by probability × impact, and a cell lists them (inherent and residual map).
  await sql`create index risks_inherent_cell on risks(status, inherent_probability, inherent_impact) where deleted_at is null`.execute(db);
  await sql`create index risks_residual_cell on risks(status, residual_probability, residual_impact) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists risks_residual_cell`.execute(db);
  await sql`drop index if exists risks_inherent_cell`.execute(db);
  await db.schema.alterTable('risks').dropColumn('search_key').execute();
}
