import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from './connection';

/**
 * The SQL that differs between the two engines, one implementation per engine. Query modules ask
 * `engineOf(db)` (a Kysely instance or a transaction of either engine) and never test the engine themselves.
 * What is the same on both (the diacritics fold in queries/fold.ts, partial indexes, lower(), substr, rtrim,
 * coalesce, `||`) stays plain SQL in the query modules.
 */
export interface EngineSql {
  readonly kind: 'sqlite' | 'postgres';
  /** A YYYY-MM-DD text date plus a whole number of days (an SQL integer expression), as YYYY-MM-DD text. */
  addDays(date: RawBuilder<unknown>, days: RawBuilder<unknown>): RawBuilder<string>;
  /** The placeholder of the n-th (1-based) parameter in hand-written SQL text: `?` or `$n`. */
  param(n: number): string;
  /** The values of a group joined by `separator` (text). */
  groupConcat(value: RawBuilder<unknown>, separator: string): RawBuilder<string>;
  /** From now on, overwrite freed space (SQLite's secure_delete); PostgreSQL reclaims dead rows with VACUUM instead. */
  zeroFreedSpace(db: DbOrTx): Promise<void>;
  /** Make sure old versions of rows just rewritten are gone from the store's files (WAL checkpoint / VACUUM). */
  purgeOldRowVersions(db: DbOrTx, table: string): Promise<void>;
  /** Whether a table exists in the store. */
  tableExists(db: DbOrTx, name: string): Promise<boolean>;
}

const sqliteSql: EngineSql = {
  kind: 'sqlite',
  param: () => '?',
  groupConcat: (value, separator) => sql<string>`group_concat(${value}, ${sql.lit(separator)})`,
  addDays: (date, days) => sql<string>`date(${date}, '+' || (${days}) || ' days')`,
  async zeroFreedSpace(db) {
    await sql`pragma secure_delete = on`.execute(db);
  },
  async purgeOldRowVersions(db) {
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
  },
  async tableExists(db, name) {
    const { rows } = await sql`select 1 as x from sqlite_master where type = 'table' and name = ${name}`.execute(db);
    return rows.length > 0;
  },
};

const postgresSql: EngineSql = {
  kind: 'postgres',
  // In the values' order: SQLite joins them in the order it reads them, which for these small groups is the index's.
  param: (n) => `$${n}`,
  groupConcat: (value, separator) => sql<string>`string_agg(${value}, ${sql.lit(separator)} order by ${value})`,
  addDays: (date, days) => sql<string>`to_char(cast(${date} as date) + cast(${days} as integer), 'YYYY-MM-DD')`,
  async zeroFreedSpace() {},
  async purgeOldRowVersions(db, table) {
    // VACUUM cannot run inside a transaction; outside one it frees the dead row versions for reuse.
    await sql`vacuum ${sql.table(table)}`.execute(db);
  },
  async tableExists(db, name) {
    const { rows } = await sql`select 1 as x from information_schema.tables where table_schema = current_schema() and table_name = ${name}`.execute(db);
    return rows.length > 0;
  },
};

/** The engine behind a Kysely instance or transaction. */
export function engineOf(db: DbOrTx): EngineSql {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresSql : sqliteSql;
}
