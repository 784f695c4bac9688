import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SaveCampaignInput } from '../../electron/contract';
import { main } from '../../electron/cli';
import { budgetingIndicatorSources } from '../../electron/core/budgeting/sources';
import { call, count, freshCore, ok, peek, signIn, snapshot, storedVotes, tempDir, withStoreDb } from './helpers';

const NOW = new Date('2026-10-01T09:00:00Z');
const rubric: SaveCampaignInput['rubric'] = {
  criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }],
  overallMinimum: null,
};

async function setup(over: Partial<SaveCampaignInput> = {}, costs: Array<[string, string, number]> = []) {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const campaign = await ok(
    env.core,
    'budgeting.saveCampaign',
    {
      name: 'Timișoara Decide 2026',
      totalBudget: 100_000_000,
      zones: [
        { code: 'Z1', name: 'Centru', budget: 50_000_000 },
        { code: 'Z2', name: 'Fabric', budget: 50_000_000 },
      ],
      rubric,
      votesPerVoter: 2,
      population: 1000,
      winnerRule: 'greedy',
      ...over,
    },
    coord,
  );
  const proposals = [];
  for (const [code, zone, lei] of costs)
    proposals.push(
      await ok(env.core, 'budgeting.saveProposal', { campaignId: campaign.id, code, title: `Proiect ${code}`, zoneCode: zone, costEstimate: lei * 100 }, coord),
    );
  return { ...env, coord, campaign, proposals };
}
type Env = Awaited<ReturnType<typeof setup>>;

const csv = (rows: string[]) => Buffer.from(['voter_id,proposal_id,zone,voted_at', ...rows].join('\n')).toString('base64');

/** These small files refuse far more than 1 % of their rows on purpose: the refusals are accepted. */
async function votes(env: Env, rows: string[]) {
  return ok(
    env.core,
    'budgeting.importVotes',
    { campaignId: env.campaign.id, fileName: 'voturi.csv', contentBase64: csv(rows), acceptRefused: true },
    env.coord,
  );
}

async function ineligible(env: Env, i: number) {
  const p = env.proposals[i];
  const checks = [
    'general_interest',
    'city_competence_public_space',
    'not_covered_elsewhere',
    'no_conflict_with_plans',
    'not_commercial_political',
    'no_significant_running_costs',
    'clearly_located',
    'within_project_cap',
  ].map((criterion, n) => ({ criterion: criterion as never, pass: n !== 0, reason: n === 0 ? 'interes privat' : '' }));
  await ok(
    env.core,
    'budgeting.setEligibility',
    { id: p.id, expectedUpdatedAt: p.updatedAt, checks, publicRejectionReason: 'Proiectul servește un interes privat.' },
    env.coord,
  );
}

/**
 * A votes file through the whole path (ROUNDTRIP_FILE below) gives what it gave before the import read bytes (issue 16):
 * tests/fixtures/budgeting-rules/votes-roundtrip.expected.json was written by the string reader
 * (PLA_DESK_RECORD_ROUNDTRIP=1 writes it again). The file has a row for every refusal rule, voters written with spaces,
 * diacritics, a non-breaking space, a quote and a backslash, quoted fields, CRLF, a time of its own on some votes.
 */
/** The stored voter rows of the multi-batch test, digested: recorded on SQLite, the same on PostgreSQL. */
const MULTI_BATCH_DIGEST = '62e240b6c4d5a5dfd4c8a1d6c374f08393605b3b7581170014ee56d1408eec92';

const ROUNDTRIP_EXPECTED = path.join(__dirname, '../fixtures/budgeting-rules/votes-roundtrip.expected.json');
const ROUNDTRIP_FILE = [
  'ID votant;Cod proiect;Zonă;Dată vot;Canal',
  'v1;A;Z1;2026-09-01 10:00;web',
  'v1;B;Centru;2026-09-01 10:00;web',
  ' v1 ;C;z2;2026-09-01 10:05;web', // the same voter (spaces trimmed); a time of its own
  'v1;D;Z2;2026-09-01 10:06;web', // over the limit of 3
  'v1;A;Z1;2026-09-01 10:07;web', // duplicate
  'Ștefan;A;Z1;;web',
  '"Ștefan";"C";"Fabric";"2026-09-02T08:00:00Z";"web"',
  'Ștefan ;X;Z1;;web', // unknown proposal
  '\u00a0Ștefan;E;Z2;;web', // another voter (a non-breaking space is not trimmed); E is not eligible
  '\u00a0Ștefan;B;Z9;;web', // unknown zone
  '\u00a0Ștefan;B;Z2;;web', // B is in Z1
  ';A;Z1;;web', // no voter
  'v3;;Z1;;web', // no proposal
  'v3;A;Z1;ieri;web', // not a time
  'v3', // too few columns
  '',
  'v3;D;Z2;01.09.2026;web',
  'v3;B;;;web',
  '"v;4";"A";"Z1";"2026-09-03 12:00";"linie\nnouă"',
  'v4;D;Z2;2026-09-03 12:00;web',
  '"a""b\\c";C;Z2;"2026-09-04 09:00";"x""y"', // a key with a quote and a backslash (PostgreSQL's array literal escapes both)
].join('\r\n');

describe('budgeting votes', () => {
  it('imports the platform CSV: duplicates, votes over the limit, unknown and ineligible proposals are counted by rule, never silently dropped', async () => {
    const env = await setup({}, [
      ['A', 'Z1', 100_000],
      ['B', 'Z1', 100_000],
      ['C', 'Z2', 100_000],
    ]);
    await ineligible(env, 2);
    const dry = await ok(
      env.core,
      'budgeting.importVotes',
      { campaignId: env.campaign.id, fileName: 'v.csv', contentBase64: csv(['v1,A,Z1,', 'v1,A,Z1,']), dryRun: true },
      env.coord,
    );
    expect(dry).toMatchObject({ dryRun: true, counted: 1, refused: { duplicate: 1 } });
    expect(await storedVotes(env.dataDir)).toHaveLength(0);
    const rep = await votes(env, [
      'v1,A,Z1,2026-09-01T10:00:00Z',
      'v1,A,Z1,',
      'v1,B,Z1,',
      'v1,B,Z1,',
      'v2,B,Z1,',
      'v2,X,Z1,',
      'v3,C,Z2,',
      'v4,A,Z1,',
      'v4,B,Z1,',
      'v4,A,,',
    ]);
    expect(rep).toMatchObject({ rows: 10, counted: 5, voters: 3, refused: { duplicate: 3, unknown_proposal: 1, ineligible_proposal: 1 } });
    expect(rep.examples.map((e) => e.rule)).toContain('unknown_proposal');
    expect(await storedVotes(env.dataDir)).toHaveLength(5);
    // Stored with integer keys; each vote's time (the voter's unless it differs) and proposal read back as imported.
    const v1 = (await storedVotes(env.dataDir))
      .filter((v) => v.voter_key === 'v1')
      .map((v) => ({ voted_at: v.voted_at, proposal_id: v.proposal_id }))
      .sort((a, b) => (a.proposal_id < b.proposal_id ? -1 : 1));
    expect(v1).toEqual(
      [
        { voted_at: '2026-09-01T10:00:00Z', proposal_id: env.proposals[0].id },
        { voted_at: null, proposal_id: env.proposals[1].id },
      ].sort((a, b) => (a.proposal_id < b.proposal_id ? -1 : 1)),
    );
    const over = await votes(env, ['v1,A,Z1,', 'v1,B,Z1,', 'v1,C,Z2,']);
    expect(over).toMatchObject({ counted: 2, replacedPrevious: true, refused: { ineligible_proposal: 1 } });
    expect(await storedVotes(env.dataDir)).toHaveLength(2);
    const limit = await votes(env, ['v9,A,Z1,', 'v9,B,Z1,', 'v9,A,Z1,']);
    expect(limit.refused).toEqual({ duplicate: 1 });
  });

  it('stores a file of many insert statements whole: every vote, its own time where it differs from its voter’s, and the tally', async () => {
    const env = await setup({}, [
      ['A', 'Z1', 100_000],
      ['B', 'Z1', 100_000],
    ]);
    // 301 voters × 2 votes: statements of 250 rows and shorter rests; times: the voter's, a vote's own, or none.
    const rows: string[] = [];
    const expected = new Map<string, string | null>();
    for (let i = 0; i < 301; i++) {
      const first = i % 3 === 0 ? '' : '2026-09-01 10:00';
      const second = i % 7 === 0 ? '2026-09-02 11:30' : first;
      rows.push(`w${i},A,Z1,${first}`, `w${i},B,Z1,${second}`);
      expected.set(`w${i}|A`, first || null).set(`w${i}|B`, second || null);
    }
    const rep = await votes(env, rows);
    expect(rep).toMatchObject({ rows: 602, counted: 602, voters: 301, refused: {} });
    const stored = await storedVotes(env.dataDir);
    expect(new Map(stored.map((r) => [`${r.voter_key}|${r.code}`, r.voted_at]))).toEqual(expected);
    expect(stored).toHaveLength(602);
    const res = await ok(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id }, env.coord);
    expect(res.votesCounted).toBe(602);
    expect(res.projects.map((p) => [p.code, p.votes]).sort()).toEqual([
      ['A', 301],
      ['B', 301],
    ]);
  });

  it('a file of several write batches stores the same rows on both engines; one stopped by refusals after its first batch writes nothing', async () => {
    const env = await setup({}, [
      ['A', 'Z1', 100_000],
      ['B', 'Z1', 100_000],
    ]);
    // 100,001 voters: written 50,000 at a time (three batches); keys with a quote, a backslash, a tab and a newline
    // (COPY's text format escapes the last three); times: the voter's, a vote's own, or none.
    const N = 100_001;
    const key = (i: number) => (i % 997 === 1 ? `q"b\\t\tn\n${i}` : `w${i}`);
    const field = (k: string) => (/[",\n]/.test(k) ? `"${k.replace(/"/g, '""')}"` : k);
    const rows: string[] = [];
    const expected = new Map<string, string | null>();
    for (let i = 0; i < N; i++) {
      const first = i % 3 === 0 ? '' : '2026-09-01 10:00';
      rows.push(`${field(key(i))},A,Z1,${first}`);
      expected.set(`${key(i)}|A`, first || null);
      if (i % 2 === 0) {
        const second = i % 7 === 0 ? '2026-09-02 11:30' : first;
        rows.push(`${field(key(i))},B,Z1,${second}`);
        expected.set(`${key(i)}|B`, second || null);
      }
    }
    const rep = await votes(env, rows);
    expect(rep).toMatchObject({ rows: expected.size, counted: expected.size, voters: N, refused: {} });
    const stored = await storedVotes(env.dataDir);
    expect(stored).toHaveLength(expected.size);
    expect(new Map(stored.map((r) => [`${r.voter_key}|${r.code}`, r.voted_at]))).toEqual(expected);
    // The rows themselves, as stored: the same digest on SQLite and PostgreSQL.
    const voters = async () =>
      (
        await peek<{ voter_no: number; voter_key: string; voted_at: string | null; proposals: string; vote_times: string | null }>(
          env.dataDir,
          'select voter_no, voter_key, voted_at, proposals, vote_times from budgeting_vote_voters order by voter_no',
        )
      )
        .map((v) => JSON.stringify([Number(v.voter_no), v.voter_key, v.voted_at, v.proposals, v.vote_times]))
        .join('\n');
    const digest = (text: string) => createHash('sha256').update(text).digest('hex');
    const before = await voters();
    expect(digest(before)).toBe(MULTI_BATCH_DIGEST);
    const res = await ok(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id }, env.coord);
    expect(res.projects.map((p) => [p.code, p.votes]).sort()).toEqual([
      ['A', N],
      ['B', (N + 1) / 2],
    ]);

    // A file whose first 60,000 voters are clean and whose refusals (2 % unknown proposals) all come after: stopped
    // with its message, and the previous import's rows, tally and audit stay as they were.
    const bad: string[] = [];
    for (let i = 0; i < N; i++) bad.push(`x${i},${i >= 60_000 && i % 20 === 0 ? 'X' : 'A'},Z1,2026-09-03 08:00`);
    const tables = await snapshot(env.dataDir);
    const stopped = await call(env.core, 'budgeting.importVotes', { campaignId: env.campaign.id, fileName: 'v.csv', contentBase64: csv(bad) }, env.coord);
    expect(stopped.ok).toBe(false);
    const issue = !stopped.ok && stopped.error.details?.issues?.[0];
    expect(issue).toMatchObject({ field: 'file', reason: 'too_many_refused' });
    expect(!stopped.ok && stopped.error.message).toBe((issue as { message: string }).message);
    expect(await snapshot(env.dataDir)).toEqual(tables);
    expect(await voters()).toBe(before);
    const again = await ok(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id }, env.coord);
    expect(again.projects.map((p) => [p.code, p.votes]).sort()).toEqual([
      ['A', N],
      ['B', (N + 1) / 2],
    ]);
  });

  it('a votes file through import → tally → winners → Pabulib gives what the string reader gave (every refusal rule, odd keys, own times)', async () => {
    const env = await setup({ votesPerVoter: 3, winnerRule: 'equal_shares' }, [
      ['A', 'Z1', 200_000],
      ['B', 'Z1', 300_000],
      ['C', 'Z2', 250_000],
      ['D', 'Z2', 150_000],
      ['E', 'Z2', 100_000],
    ]);
    await ineligible(env, 4);
    const report = await ok(
      env.core,
      'budgeting.importVotes',
      { campaignId: env.campaign.id, fileName: 'voturi.csv', contentBase64: Buffer.from(ROUNDTRIP_FILE).toString('base64'), acceptRefused: true },
      env.coord,
    );
    const results = await ok(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id }, env.coord);
    const pabulib = await ok(env.core, 'budgeting.exportPabulib', { campaignId: env.campaign.id }, env.coord);
    const stored = (await storedVotes(env.dataDir)).map((v) => ({ voter_key: v.voter_key, code: v.code, voted_at: v.voted_at }));
    const got = {
      report,
      stored,
      results: {
        votesCounted: results.votesCounted,
        voters: results.voters,
        refused: results.refused,
        projects: results.projects.map((p) => ({ code: p.code, votes: p.votes, won: p.won, rank: p.rank, reason: p.reason, textRo: p.textRo })),
      },
      pabulib: pabulib.files,
    };
    if (process.env.PLA_DESK_RECORD_ROUNDTRIP) fs.writeFileSync(ROUNDTRIP_EXPECTED, `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(fs.readFileSync(ROUNDTRIP_EXPECTED, 'utf8')));
    expect(report.refused).toEqual({
      over_limit: 1,
      duplicate: 1,
      unknown_proposal: 1,
      ineligible_proposal: 1,
      unknown_zone: 1,
      zone_mismatch: 1,
      malformed: 4,
    });
  });

  it('refuses a votes file without voter and proposal columns, writing nothing', async () => {
    const env = await setup({}, [['A', 'Z1', 1000]]);
    await votes(env, ['v1,A,Z1,']);
    const before = await snapshot(env.dataDir);
    const r = await call(
      env.core,
      'budgeting.importVotes',
      { campaignId: env.campaign.id, fileName: 'v.csv', contentBase64: Buffer.from('a,b\n1,2\n').toString('base64') },
      env.coord,
    );
    expect(!r.ok && r.error.details?.issues?.[0]).toMatchObject({ field: 'file', reason: 'unreadable' });
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('paper ballots count only when the two entries of a batch match', async () => {
    const env = await setup({}, [
      ['A', 'Z1', 1000],
      ['B', 'Z1', 1000],
    ]);
    const first = await ok(
      env.core,
      'budgeting.enterPaperBatch',
      {
        campaignId: env.campaign.id,
        batchCode: 'L1',
        entry: 1,
        ballots: [
          { voterKey: 'b1', proposalCodes: ['A', 'B'] },
          { voterKey: 'b2', proposalCodes: ['A'] },
        ],
      },
      env.coord,
    );
    expect(first).toMatchObject({ reconciled: false, entries: [1] });
    const wrong = await ok(
      env.core,
      'budgeting.enterPaperBatch',
      {
        campaignId: env.campaign.id,
        batchCode: 'L1',
        entry: 2,
        ballots: [
          { voterKey: 'b1', proposalCodes: ['A', 'B'] },
          { voterKey: 'b2', proposalCodes: ['B'] },
        ],
      },
      env.coord,
    );
    expect(wrong).toMatchObject({ reconciled: false, mismatches: [{ ballot: 2, first: 'b2|A', second: 'b2|B' }] });
    expect(await storedVotes(env.dataDir)).toHaveLength(0);
    const fixed = await ok(
      env.core,
      'budgeting.enterPaperBatch',
      {
        campaignId: env.campaign.id,
        batchCode: 'L1',
        entry: 2,
        ballots: [
          { voterKey: 'b1', proposalCodes: ['B', 'A'] },
          { voterKey: 'b2', proposalCodes: ['A'] },
        ],
      },
      env.coord,
    );
    expect(fixed.reconciled).toBe(true);
    expect(await storedVotes(env.dataDir)).toHaveLength(3);
    const before = await snapshot(env.dataDir);
    const over = await call(
      env.core,
      'budgeting.enterPaperBatch',
      { campaignId: env.campaign.id, batchCode: 'L2', entry: 1, ballots: [{ voterKey: 'b3', proposalCodes: ['A', 'B', 'Q'] }] },
      env.coord,
    );
    expect(!over.ok && over.error.details?.issues?.[0]).toMatchObject({ field: 'ballots.0.proposalCodes', reason: 'over_limit' });
    const unknown = await call(
      env.core,
      'budgeting.enterPaperBatch',
      { campaignId: env.campaign.id, batchCode: 'L2', entry: 1, ballots: [{ voterKey: 'b3', proposalCodes: ['Q'] }] },
      env.coord,
    );
    expect(!unknown.ok && unknown.error.details?.issues?.[0]).toMatchObject({ field: 'ballots.0.proposalCodes.0', reason: 'unknown_proposal' });
    const again = await call(
      env.core,
      'budgeting.enterPaperBatch',
      { campaignId: env.campaign.id, batchCode: 'L1', entry: 1, ballots: [{ voterKey: 'b1', proposalCodes: ['A'] }] },
      env.coord,
    );
    expect(!again.ok && again.error.details?.issues?.[0].reason).toBe('reconciled');
    expect(await snapshot(env.dataDir)).toEqual(before);
  });
});

describe('budgeting results', () => {
  it('the stored tally is always the stored votes counted: after an import, a replacing one, a stopped one and paper batches', async () => {
    const env = await setup({ votesPerVoter: 3 }, [
      ['A', 'Z1', 1000],
      ['B', 'Z1', 1000],
      ['C', 'Z2', 1000],
    ]);
    const perProposal = async () => {
      const counted: Array<{ proposal_id: string; n: number }> = [];
      for (const v of await storedVotes(env.dataDir)) {
        const c = counted.find((x) => x.proposal_id === v.proposal_id);
        if (c) c.n++;
        else counted.push({ proposal_id: v.proposal_id, n: 1 });
      }
      const stored = await peek<{ proposal_id: string; n: number }>(
        env.dataDir,
        `select p.proposal_id, sum(c.votes) as n from budgeting_vote_counts c
         join budgeting_vote_proposals p on p.campaign_no = c.campaign_no and p.proposal_no = c.proposal_no group by p.proposal_id order by 1`,
      );
      const byCode = (rows: Array<{ proposal_id: string; n: number }>) =>
        Object.fromEntries(rows.map((r) => [env.proposals.find((p) => p.id === r.proposal_id)!.code, Number(r.n)]));
      expect(byCode(stored)).toEqual(byCode(counted));
      const res = await ok(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id }, env.coord);
      expect(Object.fromEntries(res.projects.filter((p) => p.votes > 0).map((p) => [p.code, p.votes]))).toEqual(byCode(counted));
      return byCode(counted);
    };
    await votes(env, ['v1,A,Z1,', 'v1,B,Z1,', 'v1,A,Z1,', 'v2,A,Z1,', 'v2,C,Z2,', 'v3,X,Z1,']);
    expect(await perProposal()).toEqual({ A: 2, B: 1, C: 1 });
    const paper = (batchCode: string, entry: 1 | 2, ballots: Array<{ voterKey: string; proposalCodes: string[] }>) =>
      ok(env.core, 'budgeting.enterPaperBatch', { campaignId: env.campaign.id, batchCode, entry, ballots }, env.coord);
    const l1 = [
      { voterKey: 'b1', proposalCodes: ['C'] },
      { voterKey: 'b2', proposalCodes: ['B', 'C'] },
    ];
    await paper('L1', 1, l1);
    expect(await perProposal()).toEqual({ A: 2, B: 1, C: 1 });
    await paper('L1', 2, l1);
    expect(await perProposal()).toEqual({ A: 2, B: 2, C: 3 });
    await paper('L2', 1, [{ voterKey: 'b1', proposalCodes: ['A'] }]);
    await paper('L2', 2, [{ voterKey: 'b1', proposalCodes: ['A'] }]);
    expect(await perProposal()).toEqual({ A: 3, B: 2, C: 3 });
    // A new platform file replaces the platform's votes and their tally; the paper ballots stay.
    await votes(env, ['v7,B,Z1,', 'v8,B,Z1,']);
    expect(await perProposal()).toEqual({ A: 1, B: 3, C: 2 });
    // A file stopped for too many refusals changes neither the votes nor the tally.
    const stopped = await call(
      env.core,
      'budgeting.importVotes',
      { campaignId: env.campaign.id, fileName: 'v.csv', contentBase64: csv(['v9,A,Z1,', 'v9,X,Z1,']) },
      env.coord,
    );
    expect(!stopped.ok && stopped.error.details?.issues?.[0]).toMatchObject({ field: 'file', reason: 'too_many_refused' });
    expect(await perProposal()).toEqual({ A: 1, B: 3, C: 2 });
  });

  it('greedy per zone: every proposal says why it won or not; participation = distinct voters / population', async () => {
    // Z1 500,000 lei: A 300,000 (3 votes) wins, B 250,000 (2) does not fit in 200,000 left, C 150,000 (1) fits.
    const env = await setup({}, [
      ['A', 'Z1', 300_000],
      ['B', 'Z1', 250_000],
      ['C', 'Z1', 150_000],
      ['D', 'Z2', 600_000],
      ['E', 'Z2', 100_000],
    ]);
    await votes(env, ['v1,A,Z1,', 'v1,B,Z1,', 'v2,A,Z1,', 'v2,B,Z1,', 'v3,A,Z1,', 'v3,C,Z1,', 'v4,D,Z2,', 'v4,E,Z2,', 'v5,D,Z2,']);
    const res = await ok(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id }, env.coord);
    const by = Object.fromEntries(res.projects.map((p) => [p.code, p]));
    expect([by.A.won, by.B.won, by.C.won, by.D.won, by.E.won]).toEqual([true, false, true, false, true]);
    expect(by.B.reason.code).toBe('over_remaining');
    expect(by.B.textRo).toMatch(/250\.000 lei/);
    expect(by.B.textRo).toMatch(/200\.000/);
    expect(by.D.reason.code).toBe('over_zone_budget');
    expect(res.voters).toBe(5);
    expect(res.participationRate).toBeCloseTo(0.5);
    expect(await count(env.dataDir, 'audit_log', "entity = 'budgeting result'")).toBe(1);
    expect(await ok(env.core, 'budgeting.getResults', { campaignId: env.campaign.id }, env.coord)).toEqual(res);
  });

  it('Timișoara top-up: the first that does not fit is funded when the gap is at most the limit (exactly at the limit here)', async () => {
    const env = await setup({ winnerRule: 'timisoara_topup', zones: [], totalBudget: 50_000_000, topupLimit: 10_000_000 }, [
      ['A', '', 300_000],
      ['B', '', 300_000],
      ['C', '', 10_000],
    ]);
    await votes(env, ['v1,A,,', 'v1,B,,', 'v2,A,,', 'v2,B,,', 'v3,A,,', 'v3,C,,']);
    const res = await ok(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id }, env.coord);
    const by = Object.fromEntries(res.projects.map((p) => [p.code, p]));
    expect(by.A.won).toBe(true);
    expect(by.B).toMatchObject({ won: true, reason: { code: 'funded_top_up' } });
    expect(by.C).toMatchObject({ won: false, reason: { code: 'after_stop' } });
    expect(res.zones[0].topUp).toBe(10_000_000);
  });

  it('an appeal upheld makes a proposal eligible again; the recomputation names the appeal, lists what changed, and is audited', async () => {
    const env = await setup({}, [
      ['A', 'Z1', 300_000],
      ['B', 'Z1', 300_000],
    ]);
    await votes(env, ['v1,A,Z1,', 'v1,B,Z1,', 'v2,A,Z1,']);
    await ineligible(env, 0); // found ineligible after the vote
    const first = await ok(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id }, env.coord);
    expect(first.projects.find((p) => p.code === 'A')).toMatchObject({ won: false, reason: { code: 'ineligible' } });
    const appeal = await ok(
      env.core,
      'budgeting.saveAppeal',
      {
        campaignId: env.campaign.id,
        proposalId: env.proposals[0].id,
        appellant: 'Asociația Vecinilor',
        lodgedOn: '2026-10-02',
        deadline: '2026-10-09',
        grounds: 'Terenul este public.',
      },
      env.coord,
    );
    const pending = await call(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id, appealId: appeal.id }, env.coord);
    expect(!pending.ok && pending.error.details?.issues?.[0].reason).toBe('pending');
    await ok(
      env.core,
      'budgeting.saveAppeal',
      {
        id: appeal.id,
        expectedUpdatedAt: appeal.updatedAt,
        campaignId: env.campaign.id,
        proposalId: env.proposals[0].id,
        appellant: 'Asociația Vecinilor',
        lodgedOn: '2026-10-02',
        deadline: '2026-10-09',
        grounds: 'Terenul este public.',
        outcome: 'upheld',
        decidedOn: '2026-10-05',
      },
      env.coord,
    );
    const p = await ok(env.core, 'budgeting.getProposal', { id: env.proposals[0].id }, env.coord);
    const checks = p.eligibility.map((c) => ({ ...c, pass: true, reason: '' }));
    await ok(env.core, 'budgeting.setEligibility', { id: p.id, expectedUpdatedAt: p.updatedAt, checks }, env.coord);
    const second = await ok(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id, appealId: appeal.id }, env.coord);
    expect(second.reason).toMatch(/contestația Asociația Vecinilor/);
    expect(second.changedFromPrevious).toEqual([
      { proposalId: env.proposals[0].id, before: false, after: true },
      { proposalId: env.proposals[1].id, before: true, after: false },
    ]);
    expect(await count(env.dataDir, 'audit_log', "entity = 'budgeting result'")).toBe(2);
    const bad = await call(
      env.core,
      'budgeting.saveAppeal',
      { campaignId: env.campaign.id, appellant: 'X', lodgedOn: '2026-10-02', deadline: '2026-10-01', grounds: 'g' },
      env.coord,
    );
    expect(!bad.ok && bad.error.details?.issues?.[0].field).toBe('deadline');
  });

  it('the results CLI writes the report workbook and JSON; the Pabulib export has one file per zone', async () => {
    const env = await setup({}, [
      ['A', 'Z1', 300_000],
      ['B', 'Z2', 300_000],
    ]);
    await votes(env, ['v1,A,Z1,', 'v1,B,Z2,', 'v2,A,Z1,']);
    const pb = await ok(env.core, 'budgeting.exportPabulib', { campaignId: env.campaign.id }, env.coord);
    expect(pb.files.map((f) => f.fileName)).toEqual(['Timisoara_Decide_2026_Z1.pb', 'Timisoara_Decide_2026_Z2.pb']);
    expect(pb.files[0].content).toMatch(/^META/);
    expect(pb.files[0].content).toMatch(/VOTES/);
    await env.core.close();
    const out = tempDir();
    const log = console.log;
    console.log = () => {};
    try {
      expect(
        await main([
          'budgeting',
          'results',
          '--data-dir',
          env.dataDir,
          '--campaign',
          env.campaign.id,
          '--out',
          path.join(out, 'r.xlsx'),
          '--json',
          path.join(out, 'r.json'),
        ]),
      ).toBe(0);
    } finally {
      console.log = log;
    }
    const json = JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8'));
    expect(json.results.projects.map((p: { code: string; won: boolean }) => `${p.code}:${p.won}`).sort()).toEqual(['A:true', 'B:true']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'r.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sumar', 'Clasament', 'Bugete', 'Evaluări', 'Divergențe']);
    const rank = wb.getWorksheet('Clasament')!;
    expect(rank.getRow(2).getCell(3).value).toBe('A');
  });

  it('indicator sources: I2.7 participation of the latest campaign, I1.7 community projects funded this year by grant calls', async () => {
    const env = await setup({}, [
      ['A', 'Z1', 300_000],
      ['B', 'Z2', 300_000],
    ]);
    await votes(env, ['v1,A,Z1,', 'v1,B,Z2,', 'v2,A,Z1,', 'v3,B,Z2,']);
    const grant = await ok(
      env.core,
      'budgeting.saveCampaign',
      {
        name: 'Granturi 2026',
        kind: 'grant',
        totalBudget: 5_000_000,
        rubric,
        winnerRule: 'grant_score',
        minScore: 60,
        grantLines: [{ code: 'L1', name: 'Mici', ceiling: 2_000_000 }],
      },
      env.coord,
    );
    await ok(env.core, 'budgeting.computeResults', { campaignId: grant.id }, env.coord); // no scores yet: nobody funded
    await withStoreDb(env.dataDir, async (db) => {
      const part = await budgetingIndicatorSources['budgeting.participation'].compute(db, '2026-10-01');
      expect(part.value).toBe(3); // I2.7's numerator: 3 distinct voters (its denominator is the population)
      expect(part.records[0].label).toMatch(/3 votanți \/ 1000 locuitori \(0\.3 %\)/);
      const funded = await budgetingIndicatorSources['budgeting.community_projects_funded'].compute(db, '2026-10-01');
      expect(funded).toMatchObject({ value: 0, records: [] });
    });
  });
});
