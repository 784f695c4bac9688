import {
  CompiledQuery,
  OperationNodeTransformer,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type DataTypeNode,
  type Driver,
  type KyselyPlugin,
  type OrderByItemNode,
  RawNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PostgresDialectConfig,
  type PostgresPool,
  type PostgresPoolClient,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import path from 'node:path';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

/**
 * PostgreSQL behind Kysely: a `pg` Pool for a server, or PGlite (the same engine compiled to WebAssembly, in
 * this process) behind the same pool interface for a machine without a server. Everything here exists so that
 * the queries and services written for SQLite read and write the same values on PostgreSQL.
 */

/** OIDs whose text form PLA Desk reads as a JS number or keeps as text (pg would give strings or Dates). */
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/**
 * count(*), sum(integer) and the bigint columns come back as JS numbers (money is integer bani, far below 2^53);
 * numeric (sum of bigint, avg) as a number; dates and timestamps stay the text PostgreSQL printed (PLA Desk keeps
 * its timestamps as ISO text, and compares them as text on both engines).
 */
export function parseValue(oid: number, text: string): unknown {
  switch (oid) {
    case INT8:
    case NUMERIC:
      return Number(text);
    case DATE:
    case TIMESTAMP:
    case TIMESTAMPTZ:
      return text;
    default:
      return undefined;
  }
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary' && parseValue(oid, '0') !== undefined) return (text: string) => parseValue(oid, text);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * The schema builder's column types, as SQLite means them: `integer` is 64-bit there (bigint here), `real` is an
 * 8-byte float there (double precision here; PostgreSQL's real is 4 bytes and would round money ratios), `blob` is
 * bytea. The migrations name SQLite's types; this plugin gives PostgreSQL the equivalent ones.
 */
class SqliteTypesTransformer extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    const t = String(node.dataType).toLowerCase();
    const to = t === 'integer' ? 'bigint' : t === 'real' ? 'double precision' : t === 'blob' ? 'bytea' : null;
    return to ? ({ ...node, dataType: to } as DataTypeNode) : node;
  }
}

/**
 * SQLite sorts NULL first when ascending and last when descending; PostgreSQL the other way round. Every ORDER BY
 * item that does not say where its NULLs go gets SQLite's place, so lists sort the same on both engines.
 */
class NullsOrderTransformer extends OperationNodeTransformer {
  protected override transformOrderByItem(node: OrderByItemNode): OrderByItemNode {
    const t = super.transformOrderByItem(node);
    if (t.nulls) return t;
    const dir = t.direction && RawNode.is(t.direction) ? t.direction.sqlFragments.join('').trim().toLowerCase() : 'asc';
    return { ...t, nulls: dir === 'desc' ? 'last' : 'first' } as OrderByItemNode;
  }
}

/** Gives PostgreSQL SQLite's meaning where the queries rely on it: column types in the migrations, NULLs' place in sorts. */
export class SqliteSemanticsPlugin implements KyselyPlugin {
  private readonly types = new SqliteTypesTransformer();
  private readonly nulls = new NullsOrderTransformer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind;
    if (kind === 'CreateTableNode' || kind === 'AlterTableNode') return this.types.transformNode(args.node);
    return this.nulls.transformNode(args.node);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The one advisory lock every write transaction takes: PostgreSQL's equivalent of SQLite's BEGIN IMMEDIATE. */
export const WRITE_LOCK_KEY = 0x504c4144; // "PLAD"

/**
 * Every Kysely transaction takes the store's write lock at BEGIN, so writers run one at a time as they do on
 * SQLite: the services' read-check-write steps (optimistic concurrency, "next free code", the audit log's order)
 * see no interleaved writer, under READ COMMITTED. The lock waits at most `beginWaitMs`, then the BEGIN fails
 * with lock_not_available (55P03) and writeTransaction retries it with backoff, as it retries SQLITE_BUSY; the
 * rest of the transaction keeps the server's lock_timeout. Readers never wait for it.
 */
class LockingPostgresDriver extends PostgresDriver {
  constructor(
    config: PostgresDialectConfig,
    private readonly beginWaitMs: number,
  ) {
    super(config);
  }
  override async beginTransaction(connection: DatabaseConnection, settings: Parameters<Driver['beginTransaction']>[1]): Promise<void> {
    await super.beginTransaction(connection, settings);
    try {
      await connection.executeQuery(
        CompiledQuery.raw(
          `with t as (select current_setting('lock_timeout') as v) ` +
            `select set_config('lock_timeout', '${Math.max(1, Math.round(this.beginWaitMs))}ms', true), pg_advisory_xact_lock(${WRITE_LOCK_KEY}), set_config('lock_timeout', t.v, true) from t`,
        ),
      );
    } catch (e) {
      // The wait for the write lock ran out (another writer): the transaction is begun but aborted, and Kysely rolls
      // back only what it saw begin. Without this the connection went back to the pool inside that aborted
      // transaction and every later call on it failed ("current transaction is aborted").
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => {});
      throw e;
    }
  }
}

class LockingPostgresDialect extends PostgresDialect {
  constructor(
    private readonly config: PostgresDialectConfig,
    private readonly beginWaitMs: number,
  ) {
    super(config);
  }
  override createDriver(): Driver {
    return new LockingPostgresDriver(this.config, this.beginWaitMs);
  }
}

export function postgresDialect(pool: PostgresPool, beginWaitMs: number): PostgresDialect {
  return new LockingPostgresDialect({ pool }, beginWaitMs);
}

/**
 * `copy <table> (<columns>) from stdin`, sent with one parameter: the rows in COPY's text format, as pieces of text
 * (an iterable, built as it is read: engine.ts appendRows). Both pools run it as a COPY: a server's `pg` client over
 * the COPY protocol, each piece sent as soon as it is built (the server stores it while the next is built), PGlite from
 * the pieces as a blob. COPY costs the server a third of the CPU of INSERT … unnest for the same rows (measured).
 */
const COPY_FROM_STDIN = /^copy [a-z_0-9]+ \([a-z_0-9, ]+\) from stdin$/;
const isCopyFromStdin = (text: unknown, values: unknown): values is [Iterable<string>] =>
  typeof text === 'string' &&
  COPY_FROM_STDIN.test(text) &&
  Array.isArray(values) &&
  values.length === 1 &&
  typeof values[0] === 'object' &&
  values[0] !== null &&
  Symbol.iterator in values[0];

/** One COPY … FROM STDIN on a `pg` client (what pg-copy-streams does, from an iterable of text pieces). */
class CopyFromStdin {
  private failed = false;
  private rowCount = 0;
  constructor(
    private readonly text: string,
    private readonly pieces: Iterable<string>,
    private readonly settle: (error: Error | null, rowCount: number) => void,
  ) {}
  submit(connection: { query(text: string): void }) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void; sendCopyFail(message: string): void }) {
    try {
      for (const piece of this.pieces) connection.sendCopyFromChunk(Buffer.from(piece));
    } catch (e) {
      // The server abandons the COPY (its error, then ReadyForQuery, follow); the caller gets this error.
      connection.sendCopyFail(e instanceof Error ? e.message : String(e));
      this.handleError(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    connection.endCopyFrom();
  }
  handleCommandComplete(msg: { text?: string }) {
    this.rowCount = Number(/\d+$/.exec(msg.text ?? '')?.[0] ?? 0);
  }
  /** A refusal by the server (ReadyForQuery follows) or a lost connection (nothing follows): settled at once. */
  handleError(error: Error) {
    if (this.failed) return;
    this.failed = true;
    this.settle(error, 0);
  }
  handleReadyForQuery() {
    if (!this.failed) this.settle(null, this.rowCount);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handlePortalSuspended() {}
  handleEmptyQuery() {}
  handleCopyData() {}
}

/** The pool's client: runs a COPY … FROM STDIN given its text as the one parameter; every other query as `pg` does. */
class CopyingClient extends pg.Client {
  override query(...args: any[]): any {
    const [text, values] = args;
    if (isCopyFromStdin(text, values))
      return new Promise((resolve, reject) =>
        super.query(new CopyFromStdin(text, values[0], (e, rowCount) => (e ? reject(e) : resolve({ command: 'COPY', rowCount, rows: [] })))),
      );
    return (super.query as (...a: any[]) => any)(...args);
  }
}

/** A `pg` pool for a server URL, with PLA Desk's type parsers. */
export function serverPool(url: string, max = 10): pg.Pool & PostgresPool {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes, application_name: 'pla-desk', Client: CopyingClient });
  // An idle client that loses its server (a restart) must not crash the process; the next query reconnects.
  pool.on('error', (e) => console.error(`[pla-desk] PostgreSQL connection lost: ${e.message}`));
  return pool as pg.Pool & PostgresPool;
}

/** The statement's command tag, which PGlite does not return and Kysely reads to count affected rows. */
function commandOf(sqlText: string): string {
  const m = /^\s*(\w+)/.exec(sqlText);
  const first = (m?.[1] ?? '').toUpperCase();
  if (first !== 'WITH') return first;
  const verb = /\b(insert|update|delete|merge)\b(?![^(]*\))/i.exec(sqlText.replace(/'[^']*'/g, "''"));
  return verb ? verb[1]!.toUpperCase() : 'SELECT';
}

/**
 * PGlite as a pool of one connection: one client at a time, the next `connect()` waits for `release()`, exactly as
 * Kysely's SQLite driver shares its one better-sqlite3 handle. Results carry the command tag and row count the
 * `pg` client would give.
 */
/** One queue per PGlite: every pool over the same instance (a test's second connection) waits its turn too. */
const pgliteQueues = new WeakMap<PGlite, { tail: Promise<void> }>();

export function pglitePool(db: PGlite, onEnd?: () => Promise<void>): PostgresPool {
  let queue = pgliteQueues.get(db);
  if (!queue) pgliteQueues.set(db, (queue = { tail: Promise.resolve() }));
  const q = queue;
  const parsers = Object.fromEntries([INT8, NUMERIC, DATE, TIMESTAMP, TIMESTAMPTZ].map((oid) => [oid, (text: string) => parseValue(oid, text)]));
  const client: PostgresPoolClient = {
    async query(sqlText: string, parameters: ReadonlyArray<unknown>) {
      if (isCopyFromStdin(sqlText, parameters)) {
        const r = await db.query(sqlText.replace(/ from stdin$/, " from '/dev/blob'"), [], { blob: new Blob([...parameters[0]]) });
        return { command: 'COPY', rowCount: r.affectedRows ?? 0, rows: [] };
      }
      const r = await db.query<Record<string, unknown>>(sqlText, parameters as unknown[], { parsers });
      return { command: commandOf(sqlText) as 'SELECT', rowCount: r.affectedRows ?? r.rows.length, rows: r.rows };
    },
    release() {},
  } as unknown as PostgresPoolClient;
  return {
    async connect() {
      let release!: () => void;
      const previous = q.tail;
      q.tail = new Promise<void>((r) => (release = r));
      await previous;
      let released = false;
      return Object.assign(Object.create(client) as PostgresPoolClient, {
        release() {
          if (released) return;
          released = true;
          release();
        },
      });
    },
    async end() {
      await q.tail;
      await onEnd?.();
    },
  };
}

/** Opens PGlite in a folder (created when absent) or in memory. */
export async function openPglite(dir: string | null): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  return dir ? PGlite.create(dir) : PGlite.create();
}

/** The PGlite folders open in this process, with how many stores use each. */
const sharedFolders = new Map<string, { lite: Promise<PGlite>; users: number }>();

/**
 * PGlite on a folder, shared by every store this process opens on it: PGlite is a single-user engine, so a second
 * instance on a folder already open here (the CLI's `main()` run by a process that has the store open) would not see
 * the first one's writes and could corrupt the folder. The folder closes when its last store releases it; in memory,
 * every store is its own database.
 */
export async function acquirePglite(dir: string | null): Promise<{ lite: PGlite; release(): Promise<void> }> {
  if (!dir) {
    const lite = await openPglite(null);
    return { lite, release: () => lite.close() };
  }
  const key = path.resolve(dir);
  let entry = sharedFolders.get(key);
  if (!entry) {
    const opened = { lite: openPglite(key), users: 0 };
    sharedFolders.set(key, (entry = opened));
    opened.lite.catch(() => sharedFolders.get(key) === opened && sharedFolders.delete(key));
  }
  entry.users++;
  const e = entry;
  let lite: PGlite;
  try {
    lite = await e.lite;
  } catch (err) {
    e.users--;
    throw err;
  }
  let released = false;
  return {
    lite,
    async release() {
      if (released) return;
      released = true;
      if (--e.users > 0) return;
      if (sharedFolders.get(key) === e) sharedFolders.delete(key);
      await lite.close();
    },
  };
}

/** PostgreSQL's error codes that mean "another writer holds the lock, try again": lock timeout, serialization, deadlock. */
export const PG_BUSY_CODES = new Set(['55P03', '40001', '40P01']);
/** Disk full (53100) or out of memory/too many connections are faults, not bugs; only the disk is named as such. */
export const PG_DISK_FULL = '53100';
