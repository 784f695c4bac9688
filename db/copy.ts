import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { openDatabase, type Connection } from './connection';
import { appliedMigrations, migrateToLatest, MIGRATION_TABLE } from './migrate';
import { MIGRATION_NAMES } from './migrations';

/**
 * Copies one PLA Desk store into another, table by table and row by row (streamed: one row in memory at a time),
 * with a checksum per table on both sides. Engine-neutral in shape: the source is read in one snapshot, the
 * target is written into a fresh file migrated to the same schema, and only a copy whose every table matches on
 * both sides (rows and checksum) replaces the target. Today both ends are SQLite data folders.
 */
export interface TableFigures {
  table: string;
  rows: number;
  /** SHA-256 over the rows in primary-key order, each as canonical JSON of its values in column order. */
  checksum: string;
}

/** Tables that belong to the migrator, not to the data: the target gets its own by migrating. */
const isMeta = (name: string) => name.startsWith('sqlite_') || name === MIGRATION_TABLE || name === `${MIGRATION_TABLE}_lock`;

export function dataTables(sqlite: BetterSqlite3.Database): string[] {
  return (sqlite.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as { name: string }[]).map((r) => r.name).filter((n) => !isMeta(n));
}

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

function columnsOf(sqlite: BetterSqlite3.Database, table: string): { names: string[]; order: string } {
  const info = sqlite.prepare(`pragma table_info(${quote(table)})`).all() as { name: string; pk: number }[];
  const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => quote(c.name));
  return { names: info.map((c) => c.name), order: pk.length ? pk.join(', ') : 'rowid' };
}

const canonical = (v: unknown) => (Buffer.isBuffer(v) ? { b64: v.toString('base64') } : typeof v === 'bigint' ? v.toString() : v);

/** Rows and checksum of every data table, read in primary-key order (the same order on either side). */
export function tableFigures(sqlite: BetterSqlite3.Database, tables = dataTables(sqlite)): TableFigures[] {
  return tables.map((table) => {
    const { names, order } = columnsOf(sqlite, table);
    const hash = crypto.createHash('sha256');
    let rows = 0;
    const st = sqlite.prepare(`select ${names.map(quote).join(', ')} from ${quote(table)} order by ${order}`).raw(true);
    for (const row of st.iterate() as IterableIterator<unknown[]>) {
      hash.update(JSON.stringify(row.map(canonical)));
      hash.update('\n');
      rows++;
    }
    return { table, rows, checksum: hash.digest('hex') };
  });
}

export interface CopyReport {
  source: TableFigures[];
  target: TableFigures[] | null;
  attachments: { files: number; bytes: number };
  /** Where a replaced target database was kept (with --force). */
  replacedKeptAt: string | null;
}

export class CopyRefused extends Error {}

const DB_FILE = 'pla-desk.db';
const sha256Re = /^[0-9a-f]{64}$/;

/** Evidence files of a data folder: attachments/<2 hex>/<sha256>. */
function attachmentFiles(dataDir: string): { rel: string; sha: string; abs: string }[] {
  const root = path.join(dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  const out: { rel: string; sha: string; abs: string }[] = [];
  for (const sub of fs.readdirSync(root)) {
    const dir = path.join(root, sub);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) if (sha256Re.test(f)) out.push({ rel: path.join(sub, f), sha: f, abs: path.join(dir, f) });
  }
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}

function hashFile(file: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

/** True when the target folder holds a database with at least one data row. */
export function targetHasData(dataDir: string): boolean {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) return false;
  const conn = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return dataTables(conn.sqlite).some((t) => conn.sqlite.prepare(`select 1 from ${quote(t)} limit 1`).get() !== undefined);
  } finally {
    void conn.close();
  }
}

export interface CopyOptions {
  fromDir: string;
  toDir: string;
  dryRun?: boolean;
  force?: boolean;
  now?: Date;
  onTable?: (t: TableFigures) => void;
}

/**
 * All or nothing: the new database is written beside the target as `pla-desk.db.copying` and the evidence files
 * into `attachments.copying/`, both checked, and only then moved into place. Any failure removes both.
 */
export async function copyStore(o: CopyOptions): Promise<CopyReport> {
  const fromDb = path.join(o.fromDir, DB_FILE);
  if (!fs.existsSync(fromDb)) throw new CopyRefused(`there is no PLA Desk database in ${o.fromDir}`);
  if (path.resolve(o.fromDir) === path.resolve(o.toDir)) throw new CopyRefused('the source and the target are the same data folder');
  const src = openDatabase(fromDb, { readonly: true, fileMustExist: true });
  try {
    const have = await appliedMigrations(src);
    const unknown = have.filter((n) => !MIGRATION_NAMES.includes(n));
    if (unknown.length) throw new CopyRefused(`the source was written by a newer PLA Desk (${unknown.join(', ')}); copy it with that version`);
    if (have.length !== MIGRATION_NAMES.length) throw new CopyRefused(`the source database is at an older schema; run pla-desk init --data-dir ${o.fromDir} first (it migrates, after a backup)`);
    const nonEmpty = targetHasData(o.toDir);
    if (nonEmpty && !o.force) throw new CopyRefused(`the target ${o.toDir} already holds a PLA Desk database with data; add --force to replace it (the current one is kept in its backups/ folder)`);
    const files = attachmentFiles(o.fromDir);

    // One read snapshot of the source for every table (WAL readers see one commit throughout).
    src.sqlite.exec('begin');
    try {
      if (o.dryRun) {
        const source = tableFigures(src.sqlite);
        source.forEach((t) => o.onTable?.(t));
        return { source, target: null, attachments: { files: files.length, bytes: files.reduce((s, f) => s + fs.statSync(f.abs).size, 0) }, replacedKeptAt: null };
      }
      fs.mkdirSync(o.toDir, { recursive: true });
      const tmpDb = path.join(o.toDir, `${DB_FILE}.copying`);
      const tmpAtt = path.join(o.toDir, 'attachments.copying');
      const cleanup = () => {
        for (const f of [tmpDb, `${tmpDb}-wal`, `${tmpDb}-shm`]) fs.rmSync(f, { force: true });
        fs.rmSync(tmpAtt, { recursive: true, force: true });
      };
      cleanup();
      let dst: Connection | null = null;
      try {
        dst = openDatabase(tmpDb);
        await migrateToLatest(dst);
        const source = copyTables(src.sqlite, dst.sqlite, o.onTable);
        const target = tableFigures(dst.sqlite);
        const differ = source.filter((s, i) => target[i]?.table !== s.table || target[i].rows !== s.rows || target[i].checksum !== s.checksum);
        if (differ.length) throw new Error(`the copy does not match the source in ${differ.map((d) => d.table).join(', ')}; nothing was replaced`);
        const fk = dst.sqlite.prepare('pragma foreign_key_check').all();
        if (fk.length) throw new Error(`the copy breaks ${fk.length} foreign key(s); nothing was replaced`);
        dst.sqlite.pragma('wal_checkpoint(TRUNCATE)');
        await dst.close();
        dst = null;

        let bytes = 0;
        for (const f of files) {
          const to = path.join(tmpAtt, f.rel);
          fs.mkdirSync(path.dirname(to), { recursive: true });
          fs.copyFileSync(f.abs, to);
          if (hashFile(to) !== f.sha) throw new Error(`evidence file ${f.rel} does not match its SHA-256 in the source; nothing was replaced`);
          bytes += fs.statSync(to).size;
        }

        // The switch: keep what was there, then move the checked copy in.
        let replacedKeptAt: string | null = null;
        const live = path.join(o.toDir, DB_FILE);
        if (fs.existsSync(live)) {
          const backups = path.join(o.toDir, 'backups');
          fs.mkdirSync(backups, { recursive: true });
          replacedKeptAt = path.join(backups, `before-copy-${(o.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}.db`);
          const old = openDatabase(live, { fileMustExist: true });
          try {
            old.sqlite.pragma('wal_checkpoint(TRUNCATE)');
          } finally {
            await old.close();
          }
          fs.renameSync(live, replacedKeptAt);
          for (const ext of ['-wal', '-shm']) fs.rmSync(`${live}${ext}`, { force: true });
        }
        fs.renameSync(tmpDb, live);
        for (const f of files) {
          const to = path.join(o.toDir, 'attachments', f.rel);
          fs.mkdirSync(path.dirname(to), { recursive: true });
          fs.renameSync(path.join(tmpAtt, f.rel), to);
        }
        fs.rmSync(tmpAtt, { recursive: true, force: true });
        return { source, target, attachments: { files: files.length, bytes }, replacedKeptAt };
      } catch (e) {
        if (dst) await dst.close();
        cleanup();
        throw e;
      }
    } finally {
      if (src.sqlite.inTransaction) src.sqlite.exec('rollback');
    }
  } finally {
    await src.close();
  }
}

/** Streams every data table from one handle into the other in one transaction, foreign keys checked at the end. */
function copyTables(from: BetterSqlite3.Database, to: BetterSqlite3.Database, onTable?: (t: TableFigures) => void): TableFigures[] {
  const tables = dataTables(from);
  const missing = tables.filter((t) => !dataTables(to).includes(t));
  if (missing.length) throw new Error(`the target schema has no table ${missing.join(', ')}`);
  to.pragma('foreign_keys = OFF');
  const figures: TableFigures[] = [];
  to.transaction(() => {
    for (const table of tables) {
      const { names, order } = columnsOf(from, table);
      to.prepare(`delete from ${quote(table)}`).run();
      const insert = to.prepare(`insert into ${quote(table)} (${names.map(quote).join(', ')}) values (${names.map(() => '?').join(', ')})`);
      const hash = crypto.createHash('sha256');
      let rows = 0;
      for (const row of from.prepare(`select ${names.map(quote).join(', ')} from ${quote(table)} order by ${order}`).raw(true).iterate() as IterableIterator<unknown[]>) {
        insert.run(...row);
        hash.update(JSON.stringify(row.map(canonical)));
        hash.update('\n');
        rows++;
      }
      const t = { table, rows, checksum: hash.digest('hex') };
      figures.push(t);
      onTable?.(t);
    }
  })();
  to.pragma('foreign_keys = ON');
  return figures;
}
