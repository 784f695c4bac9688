import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from './migrate-to';
import * as m0005 from '../../db/migrations/0005_training';

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare(`select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map((r) => r.name);

describe('0005_training', () => {
  it('adds the training tables to a database shaped like 0001–0003, with their rules, and down() removes them', async () => {
    const { sqlite, db } = await migrateTo('0004_risks');
    sqlite.prepare(`insert into plans (id, title, created_at, updated_at) values ('p', 'P', 't', 't')`).run();
    sqlite.prepare(`insert into commitments (id, plan_id, code, title, created_at, updated_at) values ('c1', 'p', 'A1', 'x', 't', 't')`).run();
    sqlite.prepare(`insert into actions (id, commitment_id, code, title, created_at, updated_at) values ('a12', 'c1', 'A1.2', 'x', 't', 't')`).run();
    const before = tables(sqlite);
    await m0005.up(db);
    expect(tables(sqlite)).toEqual([...before, 'training_attendance', 'training_people', 'training_programmes', 'training_sessions'].sort());
    const prog = sqlite.prepare(`insert into training_programmes (id, name, action_id, created_at, updated_at, deleted_at) values (?, ?, ?, 't', 't', ?)`);
    prog.run('g1', 'Comunicare', 'a12', null);
    expect(() => prog.run('g2', 'Comunicare', 'a12', null)).toThrow(/UNIQUE/); // one live programme per name
    prog.run('g3', 'Comunicare', 'a12', 't'); // a deleted one does not block
    expect(() => prog.run('g4', 'Alt', 'nope', null)).toThrow(/FOREIGN KEY/);
    const ses = sqlite.prepare(
      `insert into training_sessions (id, programme_id, title, target_group, start_date, cost_bani, created_at, updated_at) values (?, 'g1', 'S', ?, '2025-01-01', ?, 't', 't')`,
    );
    ses.run('s1', 'civil_servants', 0);
    expect(() => ses.run('s2', 'everyone', 0)).toThrow(/CHECK/);
    expect(() => ses.run('s3', 'civil_servants', -1)).toThrow(/CHECK/);
    const per = sqlite.prepare(`insert into training_people (id, name, name_key, category, created_at, updated_at) values (?, 'Ana', 'ana', ?, 't', 't')`);
    per.run('p1', 'civil_servant');
    expect(() => per.run('p2', 'boss')).toThrow(/CHECK/);
    const att = sqlite.prepare(
      `insert into training_attendance (id, session_id, person_id, completed, created_at, updated_at) values (?, 's1', 'p1', ?, 't', 't')`,
    );
    att.run('x1', 1);
    expect(() => att.run('x2', 0)).toThrow(/UNIQUE/); // one live row per person per session
    expect(() => sqlite.prepare(`update training_attendance set completed = 2`).run()).toThrow(/CHECK/);
    await m0005.down(db);
    expect(tables(sqlite)).toEqual(before);
  });
});
