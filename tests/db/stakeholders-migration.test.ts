import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from './migrate-to';
import * as m0006 from '../../db/migrations/0006_stakeholders';
import * as m0013s from '../../db/migrations/0013_stakeholders_search';

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare(`select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map((r) => r.name);

/** The database a migration finds (every one up to `last`), with a plan action. */
async function shapedLikeBefore(last = '0005_training') {
  const { sqlite, db } = await migrateTo(last);
  sqlite.exec(`insert into plans (id, title, created_at, updated_at) values ('p1', 'PLA', 't', 't');
    insert into commitments (id, plan_id, code, title, created_at, updated_at) values ('c1', 'p1', 'A4', 'C', 't', 't');
    insert into actions (id, commitment_id, code, title, created_at, updated_at) values ('a1', 'c1', 'A4.4', 'Acțiune', 't', 't');`);
  return { sqlite, db };
}

const S = `insert into stakeholders (id, type, name, sector, public, consent_date, consent_scope, created_at, updated_at) values (?, ?, ?, 'ngo', ?, ?, ?, 't', 't')`;
const R = `insert into stakeholder_raci (id, stakeholder_id, action_id, role, created_at, updated_at, deleted_at) values (?, ?, 'a1', ?, 't', 't', ?)`;

describe('0006_stakeholders', () => {
  it('adds the register to a database shaped like 0001–0003, keeping the plan', async () => {
    const { sqlite, db } = await shapedLikeBefore();
    const before = tables(sqlite);
    await m0006.up(db);
    expect(tables(sqlite)).toEqual([...before, 'partnerships', 'stakeholder_interactions', 'stakeholder_raci', 'stakeholder_takeovers', 'stakeholders'].sort());
    expect(sqlite.prepare(`select code from actions`).all()).toEqual([{ code: 'A4.4' }]);
  });

  it('refuses a public person without consent, bad enums and scores, in the database itself', async () => {
    const { sqlite, db } = await shapedLikeBefore();
    await m0006.up(db);
    const ins = sqlite.prepare(S);
    ins.run('o1', 'organisation', 'Org', 1, null, '');
    expect(() => ins.run('p1', 'person', 'Ana', 1, null, '')).toThrow(/CHECK/);
    expect(() => ins.run('p2', 'person', 'Ion', 1, '2026-01-01', '')).toThrow(/CHECK/);
    ins.run('p3', 'person', 'Maria', 1, '2026-01-01', 'site');
    expect(() => ins.run('x', 'robot', 'R', 0, null, '')).toThrow(/CHECK/);
    expect(() => sqlite.prepare(`update stakeholders set power = 6 where id = 'o1'`).run()).toThrow(/CHECK/);
    expect(() => sqlite.prepare(`update stakeholders set sector = 'aliens' where id = 'o1'`).run()).toThrow(/CHECK/);
  });

  it('holds at most one live Accountable per action; a deleted one does not count', async () => {
    const { sqlite, db } = await shapedLikeBefore();
    await m0006.up(db);
    const ins = sqlite.prepare(S);
    ins.run('s1', 'organisation', 'A', 0, null, '');
    ins.run('s2', 'organisation', 'B', 0, null, '');
    const raci = sqlite.prepare(R);
    raci.run('r1', 's1', 'accountable', 'deleted-stamp');
    raci.run('r2', 's1', 'accountable', null);
    expect(() => raci.run('r3', 's2', 'accountable', null)).toThrow(/UNIQUE/);
    raci.run('r4', 's2', 'responsible', null);
    expect(() => raci.run('r5', 's2', 'responsible', null)).toThrow(/UNIQUE/);
    expect(() => raci.run('r6', 's2', 'owner', null)).toThrow(/CHECK/);
    expect(() => raci.run('r7', 'nobody', 'informed', null)).toThrow(/FOREIGN KEY/);
  });

  it('refuses a partnership that ends before it starts; down() removes only its tables', async () => {
    const { sqlite, db } = await shapedLikeBefore();
    const before = tables(sqlite);
    await m0006.up(db);
    sqlite.prepare(S).run('s1', 'organisation', 'A', 0, null, '');
    const p = sqlite.prepare(
      `insert into partnerships (id, stakeholder_id, type, title, start_date, end_date, created_at, updated_at) values (?, 's1', ?, 'P', ?, ?, 't', 't')`,
    );
    p.run('p1', 'academia', '2026-01-01', null);
    expect(() => p.run('p2', 'academia', '2026-01-01', '2025-12-31')).toThrow(/CHECK/);
    expect(() => p.run('p3', 'ngo', '2026-01-01', null)).toThrow(/CHECK/);
    await m0006.down(db);
    expect(tables(sqlite)).toEqual(before);
  });
});

describe('0013_stakeholders_search', () => {
  const columns = (db: BetterSqlite3.Database) => (db.prepare(`pragma table_info(stakeholders)`).all() as { name: string }[]).map((c) => c.name);
  const indexes = (db: BetterSqlite3.Database) => (db.prepare(`pragma index_list(stakeholders)`).all() as { name: string }[]).map((i) => i.name).sort();

  it('gives the stakeholders already there their name and search keys (case and diacritics aside), and an index for the name order', async () => {
    const { sqlite, db } = await shapedLikeBefore('0012_risks_search');
    sqlite.prepare(S).run('s1', 'organisation', 'Fundația Comunitară  ȚARA', 0, null, '');
    sqlite.prepare(`update stakeholders set legal_form = 'fundație' where id = 's1'`).run();
    sqlite.prepare(S).run('s2', 'person', 'Ștefan Şerban', 0, null, '');
    await m0013s.up(db);
    expect(sqlite.prepare(`select id, name_key, search_key from stakeholders order by id`).all()).toEqual([
      { id: 's1', name_key: 'fundatia comunitara tara', search_key: 'fundatia comunitara tara fundatie' },
      { id: 's2', name_key: 'stefan serban', search_key: 'stefan serban' },
    ]);
    expect(indexes(sqlite)).toContain('stakeholders_live_name_key');
    // A row written later without keys (not through core) still inserts: the keys default to ''.
    sqlite.prepare(S).run('s3', 'organisation', 'Nou', 0, null, '');
    expect(sqlite.prepare(`select name_key from stakeholders where id = 's3'`).get()).toEqual({ name_key: '' });
  });

  it('down() removes the keys and the index, and keeps the stakeholders', async () => {
    const { sqlite, db } = await shapedLikeBefore('0012_risks_search');
    sqlite.prepare(S).run('s1', 'organisation', 'Asociația A', 0, null, '');
    const cols = columns(sqlite);
    const idx = indexes(sqlite);
    await m0013s.up(db);
    await m0013s.down(db);
    expect(columns(sqlite)).toEqual(cols);
    expect(indexes(sqlite)).toEqual(idx);
    expect(sqlite.prepare(`select name from stakeholders`).all()).toEqual([{ name: 'Asociația A' }]);
  });
});
