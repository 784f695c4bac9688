import { sql, type Kysely } from 'kysely';

/**
 * Indicators whose value is computed from another module's records (trainings, stakeholders, funding …)
 * name that computation in `source`; null means the value comes from measurements entered by hand.
 * The PLA's own target results that such records answer get their source here. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('indicators').addColumn('source', 'text').execute();
  const sources: Array<[string, string]> = [
    ['I1.2', 'training.officials_citizen_engagement'],
    ['I4.3', 'training.employees_open_government'],
    ['I4.4', 'stakeholders.able_to_take_over'],
    ['I3.5', 'stakeholders.partnerships_tech_academia_business'],
    ['I4.5', 'funding.non_reimbursable_sources'],
  ];
  for (const [code, source] of sources) {
    await sql`update indicators set source = ${source} where code = ${code} and deleted_at is null and source is null`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('indicators').dropColumn('source').execute();
}
