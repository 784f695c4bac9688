import fs from 'node:fs';
import path from 'node:path';
import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { isBusyError, WRITE_WAIT_MS, type Store } from './connection';
import { engineOf } from './engine';
import { migrations, MIGRATION_NAMES } from './migrations';
import { backupTo } from './backup';

export const MIGRATION_TABLE = 'kysely_migration';

export class DatabaseFromFutureError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `This database was written by a newer version of PLA Desk (it has migrations this app does not know: ${unknown.join(', ')}). ` +
        'Install the newer version, or restore a backup made with this version.',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export async function appliedMigrations(conn: Store): Promise<string[]> {
  if (!(await engineOf(conn.db).tableExists(conn.db, MIGRATION_TABLE))) return [];
  const rows = await (conn.db as unknown as Kysely<Record<string, { name: string }>>).selectFrom(MIGRATION_TABLE).select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

export interface MigrateReport {
  applied: string[];
  backup: string | null;
}

/**
 * Brings the database to the latest schema. Refuses a database from a newer app; copies a SQLite file
 * to `backupDir` before changing a database that already holds data. On PostgreSQL the migrations run in one
 * transaction holding the write lock and Kysely's migration lock (an advisory lock), so two servers starting
 * at once migrate once: the second waits, then finds nothing pending.
 */
export async function migrateToLatest(conn: Store, opts: { backupDir?: string; now?: Date } = {}): Promise<MigrateReport> {
  const done = await appliedMigrations(conn);
  const unknown = done.filter((n) => !MIGRATION_NAMES.includes(n));
  if (unknown.length) throw new DatabaseFromFutureError(unknown);
  const pending = MIGRATION_NAMES.filter((n) => !done.includes(n));
  if (pending.length === 0) return { applied: [], backup: null };

  let backup: string | null = null;
  if (done.length > 0 && opts.backupDir && conn.sqlite) {
    fs.mkdirSync(opts.backupDir, { recursive: true });
    const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backup = path.join(opts.backupDir, `before-migrate-${done[done.length - 1]}-${stamp}.db`);
    await backupTo(conn.sqlite, backup);
  }

  const migrator = new Migrator({
    db: conn.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
  });
  // Another process writing (an import) holds the write lock: wait for it as every writer does.
  const started = Date.now();
  let outcome = await migrator.migrateToLatest();
  while (outcome.error && isBusyError(outcome.error) && Date.now() - started < WRITE_WAIT_MS) {
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    outcome = await migrator.migrateToLatest();
  }
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), backup };
}
