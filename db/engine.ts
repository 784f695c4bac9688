import { CompiledQuery, PostgresAdapter, sql, type RawBuilder } from 'kysely';
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
  /**
   * Appends many rows in few statements: `values` holds one array per column (each at least `count` long), `types`
   * each column's SQL type. SQLite: multi-row INSERTs of a fixed size (one SQL text per table and size); PostgreSQL:
   * INSERT … SELECT FROM unnest() of one array per column, 100,000 rows a statement.
   */
  appendRows(db: DbOrTx, table: string, columns: readonly AppendColumn[], values: ReadonlyArray<ArrayLike<unknown>>, count: number): Promise<void>;
}

/** A column appendRows fills, with its SQL type. */
export interface AppendColumn {
  name: string;
  type: 'integer' | 'text';
}

/** Rows per SQLite INSERT in appendRows (at most 8 columns: under SQLite's 32,766 parameters; measured fastest). */
const SQLITE_APPEND_ROWS = 250;
/** Rows per PostgreSQL INSERT … unnest in appendRows. */
const POSTGRES_APPEND_ROWS = 100_000;

const appendSql = new Map<string, string>();
function cachedSql(key: string, make: () => string) {
  let s = appendSql.get(key);
  if (s === undefined) appendSql.set(key, (s = make()));
  return s;
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
  async appendRows(db, table, columns, values, count) {
    const width = columns.length;
    if (width > 8) throw new Error('appendRows takes at most 8 columns');
    const names = columns.map((c) => c.name).join(', ');
    const row = `(${Array.from({ length: width }, () => '?').join(',')})`;
    for (let start = 0; start < count; start += SQLITE_APPEND_ROWS) {
      const n = Math.min(SQLITE_APPEND_ROWS, count - start);
      const text = cachedSql(`sqlite:${table}:${names}:${n}`, () => `insert into ${table} (${names}) values ${Array.from({ length: n }, () => row).join(',')}`);
      // A new array each time: Kysely freezes a query's parameters.
      const params: unknown[] = new Array(n * width);
      let k = 0;
      for (let i = start; i < start + n; i++) for (let c = 0; c < width; c++) params[k++] = values[c][i];
      await db.executeQuery(CompiledQuery.raw(text, params));
    }
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
  async appendRows(db, table, columns, values, count) {
    const names = columns.map((c) => c.name).join(', ');
    const text = cachedSql(
      `postgres:${table}:${names}`,
      () => `insert into ${table} (${names}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})`,
    );
    for (let start = 0; start < count; start += POSTGRES_APPEND_ROWS) {
      const end = Math.min(count, start + POSTGRES_APPEND_ROWS);
      const params = values.map((v) => Array.prototype.slice.call(v, start, end));
      await db.executeQuery(CompiledQuery.raw(text, params));
    }
  },
};

/** The engine behind a Kysely instance or transaction. */
export function engineOf(db: DbOrTx): EngineSql {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresSql : sqliteSql;
}
