import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, rawRows } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { tempDir } from './helpers';

describe('raw rows for hot reads', () => {
  it('gives the same rows through the raw path and, inside a transaction, through Kysely', async () => {
    const conn = openDatabase(path.join(tempDir(), 'x.db'));
    await migrateToLatest(conn);
    const at = '2026-01-01T00:00:00.000Z';
    await conn.db.insertInto('settings').values([
      { key: 'a', value: '1', updated_at: at, updated_by: null },
      { key: 'b', value: '2', updated_at: at, updated_by: 'u' },
    ]).execute();
    const build = (v: unknown[]) => ({ key: v[0] as string, by: v[1] as string | null });
    const query = (db: typeof conn.db) => db.selectFrom('settings').select(['key', 'updated_by']).orderBy('key');
    const direct = await rawRows(conn.db, query(conn.db), build, ['key', 'updated_by']);
    const inTx = await conn.db.transaction().execute((trx) => rawRows(trx, query(trx as never), build, ['key', 'updated_by']));
    expect(direct).toEqual([{ key: 'a', by: null }, { key: 'b', by: 'u' }]);
    expect(inTx).toEqual(direct);
    await conn.close();
  });
});
