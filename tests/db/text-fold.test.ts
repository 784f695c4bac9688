import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { folded } from '../../db/queries/fold';
import { foldText } from '../../electron/contract/text';
import { freshCore, withStoreDb } from './helpers';

/**
 * The database's fold (db/queries/fold.ts, for searching and sorting columns) and the app's (electron/contract/text.ts,
 * for the search typed and the keys core stores) agree: a search folded in the app finds the row folded in SQL.
 */
const INPUTS = [
  'Ședința comisiei',
  'ŞEDINŢA (cu sedilă)',
  'Ștefan Țuțuianu',
  'Întâlnire în Piața Unirii',
  'ăĂâÂîÎșȘşŞțȚţŢ',
  'Funcționari publici instruiți: 50',
  'plain ASCII, MiXeD case 2026',
  '  spaces   kept  ',
  '',
];

describe('one text fold in the app and in the database', () => {
  it('the SQL fold of a column gives what foldText gives for the same Romanian and ASCII text', async () => {
    const { dataDir } = await freshCore({ seed: false });
    const fromDb = await withStoreDb(dataDir, async (db) => {
      const out: string[] = [];
      for (const text of INPUTS) {
        const r = await sql<{ f: string }>`select ${folded('t.x')} as f from (select cast(${text} as text) as x) t`.execute(db);
        out.push(r.rows[0]!.f);
      }
      return out;
    });
    expect(fromDb).toEqual(INPUTS.map(foldText));
    expect(fromDb.slice(0, 5)).toEqual(['sedinta comisiei', 'sedinta (cu sedila)', 'stefan tutuianu', 'intalnire in piata unirii', 'aaaaiisssstttt']);
  });
});
