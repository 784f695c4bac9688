import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Database and service tests that stay on SQLite only, each for a reason; every other tests/db file runs twice, on
 * SQLite (project `sqlite`) and on PostgreSQL (project `postgres`: the server at PLA_DESK_TEST_POSTGRES, else PGlite).
 */
export const SQLITE_ONLY: Record<string, string> = {
  'tests/db/migrations.test.ts': 'migration files against raw SQLite files (backup before migrating, a database from the future)',
  'tests/db/*-migration.test.ts': "each migration's data step on a raw SQLite file at the previous schema",
  'tests/db/schema-snapshot.test.ts':
    "the migrated schema and query plans as SQLite reports them (PostgreSQL's columns are matched to SQLite's in engine.postgres.test.ts)",
  'tests/db/crash.test.ts': "SQLite's write-ahead log after a killed writer",
  'tests/db/connection.test.ts': "better-sqlite3's raw-row fast path (PostgreSQL runs the same queries through Kysely)",
  'tests/db/cache.test.ts': "SQLite's cache stamp (total_changes, data_version); PostgreSQL's is tested in engine-postgres.test.ts",
  'tests/db/cli.test.ts': 'the CLI on data folders; the CLI on PostgreSQL is tested in engine-postgres.test.ts',
  'tests/db/cli-language.test.ts': "the CLI's language, not the store",
  'tests/db/publishing-build-cli.test.ts': 'the CLI on a data folder',
  'tests/db/db-copy.test.ts': 'copies between SQLite data folders',
  'tests/db/db-copy-postgres.test.ts': 'copies data folders into PostgreSQL and back itself (the server at PLA_DESK_TEST_POSTGRES, else PGlite)',
  'tests/db/plan-export.test.ts': 'builds its plan in a raw SQLite file without a core',
  'tests/db/server.test.ts': 'the HTTP layer over one core',
  'tests/db/datasets-dcat.test.ts': 'pure functions, no store',
  'tests/db/publishing-sync-shards.test.ts': 'pure functions, no store',
};
/**
 * Files that still fail on PostgreSQL for a known difference not yet fixed, each with that difference: they stay out
 * of the `postgres` project (and run on SQLite as usual) until fixed. Empty: every shared file passes on both engines.
 * Not the place for a test that is SQLite-only by nature (that is SQLITE_ONLY above).
 */
export const POSTGRES_KNOWN_GAPS: Record<string, string> = {};
const POSTGRES_ONLY = ['tests/db/**/*.postgres.test.ts'];

const shared = {
  environment: 'node' as const,
  pool: 'forks' as const,
  // Secrets are sealed with a key file outside the data folder: tests use their own, never the developer's.
  // The suite's CLI assertions are written against the English messages; the CLI speaks Romanian by default,
  // which tests/db/cli-language.test.ts checks with this variable removed.
  env: { PLA_DESK_SECRETS_KEY: path.join(os.tmpdir(), `pla-desk-test-secrets-${process.pid}.key`), PLA_DESK_LANG: 'en' },
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include: ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/security/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...POSTGRES_ONLY],
        },
      },
      {
        test: {
          ...shared,
          name: 'postgres',
          include: ['tests/db/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...Object.keys(SQLITE_ONLY), ...Object.keys(POSTGRES_KNOWN_GAPS)],
          env: { ...shared.env, PLA_DESK_TEST_ENGINE: 'postgres' },
          // Each file's databases are copies of one template; PGlite (no server) is one engine per fork, in memory.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
