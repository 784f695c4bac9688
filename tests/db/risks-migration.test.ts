import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from './migrate-to';
import * as m0004 from '../../db/migrations/0004_risks';
import * as m0012 from '../../db/migrations/0012_risks_search';
import * as m0020 from '../../db/migrations/0020_risk_import_staging';

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare(`select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map((r) => r.name);

const RISK_TABLES = ['risk_actions', 'risk_alerts', 'risk_commitments', 'risk_measures', 'risk_residual_history', 'risk_reviews', 'risk_settings', 'risks'];

/** A database shaped like 0001–0003, with a plan, a commitment and an action, then 0004 on top. */
async function upTo0004() {
  const { sqlite, db } = await migrateTo('0003_indicator_source');
  sqlite.prepare(`insert into plans (id, title, created_at, updated_at) values ('p', 'P', 't', 't')`).run();
  sqlite.prepare(`insert into commitments (id, plan_id, code, title, created_at, updated_at) values ('c4', 'p', 'A4', 'x', 't', 't')`).run();
  sqlite.prepare(`insert into actions (id, commitment_id, code, title, created_at, updated_at) values ('a42', 'c4', 'A4.2', 'x', 't', 't')`).run();
  await m0004.up(db);
  return { sqlite, db };
}

const insertRisk = (sqlite: BetterSqlite3.Database, over: Record<string, unknown> = {}) => {
  const r = {
    id: `r${Math.random()}`,
    code: `R-${Math.random()}`,
    description: 'd',
    category: 'integrity',
    inherent_probability: 3,
    inherent_impact: 4,
    inherent_exposure: 12,
    residual_probability: null,
    residual_impact: null,
    residual_exposure: null,
    status: 'open',
    deleted_at: null,
    ...over,
  };
  sqlite
    .prepare(
      `insert into risks (id, code, description, category, inherent_probability, inherent_impact, inherent_exposure, residual_probability, residual_impact, residual_exposure, status, created_at, updated_at, deleted_at)
       values (@id, @code, @description, @category, @inherent_probability, @inherent_impact, @inherent_exposure, @residual_probability, @residual_impact, @residual_exposure, @status, 't', 't', @deleted_at)`,
    )
    .run(r);
  return r.id as string;
};

describe('0004_risks', () => {
  it('adds the register tables to a database shaped like 0003, keeping the plan', async () => {
    const { sqlite } = await upTo0004();
    expect(tables(sqlite)).toEqual(expect.arrayContaining(RISK_TABLES));
    expect(sqlite.prepare('select code from actions').all()).toEqual([{ code: 'A4.2' }]);
  });

  it('checks scores 1–5, exposure = P × I, residual all-or-nothing, enums, and live-unique codes', async () => {
    const { sqlite } = await upTo0004();
    const id = insertRisk(sqlite, { code: 'R-001' });
    expect(() => insertRisk(sqlite, { inherent_probability: 6, inherent_exposure: 24 })).toThrow(/CHECK/);
    expect(() => insertRisk(sqlite, { inherent_exposure: 11 })).toThrow(/CHECK/);
    expect(() => insertRisk(sqlite, { residual_probability: 2 })).toThrow(/CHECK/);
    expect(() => insertRisk(sqlite, { residual_probability: 2, residual_impact: 2, residual_exposure: 5 })).toThrow(/CHECK/);
    insertRisk(sqlite, { residual_probability: 2, residual_impact: 2, residual_exposure: 4 });
    expect(() => insertRisk(sqlite, { category: 'weather' })).toThrow(/CHECK/);
    expect(() => insertRisk(sqlite, { status: 'maybe' })).toThrow(/CHECK/);
    expect(() => insertRisk(sqlite, { code: 'R-001' })).toThrow(/UNIQUE/);
    insertRisk(sqlite, { code: 'R-009', deleted_at: 't' });
    insertRisk(sqlite, { code: 'R-009' }); // a deleted risk's code does not block a live one
    // Links point at real rows.
    sqlite.prepare(`insert into risk_actions (risk_id, action_id) values (?, 'a42')`).run(id);
    expect(() => sqlite.prepare(`insert into risk_actions (risk_id, action_id) values (?, 'nope')`).run(id)).toThrow(/FOREIGN KEY/);
    expect(() =>
      sqlite
        .prepare(`insert into risk_measures (id, risk_id, description, owner, status, created_at, updated_at) values ('m', ?, 'd', 'o', 'someday', 't', 't')`)
        .run(id),
    ).toThrow(/CHECK/);
    expect(() =>
      sqlite
        .prepare(
          `insert into risk_alerts (id, activity, risk, identified_by, identified_date, probability, impact, exposure, created_at, updated_at) values ('al', 'a', 'r', 'p', '2023-01-01', 2, 3, 5, 't', 't')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      sqlite
        .prepare(
          `insert into risk_settings (id, tolerance_limit, review_days_very_high, review_days_high, review_days_medium, review_days_low, due_soon_days, created_at, updated_at) values ('default', 30, 90, 90, 180, 360, 30, 't', 't')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('down() removes only the register tables', async () => {
    const { sqlite, db } = await upTo0004();
    await m0004.down(db);
    const left = tables(sqlite);
    for (const t of RISK_TABLES) expect(left).not.toContain(t);
    expect(left).toEqual(expect.arrayContaining(['actions', 'commitments', 'users', 'audit_log']));
  });
});

describe('0012_risks_search', () => {
  /** The database 0012 finds (every migration up to 0011), with risks recorded before 0012. */
  const before0012 = () => migrateTo('0011_training_completions');

  it('gives every existing risk its search key (code, description, area, owner without diacritics or case) and indexes the heat-map cells', async () => {
    const { sqlite, db } = await before0012();
    const id = insertRisk(sqlite, { code: 'R-001', description: 'Ședința  COMISIEI nu are cvorum' });
    sqlite.prepare(`update risks set area = 'Direcția Tehnică', owner = 'Ștefan Țuțea' where id = ?`).run(id);
    insertRisk(sqlite, { code: 'R-002', description: 'Alt risc', deleted_at: 't' });
    await m0012.up(db);
    expect(sqlite.prepare('select code, search_key from risks order by code').all()).toEqual([
      { code: 'R-001', search_key: 'r-001 sedinta comisiei nu are cvorum directia tehnica stefan tutea' },
      { code: 'R-002', search_key: 'r-002 alt risc' },
    ]);
    const indexes = (sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'risks'`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(indexes).toEqual(expect.arrayContaining(['risks_inherent_cell', 'risks_residual_cell']));
    // A risk written without a key (by an older build) still inserts; the key defaults to empty.
    insertRisk(sqlite, { code: 'R-003' });
    expect(sqlite.prepare(`select search_key from risks where code = 'R-003'`).get()).toEqual({ search_key: '' });
  });

  it('down() drops the key and the indexes, keeping the risks', async () => {
    const { sqlite, db } = await before0012();
    insertRisk(sqlite, { code: 'R-001' });
    await m0012.up(db);
    await m0012.down(db);
    const cols = (sqlite.prepare(`pragma table_info(risks)`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('search_key');
    expect(sqlite.prepare(`select name from sqlite_master where name in ('risks_inherent_cell', 'risks_residual_cell')`).all()).toEqual([]);
    expect(sqlite.prepare('select code from risks').all()).toEqual([{ code: 'R-001' }]);
  });
});

describe('migration 0020_risk_import_staging', () => {
  it('adds, for each table a risk import writes, a staging twin with the same columns and import_id; down removes them and nothing else', async () => {
    const { sqlite, db } = await migrateTo('0019_budgeting_vote_keys');
    const before = tables(sqlite);
    await m0020.up(db);
    const columns = (t: string) => (sqlite.prepare(`select name from pragma_table_info(?) order by name`).all(t) as { name: string }[]).map((r) => r.name);
    for (const t of ['risks', 'risk_measures', 'risk_residual_history', 'risk_commitments', 'risk_actions', 'audit_log'])
      expect(columns(`risk_import_${t}`), t).toEqual([...columns(t), 'import_id'].sort());
    expect(columns('risk_import_runs')).toEqual(['host', 'id', 'pid', 'started_at', 'touched_at']);
    expect(tables(sqlite).filter((t) => !before.includes(t))).toHaveLength(7);
    await m0020.down(db);
    expect(tables(sqlite)).toEqual(before);
    await db.destroy();
  });
});
