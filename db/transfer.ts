import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { systemWrite } from './access';
import { databaseDataFiles, databaseStore, DATA_FOLDERS, diskDataFiles, diskStore } from './attachment-store';
import { backupTo, checkDatabaseFile } from './backup';
import { describeLocation, openDatabase, openPostgres, type StoreLocation } from './connection';
import {
  appliedMigrationNames,
  checkSourceSchema,
  copyBetween,
  CopyRefused,
  hasData,
  migrateTarget,
  sourceFigures,
  type AttachmentFigures,
  type CopyProgress,
  type Side,
  type TableFigures,
} from './copy';
import { MIGRATION_NAMES } from './migrations';

/**
 * Whole-store operations on either engine: `db copy` (store → store), `backup` (store → one portable file) and
 * `restore` (file → store). A backup file is a SQLite database at this app's schema whose attachment_blobs table
 * holds every evidence file, whichever store it came from, so it restores into either engine.
 */

export const DB_FILE = 'pla-desk.db';

export type { StoreLocation };
export const describe = describeLocation;

export class StoreUnreachable extends Error {}

interface OpenSide extends Side {
  close(): Promise<void>;
}

type PostgresLocation = Exclude<StoreLocation, { engine: 'sqlite' }>;

async function openPostgresSide(loc: PostgresLocation): Promise<OpenSide> {
  let conn;
  try {
    conn = await openPostgres(loc, { maxConnections: 4 });
  } catch (e) {
    const why = (e as Error).message || (e as { code?: string }).code || String(e);
    throw new StoreUnreachable(`cannot reach the PostgreSQL server ${describe(loc)}: ${why}`);
  }
  return { label: describe(loc), db: conn.db, attachments: databaseStore, files: databaseDataFiles, close: () => conn.close() };
}

function openSqliteSide(file: string, attachmentsDir: string | null, readonly: boolean): OpenSide {
  const conn = openDatabase(file, { readonly, fileMustExist: readonly });
  return {
    label: file,
    db: conn.db,
    sqlite: conn.sqlite,
    attachments: attachmentsDir ? diskStore(attachmentsDir) : databaseStore,
    files: attachmentsDir ? diskDataFiles(attachmentsDir) : databaseDataFiles,
    close: () => conn.close(),
  };
}

async function openSource(loc: StoreLocation): Promise<OpenSide> {
  if (loc.engine !== 'sqlite') return openPostgresSide(loc);
  const file = path.join(loc.dir, DB_FILE);
  if (!fs.existsSync(file)) throw new CopyRefused(`there is no PLA Desk database in ${loc.dir}`);
  return openSqliteSide(file, loc.dir, true);
}

const stamp = (now?: Date) => (now ?? new Date()).toISOString().replace(/[:.]/g, '-');

export interface CopyReport {
  source: TableFigures[];
  /** Null for a dry run. */
  target: TableFigures[] | null;
  attachments: { source: AttachmentFigures; target: AttachmentFigures | null };
  dataFiles: { source: AttachmentFigures; target: AttachmentFigures | null };
  /** Where a replaced SQLite target database was kept (with --force). */
  replacedKeptAt: string | null;
}

export interface CopyOptions extends CopyProgress {
  from: StoreLocation;
  to: StoreLocation;
  dryRun?: boolean;
  force?: boolean;
  now?: Date;
  /** Tests: fail after writing this table, to prove nothing is left. */
  failAfterTable?: string;
}

const sameLocation = (a: StoreLocation, b: StoreLocation) =>
  (a.engine === 'sqlite' && b.engine === 'sqlite' && path.resolve(a.dir) === path.resolve(b.dir)) ||
  (a.engine === 'postgres' && b.engine === 'postgres' && a.url === b.url) ||
  (a.engine === 'pglite' && b.engine === 'pglite' && a.dir !== null && a.dir === b.dir);

/**
 * `db copy`: every table, the audit log and every evidence file, all or nothing. Into a data folder, the copy is
 * written beside it (DIR/.copying/) and moved into place once checked (the replaced database is kept in
 * DIR/backups/); into PostgreSQL, the target is migrated, then written in one transaction.
 */
export async function copyStore(o: CopyOptions): Promise<CopyReport> {
  if (sameLocation(o.from, o.to)) throw new CopyRefused('the source and the target are the same store');
  const src = await openSource(o.from);
  try {
    const hint =
      o.from.engine === 'sqlite'
        ? `run pla-desk init --data-dir ${o.from.dir} first (it migrates, after a backup)`
        : 'start PLA Desk on it once (it migrates) first';
    await checkSourceSchema(src.db, src.label, hint);
    let dst: OpenSide | null = null;
    try {
      let nonEmpty: boolean;
      if (o.to.engine !== 'sqlite') {
        dst = await openPostgresSide(o.to);
        nonEmpty = await hasData(dst.db);
      } else {
        const live = path.join(o.to.dir, DB_FILE);
        nonEmpty = false;
        if (fs.existsSync(live)) {
          const probe = openSqliteSide(live, null, true);
          try {
            nonEmpty = await hasData(probe.db);
          } finally {
            await probe.close();
          }
        }
      }
      if (nonEmpty && !o.force)
        throw new CopyRefused(
          `the target ${describe(o.to)} already holds a PLA Desk database with data; add --force to replace it${o.to.engine === 'sqlite' ? ' (the current one is kept in its backups/ folder)' : ' (back it up first with pla-desk backup)'}`,
        );
      if (o.dryRun) {
        const f = await sourceFigures(src);
        f.tables.forEach((t) => o.onTable?.(t));
        return {
          source: f.tables,
          target: null,
          attachments: { source: f.attachments, target: null },
          dataFiles: { source: f.dataFiles, target: null },
          replacedKeptAt: null,
        };
      }
      if (dst) {
        await migrateTarget(dst.db);
        const r = await copyBetween(src, dst, { onTable: o.onTable, clear: true, failAfterTable: o.failAfterTable });
        return { ...r, replacedKeptAt: null };
      }
      return await copyIntoFolder(src, (o.to as { dir: string }).dir, o);
    } finally {
      await dst?.close();
    }
  } finally {
    await src.close();
  }
}

async function copyIntoFolder(src: Side, toDir: string, o: CopyOptions): Promise<CopyReport> {
  fs.mkdirSync(toDir, { recursive: true });
  const staging = path.join(toDir, '.copying');
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging);
  try {
    const dst = openSqliteSide(path.join(staging, DB_FILE), staging, false);
    let r;
    try {
      await migrateTarget(dst.db);
      r = await copyBetween(src, dst, { onTable: o.onTable, failAfterTable: o.failAfterTable });
      dst.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await dst.close();
    }
    // The switch: keep what was there, then move the checked copy in.
    let replacedKeptAt: string | null = null;
    const live = path.join(toDir, DB_FILE);
    if (fs.existsSync(live)) {
      const backups = path.join(toDir, 'backups');
      fs.mkdirSync(backups, { recursive: true });
      replacedKeptAt = path.join(backups, `before-copy-${stamp(o.now)}.db`);
      const old = openDatabase(live, { fileMustExist: true });
      try {
        old.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        await old.close();
      }
      fs.renameSync(live, replacedKeptAt);
      for (const ext of ['-wal', '-shm']) fs.rmSync(`${live}${ext}`, { force: true });
    }
    fs.renameSync(path.join(staging, DB_FILE), live);
    moveAttachments(path.join(staging, 'attachments'), path.join(toDir, 'attachments'));
    for (const folder of DATA_FOLDERS) {
      const old = path.join(toDir, folder);
      if (fs.existsSync(old)) {
        fs.mkdirSync(path.join(toDir, 'backups'), { recursive: true });
        fs.renameSync(old, path.join(toDir, 'backups', `before-copy-${stamp(o.now)}-${folder}`));
      }
      if (fs.existsSync(path.join(staging, folder))) fs.renameSync(path.join(staging, folder), old);
    }
    fs.rmSync(staging, { recursive: true, force: true });
    return { ...r, replacedKeptAt };
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (fs.existsSync(toDir) && fs.readdirSync(toDir).length === 0 && !o.force) fs.rmdirSync(toDir);
    throw e;
  }
}

/** Content-addressed files: one already there under the same name is the same file. */
function moveAttachments(from: string, to: string) {
  if (!fs.existsSync(from)) return;
  for (const sub of fs.readdirSync(from)) {
    fs.mkdirSync(path.join(to, sub), { recursive: true });
    for (const f of fs.readdirSync(path.join(from, sub))) {
      const target = path.join(to, sub, f);
      if (!fs.existsSync(target)) fs.renameSync(path.join(from, sub, f), target);
    }
  }
}

// ── Backup and restore ─────────────────────────────────────────────────────────────────────────────────────

export interface BackupReport {
  file: string;
  bytes: number;
  attachments: { files: number; bytes: number };
}

/**
 * One portable file: a SQLite database with every table and, in attachment_blobs, every evidence file.
 * From a data folder: SQLite's online backup (consistent while the app runs), then the folder's files added;
 * from PostgreSQL: a copy of one snapshot into a fresh file. Written as FILE.partial and renamed when checked.
 */
export async function backupStore(from: StoreLocation, out: string): Promise<BackupReport> {
  const tmp = `${out}.partial`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  try {
    let attachments: { files: number; bytes: number };
    if (from.engine === 'sqlite') {
      const live = openDatabase(path.join(from.dir, DB_FILE), { fileMustExist: true });
      try {
        await backupTo(live.sqlite, tmp);
      } finally {
        await live.close();
      }
      const file = openSqliteSide(tmp, null, false);
      try {
        const have = await appliedMigrationNames(file.db);
        if (!have.includes('0015_attachment_blobs') && have.every((n) => MIGRATION_NAMES.includes(n))) await migrateTarget(file.db);
        const disk = diskStore(from.dir);
        const folder = diskDataFiles(from.dir);
        attachments = { files: 0, bytes: 0 };
        await file.db.transaction().execute(async (tx) => {
          const into = systemWrite(tx, 'db-copy');
          for await (const sha of disk.list(tx)) {
            attachments.bytes += await databaseStore.put(into, sha, disk.read(tx, sha));
            attachments.files++;
          }
          for await (const f of folder.list(tx)) await databaseDataFiles.put(into, f, folder.read(tx, f));
        });
        file.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
        file.sqlite!.pragma('journal_mode = DELETE');
      } finally {
        await file.close();
      }
    } else {
      const src = await openPostgresSide(from);
      try {
        await checkSourceSchema(src.db, src.label, 'start PLA Desk on it once (it migrates) first');
        const file = openSqliteSide(tmp, null, false);
        try {
          await migrateTarget(file.db);
          const r = await copyBetween(src, file);
          attachments = { files: r.attachments.target.files, bytes: r.attachments.target.bytes };
          file.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
          file.sqlite!.pragma('journal_mode = DELETE');
        } finally {
          await file.close();
        }
      } finally {
        await src.close();
      }
    }
    const check = checkDatabaseFile(tmp);
    if (!check.ok) throw new Error(`the backup failed its integrity check: ${check.problems.join('; ')}`);
    fs.renameSync(tmp, out);
    return { file: out, bytes: fs.statSync(out).size, attachments };
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true }); // a full disk leaves no partial backup
    throw e;
  }
}

/**
 * Moves the evidence files a backup file carries (attachment_blobs) into a data folder's attachments/ and empties
 * the table: a SQLite data folder keeps its files on disk. Run on the restored file before it goes live.
 */
export async function unpackAttachments(dbFile: string, dataDir: string): Promise<{ files: number; bytes: number }> {
  const side = openSqliteSide(dbFile, null, false);
  try {
    if (!(await appliedMigrationNames(side.db)).includes('0015_attachment_blobs')) return { files: 0, bytes: 0 };
    const disk = diskStore(dataDir);
    let files = 0;
    let bytes = 0;
    // The disk stores write files only; their put takes a write handle as every store's does.
    const into = systemWrite(side.db, 'restore');
    for await (const sha of databaseStore.list(side.db)) {
      bytes += await disk.put(into, sha, databaseStore.read(side.db, sha));
      files++;
    }
    const folder = diskDataFiles(dataDir);
    for await (const f of databaseDataFiles.list(side.db)) await folder.put(into, f, databaseDataFiles.read(side.db, f));
    await sql`delete from data_files`.execute(side.db);
    await sql`delete from attachment_blobs`.execute(side.db);
    side.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    return { files, bytes };
  } finally {
    await side.close();
  }
}

export interface RestoreIntoPostgresReport {
  tables: TableFigures[];
  attachments: AttachmentFigures;
  keptAt: string | null;
}

/**
 * Restores a backup file into PostgreSQL: the file is copied aside and brought to this app's schema, the
 * server's store is migrated and, in one transaction, emptied and filled from it (checked table by table).
 * A store that holds data is first backed up to `keepDir`.
 */
export async function restoreIntoPostgres(file: string, to: PostgresLocation, keepDir: string, now?: Date): Promise<RestoreIntoPostgresReport> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-desk-restore-'));
  try {
    const copy = path.join(work, DB_FILE);
    fs.copyFileSync(file, copy);
    const src = openSqliteSide(copy, null, false);
    try {
      await migrateTarget(src.db);
      let keptAt: string | null = null;
      const probe = await openPostgresSide(to);
      let holdsData: boolean;
      try {
        holdsData = await hasData(probe.db);
      } finally {
        await probe.close();
      }
      if (holdsData) {
        fs.mkdirSync(keepDir, { recursive: true });
        keptAt = path.join(keepDir, `before-restore-${stamp(now)}.db`);
        await backupStore(to, keptAt);
      }
      const dst = await openPostgresSide(to);
      try {
        await migrateTarget(dst.db);
        const r = await copyBetween(src, dst, { clear: true });
        return { tables: r.target, attachments: r.attachments.target, keptAt };
      } finally {
        await dst.close();
      }
    } finally {
      await src.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The backup check restore runs first (integrity, a PLA Desk database, not newer than this app). */
export function checkBackupFile(file: string): { ok: true } | { ok: false; problems: string[] } | { ok: false; newer: string[] } {
  const check = checkDatabaseFile(file);
  if (!check.ok) return { ok: false, problems: check.problems };
  const unknown = check.migrations.filter((m) => !MIGRATION_NAMES.includes(m));
  if (unknown.length) return { ok: false, newer: unknown };
  return { ok: true };
}
