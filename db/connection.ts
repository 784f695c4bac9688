import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig, type Transaction } from 'kysely';
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

/** How long a statement outside a transaction waits for another writer (blocking: better-sqlite3 is synchronous). */
export const BUSY_TIMEOUT_MS = 5000;
/** How long one BEGIN IMMEDIATE blocks before giving the event loop back; writeTransaction then retries. */
export const BEGIN_WAIT_MS = 50;

/**
 * Every Kysely transaction begins IMMEDIATE: it takes SQLite's write lock at BEGIN, where the busy timeout
 * applies, instead of upgrading a read snapshot at its first write, where SQLite answers SQLITE_BUSY at once
 * (a deferred transaction that has read cannot wait: another writer may have committed since its snapshot).
 * The BEGIN blocks for at most BEGIN_WAIT_MS, so a process serving HTTP stays responsive; writeTransaction
 * retries it with backoff.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: BetterSqlite3.Database,
  ) {
    super(config);
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    this.sqlite.pragma(`busy_timeout = ${BEGIN_WAIT_MS}`);
    try {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    } finally {
      this.sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }
  /** SQLite has already rolled back after some errors (SQLITE_FULL, …): a second ROLLBACK would hide the cause. */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.sqlite }, this.sqlite);
  }
}

/** SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_RECOVERY, …), and SQLITE_LOCKED. */
export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The disk (or the database's size limit) is full: SQLITE_FULL from SQLite, ENOSPC/EDQUOT from the file system. */
export function isDiskFullError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    const code = (x as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || (typeof code === 'string' && code.startsWith('SQLITE_FULL'))) return true;
  }
  return false;
}

export interface WriteWaitOptions {
  /** Called once when the write has to wait for another writer, and again every few seconds while it waits. */
  onWait?: (waitedMs: number) => void;
  /** Give up after this long (default WRITE_WAIT_MS). */
  deadlineMs?: number;
}

/** A user-facing save waits this long for another writer (an import in another process) before it fails. */
export const WRITE_WAIT_MS = 90_000;

/**
 * Runs `fn` in one IMMEDIATE transaction. When another connection holds the write lock, waits (without
 * blocking the event loop between attempts) and retries the BEGIN with backoff until `deadlineMs`; `fn`
 * itself never runs twice, so it may have effects outside the database.
 */
export async function writeTransaction<T>(db: Db, fn: (trx: Tx) => Promise<T>, options: WriteWaitOptions = {}): Promise<T> {
  const deadline = options.deadlineMs ?? WRITE_WAIT_MS;
  const started = Date.now();
  let lastNotice = -Infinity;
  for (let attempt = 0; ; attempt++) {
    let entered = false;
    try {
      return await db.transaction().execute((trx) => {
        entered = true;
        return fn(trx);
      });
    } catch (e) {
      const waited = Date.now() - started;
      if (entered || !isBusyError(e) || waited >= deadline) throw e;
      if (waited - lastNotice >= 5000) {
        lastNotice = waited;
        options.onWait?.(waited);
      }
      const backoff = Math.min(500, 10 * 2 ** Math.min(attempt, 6));
      await new Promise((r) => setTimeout(r, backoff / 2 + Math.random() * backoff));
    }
  }
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
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite) });
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
