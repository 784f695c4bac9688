import type { Kysely } from 'kysely';

/**
 * The key that signs a campaign's offline scoring workbooks (issue 14): one random secret per campaign, kept here
 * and never written into a workbook. A workbook carries an HMAC-SHA256 of its assignment data under this key, so
 * whoever edits the hidden data cannot make a matching signature (a plain SHA-256 anyone can recompute). Made on
 * the first workbook of the campaign; not a domain record (no audit row: the log must not hold the secret).
 * Portable: text columns only, runs on SQLite and PostgreSQL. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budgeting_workbook_keys')
    .addColumn('campaign_id', 'text', (c) => c.primaryKey().references('budgeting_campaigns.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('budgeting_workbook_keys').execute();
}
