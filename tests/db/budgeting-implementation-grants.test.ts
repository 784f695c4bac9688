import { describe, expect, it } from 'vitest';
import type { SaveCampaignInput } from '../../electron/contract';
import { call, freshCore, ok, peek, signIn, snapshot } from './helpers';

const NOW = new Date('2026-10-01T09:00:00Z');
const rubric: SaveCampaignInput['rubric'] = {
  criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }],
  overallMinimum: null,
};

/**
 * A grant call of 70,000 lei with 20,000 lei kept for appeals (the ranking spends 50,000), lines of 20,000 and 40,000 lei,
 * minimum score 60. G2 (100 points, 36,000) and G4 (70… 80 points, 10,000) win; G1 (80 points, 18,000) no longer fits;
 * G3 scores 40, under the minimum.
 */
async function setup() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const campaign = await ok(
    env.core,
    'budgeting.saveCampaign',
    {
      name: 'Granturi comunitare 2026',
      kind: 'grant',
      totalBudget: 7_000_000,
      appealsFund: 2_000_000,
      rubric,
      winnerRule: 'grant_score',
      minScore: 60,
      grantLines: [
        { code: 'L1', name: 'Proiecte mici', ceiling: 2_000_000 },
        { code: 'L2', name: 'Proiecte mari', ceiling: 4_000_000 },
      ],
    },
    coord,
  );
  const spec: Array<[string, string, number, number, number]> = [
    ['G1', 'L1', 1_800_000, 200_000, 4],
    ['G2', 'L2', 3_600_000, 400_000, 5],
    ['G3', 'L1', 1_500_000, 500_000, 2],
    ['G4', 'L1', 1_000_000, 200_000, 4],
  ];
  const proposals = [];
  for (const [code, line, requested, cofinancing] of spec)
    proposals.push(
      await ok(
        env.core,
        'budgeting.saveProposal',
        {
          campaignId: campaign.id,
          code,
          title: `Asociația ${code}`,
          grantLine: line,
          requestedAmount: requested,
          cofinancing,
          authorOrganisation: `ONG ${code}`,
        },
        coord,
      ),
    );
  const ev = [await signIn(env.core, 'evaluator'), await signIn(env.core, 'evaluator')];
  await ok(env.core, 'budgeting.assignEvaluators', { campaignId: campaign.id, evaluatorIds: ev.map((e) => e.userId) }, coord);
  for (const e of ev)
    for (const a of await ok(env.core, 'budgeting.myAssignments', { campaignId: campaign.id }, e)) {
      await ok(env.core, 'budgeting.declareInterest', { assignmentId: a.id, conflict: false }, e);
      const score = spec.find((s) => s[0] === a.proposalCode)![4];
      await ok(env.core, 'budgeting.saveScores', { assignmentId: a.id, scores: { impact: score }, submit: true }, e);
    }
  const results = await ok(env.core, 'budgeting.computeResults', { campaignId: campaign.id }, coord);
  const byCode = Object.fromEntries(proposals.map((p) => [p.code, p]));
  return { ...env, coord, campaign, proposals, byCode, results };
}
type Env = Awaited<ReturnType<typeof setup>>;

function expectRefused(
  r: { ok: boolean; error?: { code: string; details?: { issues?: Array<{ field: string; message: string }> } } },
  field: string,
  message: RegExp,
) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error!.code).toBe('VALIDATION');
  const issue = r.error!.details?.issues?.find((i) => i.field === field);
  expect(issue, JSON.stringify(r.error)).toBeDefined();
  expect(issue!.message).toMatch(message);
}

const project = (env: Env, code: string) => ok(env.core, 'budgeting.createProject', { proposalId: env.byCode[code].id }, env.coord);
const contract = (env: Env, p: { id: string; updatedAt: string }, over: Record<string, unknown> = {}) =>
  call(
    env.core,
    'budgeting.saveGrantContract',
    {
      projectId: p.id,
      expectedUpdatedAt: p.updatedAt,
      contractNo: 'CP-12/2026',
      signedOn: '2026-09-20',
      amount: 3_600_000,
      cofinancing: 400_000,
      grantee: 'ONG G2',
      ...over,
    },
    env.coord,
  );

describe('grant calls: co-financing, minimum score, appeals fund', () => {
  it('the ranking spends the budget less the appeals fund; winners are above the minimum score', async () => {
    const env = await setup();
    const won = env.results.projects.filter((p) => p.won).map((p) => p.code);
    expect(won.sort()).toEqual(['G2', 'G4']);
    expect(env.results.projects.find((p) => p.code === 'G3')!.won).toBe(false);
    expect(env.results.zones[0].budget).toBe(5_000_000);
  });

  it('refuses a grant proposal whose co-financing is under the call minimum, with the shares in the message, and writes nothing', async () => {
    const env = await setup();
    const before = await snapshot(env.dataDir);
    const r = await call(
      env.core,
      'budgeting.saveProposal',
      { campaignId: env.campaign.id, title: 'Prea puțin', grantLine: 'L1', requestedAmount: 1_900_000, cofinancing: 100_000 },
      env.coord,
    );
    expectRefused(r, 'cofinancing', /co-financing is 5\.00 % of the project total \(1\.000 lei of 20\.000 lei\); the call asks for at least 10 %/);
    const none = await call(
      env.core,
      'budgeting.saveProposal',
      { campaignId: env.campaign.id, title: 'Fără', grantLine: 'L1', requestedAmount: 500_000 },
      env.coord,
    );
    expectRefused(none, 'cofinancing', /co-financing is 0\.00 %/);
    expect(await snapshot(env.dataDir)).toEqual(before);
    // Exactly 10 % is enough.
    await ok(
      env.core,
      'budgeting.saveProposal',
      { campaignId: env.campaign.id, title: 'La limită', grantLine: 'L1', requestedAmount: 900_000, cofinancing: 100_000 },
      env.coord,
    );
  });

  it('pays an upheld appeal from the appeals fund, never over it, and never below the minimum score', async () => {
    const env = await setup();
    const lost = await call(env.core, 'budgeting.createProject', { proposalId: env.byCode.G1.id }, env.coord);
    expectRefused(lost, 'proposalId', /G1 did not win.*or a proposal whose appeal was upheld/);
    for (const code of ['G1', 'G3'])
      await ok(
        env.core,
        'budgeting.saveAppeal',
        {
          campaignId: env.campaign.id,
          proposalId: env.byCode[code].id,
          appellant: `ONG ${code}`,
          lodgedOn: '2026-09-10',
          deadline: '2026-09-20',
          grounds: 'Punctaj',
          outcome: 'upheld',
          decidedOn: '2026-09-18',
          decision: 'Admisă',
        },
        env.coord,
      );
    const before = await snapshot(env.dataDir);
    expectRefused(
      await call(env.core, 'budgeting.createProject', { proposalId: env.byCode.G3.id }, env.coord),
      'proposalId',
      /G3 scored 40; the call's minimum score is 60/,
    );
    expectRefused(
      await call(env.core, 'budgeting.createProject', { proposalId: env.byCode.G1.id, planned: 2_100_000 }, env.coord),
      'planned',
      /appeals fund has 20\.000 lei left; G1 needs 21\.000 lei/,
    );
    expect(await snapshot(env.dataDir)).toEqual(before);
    const g1 = await project(env, 'G1');
    expect(g1).toMatchObject({ fundedFrom: 'appeals_fund', planned: 1_800_000, campaignKind: 'grant', grantLine: 'L1' });
    const summary = await ok(env.core, 'budgeting.grantSummary', { campaignId: env.campaign.id }, env.coord);
    expect(summary.appealsFund).toEqual({ fund: 2_000_000, used: 1_800_000, remaining: 200_000, projects: ['G1'] });
    const over = await contract(env, g1, { contractNo: 'CP-1/2026', amount: 2_000_000, cofinancing: 300_000, grantee: 'ONG G1' });
    expect(over.ok).toBe(true); // 20,000 lei: the whole fund, within line L1's ceiling
  });
});

describe('grant contracts, tranches and reports', () => {
  it('records the contract within the line ceiling and the co-financing minimum; refusals name the field and change nothing', async () => {
    const env = await setup();
    const g2 = await project(env, 'G2');
    const row = async () => (await peek(env.dataDir, 'select * from budgeting_projects where id = ?', g2.id))[0];
    const before = await row();
    expectRefused(await contract(env, g2, { amount: 4_100_000 }), 'amount', /above the ceiling of line L2 — Proiecte mari \(40\.000 lei\)/);
    expectRefused(await contract(env, g2, { cofinancing: 300_000 }), 'cofinancing', /co-financing is 7\.69 % of the project total.*at least 10 %/);
    expectRefused(await contract(env, g2, { signedOn: '2026-10-02' }), 'signedOn', /future/);
    expectRefused(await contract(env, g2, { amount: 0 }), 'amount', /above 0/);
    expectRefused(await contract(env, g2, { contractNo: '' }), 'contractNo', /.+/);
    expect(await row()).toEqual(before);
    const saved = await contract(env, g2);
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value).toMatchObject({
      contractNo: 'CP-12/2026',
      contractSignedOn: '2026-09-20',
      contractAmount: 3_600_000,
      committed: 3_600_000,
      cofinancing: 400_000,
      grantee: 'ONG G2',
    });
    const g4 = await project(env, 'G4');
    expectRefused(await contract(env, g4, { amount: 1_000_000, cofinancing: 200_000 }), 'contractNo', /CP-12\/2026 is already recorded/);
    // A PB project has no grant contract.
    const pb = await ok(env.core, 'budgeting.saveCampaign', { name: 'PB', totalBudget: 1_000_000, rubric }, env.coord);
    const p = await ok(env.core, 'budgeting.saveProposal', { campaignId: pb.id, title: 'Bancă', costEstimate: 100_000 }, env.coord);
    await ok(
      env.core,
      'budgeting.importVotes',
      { campaignId: pb.id, fileName: 'v.csv', contentBase64: Buffer.from(`voter_id,proposal_id\nv1,${p.code}\n`).toString('base64') },
      env.coord,
    );
    await ok(env.core, 'budgeting.computeResults', { campaignId: pb.id }, env.coord);
    const pbProject = await ok(env.core, 'budgeting.createProject', { proposalId: p.id }, env.coord);
    expectRefused(await contract(env, pbProject), 'projectId', /for grant calls/);
  });

  it('checks the tranche schedule: advances at most 85 %, final at least 15 % and last, final paid only after the final report', async () => {
    const env = await setup();
    const g2 = await project(env, 'G2');
    const noContract = await call(
      env.core,
      'budgeting.setTranches',
      { projectId: g2.id, expectedUpdatedAt: g2.updatedAt, tranches: [{ kind: 'final', amount: 1_000_000, reportDueOn: '2027-01-31' }] },
      env.coord,
    );
    expectRefused(noContract, 'projectId', /record the contract first/);
    const c = await contract(env, g2);
    if (!c.ok) throw new Error(c.error.message);
    const p = c.value;
    const set = (tranches: unknown[], expectedUpdatedAt = p.updatedAt) =>
      call(env.core, 'budgeting.setTranches', { projectId: p.id, expectedUpdatedAt, tranches }, env.coord);
    const adv = (amount: number, over: Record<string, unknown> = {}) => ({ kind: 'advance', amount, dueOn: '2026-10-15', reportDueOn: '2026-12-15', ...over });
    const fin = (amount: number, over: Record<string, unknown> = {}) => ({ kind: 'final', amount, reportDueOn: '2027-02-28', ...over });
    const before = await snapshot(env.dataDir);
    const bad: Array<[unknown[], string, RegExp]> = [
      [[adv(3_240_000), fin(360_000)], 'tranches', /advance tranches add up to 90\.00 % of the grant; at most 85 %/],
      [[adv(2_700_000), fin(360_000)], 'tranches.1.amount', /final tranche is 10\.00 % of the grant; at least 15 %/],
      [[adv(3_000_000), fin(700_000)], 'tranches', /add up to 37\.000 lei, more than the contract's 36\.000 lei/],
      [[fin(540_000), adv(3_060_000)], 'tranches.1.kind', /ends with exactly one final tranche/],
      [[adv(3_060_000), fin(540_000, { reportDueOn: null })], 'tranches.1.reportDueOn', /deadline of the final report/],
      [[adv(3_060_000), fin(540_000, { paidOn: '2026-09-30' })], 'tranches.1.paidOn', /only after the final report is received/],
      [[adv(3_060_000, { paidOn: '2026-10-02' }), fin(540_000)], 'tranches.0.paidOn', /future/],
      [[adv(-5), fin(540_000)], 'tranches.0.amount', /negative/],
      [[], 'tranches', /at least one tranche/],
    ];
    for (const [tranches, field, msg] of bad) expectRefused(await set(tranches), field, msg);
    expect(await snapshot(env.dataDir)).toEqual(before);

    // 85 % / 15 % exactly is allowed; paying the advance moves the project on and sets what is paid.
    const ok1 = await set([adv(3_060_000, { paidOn: '2026-09-25' }), fin(540_000)]);
    if (!ok1.ok) throw new Error(ok1.error.message);
    expect(ok1.value).toMatchObject({ paid: 3_060_000, status: 'in_progress' });
    expect(ok1.value.tranches.map((t) => [t.seq, t.kind, t.percent])).toEqual([
      [1, 'advance', 85],
      [2, 'final', 15],
    ]);
    const stale = await set([adv(3_060_000), fin(540_000)]);
    expect(stale.ok ? null : stale.error.code).toBe('CONFLICT');
    // The paid amount of a grant follows the tranches, not typing.
    const typed = await call(
      env.core,
      'budgeting.updateProject',
      { id: p.id, expectedUpdatedAt: ok1.value.updatedAt, status: 'in_progress', progress: 50, planned: 3_600_000, committed: 3_600_000, paid: 3_600_000 },
      env.coord,
    );
    expectRefused(typed, 'paid', /sum of the paid tranches \(30\.600 lei\)/);
    // A contract lowered under the scheduled tranches is refused.
    expectRefused(await contract(env, ok1.value, { amount: 3_000_000, cofinancing: 400_000 }), 'amount', /tranches already scheduled add up to 36\.000 lei/);

    // Three tranches replace two: the second row is updated, the third added; the audit names each change.
    const three = await set([adv(1_800_000, { paidOn: '2026-09-25' }), adv(1_260_000, { reportDueOn: '2027-01-15' }), fin(540_000)], ok1.value.updatedAt);
    if (!three.ok) throw new Error(three.error.message);
    expect(three.value.tranches.map((t) => [t.kind, t.amount])).toEqual([
      ['advance', 1_800_000],
      ['advance', 1_260_000],
      ['final', 540_000],
    ]);
    expect(three.value.paid).toBe(1_800_000);
    expect(
      (
        await peek<{ action: string }>(env.dataDir, `select action from audit_log where entity = 'budgeting tranche' order by id` /* UUIDv7: written order */)
      ).map((r) => r.action),
    ).toEqual(['create', 'create', 'update', 'update', 'create']);
  });

  it('lists the reports due by deadline, late ones flagged, received ones gone', async () => {
    const env = await setup();
    const g2 = await project(env, 'G2');
    const c = await contract(env, g2);
    if (!c.ok) throw new Error(c.error.message);
    await ok(
      env.core,
      'budgeting.setTranches',
      {
        projectId: g2.id,
        expectedUpdatedAt: c.value.updatedAt,
        tranches: [
          { kind: 'advance', amount: 3_000_000, paidOn: '2026-08-01', reportDueOn: '2026-09-15' },
          { kind: 'final', amount: 600_000, reportDueOn: '2026-12-31' },
        ],
      },
      env.coord,
    );
    const due = await ok(env.core, 'budgeting.reportsDue', { campaignId: env.campaign.id }, env.coord);
    expect(due.map((d) => [d.proposalCode, d.kind, d.reportDueOn, d.daysLeft, d.overdue, d.grantee])).toEqual([
      ['G2', 'advance', '2026-09-15', -16, true, 'ONG G2'],
      ['G2', 'final', '2026-12-31', 91, false, 'ONG G2'],
    ]);
    const proj = await ok(env.core, 'budgeting.getProject', { id: g2.id }, env.coord);
    expect(proj.tranches.map((t) => t.reportOverdue)).toEqual([true, false]);
    await ok(
      env.core,
      'budgeting.setTranches',
      {
        projectId: g2.id,
        expectedUpdatedAt: proj.updatedAt,
        tranches: [
          { kind: 'advance', amount: 3_000_000, paidOn: '2026-08-01', reportDueOn: '2026-09-15', reportReceivedOn: '2026-09-20' },
          { kind: 'final', amount: 600_000, reportDueOn: '2026-12-31' },
        ],
      },
      env.coord,
    );
    expect((await ok(env.core, 'budgeting.reportsDue', {}, env.coord)).map((d) => d.kind)).toEqual(['final']);
    const summary = await ok(env.core, 'budgeting.grantSummary', { campaignId: env.campaign.id }, env.coord);
    expect(summary.lines.find((l) => l.code === 'L2')).toEqual({ code: 'L2', name: 'Proiecte mari', ceiling: 4_000_000, contracts: 1, contracted: 3_600_000 });
    expect(summary).toMatchObject({ contracted: 3_600_000, cofinancing: 400_000, paid: 3_000_000 });
  });

  it('an appeals fund belongs to grant calls and fits in the budget', async () => {
    const env = await setup();
    const before = await snapshot(env.dataDir);
    expectRefused(
      await call(env.core, 'budgeting.saveCampaign', { name: 'PB', totalBudget: 1_000_000, rubric, appealsFund: 10 }, env.coord),
      'appealsFund',
      /for grant calls/,
    );
    expectRefused(
      await call(
        env.core,
        'budgeting.saveCampaign',
        { name: 'G', kind: 'grant', winnerRule: 'grant_score', totalBudget: 1_000_000, rubric, appealsFund: 1_000_001 },
        env.coord,
      ),
      'appealsFund',
      /larger than the total budget/,
    );
    expect(await snapshot(env.dataDir)).toEqual(before);
  });
});
