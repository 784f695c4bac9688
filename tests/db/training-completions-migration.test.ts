import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from './migrate-to';
import * as m0011 from '../../db/migrations/0011_training_completions';

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare(`select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map((r) => r.name);

describe('0011_training_completions', () => {
  it('on a database shaped like the migrations before it, with attendance already recorded, derives one row per programme and person who completed; down() removes it', async () => {
    const { sqlite, db } = await migrateTo('0010_publishing');

    const run = (sql: string, ...rows: unknown[][]) => {
      const st = sqlite.prepare(sql);
      for (const r of rows) st.run(...r);
    };
    run(`insert into plans (id, title, created_at, updated_at) values ('p', 'P', 't', 't')`, []);
    run(`insert into commitments (id, plan_id, code, title, created_at, updated_at) values ('c1', 'p', 'A1', 'x', 't', 't')`, []);
    run(`insert into actions (id, commitment_id, code, title, created_at, updated_at) values (?, 'c1', ?, 'x', 't', 't')`, ['a12', 'A1.2'], ['a43', 'A4.3']);
    run(
      `insert into training_programmes (id, name, action_id, created_at, updated_at) values (?, ?, ?, 't', 't')`,
      ['g1', 'Comunicare', 'a12'],
      ['g2', 'OGP', 'a43'],
    );
    run(
      `insert into training_sessions (id, programme_id, title, target_group, start_date, end_date, created_at, updated_at, deleted_at) values (?, ?, 'S', 'civil_servants', ?, ?, 't', 't', ?)`,
      ['s1', 'g1', '2025-03-10', '2025-03-11', null],
      ['s2', 'g1', '2025-04-01', null, null],
      ['s3', 'g2', '2025-05-20', null, null],
      ['s4', 'g2', '2025-06-01', null, '2025-06-02T00:00:00Z'], // deleted session: its attendance does not count
    );
    run(
      `insert into training_people (id, name, name_key, category, created_at, updated_at) values (?, ?, ?, ?, 't', 't')`,
      ['ana', 'Ana', 'ana', 'civil_servant'],
      ['mihai', 'Mihai', 'mihai', 'contract_staff'],
      ['elena', 'Elena', 'elena', 'elected_official'],
    );
    run(
      `insert into training_attendance (id, session_id, person_id, hours_attended, completed, created_at, updated_at, deleted_at) values (?, ?, ?, ?, ?, 't', 't', ?)`,
      ['x1', 's1', 'ana', 8, 1, null],
      ['x2', 's2', 'ana', 4, 1, null], // the same person twice in one programme: one row, both sessions
      ['x3', 's3', 'ana', 2, 1, null],
      ['x4', 's1', 'mihai', 8, 0, null], // not completed
      ['x5', 's3', 'mihai', 8, 1, '2025-06-01T00:00:00Z'], // deleted attendance
      ['x6', 's4', 'elena', 8, 1, null], // in the deleted session
      ['x7', 's3', 'elena', 3, 1, null],
    );
    const before = tables(sqlite);

    await m0011.up(db);
    expect(tables(sqlite)).toEqual([...before, 'training_completions'].sort());
    expect(sqlite.prepare(`select * from training_completions order by programme_id, person_id`).all()).toEqual([
      {
        programme_id: 'g1',
        person_id: 'ana',
        category: 'civil_servant',
        sessions_completed: 2,
        hours: 12,
        first_completed_on: '2025-03-11',
        last_completed_on: '2025-04-01',
      },
      {
        programme_id: 'g2',
        person_id: 'ana',
        category: 'civil_servant',
        sessions_completed: 1,
        hours: 2,
        first_completed_on: '2025-05-20',
        last_completed_on: '2025-05-20',
      },
      {
        programme_id: 'g2',
        person_id: 'elena',
        category: 'elected_official',
        sessions_completed: 1,
        hours: 3,
        first_completed_on: '2025-05-20',
        last_completed_on: '2025-05-20',
      },
    ]);
    // One row per programme and person, a completed session at least, only programmes and people that exist.
    const ins = sqlite.prepare(`insert into training_completions values (?, ?, ?, ?, 1, '2025-01-01', '2025-01-01')`);
    expect(() => ins.run('g1', 'ana', 'civil_servant', 1)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => ins.run('g1', 'mihai', 'contract_staff', 0)).toThrow(/CHECK/);
    expect(() => ins.run('g1', 'mihai', 'boss', 1)).toThrow(/CHECK/);
    expect(() => ins.run('g1', 'nobody', 'civil_servant', 1)).toThrow(/FOREIGN KEY/);
    ins.run('g1', 'mihai', 'contract_staff', 1);
    // The indicators read the programme's people and dates from the index alone.
    const plan = (
      sqlite
        .prepare(
          `explain query plan select person_id, max(last_completed_on) from training_completions where programme_id in ('g1', 'g2') and category in ('civil_servant', 'contract_staff') group by person_id`,
        )
        .all() as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/COVERING INDEX training_completions_programme/);

    await m0011.down(db);
    expect(tables(sqlite)).toEqual(before);
    expect(sqlite.prepare(`select count(*) as n from training_attendance`).get()).toEqual({ n: 7 });
  });
});
