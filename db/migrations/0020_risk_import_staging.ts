import type { Kysely } from 'kysely';

/**
 * A risk import in stages (issue 13): an import used to write its whole register in one write transaction, and every
 * other save of every user waited behind it (seconds for 2,000 risks). Now it writes its rows in short batches into
 * these staging tables, where no reader looks, and one short final step moves them into the register with
 * `insert … select`, whole or not at all.
 *  - risk_import_runs: one row per import being staged, with the process that stages it (host and pid) and when it
 *    last wrote, so the staged rows of an import whose process died are recognised and removed;
 *  - risk_import_<table>: the columns of the register's table of that name plus import_id (no keys, no checks: the
 *    final step's insert into the real table checks them).
 * Portable: text and integer columns. Frozen: a later column of one of these tables needs its staging twin too.
 */
const ROW = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
  t
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text');

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('risk_import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('touched_at', 'text', (c) => c.notNull())
    .execute();
  await ROW(db.schema.createTable('risk_import_risks'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('objective', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('causes', 'text', (c) => c.notNull())
    .addColumn('consequences', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('inherent_probability', 'integer', (c) => c.notNull())
    .addColumn('inherent_impact', 'integer', (c) => c.notNull())
    .addColumn('inherent_exposure', 'integer', (c) => c.notNull())
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('last_review_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('residual_probability', 'integer')
    .addColumn('residual_impact', 'integer')
    .addColumn('residual_exposure', 'integer')
    .addColumn('secondary_risks', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text')
    .addColumn('search_key', 'text', (c) => c.notNull())
    .execute();
  await ROW(db.schema.createTable('risk_import_risk_measures'))
    .addColumn('risk_id', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .execute();
  await ROW(db.schema.createTable('risk_import_risk_residual_history'))
    .addColumn('risk_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('probability', 'integer')
    .addColumn('impact', 'integer')
    .addColumn('exposure', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('review_id', 'text')
    .execute();
  for (const [table, other] of [
    ['risk_import_risk_commitments', 'commitment_id'],
    ['risk_import_risk_actions', 'action_id'],
  ])
    await db.schema
      .createTable(table)
      .addColumn('import_id', 'text', (c) => c.notNull())
      .addColumn('risk_id', 'text', (c) => c.notNull())
      .addColumn(other, 'text', (c) => c.notNull())
      .execute();
  await db.schema
    .createTable('risk_import_audit_log')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changes', 'text')
    .execute();
  for (const t of STAGED) await db.schema.createIndex(`${t}_import`).on(t).column('import_id').execute();
}

const STAGED = [
  'risk_import_risks',
  'risk_import_risk_measures',
  'risk_import_risk_residual_history',
  'risk_import_risk_commitments',
  'risk_import_risk_actions',
  'risk_import_audit_log',
];

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [...STAGED, 'risk_import_runs']) await db.schema.dropTable(t).execute();
}
