import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, rawRows, STATEMENT_CACHE_SIZE } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { tempDir } from './helpers';

describe('raw rows for hot reads', () => {
  it('gives the same rows through the raw path and, inside a transaction, through Kysely', async () => {
    const conn = openDatabase(path.join(tempDir(), 'x.db'));
    await migrateToLatest(conn);
    const at = '2026-01-01T00:00:00.000Z';
    await conn.db
      .insertInto('settings')
      .values([
        { key: 'a', value: '1', updated_at: at, updated_by: null },
        { key: 'b', value: '2', updated_at: at, updated_by: 'u' },
      ])
      .execute();
    const build = (v: unknown[]) => ({ key: v[0] as string, by: v[1] as string | null });
    const query = (db: typeof conn.db) => db.selectFrom('settings').select(['key', 'updated_by']).orderBy('key');
    const direct = await rawRows(conn.db, query(conn.db), build, ['key', 'updated_by']);
    const inTx = await conn.db.transaction().execute((trx) => rawRows(trx, query(trx as never), build, ['key', 'updated_by']));
    expect(direct).toEqual([
      { key: 'a', by: null },
      { key: 'b', by: 'u' },
    ]);
    expect(inTx).toEqual(direct);
    await conn.close();
  });
});

describe('prepared statements are kept per handle (the core opens its store with a read handle)', () => {
  const open = async () => {
    const conn = openDatabase(path.join(tempDir(), 'x.db'), { readHandle: true });
    await migrateToLatest(conn);
    return conn;
  };
  const at = '2026-01-01T00:00:00.000Z';

  it('prepares a query once however often it runs, and each run sees the latest rows and columns', async () => {
    const conn = await open();
    const prepare = vi.spyOn(BetterSqlite3.prototype, 'prepare');
    try {
      const read = () => conn.db.selectFrom('settings').selectAll().where('key', 'like', 'k%').orderBy('key').execute();
      const write = (key: string) => conn.db.insertInto('settings').values({ key, value: key, updated_at: at, updated_by: null }).execute();
      await write('k0');
      prepare.mockClear();
      for (let i = 1; i <= 100; i++) {
        await write(`k${i}`);
        expect((await read()).length).toBe(i + 1);
      }
      // One statement for the read (on the read handle), one for the insert on each handle (the read handle tells a
      // write from a read), however many runs.
      expect(prepare.mock.calls.length).toBeLessThanOrEqual(3);
      // A schema change reaches a kept `select *`.
      conn.sqlite.exec("alter table settings add column extra text default 'x'");
      expect((await read())[0]).toMatchObject({ key: 'k0', extra: 'x' });
    } finally {
      prepare.mockRestore();
      await conn.close();
    }
  });

  it('keeps at most STATEMENT_CACHE_SIZE of them, dropping the least recently used', async () => {
    const conn = await open();
    const prepare = vi.spyOn(BetterSqlite3.prototype, 'prepare');
    try {
      const read = (n: number) =>
        conn.db
          .selectFrom('settings')
          .select(sql<number>`${sql.lit(n)}`.as('n'))
          .execute();
      for (let n = 0; n <= STATEMENT_CACHE_SIZE; n++) await read(n);
      prepare.mockClear();
      await read(STATEMENT_CACHE_SIZE); // the most recent one is kept
      expect(prepare).not.toHaveBeenCalled();
      await read(0); // the oldest was dropped to stay within the bound
      expect(prepare).toHaveBeenCalledTimes(1);
    } finally {
      prepare.mockRestore();
      await conn.close();
    }
  });
});
