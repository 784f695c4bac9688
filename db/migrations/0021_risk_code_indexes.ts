import { sql, type Kysely } from 'kysely';

/**
 * Two indexes on the risk codes, so what every user of a team server asks for most stops reading the whole register
 * (issue 13, the server under load; a register grows by 2,000 risks with each import of a city's SCIM register):
 *  - risks_code_number (and its twin on the import staging table): the number of the codes that are R- and digits.
 *    The next free R-NNN is asked for by every save of a new risk and every batch of a staged import, under the write
 *    lock; it read every code (16 ms for 20,000 risks on PostgreSQL) and is now one entry (queries/risks.ts, maxRiskNumber).
 *  - risks_code_natural: the register's order (queries/risks.ts, naturalCodeOrder: R-2 before R-10) of the live risks.
 *    Each page of the risk list sorted the whole register (80 ms for 12,000 risks on PostgreSQL, 200 ms on SQLite on a
 *    busy machine); now both engines walk the index and stop after the page.
 * The expressions are the queries' own, word for word (both engines need that to use an index on expressions); substr,
 * length, ltrim, rtrim and cast as bigint mean the same on SQLite and PostgreSQL. Frozen.
 */
const CODE_NUMBER_TABLES = ['risks', 'risk_import_risks'];
const PREFIX = sql`rtrim(code, '0123456789')`;
const NUMBER = sql`ltrim(substr(code, length(${PREFIX}) + 1), '0')`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of CODE_NUMBER_TABLES)
    await sql`create index ${sql.id(`${t}_code_number`)} on ${sql.table(t)} ((cast(substr(code, 3) as bigint)))
      where substr(code, 1, 2) = 'R-' and length(code) between 3 and 17 and ltrim(substr(code, 3), '0123456789') = ''`.execute(db);
  await sql`create index risks_code_natural on risks (${PREFIX}, length(${NUMBER}), ${NUMBER}, code, id) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists risks_code_natural`.execute(db);
  for (const t of CODE_NUMBER_TABLES) await sql`drop index if exists ${sql.id(`${t}_code_number`)}`.execute(db);
}
