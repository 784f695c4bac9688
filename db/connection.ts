import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  sql,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import type { Database } from './schema';
import { queryTracePlugins } from './query-trace';
import { acquirePglite, pglitePool, PG_BUSY_CODES, PG_DISK_FULL, postgresDialect, serverPool, SqliteSemanticsPlugin } from './postgres';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = Db | Tx;

/** The better-sqlite3 handle behind each Kysely instance, for the few hot reads that use raw rows (see rawRows). */
const handles = new WeakMap<object, BetterSqlite3.Database>();

/** How many prepared statements each handle keeps (the app issues a few hundred distinct SQL texts). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Prepared statements of one handle, by SQL text, the least recently used dropped past STATEMENT_CACHE_SIZE.
 * better-sqlite3's prepare() parses and plans the SQL each time, and Kysely's driver prepared every query anew: in a
 * 2,000-row import that was the largest single cost (about a third of its time, all of it on the event loop while
 * the write lock was held), and every list read paid it too. A statement is used synchronously (all/run/get) between
 * two awaits, so sharing one is safe; streams (iterate) prepare their own.
 */
class StatementCache {
  private map = new Map<string, BetterSqlite3.Statement>();
  constructor(
    private readonly handle: BetterSqlite3.Database,
    private readonly size = STATEMENT_CACHE_SIZE,
  ) {}
  get(sqlText: string): BetterSqlite3.Statement {
    let stmt = this.map.get(sqlText);
    if (stmt) {
      // Most recently used goes last.
      this.map.delete(sqlText);
    } else {
      stmt = this.handle.prepare(sqlText);
      if (this.map.size >= this.size) this.map.delete(this.map.keys().next().value!);
    }
    this.map.set(sqlText, stmt);
    return stmt;
  }
  get count() {
    return this.map.size;
  }
}

/** Raw-mode statements (rawRows) per handle: kept apart, since raw(true) changes how a statement returns rows. */
const rawStatements = new WeakMap<BetterSqlite3.Database, StatementCache>();

/**
 * Runs a compiled Kysely query in better-sqlite3's raw mode and builds each row with `build`: for hot reads of
 * thousands of rows (the dashboard), where better-sqlite3's own row objects cost more than the query.
 * Falls back to Kysely's execution for a handle it does not know (a transaction).
 */
export async function rawRows<R>(
  db: DbOrTx,
  query: { compile(): { sql: string; parameters: readonly unknown[] }; execute(): Promise<unknown[]> },
  build: (values: unknown[]) => R,
  columns: readonly string[],
): Promise<R[]> {
  const sqlite = handles.get(db);
  if (!sqlite) return (await query.execute()).map((row) => build(columns.map((c) => (row as Record<string, unknown>)[c])));
  const compiled = query.compile();
  let cache = rawStatements.get(sqlite);
  if (!cache) rawStatements.set(sqlite, (cache = new StatementCache(sqlite)));
  return (
    cache
      .get(compiled.sql)
      .raw(true)
      .all(...(compiled.parameters as unknown[])) as unknown[][]
  ).map(build);
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
  if (!st)
    stampStatements.set(sqlite, (st = { changes: sqlite.prepare('select total_changes()').pluck(), version: sqlite.prepare('pragma data_version').pluck() }));
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
  // PostgreSQL: this process's writers take turns here first (see WriterQueue), so one connection at a time waits
  // for the store's write lock, in PostgreSQL's own queue, where a writer that came first is served first.
  const queue = postgresWriters.get(db);
  const release = queue ? await queue.enter(deadline, options.onWait) : null;
  try {
    return await runWriteTransaction(db, fn, options, deadline, started);
  } finally {
    release?.();
  }
}

async function runWriteTransaction<T>(db: Db, fn: (trx: Tx) => Promise<T>, options: WriteWaitOptions, deadline: number, started: number): Promise<T> {
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

/** How long one wait for PostgreSQL's write lock lasts before writeTransaction asks again (the wait itself is async). */
export const PG_BEGIN_WAIT_MS = 2000;

/**
 * The write transactions of one PostgreSQL store in this process, one at a time and first come first served.
 * Writers on PostgreSQL run one at a time anyway (the advisory write lock, db/postgres.ts). Before this, each asked
 * for that lock with a 50 ms wait and tried again after a random backoff, holding a pooled connection: a writer that
 * had waited longest was served by chance, and behind one import committing one long transaction after another, saves
 * starved until their 90 s ran out (BUSY) while their connections crowded out the reads. Now the writers of this
 * process queue here without a connection, and the one at the head waits in PostgreSQL's lock queue (PG_BEGIN_WAIT_MS
 * at a time), which serves other processes' writers in their order too. A writer that cannot enter within its
 * deadline fails as busy, as a lock wait that ran out does.
 */
class WriterQueue {
  private tail: Promise<void> = Promise.resolve();
  async enter(deadlineMs: number, onWait?: (waitedMs: number) => void): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const before = this.tail;
    this.tail = this.tail.then(() => mine);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let notices: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        before,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('another writer held the store too long'), { code: '55P03' })), deadlineMs);
          if (onWait) notices = setInterval(() => onWait(Date.now() - started), 5000);
        }),
      ]);
    } catch (e) {
      // Leave the line without holding up those behind: they go on once the writer ahead of this one is done.
      void before.then(release);
      throw e;
    } finally {
      clearTimeout(timer);
      clearInterval(notices);
    }
    return release;
  }
}

/** The writer queue of each PostgreSQL Kysely instance opened here. */
const postgresWriters = new WeakMap<object, WriterQueue>();

/** One-at-a-time access to the write handle (what Kysely's own SQLite driver does for its single handle). */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

type Run = { rows: unknown[]; numAffectedRows?: bigint; insertId?: bigint };
function runOn(stmt: BetterSqlite3.Statement, parameters: readonly unknown[]): Run {
  if (stmt.reader) return { rows: stmt.all(...(parameters as unknown[])) };
  const { changes, lastInsertRowid } = stmt.run(...(parameters as unknown[]));
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

/**
 * Two handles on one file (WAL): statements that only read run on a read handle at once, whatever the write
 * handle is doing; writes and transactions take the write handle one at a time (BEGIN IMMEDIATE, as
 * ImmediateSqliteDriver). So a long import in one request no longer holds back every other user's lists and
 * dashboards (issue 13, item 4): they read the last committed state. Inside a transaction every statement,
 * reads too, stays on the write handle (it sees its own writes).
 */
class RoutedSqliteDriver implements Driver {
  private mutex = new Mutex();
  readonly writeStatements: StatementCache;
  readonly readStatements: StatementCache;
  constructor(
    readonly write: BetterSqlite3.Database,
    readonly read: BetterSqlite3.Database,
  ) {
    this.writeStatements = new StatementCache(write);
    this.readStatements = new StatementCache(read);
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }
  lock() {
    return this.mutex.lock();
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as RoutedConnection;
    await c.pin();
    // A short transaction (a save) runs without letting others in; only a long one (an import) yields.
    lastYield = performance.now();
    this.write.pragma(`busy_timeout = ${BEGIN_WAIT_MS}`);
    try {
      this.write.prepare('begin immediate').run();
    } catch (e) {
      c.unpin();
      throw e;
    } finally {
      this.write.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }
  async commitTransaction(): Promise<void> {
    this.write.prepare('commit').run();
  }
  /** SQLite has already rolled back after some errors (SQLITE_FULL, …): a second ROLLBACK would hide the cause. */
  async rollbackTransaction(): Promise<void> {
    if (this.write.inTransaction) this.write.prepare('rollback').run();
  }
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as RoutedConnection).unpin();
  }
  async destroy(): Promise<void> {
    this.read.close();
    this.write.close();
  }
}

/** How long a write transaction runs before it lets other requests in (RoutedConnection), and again after each turn. */
const YIELD_MS = 15;
let lastYield = 0;

class RoutedConnection implements DatabaseConnection {
  private release: (() => void) | null = null;
  constructor(private d: RoutedSqliteDriver) {}
  async pin() {
    if (!this.release) this.release = await this.d.lock();
  }
  unpin() {
    this.release?.();
    this.release = null;
  }
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (this.release) {
      // better-sqlite3 answers at once, so a transaction of thousands of statements would never give the event
      // loop back: every YIELD_MS of it, other requests get their turn (their reads use the read handle).
      if (performance.now() - lastYield > YIELD_MS) {
        await new Promise((r) => setImmediate(r));
        lastYield = performance.now();
      }
      return runOn(this.d.writeStatements.get(q.sql), q.parameters) as QueryResult<R>;
    }
    const stmt = this.d.readStatements.get(q.sql);
    if (stmt.readonly) return runOn(stmt, q.parameters) as QueryResult<R>;
    const release = await this.d.lock();
    try {
      return runOn(this.d.writeStatements.get(q.sql), q.parameters) as QueryResult<R>;
    } finally {
      release();
    }
  }
  async *streamQuery<R>(q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = (this.release ? this.d.write : this.d.read).prepare(q.sql);
    if (!stmt.readonly) throw new Error('only reads can be streamed');
    for (const row of stmt.iterate(...(q.parameters as unknown[]))) yield { rows: [row as R] };
  }
}

class RoutedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly write: BetterSqlite3.Database,
    private readonly read: BetterSqlite3.Database,
  ) {
    super({ database: write });
  }
  override createDriver(): Driver {
    return new RoutedSqliteDriver(this.write, this.read);
  }
}

export interface OpenOptions {
  /** A better_sqlite3.node built for another ABI (Electron's), chosen at run time. */
  nativeBinding?: string;
  readonly?: boolean;
  fileMustExist?: boolean;
  /**
   * A second handle for reads (RoutedSqliteDriver): reads never wait behind a write transaction of this process.
   * The core opens its database so; short-lived tools (copy, restore) keep one handle.
   */
  readHandle?: boolean;
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
  let db: Db;
  if (options.readHandle && !options.readonly) {
    const reader = new BetterSqlite3(file, { nativeBinding: options.nativeBinding, fileMustExist: true });
    reader.pragma('foreign_keys = ON');
    reader.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    reader.pragma('query_only = ON');
    db = new Kysely<Database>({ dialect: new RoutedSqliteDialect(sqlite, reader), plugins: queryTracePlugins('sqlite') });
    // Raw-row reads and the cache stamp use the read handle: its data_version moves with every commit of the write handle.
    handles.set(db, reader);
  } else {
    db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite), plugins: queryTracePlugins('sqlite') });
    handles.set(db, sqlite);
  }
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
export type StoreLocation = { engine: 'sqlite'; dir: string } | { engine: 'postgres'; url: string } | { engine: 'pglite'; dir: string | null };

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
    const shared = given ? null : await acquirePglite(loc.dir);
    pool = pglitePool(given ?? shared!.lite, shared?.release);
  }
  const db = new Kysely<Database>({
    dialect: postgresDialect(pool, PG_BEGIN_WAIT_MS),
    plugins: [new SqliteSemanticsPlugin(), ...queryTracePlugins('postgres')],
  });
  postgresHandles.add(db);
  postgresWriters.set(db, new WriterQueue());
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
