import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = Db | Tx;

/** The better-sqlite3 handle behind each Kysely instance, for the few hot reads that use raw rows (see rawRows). */
const handles = new WeakMap<object, BetterSqlite3.Database>();

/**
 * Runs a compiled Kysely query in better-sqlite3's raw mode and builds each row with `build`: for hot reads of
 * thousands of rows (the dashboard), where better-sqlite3's own row objects cost more than the query.
 * Falls back to Kysely's execution for a handle it does not know (a transaction).
 */
export async function rawRows<R>(db: DbOrTx, query: { compile(): { sql: string; parameters: readonly unknown[] }; execute(): Promise<unknown[]> }, build: (values: unknown[]) => R, columns: readonly string[]): Promise<R[]> {
  const sqlite = handles.get(db);
  if (!sqlite) return (await query.execute()).map((row) => build(columns.map((c) => (row as Record<string, unknown>)[c])));
  const compiled = query.compile();
  return (sqlite.prepare(compiled.sql).raw(true).all(...(compiled.parameters as unknown[])) as unknown[][]).map(build);
}

const stampStatements = new WeakMap<BetterSqlite3.Database, { changes: BetterSqlite3.Statement; version: BetterSqlite3.Statement }>();

/**
 * A stamp that changes whenever the database may have changed: this connection's total_changes() (every row it
 * wrote, by any path) and PRAGMA data_version (commits by other connections: the CLI, a second process).
 * Null inside a transaction or for an unknown handle, where nothing may be cached. Costs a few microseconds.
 */
export function dataStamp(db: DbOrTx): string | null {
  const sqlite = handles.get(db);
  if (!sqlite || sqlite.inTransaction) return null;
  let st = stampStatements.get(sqlite);
  if (!st) stampStatements.set(sqlite, (st = { changes: sqlite.prepare('select total_changes()').pluck(), version: sqlite.prepare('pragma data_version').pluck() }));
  return `${st.version.get() as number}:${st.changes.get() as number}`;
}

export interface OpenOptions {
  /** A better_sqlite3.node built for another ABI (Electron's), chosen at run time. */
  nativeBinding?: string;
  readonly?: boolean;
  fileMustExist?: boolean;
}

export interface Connection {
  sqlite: BetterSqlite3.Database;
  db: Db;
  close(): Promise<void>;
}

/** Opens the one database file with the PRAGMAs every process uses (WAL, foreign keys, busy timeout). */
export function openDatabase(file: string, options: OpenOptions = {}): Connection {
  const sqlite = new BetterSqlite3(file, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
  });
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  handles.set(db, sqlite);
  let closed = false;
  return {
    sqlite,
    db,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // closes the better-sqlite3 handle too
    },
  };
}
