/**
 * A votes file through the whole path, import → tally → winners → Pabulib, gives what it gave before the import read
 * bytes (issue 16): tests/fixtures/budgeting-rules/votes-roundtrip.expected.json was written by the string reader
 * (PLA_DESK_RECORD_ROUNDTRIP=1 writes it again). The file has a row for every refusal rule, voters written with
 * spaces, diacritics, a non-breaking space, a quote and a backslash, quoted fields, CRLF, a time of its own on some votes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SaveCampaignInput } from '../../electron/contract';
import { freshCore, ok, peek, signIn } from './helpers';

const NOW = new Date('2026-10-01T09:00:00Z');
const EXPECTED = path.join(__dirname, '../fixtures/budgeting-rules/votes-roundtrip.expected.json');

const FILE = [
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

const rubric: SaveCampaignInput['rubric'] = {
  criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }],
  overallMinimum: null,
};

describe('votes round trip', () => {
  it('import → tally → winners → Pabulib give what the string reader gave, on either engine', async () => {
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
        votesPerVoter: 3,
        population: 1000,
        winnerRule: 'equal_shares',
      },
      coord,
    );
    for (const [code, zone, lei] of [
      ['A', 'Z1', 200_000],
      ['B', 'Z1', 300_000],
      ['C', 'Z2', 250_000],
      ['D', 'Z2', 150_000],
      ['E', 'Z2', 100_000],
    ] as const)
      await ok(env.core, 'budgeting.saveProposal', { campaignId: campaign.id, code, title: `Proiect ${code}`, zoneCode: zone, costEstimate: lei * 100 }, coord);
    const [e] = await peek<{ id: string; updated_at: string }>(env.dataDir, `select id, updated_at from budgeting_proposals where code = 'E'`);
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
    await ok(env.core, 'budgeting.setEligibility', { id: e.id, expectedUpdatedAt: e.updated_at, checks, publicRejectionReason: 'Interes privat.' }, coord);

    const report = await ok(
      env.core,
      'budgeting.importVotes',
      { campaignId: campaign.id, fileName: 'voturi.csv', contentBase64: Buffer.from(FILE).toString('base64'), acceptRefused: true },
      coord,
    );
    const results = await ok(env.core, 'budgeting.computeResults', { campaignId: campaign.id }, coord);
    const pabulib = await ok(env.core, 'budgeting.exportPabulib', { campaignId: campaign.id }, coord);
    const stored = await peek<{ voter_key: string; code: string; voted_at: string | null }>(
      env.dataDir,
      `select w.voter_key, b.code, nullif(coalesce(v.voted_at, w.voted_at), '') as voted_at from budgeting_votes v
       join budgeting_vote_voters w on w.campaign_no = v.campaign_no and w.voter_no = v.voter_no
       join budgeting_vote_proposals p on p.campaign_no = v.campaign_no and p.proposal_no = v.proposal_no
       join budgeting_proposals b on b.id = p.proposal_id
       order by w.voter_no, v.proposal_no`,
    );
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
    if (process.env.PLA_DESK_RECORD_ROUNDTRIP) fs.writeFileSync(EXPECTED, `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(fs.readFileSync(EXPECTED, 'utf8')));
    expect(report.refused).toEqual({
      over_limit: 1,
      duplicate: 1,
      unknown_proposal: 1,
      ineligible_proposal: 1,
      unknown_zone: 1,
      zone_mismatch: 1,
      malformed: 4,
    });
    await env.core.close();
  });
});
