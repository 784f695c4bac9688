import { sql, type Kysely } from 'kysely';

/**
 * The highest R-NNN number is found through an index (issue 13, team server under load): every save of a new risk
 * and every batch of a staged import asks for it (the next free code), under the write lock, and it used to read
 * every code of the register (16 ms for 20,000 risks on PostgreSQL, growing with each import while the others'
 * saves waited). A partial index on the number of the codes that are R- and digits, on the register and on the
 * import staging table, answers with one entry (db/queries/risks.ts, maxRiskNumber: the same expressions, which
 * both engines need to match the index). Portable SQL: substr, length, ltrim and cast as bigint mean the same on
 * SQLite and PostgreSQL. Frozen.
 */
const RISK_CODE_NUMBER_TABLES = ['risks', 'risk_import_risks'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of RISK_CODE_NUMBER_TABLES)
    await sql`create index ${sql.id(`${t}_code_number`)} on ${sql.table(t)} ((cast(substr(code, 3) as bigint)))
      where substr(code, 1, 2) = 'R-' and length(code) between 3 and 17 and ltrim(substr(code, 3), '0123456789') = ''`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of RISK_CODE_NUMBER_TABLES) await sql`drop index if exists ${sql.id(`${t}_code_number`)}`.execute(db);
}
