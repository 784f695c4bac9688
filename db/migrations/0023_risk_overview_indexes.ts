import { sql, type Kysely } from 'kysely';

/**
 * Two indexes so the risk overview (the register's counts and heat maps, asked by every dashboard of a team server)
 * stops evaluating every live risk (issue 13, the server under load; the register grows by 2,000 risks with each
 * import of a city's SCIM register):
 *  - risks_review_groups: the live risks grouped by status, exposure (residual when assessed, else inherent) and the
 *    day their review cadence starts from (the last review, else the day the risk was recorded). The counts of open,
 *    closed, above tolerance, due and overdue read one row per group from it (queries/risks.ts, registerCountsQuery)
 *    instead of five conditional sums over each risk: 28 ms a call for 40,000 risks on SQLite, now about 3.5;
 *    PostgreSQL's whole read and hash of the register, 21 ms, is now a read of the index alone, 7 ms.
 *  - risks_deleted: the deleted risks, which the count of open measures subtracts (countAllOpenMeasures); it read
 *    the whole register to find the few.
 * The expressions are the queries' own, word for word (both engines need that to use an index on expressions);
 * coalesce and substr mean the same on SQLite and PostgreSQL. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The plain columns after the expressions let PostgreSQL read the index alone (it cannot with only the expressions).
  await sql`create index risks_review_groups on risks (status, (coalesce(residual_exposure, inherent_exposure)),
    (coalesce(last_review_date, substr(created_at, 1, 10))), residual_exposure, inherent_exposure, last_review_date, created_at)
    where deleted_at is null`.execute(db);
  await sql`create index risks_deleted on risks (id) where deleted_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists risks_deleted`.execute(db);
  await sql`drop index if exists risks_review_groups`.execute(db);
}
