import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from './migrate-to';
import * as m0010 from '../../db/migrations/0010_publishing';
import { MIGRATION_NAMES } from '../../db/migrations';

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare(`select name from sqlite_master where type='table' and name like 'publishing_%' order by name`).all() as { name: string }[]).map((r) => r.name);

const previous = () => migrateTo('0009_datasets');
const T = `insert into publishing_targets (id, name, kind, path, host, port, username, auth, identity_path, created_at, updated_at) values (@id, @name, @kind, @path, @host, @port, @username, @auth, @identity_path, 't', 't')`;
const folder = { id: 't1', name: 'Share', kind: 'folder', path: '/mnt/site', host: null, port: null, username: null, auth: 'none', identity_path: null };

describe('migration 0010_publishing', () => {
  it('is listed last among the module migrations', () => {
    expect(MIGRATION_NAMES).toContain('0010_publishing');
    expect(MIGRATION_NAMES.indexOf('0010_publishing')).toBeGreaterThan(MIGRATION_NAMES.indexOf('0007_funding'));
  });

  it('adds targets, secrets, manifest copies, queue and log, with their checks; down() removes them', async () => {
    const { sqlite, db } = await previous();
    await m0010.up(db);
    expect(tables(sqlite)).toEqual(['publishing_log', 'publishing_manifests', 'publishing_queue', 'publishing_secrets', 'publishing_targets']);
    sqlite.prepare(T).run(folder);
    expect(() => sqlite.prepare(T).run({ ...folder, id: 't2' })).toThrow(/UNIQUE/); // one live name
    expect(() => sqlite.prepare(T).run({ ...folder, id: 't3', name: 'x', kind: 'ftp' })).toThrow(/CHECK/);
    expect(() => sqlite.prepare(T).run({ ...folder, id: 't4', name: 'y', kind: 'sftp', auth: 'key' })).toThrow(/CHECK/); // sftp needs host, port, user
    sqlite.prepare(T).run({ ...folder, id: 't5', name: 'z', kind: 'sftp', host: 'h', port: 22, username: 'u', auth: 'key', identity_path: '/k' });
    const Q = `insert into publishing_queue (id, target_id, status, site_dir, reason_kind, created_at, updated_at) values (@id, @target, @status, '/o', @kind, 't', 't')`;
    sqlite.prepare(Q).run({ id: 'q1', target: 't1', status: 'pending', kind: 'unreachable' });
    expect(() => sqlite.prepare(Q).run({ id: 'q2', target: 't1', status: 'lost', kind: null })).toThrow(/CHECK/);
    expect(() => sqlite.prepare(Q).run({ id: 'q3', target: 'nope', status: 'pending', kind: null })).toThrow(/FOREIGN KEY/);
    expect(() => sqlite.prepare(`insert into publishing_secrets (id, secret, created_at, updated_at) values ('nope', 's', 't', 't')`).run()).toThrow(
      /FOREIGN KEY/,
    );
    const idx = (sqlite.prepare(`select name from sqlite_master where type='index' and tbl_name like 'publishing_%'`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(idx).toEqual(expect.arrayContaining(['publishing_targets_name', 'publishing_queue_pending', 'publishing_log_target_started']));
    await m0010.down(db);
    expect(tables(sqlite)).toEqual([]);
  });
});
