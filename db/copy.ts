import crypto from 'node:crypto';
import { Migrator, sql, type Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { systemWrite } from './access';
import type { AttachmentStore, DataFileStore } from './attachment-store';
import type { Db, DbOrTx } from './connection';
import { engineOf } from './engine';
import { migrations, MIGRATION_NAMES } from './migrations';

/**
 * Copies one PLA Desk store into another, engine to engine (SQLite ↔ PostgreSQL), the way `db copy`, `backup` and
 * `restore` need it:
 * - the source is read in one snapshot, every table a page at a time (keyset pagination by primary key), so memory
 *   stays bounded whatever the size of the store;
 * - the target is written in ONE transaction: every table (parents before children, so foreign keys hold on
 *   both engines) and every evidence file (disk files ↔ attachment_blobs rows, each checked against its SHA-256);
 *   before it commits, every table is read back and compared with the source (rows and checksum); any difference
 *   or failure rolls the whole copy back;
 * - a checksum per table is computed the same way on both engines from a canonical form of each row.
 */

export const MIGRATION_TABLE = 'kysely_migration';
/** Evidence content: copied as files (below), not as a table, since each side keeps it in its own place. */
const BLOB_TABLE = 'attachment_blobs';
/** A data folder's other files (datasets/…): copied as files too. */
const DATA_FILES_TABLE = 'data_files';
const isMeta = (name: string) =>
  name.startsWith('sqlite_') || name === MIGRATION_TABLE || name === `${MIGRATION_TABLE}_lock` || name === BLOB_TABLE || name === DATA_FILES_TABLE;

export type EngineKind = 'sqlite' | 'postgres';
export const engineKind = (db: DbOrTx): EngineKind => engineOf(db).kind;

/** One end of a copy: a Kysely handle, where its evidence files live, and (SQLite) the raw handle for its snapshot. */
export interface Side {
  label: string;
  db: Db;
  attachments: AttachmentStore;
  files: DataFileStore;
  sqlite?: BetterSqlite3.Database | null;
}

export interface TableFigures {
  table: string;
  rows: number;
  /**
   * SHA-256 over the table's rows, independent of engine and of row order: each row is written in a canonical
   * form (see canonicalRow), hashed, and the row hashes are added up modulo 2^256; the checksum hashes that sum
   * with the row count. The same rows give the same checksum on SQLite and on PostgreSQL, whatever either sorts.
   */
  checksum: string;
}

export interface AttachmentFigures {
  files: number;
  bytes: number;
  /** SHA-256 over the sorted list of "sha256 size" lines. */
  checksum: string;
}

// ── The shape of the tables, one implementation per engine ─────────────────────────────────────────────────

/** How a column's values are compared and written: its declared type, reduced to what both engines share. */
type Kind = 'int' | 'real' | 'text' | 'blob' | 'bool';

interface TableInfo {
  name: string;
  columns: { name: string; kind: Kind }[];
  /** Primary key columns (all columns when the table has none). */
  key: string[];
  hasKey: boolean;
  /** Tables this one references (other than itself). */
  parents: string[];
  /** Columns that reference this same table (actions.parent_id): written in a second pass. */
  selfRefs: string[];
}

const sqliteKind = (declared: string): Kind => {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'int';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  if (t === '' || t.includes('BLOB')) return 'blob';
  return 'text';
};

const postgresKind = (declared: string): Kind => {
  const t = declared.toLowerCase();
  if (t === 'integer' || t === 'bigint' || t === 'smallint') return 'int';
  if (t === 'real' || t === 'double precision' || t === 'numeric') return 'real';
  if (t === 'bytea') return 'blob';
  if (t === 'boolean') return 'bool';
  return 'text';
};

async function sqliteTables(db: DbOrTx): Promise<TableInfo[]> {
  const names = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db)).rows
    .map((r) => r.name)
    .filter((n) => !isMeta(n));
  const out: TableInfo[] = [];
  for (const name of names) {
    const cols = (await sql<{ name: string; type: string; pk: number }>`select name, type, pk from pragma_table_info(${name}) order by cid`.execute(db)).rows;
    const fks = (await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(db)).rows;
    const pk = cols
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    out.push(
      info(
        name,
        cols.map((c) => ({ name: c.name, kind: sqliteKind(c.type) })),
        pk,
        fks.map((f) => ({ table: f.table, column: f.from })),
      ),
    );
  }
  return out;
}

async function postgresTables(db: DbOrTx): Promise<TableInfo[]> {
  const names = (
    await sql<{
      name: string;
    }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
      db,
    )
  ).rows
    .map((r) => r.name)
    .filter((n) => !isMeta(n));
  const cols = (
    await sql<{
      table: string;
      name: string;
      type: string;
    }>`select table_name as "table", column_name as name, data_type as type from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`.execute(
      db,
    )
  ).rows;
  const keys = (
    await sql<{ table: string; name: string; pos: number }>`
      select c.relname as "table", a.attname as name, k.ord as pos
      from pg_constraint x join pg_class c on c.oid = x.conrelid join pg_namespace n on n.oid = c.relnamespace
      cross join lateral unnest(x.conkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = x.conrelid and a.attnum = k.attnum
      where x.contype = 'p' and n.nspname = current_schema() order by 1, 3`.execute(db)
  ).rows;
  const fks = (
    await sql<{ table: string; ref: string; name: string }>`
      select c.relname as "table", r.relname as ref, a.attname as name
      from pg_constraint x join pg_class c on c.oid = x.conrelid join pg_class r on r.oid = x.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      cross join lateral unnest(x.conkey) as k(attnum)
      join pg_attribute a on a.attrelid = x.conrelid and a.attnum = k.attnum
      where x.contype = 'f' and n.nspname = current_schema()`.execute(db)
  ).rows;
  return names.map((name) =>
    info(
      name,
      cols.filter((c) => c.table === name).map((c) => ({ name: c.name, kind: postgresKind(c.type) })),
      keys.filter((k) => k.table === name).map((k) => k.name),
      fks.filter((f) => f.table === name).map((f) => ({ table: f.ref, column: f.name })),
    ),
  );
}

function info(name: string, columns: TableInfo['columns'], pk: string[], fks: { table: string; column: string }[]): TableInfo {
  return {
    name,
    columns,
    key: pk.length ? pk : columns.map((c) => c.name),
    hasKey: pk.length > 0,
    parents: [...new Set(fks.filter((f) => f.table !== name).map((f) => f.table))],
    selfRefs: [...new Set(fks.filter((f) => f.table === name).map((f) => f.column))],
  };
}

/** Every data table, parents before the tables that reference them. */
export async function describeTables(db: DbOrTx): Promise<TableInfo[]> {
  const all = engineKind(db) === 'postgres' ? await postgresTables(db) : await sqliteTables(db);
  const byName = new Map(all.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: TableInfo, path: string[]) => {
    if (state.get(t.name) === 'done') return;
    if (state.get(t.name) === 'visiting')
      throw new Error(`the tables ${[...path, t.name].join(' → ')} reference each other in a cycle; they cannot be copied in order`);
    state.set(t.name, 'visiting');
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent) visit(parent, [...path, t.name]);
    }
    state.set(t.name, 'done');
    ordered.push(t);
  };
  for (const t of [...all].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(t, []);
  return ordered;
}

// ── Values: one canonical form on both engines ─────────────────────────────────────────────────────────────

/** A value as the target column takes it, whichever engine read it (int8 text, booleans, Dates, Uint8Array). */
function normalize(v: unknown, kind: Kind): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'int':
    case 'bool': {
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
      if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number.isSafeInteger(Number(v)) ? Number(v) : BigInt(v);
      return v;
    }
    case 'real':
      return typeof v === 'string' || typeof v === 'bigint' ? Number(v) : v;
    case 'blob':
      return Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v) : v;
    case 'text':
      return v instanceof Date ? v.toISOString() : v;
  }
}

/** One value as text: its type and its value, so 1, '1' and 1.0-as-real never collide. */
function canonicalValue(v: unknown): string {
  if (v === null) return 'N';
  if (typeof v === 'number') return Number.isInteger(v) ? `i${v}` : `r${v}`;
  if (typeof v === 'bigint') return `i${v}`;
  if (Buffer.isBuffer(v)) return `b${v.toString('hex')}`;
  if (typeof v === 'string') return `s${v}`;
  return `s${String(v)}`;
}

/** A row in canonical form: its values in the source's column order, each typed, as a JSON array. */
const canonicalRow = (values: unknown[]) => JSON.stringify(values.map(canonicalValue));

const MOD = 1n << 256n;
class TableHash {
  private sum = 0n;
  rows = 0;
  add(values: unknown[]) {
    this.sum = (this.sum + BigInt(`0x${crypto.createHash('sha256').update(canonicalRow(values)).digest('hex')}`)) % MOD;
    this.rows++;
  }
  digest() {
    return crypto
      .createHash('sha256')
      .update(`pla-desk-table-v1\n${this.rows}\n${this.sum.toString(16).padStart(64, '0')}`)
      .digest('hex');
  }
}

// ── Reading a table a page at a time ───────────────────────────────────────────────────────────────────────

const PAGE_ROWS = 1000;

/** Rows of a table in key order, a page at a time (keyset pagination; OFFSET for a table without a primary key). */
async function* readTable(db: DbOrTx, t: TableInfo, columns: string[], where?: string): AsyncIterable<Record<string, unknown>> {
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  const order = sql.join(t.key.map((c) => sql.ref(c)));
  const extra = where ? sql`${sql.ref(where)} is not null` : null;
  let last: Record<string, unknown> | null = null;
  for (let offset = 0; ; offset += PAGE_ROWS) {
    const conds = [];
    if (extra) conds.push(extra);
    if (t.hasKey && last) conds.push(sql`(${order}) > (${sql.join(t.key.map((c) => sql`${last![c]}`))})`);
    const filter = conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;
    const page = t.hasKey ? sql`` : sql` offset ${sql.lit(offset)}`;
    const rows = (
      await sql<Record<string, unknown>>`select ${cols} from ${sql.table(t.name)} ${filter} order by ${order} limit ${sql.lit(PAGE_ROWS)}${page}`.execute(db)
    ).rows;
    yield* rows;
    if (rows.length < PAGE_ROWS) return;
    last = rows[rows.length - 1];
  }
}

/** Rows and checksum of every data table, read a page at a time. */
export async function tableFigures(db: DbOrTx, tables?: TableInfo[], columnsOf?: (t: TableInfo) => TableInfo['columns']): Promise<TableFigures[]> {
  const list = tables ?? (await describeTables(db));
  const out: TableFigures[] = [];
  for (const t of [...list].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const columns = columnsOf?.(t) ?? t.columns;
    const hash = new TableHash();
    for await (const row of readTable(
      db,
      t,
      columns.map((c) => c.name),
    ))
      hash.add(columns.map((c) => normalize(row[c.name], c.kind)));
    out.push({ table: t.name, rows: hash.rows, checksum: hash.digest() });
  }
  return out;
}

/** Files, bytes and a checksum of a side's evidence files (their hashes and sizes, sorted). */
export async function attachmentFigures(db: DbOrTx, store: AttachmentStore): Promise<AttachmentFigures> {
  const h = crypto.createHash('sha256');
  let files = 0;
  let bytes = 0;
  for await (const sha of store.list(db)) {
    const size = (await store.size(db, sha)) ?? 0;
    h.update(`${sha} ${size}\n`);
    files++;
    bytes += size;
  }
  return { files, bytes, checksum: h.digest('hex') };
}

/** Files, bytes and a checksum of a side's data folder files ("path sha256 size" lines, in path order). */
export async function dataFileFigures(db: DbOrTx, store: DataFileStore): Promise<AttachmentFigures> {
  const h = crypto.createHash('sha256');
  let files = 0;
  let bytes = 0;
  for await (const f of store.list(db)) {
    h.update(`${f.path} ${f.sha256} ${f.size}\n`);
    files++;
    bytes += f.size;
  }
  return { files, bytes, checksum: h.digest('hex') };
}

// ── Migrations, on either engine ───────────────────────────────────────────────────────────────────────────

export async function appliedMigrationNames(db: DbOrTx): Promise<string[]> {
  const pg = engineKind(db) === 'postgres';
  const exists = pg
    ? (await sql`select 1 from information_schema.tables where table_schema = current_schema() and table_name = ${MIGRATION_TABLE}`.execute(db)).rows.length > 0
    : (await sql`select 1 from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`.execute(db)).rows.length > 0;
  if (!exists) return [];
  return (await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db)).rows.map((r) => r.name);
}

/** Brings a target to this app's schema (the same migrations the app runs at start). */
export async function migrateTarget(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: MIGRATION_TABLE });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? ''} of the target failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export class CopyRefused extends Error {}

/** Refuses a source that is not at this app's schema (older: migrate it first; newer: use that version). */
export async function checkSourceSchema(db: DbOrTx, label: string, hint: string): Promise<void> {
  const have = await appliedMigrationNames(db);
  if (!have.length) throw new CopyRefused(`there is no PLA Desk database in ${label}`);
  const unknown = have.filter((n) => !MIGRATION_NAMES.includes(n));
  if (unknown.length) throw new CopyRefused(`${label} was written by a newer PLA Desk (${unknown.join(', ')}); copy it with that version`);
  if (have.length !== MIGRATION_NAMES.length) throw new CopyRefused(`${label} is at an older schema; ${hint}`);
}

/** True when any data table (or the evidence store) of a side holds a row. */
export async function hasData(db: DbOrTx): Promise<boolean> {
  if (!(await appliedMigrationNames(db)).length) return false;
  for (const t of await describeTables(db)) if ((await sql`select 1 as x from ${sql.table(t.name)} limit 1`.execute(db)).rows.length) return true;
  return (await sql`select 1 as x from ${sql.table(BLOB_TABLE)} limit 1`.execute(db).catch(() => ({ rows: [] }))).rows.length > 0;
}

// ── The copy ───────────────────────────────────────────────────────────────────────────────────────────────

/** Runs `fn` on one consistent snapshot of the source. */
async function withSnapshot<T>(side: Side, fn: (db: DbOrTx) => Promise<T>): Promise<T> {
  if (engineKind(side.db) === 'postgres') return side.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
  const sqlite = side.sqlite;
  if (!sqlite) return fn(side.db);
  // A deferred read transaction on the one connection behind side.db: every page reads the same commit (WAL).
  sqlite.exec('begin');
  try {
    return await fn(side.db);
  } finally {
    if (sqlite.inTransaction) sqlite.exec('rollback');
  }
}

export interface CopyProgress {
  onTable?: (source: TableFigures) => void;
}

export interface CopyResult {
  source: TableFigures[];
  target: TableFigures[];
  attachments: { source: AttachmentFigures; target: AttachmentFigures };
  dataFiles: { source: AttachmentFigures; target: AttachmentFigures };
}

/** Figures of the source alone (a dry run), from one snapshot. */
export async function sourceFigures(src: Side): Promise<{ tables: TableFigures[]; attachments: AttachmentFigures; dataFiles: AttachmentFigures }> {
  return withSnapshot(src, async (db) => ({
    tables: await tableFigures(db),
    attachments: await attachmentFigures(db, src.attachments),
    dataFiles: await dataFileFigures(db, src.files),
  }));
}

export class CopyMismatch extends Error {}

/**
 * Copies every table and every evidence file of `src` into `dst` (already migrated to the same schema) in one
 * transaction on `dst`; `clear` empties the target's tables first (inside that transaction). Throws, with the
 * target as it was, when anything fails or the copy read back differs from the source.
 */
export async function copyBetween(src: Side, dst: Side, o: CopyProgress & { clear?: boolean; failAfterTable?: string } = {}): Promise<CopyResult> {
  return withSnapshot(src, async (sdb) => {
    const tables = await describeTables(sdb);
    const targetTables = await describeTables(dst.db);
    const targetByName = new Map(targetTables.map((t) => [t.name, t]));
    for (const t of tables) {
      const d = targetByName.get(t.name);
      if (!d) throw new CopyMismatch(`the target has no table ${t.name}`);
      const missing = t.columns.filter((c) => !d.columns.some((x) => x.name === c.name));
      if (missing.length) throw new CopyMismatch(`the target's table ${t.name} has no column ${missing.map((c) => c.name).join(', ')}`);
    }
    const extra = targetTables.filter((t) => !tables.some((s) => s.name === t.name));
    if (extra.length) throw new CopyMismatch(`the source has no table ${extra.map((t) => t.name).join(', ')}`);

    return dst.db.transaction().execute(async (tx) => {
      if (o.clear) {
        for (const t of [...targetTables].reverse()) await sql`delete from ${sql.table(t.name)}`.execute(tx);
        await sql`delete from ${sql.table(DATA_FILES_TABLE)}`.execute(tx);
        await sql`delete from ${sql.table(BLOB_TABLE)}`.execute(tx);
      }
      const source: TableFigures[] = [];
      for (const t of tables) {
        const d = targetByName.get(t.name)!;
        // The target's kind of each column (as the source orders them), to write values the target's way.
        const kinds = t.columns.map((c) => d.columns.find((x) => x.name === c.name)!.kind);
        const names = t.columns.map((c) => c.name);
        const batch = Math.max(1, Math.min(500, Math.floor(30_000 / names.length)));
        const hash = new TableHash();
        let pending: Record<string, unknown>[] = [];
        const flush = async () => {
          if (pending.length) await (tx as unknown as Kysely<any>).insertInto(t.name).values(pending).execute();
          pending = [];
        };
        for await (const row of readTable(sdb, t, names)) {
          hash.add(t.columns.map((c) => normalize(row[c.name], c.kind)));
          const out: Record<string, unknown> = {};
          names.forEach((n, i) => (out[n] = t.selfRefs.includes(n) ? null : normalize(row[n], kinds[i])));
          pending.push(out);
          if (pending.length >= batch) await flush();
        }
        await flush();
        // Columns that point into the same table: set once every row is there.
        for (const col of t.selfRefs) {
          const kind = kinds[names.indexOf(col)];
          for await (const row of readTable(sdb, t, [...new Set([...t.key, col])], col)) {
            const where = sql.join(
              t.key.map((k) => sql`${sql.ref(k)} = ${normalize(row[k], kinds[names.indexOf(k)])}`),
              sql` and `,
            );
            await sql`update ${sql.table(t.name)} set ${sql.ref(col)} = ${normalize(row[col], kind)} where ${where}`.execute(tx);
          }
        }
        const fig = { table: t.name, rows: hash.rows, checksum: hash.digest() };
        source.push(fig);
        o.onTable?.(fig);
        if (o.failAfterTable === t.name) throw new Error(`stopped after ${t.name} (test)`);
      }
      source.sort((a, b) => (a.table < b.table ? -1 : 1));

      // Evidence files, each streamed from one store into the other and checked against its SHA-256.
      for await (const sha of src.attachments.list(sdb)) await dst.attachments.put(systemWrite(tx, 'db-copy'), sha, src.attachments.read(sdb, sha));
      // The data folder's other files (dataset imports), path by path, checked the same way.
      for await (const f of src.files.list(sdb)) await dst.files.put(systemWrite(tx, 'db-copy'), f, src.files.read(sdb, f));

      // Read the copy back, as the target's engine sees it, before anything commits.
      const target = await tableFigures(
        tx,
        targetTables.filter((t) => tables.some((s) => s.name === t.name)),
        (d) => tables.find((s) => s.name === d.name)!.columns.map((c) => d.columns.find((x) => x.name === c.name)!),
      );
      const differ = source.filter((s, i) => target[i]?.table !== s.table || target[i].rows !== s.rows || target[i].checksum !== s.checksum);
      if (differ.length) throw new CopyMismatch(`the copy does not match the source in ${differ.map((d) => d.table).join(', ')}; nothing was written`);
      const attachments = { source: await attachmentFigures(sdb, src.attachments), target: await attachmentFigures(tx, dst.attachments) };
      if (attachments.source.checksum !== attachments.target.checksum)
        throw new CopyMismatch(
          `the evidence files of the copy (${attachments.target.files}) do not match the source's (${attachments.source.files}); nothing was written`,
        );
      const dataFiles = { source: await dataFileFigures(sdb, src.files), target: await dataFileFigures(tx, dst.files) };
      if (dataFiles.source.checksum !== dataFiles.target.checksum)
        throw new CopyMismatch(
          `the data files of the copy (${dataFiles.target.files}) do not match the source's (${dataFiles.source.files}); nothing was written`,
        );
      if (engineKind(dst.db) === 'sqlite') {
        const fk = (await sql`select * from pragma_foreign_key_check`.execute(tx)).rows;
        if (fk.length) throw new CopyMismatch(`the copy breaks ${fk.length} foreign key(s); nothing was written`);
      }
      return { source, target, attachments, dataFiles };
    });
  });
}
