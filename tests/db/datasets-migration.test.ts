import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from './migrate-to';
import * as m0009 from '../../db/migrations/0009_datasets';
import { MIGRATION_NAMES } from '../../db/migrations';

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare(`select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map((r) => r.name);

/** A database at the schema 0009 finds, with the PLA's indicator I3.3 measured by hand. */
async function previous() {
  const { sqlite, db } = await migrateTo('0008_budgeting');
  sqlite.prepare(`insert into plans (id, title, created_at, updated_at) values ('p', 'P', 't', 't')`).run();
  sqlite.prepare(`insert into commitments (id, plan_id, code, title, created_at, updated_at) values ('c3', 'p', 'A3', 'Date deschise', 't', 't')`).run();
  sqlite
    .prepare(
      `insert into indicators (id, commitment_id, code, name, type, target, created_at, updated_at) values ('i33', 'c3', 'I3.3', '10 seturi de date', 'cumulative', 10, 't', 't')`,
    )
    .run();
  return { sqlite, db };
}

const insert = (sqlite: BetterSqlite3.Database, table: string, row: Record<string, unknown>) => {
  const cols = Object.keys(row);
  sqlite.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
};
const dataset = (over: Record<string, unknown> = {}) => ({
  id: 'd1',
  name: 'Străzi',
  slug: 'strazi',
  holder_institution: 'Primăria',
  created_at: 't',
  updated_at: 't',
  deleted_at: null,
  ...over,
});
const imp = (over: Record<string, unknown> = {}) => ({
  id: 'i1',
  dataset_id: 'd1',
  file_name: 'a.csv',
  format: 'csv',
  bytes: 10,
  sha256: 'x',
  created_at: 't',
  updated_at: 't',
  ...over,
});

describe('migration 0009_datasets', () => {
  it('is listed after the earlier migrations', () => {
    expect(MIGRATION_NAMES).toContain('0009_datasets');
    expect(MIGRATION_NAMES.indexOf('0009_datasets')).toBeGreaterThan(MIGRATION_NAMES.indexOf('0003_indicator_source'));
    expect([...MIGRATION_NAMES].sort()).toEqual(MIGRATION_NAMES);
  });

  it('adds the inventory, imports, flags, reference tables and reviews, and makes I3.3 computed from published datasets', async () => {
    const { sqlite, db } = await previous();
    await m0009.up(db);
    expect(tables(sqlite)).toEqual(expect.arrayContaining(['datasets', 'dataset_imports', 'dataset_pd_flags', 'dataset_references', 'dataset_reviews']));
    expect(sqlite.prepare(`select source from indicators where code = 'I3.3'`).get()).toEqual({ source: 'datasets.published' });
    insert(sqlite, 'datasets', dataset());
    insert(sqlite, 'dataset_imports', imp());
    insert(sqlite, 'dataset_pd_flags', { id: 'f1', import_id: 'i1', kind: 'cnp', field_name: 'cnp', count: 3, created_at: 't', updated_at: 't' });
    const d = sqlite.prepare(`select * from datasets`).get() as Record<string, unknown>;
    expect(d).toMatchObject({ licence_id: 'CC-BY-4.0', publication_status: 'identified', update_frequency: 'annual', score_value: 3, cleaning_steps: '[]' });
    const indexes = (sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name like 'dataset%'`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(indexes).toEqual(
      expect.arrayContaining(['datasets_slug', 'datasets_status', 'dataset_imports_dataset', 'dataset_pd_flags_import', 'dataset_references_name']),
    );
  });

  it('enforces enums, scores, flags and unique live names in the database too', async () => {
    const { sqlite, db } = await previous();
    await m0009.up(db);
    expect(() => insert(sqlite, 'datasets', dataset({ publication_status: 'maybe' }))).toThrow(/CHECK/);
    expect(() => insert(sqlite, 'datasets', dataset({ update_frequency: 'hourly' }))).toThrow(/CHECK/);
    expect(() => insert(sqlite, 'datasets', dataset({ score_value: 6 }))).toThrow(/CHECK/);
    expect(() => insert(sqlite, 'datasets', dataset({ score_risk: 0 }))).toThrow(/CHECK/);
    expect(() => insert(sqlite, 'datasets', dataset({ hvd_category: 'sport' }))).toThrow(/CHECK/);
    insert(sqlite, 'datasets', dataset({ id: 'old', deleted_at: 't' }));
    insert(sqlite, 'datasets', dataset()); // a deleted dataset does not block its name
    expect(() => insert(sqlite, 'datasets', dataset({ id: 'd2' }))).toThrow(/UNIQUE/);
    expect(() => insert(sqlite, 'dataset_imports', imp({ format: 'pdf' }))).toThrow(/CHECK/);
    expect(() => insert(sqlite, 'dataset_imports', imp({ encoding: 'utf-16' }))).toThrow(/CHECK/);
    expect(() => insert(sqlite, 'dataset_imports', imp({ dataset_id: 'nope' }))).toThrow(/FOREIGN KEY/);
    insert(sqlite, 'dataset_imports', imp());
    expect(() =>
      insert(sqlite, 'dataset_pd_flags', { id: 'f', import_id: 'i1', kind: 'name', field_name: 'x', count: 1, created_at: 't', updated_at: 't' }),
    ).toThrow(/CHECK/);
  });

  it('down() removes the tables and gives I3.3 back to hand measurement', async () => {
    const { sqlite, db } = await previous();
    await m0009.up(db);
    await m0009.down(db);
    expect(tables(sqlite).filter((t) => t.startsWith('dataset'))).toEqual([]);
    expect(sqlite.prepare(`select source from indicators where code = 'I3.3'`).get()).toEqual({ source: null });
  });
});
