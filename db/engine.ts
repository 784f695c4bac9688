import { CompiledQuery, PostgresAdapter, sql, type OrderByModifiers, type RawBuilder } from 'kysely';
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
   * each column's SQL type; a column that holds one whole number for every row may be given as that number. SQLite: multi-row INSERTs of a fixed size (one SQL text per table and size); PostgreSQL:
   * one COPY … FROM STDIN (postgres.ts runs it on a server and on PGlite).
   */
  appendRows(db: DbOrTx, table: string, columns: readonly AppendColumn[], values: ReadonlyArray<ArrayLike<unknown> | number>, count: number): Promise<void>;
  /**
   * The direction of a sort key that is never NULL, with NULLs where its index keeps them, so the sort can walk the
   * index and stop after a page: SQLite's plain direction; on PostgreSQL NULLs last ascending (first descending), which
   * the NULLs rule of SqliteSemanticsPlugin (postgres.ts) would otherwise turn round, making every such sort a whole sort.
   */
  indexOrder(direction: 'asc' | 'desc'): OrderByModifiers;
  /**
   * After a bulk write (an import): brings the planner's statistics (and visibility map) up to date for every table never analyzed or
   * changed by more than autovacuum's own threshold (50 rows + 10 %; the counts arrive up to a second after a commit). PostgreSQL would analyze them on autovacuum's next round, up to a
   * minute later, and plans on the old sizes meanwhile (a register grown from 500 to 16,500 risks was still planned
   * as 37 rows: the risk list took 44 ms instead of 1). SQLite keeps no statistics: nothing to do.
   */
  refreshStatistics(db: DbOrTx): Promise<void>;
}

/** A column appendRows fills, with its SQL type. */
export interface AppendColumn {
  name: string;
  type: 'integer' | 'text';
}

/** Rows per SQLite INSERT in appendRows (at most 8 columns: under SQLite's 32,766 parameters; measured fastest). */
const SQLITE_APPEND_ROWS = 250;

const appendSql = new Map<string, string>();
function cachedSql(key: string, make: () => string) {
  let s = appendSql.get(key);
  if (s === undefined) appendSql.set(key, (s = make()));
  return s;
}

const sqliteSql: EngineSql = {
  kind: 'sqlite',
  indexOrder: (direction) => direction,
  async refreshStatistics() {},
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
    if (columns.length > 8) throw new Error('appendRows takes at most 8 columns');
    // A column given as one whole number is written into the SQL text; a column whose values in a statement's rows are
    // all null is left out of it (SQLite stores null for it): fewer parameters to bind, measured ~40 % faster on votes.
    const fixed = columns.map((c, i) => (typeof values[i] === 'number' ? String(Math.trunc(values[i] as number)) : null));
    for (let start = 0, n = 0; start < count; start += n) {
      // A shorter rest goes in power-of-two statements: a few SQL texts per table, not one per rest length.
      const rest = count - start;
      n = rest >= SQLITE_APPEND_ROWS ? SQLITE_APPEND_ROWS : 2 ** Math.floor(Math.log2(rest));
      const bound: number[] = [];
      for (let c = 0; c < columns.length; c++) if (fixed[c] === null && !allNull(values[c] as ArrayLike<unknown>, start, start + n)) bound.push(c);
      const written = columns.map((_, c) => c).filter((c) => fixed[c] !== null || bound.includes(c));
      const names = written.map((c) => columns[c].name).join(', ');
      const row = `(${written.map((c) => fixed[c] ?? '?').join(',')})`;
      const text = cachedSql(
        `sqlite:${table}:${names}:${row}:${n}`,
        () => `insert into ${table} (${names}) values ${Array.from({ length: n }, () => row).join(',')}`,
      );
      // A new array each time: Kysely freezes a query's parameters.
      const width = bound.length;
      const params: unknown[] = new Array(n * width);
      let k = 0;
      for (let i = start; i < start + n; i++) for (let b = 0; b < width; b++) params[k++] = (values[bound[b]] as ArrayLike<unknown>)[i];
      await db.executeQuery(CompiledQuery.raw(text, params));
    }
  },
};

function allNull(values: ArrayLike<unknown>, start: number, end: number) {
  for (let i = start; i < end; i++) if (values[i] != null) return false;
  return true;
}

const postgresSql: EngineSql = {
  kind: 'postgres',
  indexOrder: (direction) => (ob) => (direction === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsFirst()),
  async refreshStatistics(db) {
    const { rows } = await sql<{ relname: string }>`select relname from pg_stat_user_tables
      where schemaname = current_schema()
        and (coalesce(last_analyze, last_autoanalyze) is null or n_mod_since_analyze > 50 + 0.1 * n_live_tup)`.execute(db);
    // VACUUM too: the pages an import filled become all-visible, so the counts read their indexes alone (the risk
    // overview's counts 21 → 7 ms at 40,000 risks) instead of visiting each new row's page until autovacuum comes.
    if (rows.length)
      await sql`vacuum (analyze) ${sql.join(
        rows.map((r) => sql.table(r.relname)),
        sql`, `,
      )}`.execute(db);
  },
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
    const text = cachedSql(
      `postgres:${table}:${columns.map((c) => c.name).join(', ')}`,
      () => `copy ${table} (${columns.map((c) => c.name).join(', ')}) from stdin`,
    );
    // One COPY; its text is built a piece at a time as it is sent (postgres.ts), never whole.
    if (count > 0) await db.executeQuery(CompiledQuery.raw(text, [copyText(columns, values, 0, count)]));
  },
};

/** Rows per piece of a COPY's text: sent while the next is built, so the server stores one while this process writes the next. */
const COPY_PIECE_ROWS = 5_000;
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Rows `start`…`end` of the columns as COPY's text format, in pieces of COPY_PIECE_ROWS rows: a line a row, values
 * separated by tabs, `\N` for null, a backslash, tab, newline or carriage return in a text escaped with a backslash
 * (`\\`, `\t`, `\n`, `\r`). A column given as one whole number is that number on every line.
 */
function* copyText(columns: readonly AppendColumn[], values: ReadonlyArray<ArrayLike<unknown> | number>, start: number, end: number): Generator<string> {
  const width = columns.length;
  const fixed = values.map((v) => (typeof v === 'number' ? String(Math.trunc(v)) : null));
  for (let from = start; from < end; from += COPY_PIECE_ROWS) {
    const to = Math.min(end, from + COPY_PIECE_ROWS);
    let out = '';
    for (let i = from; i < to; i++) {
      for (let c = 0; c < width; c++) {
        let cell = fixed[c];
        if (cell === null) {
          const v = (values[c] as ArrayLike<unknown>)[i];
          if (v == null) cell = '\\N';
          else if (columns[c].type === 'integer') cell = String(Math.trunc(Number(v)));
          else {
            cell = String(v);
            if (COPY_SPECIAL.test(cell)) cell = cell.replace(/[\\\t\n\r]/g, (ch) => COPY_ESCAPES[ch]);
          }
        }
        out += c === width - 1 ? `${cell}\n` : `${cell}\t`;
      }
    }
    yield out;
  }
}

/** The engine behind a Kysely instance or transaction. */
export function engineOf(db: DbOrTx): EngineSql {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresSql : sqliteSql;
}
