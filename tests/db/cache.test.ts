import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataStamp, openDatabase, type Connection } from '../../db/connection';
import { cacheAtStamp, cachedRead } from '../../electron/core/cache';

/** Expensive reads are kept until the database changes — by this connection, by another one, by any path. */
describe('cachedRead', () => {
  let conn: Connection;
  let dir: string;
  const open = () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-cache-'));
    conn = openDatabase(path.join(dir, 'db.sqlite'));
    conn.sqlite.exec('create table t (v integer)');
  };
  afterEach(async () => {
    await conn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const sum = async () => (conn.sqlite.prepare('select coalesce(sum(v), 0) as s from t').get() as { s: number }).s;

  it('computes once while nothing changes, and again after a write by this connection', async () => {
    open();
    let runs = 0;
    const read = () => cachedRead(conn.db, 'sum', async () => (runs++, sum()));
    expect(await read()).toBe(0);
    expect(await read()).toBe(0);
    expect(runs).toBe(1);
    conn.sqlite.prepare('insert into t values (5)').run();
    expect(await read()).toBe(5);
    expect(runs).toBe(2);
  });

  it('sees a commit by another process (a second connection to the same file)', async () => {
    open();
    const read = () => cachedRead(conn.db, 'sum', sum);
    expect(await read()).toBe(0);
    const other = new BetterSqlite3(path.join(dir, 'db.sqlite'));
    other.prepare('insert into t values (7)').run();
    other.close();
    expect(await read()).toBe(7);
  });

  it('caches nothing inside a transaction', async () => {
    open();
    expect(await dataStamp(conn.db)).not.toBeNull();
    conn.sqlite.exec('begin');
    expect(await dataStamp(conn.db)).toBeNull();
    conn.sqlite.prepare('insert into t values (1)').run();
    expect(await cachedRead(conn.db, 'sum', sum)).toBe(1);
    conn.sqlite.exec('rollback');
    expect(await cachedRead(conn.db, 'sum', sum)).toBe(0);
  });

  it('keeps several reads at the stamp read once, and a batch after a write sees the write', async () => {
    open();
    let runs = 0;
    const at = await cacheAtStamp(conn.db);
    expect(await at('a', async () => (runs++, sum()))).toBe(0);
    expect(await at('a', async () => (runs++, sum()))).toBe(0);
    expect(runs).toBe(1);
    conn.sqlite.prepare('insert into t values (3)').run();
    // A value computed after the stamp is never kept under a later one: the next batch reads afresh.
    expect(await (await cacheAtStamp(conn.db))('a', async () => (runs++, sum()))).toBe(3);
    expect(await cachedRead(conn.db, 'a', async () => (runs++, sum()))).toBe(3);
    expect(runs).toBe(2);
  });
});
