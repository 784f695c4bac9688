import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from './migrate-to';
import { MIGRATION_NAMES } from '../../db/migrations';
import * as m0008 from '../../db/migrations/0008_budgeting';
import * as m0019 from '../../db/migrations/0019_budgeting_vote_keys';
import * as m0022 from '../../db/migrations/0022_budgeting_vote_ballots';

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare(`select name from sqlite_master where type='table' and name like 'budgeting_%' order by name`).all() as { name: string }[]).map((r) => r.name);

async function previous() {
  const { sqlite, db } = await migrateTo('0007_funding');
  sqlite.prepare(`insert into plans (id, title, created_at, updated_at) values ('p', 'P', 't', 't')`).run();
  sqlite.prepare(`insert into commitments (id, plan_id, code, title, created_at, updated_at) values ('c2', 'p', 'A2', 'x', 't', 't')`).run();
  for (const code of ['I2.7', 'I1.7', 'I2.6', 'I2.5'])
    sqlite
      .prepare(
        `insert into indicators (id, commitment_id, code, name, type, target, created_at, updated_at) values (?, 'c2', ?, 'x', 'cumulative', 1, 't', 't')`,
      )
      .run(code, code);
  return { sqlite, db };
}

const campaign = (over: Record<string, unknown> = {}) => ({
  id: 'c1',
  name: 'C',
  total_budget: 100,
  rubric: '{}',
  divergence: '{}',
  created_at: 't',
  updated_at: 't',
  ...over,
});
const insert = (sqlite: BetterSqlite3.Database, table: string, row: Record<string, unknown>) =>
  sqlite
    .prepare(
      `insert into ${table} (${Object.keys(row).join(', ')}) values (${Object.keys(row)
        .map((c) => `@${c}`)
        .join(', ')})`,
    )
    .run(row);

describe('migration 0008_budgeting', () => {
  it('is listed after the funding migration', () => {
    expect(MIGRATION_NAMES.indexOf('0008_budgeting')).toBeGreaterThan(MIGRATION_NAMES.indexOf('0007_funding'));
  });

  it('adds the budgeting tables and names the indicators it computes, leaving the others alone', async () => {
    const { sqlite, db } = await previous();
    await m0008.up(db);
    expect(tables(sqlite)).toEqual([
      'budgeting_appeals',
      'budgeting_assignments',
      'budgeting_campaigns',
      'budgeting_conflicts',
      'budgeting_moderations',
      'budgeting_paper_entries',
      'budgeting_project_milestones',
      'budgeting_projects',
      'budgeting_proposals',
      'budgeting_results',
      'budgeting_tranches',
      'budgeting_vote_imports',
      'budgeting_votes',
      'budgeting_zones',
    ]);
    expect(sqlite.prepare(`select code, source from indicators order by code`).all()).toEqual([
      { code: 'I1.7', source: 'budgeting.community_projects_funded' },
      { code: 'I2.5', source: null },
      { code: 'I2.6', source: 'budgeting.projects_implemented' },
      { code: 'I2.7', source: 'budgeting.participation' },
    ]);
  });

  it('checks enums, amounts and the one live code per campaign', async () => {
    const { sqlite, db } = await previous();
    await m0008.up(db);
    expect(() => insert(sqlite, 'budgeting_campaigns', campaign({ winner_rule: 'lottery' }))).toThrow(/CHECK/);
    expect(() => insert(sqlite, 'budgeting_campaigns', campaign({ total_budget: -1 }))).toThrow(/CHECK/);
    insert(sqlite, 'budgeting_campaigns', campaign());
    const p = { campaign_id: 'c1', code: 'P-001', title: 'T', created_at: 't', updated_at: 't' };
    insert(sqlite, 'budgeting_proposals', { id: 'p1', ...p });
    expect(() => insert(sqlite, 'budgeting_proposals', { id: 'p2', ...p })).toThrow(/UNIQUE/);
    insert(sqlite, 'budgeting_proposals', { id: 'p3', ...p, deleted_at: 't' });
    expect(() => insert(sqlite, 'budgeting_proposals', { id: 'p4', ...p, code: 'P-002', eligibility_status: 'maybe' })).toThrow(/CHECK/);
    expect(() => insert(sqlite, 'budgeting_campaigns', campaign({ id: 'c9', appeals_fund: -1 }))).toThrow(/CHECK/);
    const project = { campaign_id: 'c1', proposal_id: 'p1', created_at: 't', updated_at: 't' };
    expect(() => insert(sqlite, 'budgeting_projects', { id: 'j0', ...project, funded_from: 'lottery' })).toThrow(/CHECK/);
    insert(sqlite, 'budgeting_projects', { id: 'j1', ...project, funded_from: 'appeals_fund', contract_amount: 100 });
    const tranche = { project_id: 'j1', seq: 1, amount: 10, created_at: 't', updated_at: 't' };
    expect(() => insert(sqlite, 'budgeting_tranches', { id: 't0', ...tranche, kind: 'bonus' })).toThrow(/CHECK/);
    insert(sqlite, 'budgeting_tranches', { id: 't1', ...tranche, kind: 'final' });
    expect(() => insert(sqlite, 'budgeting_tranches', { id: 't2', ...tranche })).toThrow(/UNIQUE/);
    expect(() =>
      insert(sqlite, 'budgeting_appeals', {
        id: 'a',
        campaign_id: 'c1',
        appellant: 'x',
        lodged_on: '2026-10-02',
        deadline: '2026-10-01',
        grounds: 'g',
        created_at: 't',
        updated_at: 't',
      }),
    ).toThrow(/CHECK/);
  });

  it('down() removes the tables and the indicator sources it set', async () => {
    const { sqlite, db } = await previous();
    await m0008.up(db);
    await m0008.down(db);
    expect(tables(sqlite)).toEqual([]);
    expect(sqlite.prepare(`select count(*) as n from indicators where source is not null`).get()).toEqual({ n: 0 });
  });
});

describe('migration 0019_budgeting_vote_keys', () => {
  /** Votes as 0008 stored them: two campaigns, platform voters and a paper batch, a time on some rows. */
  async function withOldVotes() {
    const { sqlite, db } = await previous();
    await m0008.up(db);
    insert(sqlite, 'budgeting_campaigns', campaign());
    insert(sqlite, 'budgeting_campaigns', campaign({ id: 'c2' }));
    insert(sqlite, 'budgeting_zones', { id: 'z1', campaign_id: 'c1', code: 'Z1', name: 'Zona 1', budget: 10, created_at: 't', updated_at: 't' });
    const p = (id: string, campaignId: string, code: string) =>
      insert(sqlite, 'budgeting_proposals', {
        id,
        campaign_id: campaignId,
        code,
        title: code,
        zone_id: campaignId === 'c1' ? 'z1' : null,
        created_at: 't',
        updated_at: 't',
      });
    p('pa', 'c1', 'A');
    p('pb', 'c1', 'B');
    p('pc', 'c2', 'C');
    const old = [
      ['c1', 'v2', 'pa', 'Z1', '2026-09-01 10:00'],
      ['c1', 'v2', 'pb', 'Z1', null],
      ['c1', 'v1', 'pb', 'Z1', '2026-09-02 11:00'],
      ['c1', 'paper:L1:b1', 'pa', 'Z1', null],
      ['c2', 'v1', 'pc', null, null],
    ];
    for (const [campaign_id, voter_key, proposal_id, zone, voted_at] of old)
      insert(sqlite, 'budgeting_votes', { campaign_id, voter_key, proposal_id, zone, voted_at });
    return { sqlite, db, old };
  }
  const readBack = (sqlite: BetterSqlite3.Database) =>
    sqlite
      .prepare(
        `select k.campaign_id, w.voter_key, p.proposal_id, nullif(coalesce(v.voted_at, w.voted_at), '') as voted_at, w.voter_no > 0 as platform
         from budgeting_votes v join budgeting_vote_campaigns k on k.campaign_no = v.campaign_no
         join budgeting_vote_voters w on w.campaign_no = v.campaign_no and w.voter_no = v.voter_no
         join budgeting_vote_proposals p on p.campaign_no = v.campaign_no and p.proposal_no = v.proposal_no order by 1, 2, 3`,
      )
      .all();

  it('keeps every vote with integer keys: campaign, voter (platform from 1, paper below 0) and proposal numbers', async () => {
    const { sqlite, db } = await withOldVotes();
    await m0019.up(db);
    expect(sqlite.prepare(`select name from pragma_table_info('budgeting_votes') order by cid`).pluck().all()).toEqual([
      'campaign_no',
      'voter_no',
      'proposal_no',
      'voted_at',
    ]);
    expect(readBack(sqlite)).toEqual([
      { campaign_id: 'c1', voter_key: 'paper:L1:b1', proposal_id: 'pa', voted_at: null, platform: 0 },
      { campaign_id: 'c1', voter_key: 'v1', proposal_id: 'pb', voted_at: '2026-09-02 11:00', platform: 1 },
      { campaign_id: 'c1', voter_key: 'v2', proposal_id: 'pa', voted_at: '2026-09-01 10:00', platform: 1 },
      { campaign_id: 'c1', voter_key: 'v2', proposal_id: 'pb', voted_at: null, platform: 1 },
      { campaign_id: 'c2', voter_key: 'v1', proposal_id: 'pc', voted_at: null, platform: 1 },
    ]);
    expect(tables(sqlite)).not.toContain('budgeting_votes_0008');
  });

  it('goes back down to the 0008 rows, each vote with its proposal zone and time', async () => {
    const { sqlite, db, old } = await withOldVotes();
    await m0019.up(db);
    await m0019.down(db);
    const rows = sqlite.prepare(`select campaign_id, voter_key, proposal_id, zone, voted_at from budgeting_votes order by 1, 2, 3`).raw(true).all();
    expect(rows).toEqual([...old].sort((a, b) => `${a[0]}${a[1]}${a[2]}`.localeCompare(`${b[0]}${b[1]}${b[2]}`)));
    expect(tables(sqlite)).not.toContain('budgeting_vote_voters');
  });

  it('0022 packs the votes stored into one ballot per voter, in their stored order, each own time kept, and counts them', async () => {
    const { sqlite, db } = await withOldVotes();
    await m0019.up(db);
    const before = readBack(sqlite);
    await m0022.up(db);
    expect(tables(sqlite)).not.toContain('budgeting_votes');
    const ballots = sqlite
      .prepare(
        `select k.campaign_id, w.voter_key, w.voted_at, w.proposals, w.vote_times from budgeting_vote_voters w
         join budgeting_vote_campaigns k on k.campaign_no = w.campaign_no order by 1, 2`,
      )
      .all() as Array<{ campaign_id: string; voter_key: string; voted_at: string | null; proposals: string; vote_times: string | null }>;
    const no = (campaignId: string, proposalId: string) =>
      sqlite
        .prepare(
          `select p.proposal_no from budgeting_vote_proposals p join budgeting_vote_campaigns k on k.campaign_no = p.campaign_no where k.campaign_id = ? and p.proposal_id = ?`,
        )
        .pluck()
        .get(campaignId, proposalId);
    // 0019 kept each time on its vote (its voters have none): v2 voted A at 10:00, then B without a time.
    expect(ballots).toEqual([
      { campaign_id: 'c1', voter_key: 'paper:L1:b1', voted_at: null, proposals: `${no('c1', 'pa')}`, vote_times: null },
      { campaign_id: 'c1', voter_key: 'v1', voted_at: null, proposals: `${no('c1', 'pb')}`, vote_times: '["2026-09-02 11:00"]' },
      { campaign_id: 'c1', voter_key: 'v2', voted_at: null, proposals: `${no('c1', 'pa')},${no('c1', 'pb')}`, vote_times: '["2026-09-01 10:00",null]' },
      { campaign_id: 'c2', voter_key: 'v1', voted_at: null, proposals: `${no('c2', 'pc')}`, vote_times: null },
    ]);
    const tally = sqlite
      .prepare(
        `select k.campaign_id, c.source, p.proposal_id, c.votes from budgeting_vote_counts c
         join budgeting_vote_campaigns k on k.campaign_no = c.campaign_no
         join budgeting_vote_proposals p on p.campaign_no = c.campaign_no and p.proposal_no = c.proposal_no order by 1, 2, 3`,
      )
      .all();
    expect(tally).toEqual([
      { campaign_id: 'c1', source: 'paper', proposal_id: 'pa', votes: 1 },
      { campaign_id: 'c1', source: 'platform', proposal_id: 'pa', votes: 1 },
      { campaign_id: 'c1', source: 'platform', proposal_id: 'pb', votes: 2 },
      { campaign_id: 'c2', source: 'platform', proposal_id: 'pc', votes: 1 },
    ]);
    // down() gives back a row per vote, the same votes with the same times, and drops the tally.
    await m0022.down(db);
    expect(readBack(sqlite)).toEqual(before);
    expect(tables(sqlite)).not.toContain('budgeting_vote_counts');
  });
});
