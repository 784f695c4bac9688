import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { DatabaseFromFutureError, migrateToLatest, MIGRATION_TABLE } from '../../db/migrate';
import * as m0001 from '../../db/migrations/0001_admin';
import * as m0002 from '../../db/migrations/0002_plan';
import * as m0003 from '../../db/migrations/0003_indicator_source';
import { MIGRATION_NAMES } from '../../db/migrations';
import { createCore, headlessPlatform } from '../../electron/core';
import { tempDir } from './helpers';

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare(`select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map((r) => r.name);

function raw() {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.pragma('foreign_keys = ON');
  return { sqlite, db: new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) }) };
}

describe('migrations', () => {
  it('are a static, ordered list', () => {
    expect(MIGRATION_NAMES).toEqual([...MIGRATION_NAMES].sort());
    expect(MIGRATION_NAMES.slice(0, 3)).toEqual(['0001_admin', '0002_plan', '0003_indicator_source']);
    expect(new Set(MIGRATION_NAMES.map((n) => n.slice(0, 4))).size).toBe(MIGRATION_NAMES.length);
  });

  it('0001_admin creates users, audit log, settings and attachments, and rejects a bad role', async () => {
    const { sqlite, db } = raw();
    await m0001.up(db);
    expect(tables(sqlite)).toEqual(['attachments', 'audit_log', 'settings', 'users']);
    const insert = (role: string) =>
      sqlite
        .prepare(`insert into users (id, username, display_name, role, password_hash, created_at, updated_at) values (?, ?, 'X', ?, 'h', 't', 't')`)
        .run(role + '-id', role, role);
    insert('coordinator');
    expect(() => insert('admin')).toThrow(/CHECK/);
    await m0001.down(db);
    expect(tables(sqlite)).toEqual([]);
  });

  it('0002_plan adds the plan tables to a database shaped like 0001, keeping its users', async () => {
    const { sqlite, db } = raw();
    await m0001.up(db);
    sqlite
      .prepare(
        `insert into users (id, username, display_name, role, password_hash, created_at, updated_at) values ('u1', 'ana', 'Ana', 'member', 'h', 't', 't')`,
      )
      .run();
    await m0002.up(db);
    expect(tables(sqlite)).toEqual(
      expect.arrayContaining(['plans', 'commitments', 'actions', 'milestones', 'indicators', 'indicator_actions', 'measurements', 'progress_updates']),
    );
    expect(sqlite.prepare('select username from users').all()).toEqual([{ username: 'ana' }]);
    // Codes are unique among live rows only: a soft-deleted A5 does not block a new A5.
    sqlite.prepare(`insert into plans (id, title, created_at, updated_at) values ('p', 'P', 't', 't')`).run();
    const c = sqlite.prepare(`insert into commitments (id, plan_id, code, title, created_at, updated_at, deleted_at) values (?, 'p', 'A5', 'x', 't', 't', ?)`);
    c.run('c1', 't');
    c.run('c2', null);
    expect(() => c.run('c3', null)).toThrow(/UNIQUE/);
    expect(() =>
      sqlite
        .prepare(`insert into actions (id, commitment_id, code, title, status, created_at, updated_at) values ('a', 'c2', 'A5.1', 'x', 'maybe', 't', 't')`)
        .run(),
    ).toThrow(/CHECK/);
    await m0002.down(db);
    expect(tables(sqlite)).toEqual(['attachments', 'audit_log', 'settings', 'users']);
  });

  it('0003_indicator_source marks the target results computed from registries, leaving others measured by hand', async () => {
    const { sqlite, db } = raw();
    await m0001.up(db);
    await m0002.up(db);
    sqlite.prepare(`insert into plans (id, title, created_at, updated_at) values ('p', 'P', 't', 't')`).run();
    sqlite.prepare(`insert into commitments (id, plan_id, code, title, created_at, updated_at) values ('c4', 'p', 'A4', 'x', 't', 't')`).run();
    const ind = sqlite.prepare(
      `insert into indicators (id, commitment_id, code, name, type, target, created_at, updated_at) values (?, 'c4', ?, 'x', 'cumulative', 1, 't', 't')`,
    );
    ind.run('i43', 'I4.3');
    ind.run('i47', 'I4.7');
    await m0003.up(db);
    expect(sqlite.prepare('select code, source from indicators order by code').all()).toEqual([
      { code: 'I4.3', source: 'training.employees_open_government' },
      { code: 'I4.7', source: null },
    ]);
    await m0003.down(db);
    expect(sqlite.prepare('select * from indicators').get()).not.toHaveProperty('source');
  });

  it('migrates a database from an older version, backing it up first', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'pla-desk.db');
    const conn = openDatabase(file);
    const { Migrator } = await import('kysely');
    const { migrations } = await import('../../db/migrations');
    await new Migrator({
      db: conn.db,
      provider: { getMigrations: async () => ({ '0001_admin': migrations['0001_admin'] }) },
      migrationTableName: MIGRATION_TABLE,
    }).migrateToLatest();
    conn.sqlite
      .prepare(
        `insert into users (id, username, display_name, role, password_hash, created_at, updated_at) values ('u1', 'ana', 'Ana', 'member', 'h', 't', 't')`,
      )
      .run();
    const report = await migrateToLatest(conn, { backupDir: path.join(dir, 'backups') });
    await conn.close();
    expect(report.applied).toEqual(MIGRATION_NAMES.slice(1));
    expect(report.backup && fs.existsSync(report.backup)).toBe(true);
    const backup = new BetterSqlite3(report.backup!, { readonly: true });
    expect(tables(backup)).not.toContain('commitments');
    expect(backup.prepare('select count(*) n from users').get()).toEqual({ n: 1 });
    backup.close();
  });

  it('refuses a database written by a newer version, with a clear message, and changes nothing', async () => {
    const dir = tempDir();
    const core = await createCore({ dataDir: dir, platform: headlessPlatform('cli') });
    await core.close();
    const sqlite = new BetterSqlite3(path.join(dir, 'pla-desk.db'));
    sqlite.prepare(`insert into ${MIGRATION_TABLE} (name, timestamp) values ('0099_future', '2030-01-01T00:00:00.000Z')`).run();
    sqlite.close();
    const before = fs.readFileSync(path.join(dir, 'pla-desk.db'));
    await expect(createCore({ dataDir: dir, platform: headlessPlatform('cli') })).rejects.toThrow(DatabaseFromFutureError);
    await expect(createCore({ dataDir: dir, platform: headlessPlatform('cli') })).rejects.toThrow(/newer version of PLA Desk.*0099_future/);
    expect(fs.readFileSync(path.join(dir, 'pla-desk.db')).equals(before)).toBe(true);
  });

  it('opens the database in WAL mode with foreign keys on', async () => {
    const dir = tempDir();
    const conn = openDatabase(path.join(dir, 'x.db'));
    expect(conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await conn.close();
  });
});
