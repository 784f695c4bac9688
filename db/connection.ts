import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = Db | Tx;

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
