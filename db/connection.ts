import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, sql, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig, type Transaction } from 'kysely';
import type { Database } from './schema';
import { openPglite, pglitePool, PG_BUSY_CODES, PG_DISK_FULL, postgresDialect, serverPool, SqliteSemanticsPlugin } from './postgres';

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

/** PostgreSQL Kysely instances opened here (not their transactions): the ones dataStamp may stamp. */
const postgresHandles = new WeakSet<object>();

/**
 * A stamp that changes whenever the database may have changed. Null inside a transaction or for an unknown
 * handle, where nothing may be cached.
 * - SQLite: this connection's total_changes() (every row it wrote, by any path) and PRAGMA data_version (commits
 *   by other connections: the CLI, a second process). Costs a few microseconds.
 * - PostgreSQL: the current snapshot (`pg_current_snapshot()`: xmin:xmax:in-progress ids). A transaction that
 *   commits after one stamp either was in progress then (its id leaves the list) or got its id later (xmax moves),
 *   so two equal stamps mean no commit in between, by any process on the server. One round trip.
 */
export async function dataStamp(db: DbOrTx): Promise<string | null> {
  if (postgresHandles.has(db)) {
    const { rows } = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(db);
    return `pg:${rows[0]!.s}`;
  }
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

/**
 * Another writer holds the lock: SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_RECOVERY, …) and
 * SQLITE_LOCKED; on PostgreSQL lock_not_available (the write lock's wait ran out), serialization failure, deadlock.
 */
export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || PG_BUSY_CODES.has(code));
}

/** The disk (or the database's size limit) is full: SQLITE_FULL from SQLite, 53100 from PostgreSQL, ENOSPC/EDQUOT from the file system. */
export function isDiskFullError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    const code = (x as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === PG_DISK_FULL || (typeof code === 'string' && code.startsWith('SQLITE_FULL'))) return true;
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

/** An open SQLite store (one file). */
export interface Connection {
  engine: 'sqlite';
  sqlite: BetterSqlite3.Database;
  db: Db;
  close(): Promise<void>;
}

/** An open PostgreSQL store (a server, or PGlite in this process). */
export interface PostgresConnection {
  engine: 'postgres';
  sqlite: null;
  db: Db;
  close(): Promise<void>;
}

/** Either engine's open store: what core, the migrator and the CLI hold. */
export type Store = Connection | PostgresConnection;

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
    engine: 'sqlite',
    sqlite,
    db,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // closes the better-sqlite3 handle too
    },
  };
}

/** Where a store lives: `sqlite:DIR` (or a plain folder), `postgres://…`/`postgresql://…`, `pglite:DIR`, `pglite:memory`. */
export type StoreLocation =
  | { engine: 'sqlite'; dir: string }
  | { engine: 'postgres'; url: string }
  | { engine: 'pglite'; dir: string | null };

/** Parses a `--database` value or PLA_DESK_DATABASE. A location without a scheme is a data folder (SQLite). */
export function parseStoreLocation(value: string): StoreLocation {
  if (/^postgres(ql)?:\/\//i.test(value)) return { engine: 'postgres', url: value };
  if (/^pglite:/i.test(value)) {
    const rest = value.slice('pglite:'.length);
    return { engine: 'pglite', dir: rest === '' || rest === 'memory' ? null : rest };
  }
  if (/^sqlite:/i.test(value)) return { engine: 'sqlite', dir: value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') };
  return { engine: 'sqlite', dir: value };
}

/** A location for messages and logs, without the password a postgres:// URL may carry. */
export function describeLocation(loc: StoreLocation): string {
  if (loc.engine === 'sqlite') return `sqlite:${loc.dir}`;
  if (loc.engine === 'pglite') return `pglite:${loc.dir ?? 'memory'}`;
  try {
    const u = new URL(loc.url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export interface PostgresOpenOptions {
  /** Most pooled server connections (default 10). */
  maxConnections?: number;
  /** An already open PGlite (tests clone one migrated template per store). */
  pglite?: import('@electric-sql/pglite').PGlite;
}

/** Opens a PostgreSQL store: a server (`postgres://…`) through a `pg` pool, or PGlite in a folder or in memory. */
export async function openPostgres(loc: Exclude<StoreLocation, { engine: 'sqlite' }>, options: PostgresOpenOptions = {}): Promise<PostgresConnection> {
  let pool;
  if (loc.engine === 'postgres') {
    pool = serverPool(loc.url, options.maxConnections);
  } else {
    // A PGlite handed in belongs to the caller, who closes it; one opened here closes with the store.
    const given = options.pglite;
    const lite = given ?? (await openPglite(loc.dir));
    pool = pglitePool(lite, given ? undefined : () => lite.close());
  }
  const db = new Kysely<Database>({ dialect: postgresDialect(pool, BEGIN_WAIT_MS), plugins: [new SqliteSemanticsPlugin()] });
  postgresHandles.add(db);
  let closed = false;
  try {
    await sql`select 1`.execute(db); // fail here, with the server's reason, rather than at the first request
  } catch (e) {
    await db.destroy().catch(() => {});
    throw e;
  }
  return {
    engine: 'postgres',
    sqlite: null,
    db,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
