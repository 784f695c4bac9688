import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from './migrate-to';
import * as m0007 from '../../db/migrations/0007_funding';
import { MIGRATION_NAMES } from '../../db/migrations';

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare(`select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map((r) => r.name);

/** A database at the schema 0007 finds, with a plan action to link calls to. */
async function previous() {
  const { sqlite, db } = await migrateTo('0006_stakeholders');
  sqlite.prepare(`insert into plans (id, title, created_at, updated_at) values ('p', 'P', 't', 't')`).run();
  sqlite.prepare(`insert into commitments (id, plan_id, code, title, created_at, updated_at) values ('c4', 'p', 'A4', 'x', 't', 't')`).run();
  sqlite.prepare(`insert into actions (id, commitment_id, code, title, created_at, updated_at) values ('a45', 'c4', 'A4.5', 'Finanțare', 't', 't')`).run();
  return { sqlite, db };
}

const insertCall = (sqlite: BetterSqlite3.Database, over: Record<string, unknown> = {}) => {
  const row = {
    id: 'k1',
    programme: 'pnrr',
    code: 'C1',
    title: 'Apel',
    status: 'open',
    non_reimbursable: 1,
    guide_url: null,
    budget: 100,
    created_at: 't',
    updated_at: 't',
    deleted_at: null,
    ...over,
  };
  const cols = Object.keys(row);
  sqlite.prepare(`insert into funding_calls (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
};
const insertApp = (sqlite: BetterSqlite3.Database, over: Record<string, unknown> = {}) => {
  const row = {
    id: 'p1',
    call_id: 'k1',
    code: '',
    title: 'Proiect',
    applicant: 'Municipiul Timișoara',
    requested_amount: 90,
    own_contribution: 10,
    total_amount: 100,
    status: 'idea',
    created_at: 't',
    updated_at: 't',
    deleted_at: null,
    ...over,
  };
  const cols = Object.keys(row);
  sqlite.prepare(`insert into funding_applications (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
};

describe('migration 0007_funding', () => {
  it('is listed after the plan migrations', () => {
    expect(MIGRATION_NAMES).toContain('0007_funding');
    expect(MIGRATION_NAMES.indexOf('0007_funding')).toBeGreaterThan(MIGRATION_NAMES.indexOf('0003_indicator_source'));
  });

  it('adds the calls, applications and their action links to a plan database, keeping its rows', async () => {
    const { sqlite, db } = await previous();
    await m0007.up(db);
    expect(tables(sqlite)).toEqual(expect.arrayContaining(['funding_calls', 'funding_call_actions', 'funding_applications', 'funding_application_actions']));
    expect(sqlite.prepare(`select code from actions`).all()).toEqual([{ code: 'A4.5' }]);
    insertCall(sqlite);
    sqlite.prepare(`insert into funding_call_actions (call_id, action_id) values ('k1', 'a45')`).run();
    insertApp(sqlite);
    sqlite.prepare(`insert into funding_application_actions (application_id, action_id) values ('p1', 'a45')`).run();
    const indexes = (sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name like 'funding%'`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(indexes).toEqual(
      expect.arrayContaining(['funding_calls_code', 'funding_calls_status_deadline', 'funding_applications_call_status', 'funding_applications_next_step']),
    );
  });

  it('enforces enums, money, links, the total and unique live codes in the database too', async () => {
    const { sqlite, db } = await previous();
    await m0007.up(db);
    expect(() => insertCall(sqlite, { programme: 'loterie' })).toThrow(/CHECK/);
    expect(() => insertCall(sqlite, { status: 'maybe' })).toThrow(/CHECK/);
    expect(() => insertCall(sqlite, { budget: -1 })).toThrow(/CHECK/);
    expect(() => insertCall(sqlite, { guide_url: 'http://x.ro' })).toThrow(/CHECK/);
    expect(() => insertCall(sqlite, { non_reimbursable: 2 })).toThrow(/CHECK/);
    insertCall(sqlite, { id: 'old', deleted_at: 't' });
    insertCall(sqlite); // a deleted call does not block its code
    expect(() => insertCall(sqlite, { id: 'k2' })).toThrow(/UNIQUE/);
    expect(() => insertApp(sqlite, { total_amount: 99 })).toThrow(/CHECK/);
    expect(() => insertApp(sqlite, { status: 'won' })).toThrow(/CHECK/);
    expect(() => insertApp(sqlite, { call_id: 'nope' })).toThrow(/FOREIGN KEY/);
    insertApp(sqlite, { code: '' });
    insertApp(sqlite, { id: 'p2', code: '' }); // no SMIS code yet: not unique
    insertApp(sqlite, { id: 'p3', code: 'SMIS 1' });
    expect(() => insertApp(sqlite, { id: 'p4', code: 'SMIS 1' })).toThrow(/UNIQUE/);
    expect(() => sqlite.prepare(`insert into funding_call_actions (call_id, action_id) values ('k1', 'ghost')`).run()).toThrow(/FOREIGN KEY/);
  });

  it('down() removes exactly its tables', async () => {
    const { sqlite, db } = await previous();
    const before = tables(sqlite);
    await m0007.up(db);
    await m0007.down(db);
    expect(tables(sqlite)).toEqual(before);
  });
});
