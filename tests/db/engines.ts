import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPostgres, type Db } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';

/**
 * The database tier runs on two engines: SQLite (the default) and PostgreSQL (`PLA_DESK_TEST_ENGINE=postgres`,
 * the `db-postgres` Vitest project). PostgreSQL is the server at PLA_DESK_TEST_POSTGRES (a role that may create
 * databases) when set, else PGlite in this process. Every store is a fresh database: on a server a copy of a
 * migrated template (CREATE DATABASE … TEMPLATE, made once per schema), on PGlite a clone of a migrated instance.
 */
export type TestEngine = 'sqlite' | 'postgres';
export const TEST_ENGINE: TestEngine = process.env.PLA_DESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_SERVER = process.env.PLA_DESK_TEST_POSTGRES || null;

export interface TestStore {
  /** The core's `database` option. */
  database: string;
  pglite?: PGlite;
  /**
   * Runs `fn` on a second connection to the same database, for tests to look at what was written. On PGlite the
   * folder is shared with the core while it is open, and released when `fn` ends: a `pla-desk` child process can then open it.
   */
  look<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

const root = path.resolve(__dirname, '..', '..');

/** The schema's fingerprint: a template is reused only by a run with the same migrations and engine code. */
function schemaHash(): string {
  const h = crypto.createHash('sha256');
  const dir = path.join(root, 'db', 'migrations');
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  h.update(fs.readFileSync(path.join(root, 'db', 'postgres.ts')));
  return h.digest('hex').slice(0, 12);
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

let templateName: Promise<string> | null = null;

async function serverTemplate(server: string): Promise<string> {
  // Per role: a template made by another role cannot be copied (PostgreSQL lets only its owner or a superuser).
  const role = decodeURIComponent(new URL(server).username || 'default').replace(/[^A-Za-z0-9_]/g, '_');
  const name = `pla_test_tpl_${role}_${schemaHash()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    // One process creates it; the others (Vitest's forks) wait on the lock and then find it.
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`create database "${name}_new" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
      const conn = await openPostgres({ engine: 'postgres', url: withDatabase(server, `${name}_new`) });
      try {
        await migrateToLatest(conn);
      } finally {
        await conn.close();
      }
      await admin.query(`alter database "${name}_new" rename to "${name}"`);
    }
    await admin.query('select pg_advisory_unlock(hashtext($1))', [name]);
  } finally {
    await admin.end();
  }
  return name;
}

let admin: Promise<pg.Pool> | null = null;
let n = 0;

async function serverStore(server: string): Promise<TestStore> {
  templateName ??= serverTemplate(server);
  const template = await templateName;
  admin ??= Promise.resolve(new pg.Pool({ connectionString: server, max: 2 }));
  const pool = await admin;
  const name = `pla_test_${process.pid}_${++n}_${crypto.randomBytes(3).toString('hex')}`;
  await pool.query(`create database "${name}" template "${template}"`);
  const database = withDatabase(server, name);
  const peek = await openPostgres({ engine: 'postgres', url: database }, { maxConnections: 2 });
  return {
    database,
    look: (fn) => fn(peek.db),
    async drop() {
      await peek.close();
      // WITH (FORCE) cannot end a process of another role (an autovacuum worker visiting the database): wait and retry.
      for (let attempt = 0; ; attempt++) {
        try {
          await pool.query(`drop database if exists "${name}" with (force)`);
          return;
        } catch (e) {
          if (attempt >= 20 || (e as { code?: string }).code !== '42501') throw e;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    },
  };
}

/** The migrated template's data folder as PGlite dumps it, made once per test file. */
let pgliteTemplate: Promise<File | Blob> | null = null;

async function makePgliteTemplate(): Promise<File | Blob> {
  const { PGlite } = await import('@electric-sql/pglite');
  const lite = await PGlite.create();
  try {
    const conn = await openPostgres({ engine: 'pglite', dir: null }, { pglite: lite });
    await migrateToLatest(conn);
    await conn.close();
    return await lite.dumpDataDir('none');
  } finally {
    await lite.close();
  }
}

/**
 * PGlite in a folder (`pglite:DIR`), loaded from the template: what a user gets with `--database pglite:DIR`. The
 * test's core, a look and the CLI's `main()` in this process share one engine on it (db/postgres.ts acquirePglite);
 * once the test has closed its core, a `pla-desk` child process opens the folder itself, as a user's CLI does.
 */
async function pgliteStore(): Promise<TestStore> {
  pgliteTemplate ??= makePgliteTemplate();
  const template = await pgliteTemplate;
  const { PGlite } = await import('@electric-sql/pglite');
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-test-pglite-'));
  const dir = path.join(parent, 'db');
  await (await PGlite.create(dir, { loadDataDir: template })).close();
  const database = `pglite:${dir}`;
  return {
    database,
    async look(fn) {
      const conn = await openPostgres({ engine: 'pglite', dir });
      try {
        return await fn(conn.db);
      } finally {
        await conn.close();
      }
    },
    async drop() {
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated, empty PostgreSQL database for one core. */
export function freshPostgresStore(): Promise<TestStore> {
  return TEST_SERVER ? serverStore(TEST_SERVER) : pgliteStore();
}

/** Closes the admin pool at the end of a test file (Vitest runs each file in its own fork). */
export async function closeEngines(): Promise<void> {
  if (admin) await (await admin).end();
  admin = null;
  pgliteTemplate = null;
}

/** A fresh, empty (not migrated) PostgreSQL database: for what happens at first start. */
export async function emptyPostgresStore(): Promise<{ database: string; pglite?: PGlite; drop(): Promise<void> }> {
  if (!TEST_SERVER) {
    const { PGlite } = await import('@electric-sql/pglite');
    const lite = await PGlite.create();
    return { database: 'pglite:memory', pglite: lite, drop: () => lite.close() };
  }
  admin ??= Promise.resolve(new pg.Pool({ connectionString: TEST_SERVER, max: 2 }));
  const pool = await admin;
  const name = `pla_test_${process.pid}_${++n}_${crypto.randomBytes(3).toString('hex')}`;
  await pool.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
  return { database: withDatabase(TEST_SERVER, name), drop: async () => void (await pool.query(`drop database if exists "${name}" with (force)`)) };
}
