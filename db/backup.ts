import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** Online backup (SQLite's backup API): consistent even while another process is writing. */
export async function backupTo(sqlite: BetterSqlite3.Database, out: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.partial`;
  fs.rmSync(tmp, { force: true });
  try {
    await sqlite.backup(tmp);
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { force: true }); // a full disk leaves no partial backup behind
    throw e;
  }
}

export interface IntegrityReport {
  ok: boolean;
  problems: string[];
  migrations: string[];
}

/** Opens a database file read-only and checks it is a sound PLA Desk database. Never modifies it. */
export function checkDatabaseFile(file: string, nativeBinding?: string): IntegrityReport {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((s) => s !== 'ok');
    const hasMigrations = db.prepare(`select 1 from sqlite_master where type='table' and name='kysely_migration'`).get();
    if (!hasMigrations) return { ok: false, problems: [...problems, 'not a PLA Desk database (no migration table)'], migrations: [] };
    const migrations = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
    return { ok: problems.length === 0, problems, migrations };
  } catch (e) {
    return { ok: false, problems: [e instanceof Error ? e.message : String(e)], migrations: [] };
  } finally {
    db?.close();
  }
}
