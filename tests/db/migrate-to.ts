import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { MIGRATION_NAMES, migrations } from '../../db/migrations';

/**
 * A raw SQLite database in memory at the schema a migration finds: every migration of db/migrations/index.ts up to
 * and including `last`, in their order (`migrateTo('0007_funding')` is what 0008 runs on). Migration tests build
 * "the previous version" with it, so none tests its step on a hand-picked list that skips the migrations between.
 */
export async function migrateTo(last: string): Promise<{ sqlite: BetterSqlite3.Database; db: Kysely<any> }> {
  const upTo = MIGRATION_NAMES.indexOf(last);
  if (upTo < 0) throw new Error(`migrateTo: no migration named ${last} in db/migrations/index.ts (${MIGRATION_NAMES.join(', ')})`);
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  for (const name of MIGRATION_NAMES.slice(0, upTo + 1)) await migrations[name]!.up(db);
  return { sqlite, db };
}
