import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SaveCampaignInput } from '../../electron/contract';
import { main } from '../../electron/cli';
import { call, count, freshCore, ok, peek, signIn, snapshot } from './helpers';

const NOW = new Date('2026-05-20T09:00:00Z');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'budgeting');
const campaignJson = () => fs.readFileSync(path.join(FIXTURES, 'campaign.json'), 'utf8');

export const rubric: SaveCampaignInput['rubric'] = {
  criteria: [
    { key: 'impact', name: 'Impact', weight: 3, min: 0, max: 5, anchors: { '0': 'nimic', '5': 'mare' }, minimum: null },
    { key: 'feasibility', name: 'Fezabilitate', weight: 1, min: 0, max: 5, anchors: {}, minimum: null },
  ],
  overallMinimum: null,
};

export const campaignInput = (over: Partial<SaveCampaignInput> = {}): SaveCampaignInput => ({
  name: 'Timișoara Decide 2026',
  kind: 'pb',
  totalBudget: 100_000_000,
  zones: [
    { code: 'Z1', name: 'Centru', budget: 50_000_000 },
    { code: 'Z2', name: 'Fabric', budget: 50_000_000 },
  ],
  capPerProject: 50_000_000,
  rubric,
  winnerRule: 'greedy',
  ...over,
});

async function setup() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  return { ...env, coord };
}
type Env = Awaited<ReturnType<typeof setup>>;

async function withProposals(env: Env, n = 3, over: Partial<SaveCampaignInput> = {}) {
  const campaign = await ok(env.core, 'budgeting.saveCampaign', campaignInput(over), env.coord);
  const proposals = [];
  for (let i = 0; i < n; i++)
    proposals.push(
      await ok(
        env.core,
        'budgeting.saveProposal',
        {
          campaignId: campaign.id,
          title: `Propunere ${i + 1}`,
          zoneCode: i % 2 ? 'Z2' : 'Z1',
          costEstimate: 10_000_000,
          authorName: 'Ana Pop',
          authorOrganisation: 'Asociația X',
        },
        env.coord,
      ),
    );
  return { campaign, proposals };
}

describe('budgeting campaigns', () => {
  it('a coordinator creates a campaign with zones, rubric and rules, and reads it back', async () => {
    const env = await setup();
    const c = await ok(env.core, 'budgeting.saveCampaign', campaignInput({ winnerRule: 'timisoara_topup' }), env.coord);
    expect(c.zones.map((z) => z.code)).toEqual(['Z1', 'Z2']);
    expect(c.topupLimit).toBe(10_000_000);
    expect(c.divergence).toEqual({ mode: 'percent', threshold: 30, scope: 'overall' });
    expect(c.tieBreak).toEqual(['score', 'cost_asc', 'submitted_at']);
    expect(await count(env.dataDir, 'audit_log', "entity = 'budgeting campaign'")).toBe(1);
    const again = await ok(env.core, 'budgeting.getCampaign', { id: c.id }, env.coord);
    expect(again.rubric.criteria[0].key).toBe('impact');
  });

  it('refuses zone budgets above the total, a grant call without grant_score, duplicate criteria', async () => {
    const env = await setup();
    const before = await snapshot(env.dataDir);
    const r1 = await call(env.core, 'budgeting.saveCampaign', campaignInput({ totalBudget: 60_000_000, capPerProject: null }), env.coord);
    expect(!r1.ok && r1.error.details?.issues?.[0].field).toBe('zones');
    const r2 = await call(env.core, 'budgeting.saveCampaign', campaignInput({ kind: 'grant', winnerRule: 'greedy' }), env.coord);
    expect(!r2.ok && r2.error.details?.issues?.[0].field).toBe('winnerRule');
    const r3 = await call(env.core, 'budgeting.saveCampaign', campaignInput({ rubric: { criteria: [rubric.criteria[0], rubric.criteria[0]] } }), env.coord);
    expect(!r3.ok && r3.error.details?.issues?.[0].message).toMatch(/used twice/);
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('creates a campaign from the documented JSON file through the CLI, printing only its id', async () => {
    const env = await setup();
    await env.core.close();
    const logs: string[] = [];
    const orig = console.log;
    console.log = (s: string) => logs.push(s);
    try {
      expect(await main(['budgeting', 'campaign', 'create', '--data-dir', env.dataDir, '--file', path.join(FIXTURES, 'campaign.json')])).toBe(0);
    } finally {
      console.log = orig;
    }
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await peek<{ name: string; winner_rule: string; blind_mode: number }>(
      env.dataDir,
      'select name, winner_rule, blind_mode from budgeting_campaigns where id = ?',
      logs[0],
    );
    expect(row).toEqual({ name: 'Timișoara Decide 2026', winner_rule: 'timisoara_topup', blind_mode: 1 });
    expect(await count(env.dataDir, 'budgeting_zones')).toBe(8);
  });

  it('campaign JSON errors name the JSON path, and nothing is written', async () => {
    const env = await setup();
    const before = await snapshot(env.dataDir);
    const bad = await call(env.core, 'budgeting.createCampaignFromJson', { json: '{ "name": "x", ' }, env.coord);
    expect(!bad.ok && bad.error.details?.issues?.[0]).toMatchObject({ field: 'json', reason: 'invalid_json' });
    const data = JSON.parse(campaignJson());
    data.zones[2].budget = -5;
    data.rubric.criteria[1].max = 0;
    data.divergence.mode = 'ratio';
    data.colour = 'blue';
    const r = await call(env.core, 'budgeting.createCampaignFromJson', { json: JSON.stringify(data) }, env.coord);
    expect(r.ok).toBe(false);
    const fields = !r.ok ? r.error.details!.issues!.map((i) => i.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['zones.2.budget', 'rubric.criteria.1.max', 'divergence.mode', 'json']));
    expect(!r.ok && r.error.details!.issues!.find((i) => i.field === 'json')?.message).toMatch(/colour/);
    const withId = await call(
      env.core,
      'budgeting.createCampaignFromJson',
      { json: JSON.stringify({ ...JSON.parse(campaignJson()), id: '0190d0f0-0000-7000-8000-000000000000' }) },
      env.coord,
    );
    expect(!withId.ok && withId.error.details?.issues?.[0].field).toBe('id');
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('a viewer reads campaigns but cannot save; an evaluator cannot list campaigns', async () => {
    const env = await setup();
    await ok(env.core, 'budgeting.saveCampaign', campaignInput(), env.coord);
    const viewer = await signIn(env.core, 'viewer');
    expect(await ok(env.core, 'budgeting.listCampaigns', {}, viewer)).toHaveLength(1);
    const w = await call(env.core, 'budgeting.saveCampaign', campaignInput(), viewer);
    expect(!w.ok && w.error.code).toBe('FORBIDDEN');
    const ev = await signIn(env.core, 'evaluator');
    const l = await call(env.core, 'budgeting.listCampaigns', {}, ev);
    expect(!l.ok && l.error.code).toBe('FORBIDDEN');
  });
});

describe('budgeting proposals', () => {
  it('enters a paper proposal with a generated code, its zone and consent-bound author fields', async () => {
    const env = await setup();
    const { campaign, proposals } = await withProposals(env, 2);
    expect(proposals.map((p) => p.code)).toEqual(['P-001', 'P-002']);
    expect(proposals[1].zoneCode).toBe('Z2');
    expect(proposals[0]).toMatchObject({ authorName: 'Ana Pop', authorConsent: false, eligibilityStatus: 'pending', evaluationProgress: '0/0' });
    const r = await call(env.core, 'budgeting.saveProposal', { campaignId: campaign.id, title: 'Fără zonă' }, env.coord);
    expect(!r.ok && r.error.details?.issues?.[0]).toMatchObject({ field: 'zoneCode', reason: 'required' });
    const r2 = await call(env.core, 'budgeting.saveProposal', { campaignId: campaign.id, title: 'Zonă greșită', zoneCode: 'Z9' }, env.coord);
    expect(!r2.ok && r2.error.details?.issues?.[0].reason).toBe('unknown_zone');
  });

  it('eligibility: pass/fail per criterion with reasons and a public rejection reason; cap per project checked', async () => {
    const env = await setup();
    const { proposals } = await withProposals(env, 1);
    const all = (fail?: string) =>
      [
        'general_interest',
        'city_competence_public_space',
        'not_covered_elsewhere',
        'no_conflict_with_plans',
        'not_commercial_political',
        'no_significant_running_costs',
        'clearly_located',
        'within_project_cap',
      ].map((criterion) => ({ criterion: criterion as never, pass: criterion !== fail, reason: criterion === fail ? 'Terenul este privat' : '' }));
    const p = proposals[0];
    const noReason = await call(
      env.core,
      'budgeting.setEligibility',
      { id: p.id, expectedUpdatedAt: p.updatedAt, checks: all('city_competence_public_space'), publicRejectionReason: '' },
      env.coord,
    );
    expect(!noReason.ok && noReason.error.details?.issues?.[0].field).toBe('publicRejectionReason');
    const rejected = await ok(
      env.core,
      'budgeting.setEligibility',
      { id: p.id, expectedUpdatedAt: p.updatedAt, checks: all('city_competence_public_space'), publicRejectionReason: 'Terenul nu aparține orașului.' },
      env.coord,
    );
    expect(rejected.eligibilityStatus).toBe('ineligible');
    expect(rejected.eligibility.find((c) => !c.pass)).toEqual({ criterion: 'city_competence_public_space', pass: false, reason: 'Terenul este privat' });
    const eligible = await ok(env.core, 'budgeting.setEligibility', { id: p.id, expectedUpdatedAt: rejected.updatedAt, checks: all() }, env.coord);
    expect(eligible).toMatchObject({ eligibilityStatus: 'eligible', publicRejectionReason: '' });
    const feas = await ok(
      env.core,
      'budgeting.setFeasibility',
      { id: p.id, expectedUpdatedAt: eligible.updatedAt, feasibility: 'feasible_with_changes', note: 'fără iluminat', costEstimate: 60_000_000 },
      env.coord,
    );
    expect(feas.costEstimate).toBe(60_000_000);
    expect(feas.finalScore).toBeNull();
    const over = await call(env.core, 'budgeting.setEligibility', { id: p.id, expectedUpdatedAt: feas.updatedAt, checks: all() }, env.coord);
    expect(!over.ok && over.error.details?.issues?.[0].reason).toBe('over_cap');
  });

  it("imports the platform's Decidim proposals export (CSV): zones by scope, coordinates, state, votes; re-import changes nothing", async () => {
    const env = await setup();
    const campaign = await ok(env.core, 'budgeting.saveCampaign', campaignInput(), env.coord);
    const content = fs.readFileSync(path.join(FIXTURES, 'proposals-decidim.csv')).toString('base64');
    const dry = await ok(
      env.core,
      'budgeting.importProposals',
      { campaignId: campaign.id, fileName: 'proposals.csv', contentBase64: content, dryRun: true },
      env.coord,
    );
    expect(dry).toMatchObject({ dryRun: true, created: 3, warnings: [] });
    expect(await count(env.dataDir, 'budgeting_proposals')).toBe(0);
    const rep = await ok(env.core, 'budgeting.importProposals', { campaignId: campaign.id, fileName: 'proposals.csv', contentBase64: content }, env.coord);
    expect(rep).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(rep.ignoredColumns).toContain('url');
    const list = await ok(env.core, 'budgeting.listProposals', { campaignId: campaign.id }, env.coord);
    const p101 = list.find((p) => p.code === '101')!;
    expect(p101).toMatchObject({
      source: 'decidim',
      zoneCode: 'Z1',
      latitude: 45.7571,
      longitude: 21.229,
      externalState: 'evaluating',
      externalVotes: 54,
      category: 'Spații verzi',
      submittedOn: '2026-03-04',
    });
    expect(list.find((p) => p.code === '103')!.title).toBe('Bibliotecă de stradă "Cartea circulă"');
    const audits = await count(env.dataDir, 'audit_log');
    const again = await ok(env.core, 'budgeting.importProposals', { campaignId: campaign.id, fileName: 'proposals.csv', contentBase64: content }, env.coord);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await count(env.dataDir, 'audit_log')).toBe(audits);
  });

  it('proposals costing 50 times the largest zone budget or more: the dry run warns that the zone budgets look 1/100 off, before anything is written', async () => {
    const env = await setup();
    // zone budgets written as 5,000 lei where 500,000 were meant
    const campaign = await ok(
      env.core,
      'budgeting.saveCampaign',
      campaignInput({
        totalBudget: 1_000_000,
        zones: [
          { code: 'Z1', name: 'Centru', budget: 500_000 },
          { code: 'Z2', name: 'Fabric', budget: 500_000 },
        ],
        capPerProject: null,
      }),
      env.coord,
    );
    const csv = ['Cod;Titlu;Zonă;Cost estimat (lei)', 'A1;Parc;Z1;300.000', 'A2;Alee;Z2;250.000', 'A3;Bancă;Z2;2.000'].join('\n');
    const upload = { campaignId: campaign.id, fileName: 'lista.csv', contentBase64: Buffer.from(csv).toString('base64') };
    const before = await snapshot(env.dataDir);
    const dry = await ok(env.core, 'budgeting.importProposals', { ...upload, dryRun: true }, env.coord);
    expect(dry.warnings).toEqual([
      'costul tipic al propunerilor (250.000 lei) este de cel puțin 50 de ori bugetul celei mai mari zone (5.000 lei): bugetele zonelor par a fi a suta parte din cât trebuie (sau costurile scrise în bani în loc de lei)',
    ]);
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('a bad proposals file is refused whole, naming every bad row and why', async () => {
    const env = await setup();
    const campaign = await ok(env.core, 'budgeting.saveCampaign', campaignInput(), env.coord);
    const csv = [
      'Cod;Titlu;Zonă;Latitudine;Cost estimat (lei)',
      'A1;Bun;Z1;45,75;1.000',
      'A2;;Z1;;',
      'A3;Zonă lipsă;Z7;;',
      'A1;Dublură;Z2;;',
      'A5;Coord;Z2;123;abc',
    ].join('\n');
    const before = await snapshot(env.dataDir);
    const r = await call(
      env.core,
      'budgeting.importProposals',
      { campaignId: campaign.id, fileName: 'lista.csv', contentBase64: Buffer.from(csv).toString('base64') },
      env.coord,
    );
    expect(r.ok).toBe(false);
    const cells = (!r.ok ? r.error.details?.cells : []) as Array<{ row: number; column: string; message: string }>;
    expect(cells.map((c) => `${c.row}:${c.column}`)).toEqual(['3:Titlu', '4:Zonă', '5:Cod', '6:Latitudine', '6:Cost estimat (lei)']);
    expect(cells[1].message).toBe('zona «Z7» nu este codul sau numele unei zone; zonele campaniei: Z1 «Centru», Z2 «Fabric»');
    expect(cells[2].message).toMatch(/also on row 2/);
    expect(await snapshot(env.dataDir)).toEqual(before);
  });
});

/** Three evaluators, two proposals assigned two each. */
async function evaluationSetup(over: Partial<SaveCampaignInput> = {}) {
  const env = await setup();
  const { campaign, proposals } = await withProposals(env, 2, over);
  const ev = [await signIn(env.core, 'evaluator'), await signIn(env.core, 'evaluator'), await signIn(env.core, 'evaluator')];
  const progress = await ok(env.core, 'budgeting.assignEvaluators', { campaignId: campaign.id, evaluatorIds: ev.map((e) => e.userId) }, env.coord);
  return { ...env, campaign, proposals, ev, progress };
}
type EvalEnv = Awaited<ReturnType<typeof evaluationSetup>>;

async function mine(env: EvalEnv, i: number, proposalId: string) {
  const list = await ok(env.core, 'budgeting.myAssignments', { campaignId: env.campaign.id }, env.ev[i]);
  return list.find((a) => a.proposalId === proposalId);
}

async function score(env: EvalEnv, i: number, proposalId: string, scores: Record<string, number>) {
  const a = (await mine(env, i, proposalId))!;
  if (!a.conflictDeclaredAt) await ok(env.core, 'budgeting.declareInterest', { assignmentId: a.id, conflict: false }, env.ev[i]);
  return ok(env.core, 'budgeting.saveScores', { assignmentId: a.id, scores, submit: true }, env.ev[i]);
}

const onProposal = async (env: EvalEnv, proposalId: string) =>
  (await ok(env.core, 'budgeting.listAssignments', { campaignId: env.campaign.id }, env.coord)).filter(
    (a) => a.proposalId === proposalId && a.status !== 'recused',
  );

describe('budgeting evaluation', () => {
  it('assigns two evaluators per proposal, balanced, and shows progress per evaluator and per proposal', async () => {
    const env = await evaluationSetup();
    expect(env.progress.perProposal.map((p) => p.progress)).toEqual(['0/2', '0/2']);
    const loads = env.progress.perEvaluator.map((e) => e.assigned).sort();
    expect(loads).toEqual([1, 1, 2]);
    const few = await call(
      env.core,
      'budgeting.assignEvaluators',
      { campaignId: env.campaign.id, evaluatorIds: [env.ev[0].userId, env.coord.userId] },
      env.coord,
    );
    expect(!few.ok && few.error.details?.issues?.[0].reason).toBe('not_evaluator');
  });

  it('an evaluator must declare a conflict of interest before opening; blind mode hides the author', async () => {
    const env = await evaluationSetup({ blindMode: true });
    const p = env.proposals[0];
    const [a] = await onProposal(env, p.id);
    const i = env.ev.findIndex((e) => e.userId === a.evaluatorId);
    const early = await call(env.core, 'budgeting.openProposal', { assignmentId: a.id }, env.ev[i]);
    expect(!early.ok && early.error.code).toBe('FORBIDDEN');
    await ok(env.core, 'budgeting.declareInterest', { assignmentId: a.id, conflict: false }, env.ev[i]);
    const opened = await ok(env.core, 'budgeting.openProposal', { assignmentId: a.id }, env.ev[i]);
    expect(opened).toMatchObject({ title: p.title, authorName: null, authorOrganisation: null, authorContact: null });
    const twice = await call(env.core, 'budgeting.declareInterest', { assignmentId: a.id, conflict: true }, env.ev[i]);
    expect(!twice.ok && twice.error.details?.issues?.[0].reason).toBe('already_declared');
  });

  it('declaring a conflict recuses the evaluator and re-assigns the proposal; every declaration is logged', async () => {
    const env = await evaluationSetup();
    const p = env.proposals[0];
    const before = await onProposal(env, p.id);
    const i = env.ev.findIndex((e) => e.userId === before[0].evaluatorId);
    await ok(env.core, 'budgeting.declareInterest', { assignmentId: before[0].id, conflict: true, note: 'vecinul meu' }, env.ev[i]);
    const after = await onProposal(env, p.id);
    expect(after).toHaveLength(2);
    expect(after.map((a) => a.evaluatorId)).not.toContain(env.ev[i].userId);
    const log = await ok(env.core, 'budgeting.listConflictDeclarations', { campaignId: env.campaign.id }, env.coord);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ conflict: true, note: 'vecinul meu', evaluatorId: env.ev[i].userId });
    expect(log[0].reassignedTo).toBe(after.find((a) => !before.some((b) => b.evaluatorId === a.evaluatorId))!.evaluatorId);
    const opened = await call(env.core, 'budgeting.openProposal', { assignmentId: before[0].id }, env.ev[i]);
    expect(!opened.ok && opened.error.code).toBe('FORBIDDEN');
  });

  it("an evaluator sees only their own scores until all are in, and gets FORBIDDEN on another's assignment or an unassigned proposal", async () => {
    const env = await evaluationSetup();
    const p = env.proposals[0];
    const [a, b] = await onProposal(env, p.id);
    const ia = env.ev.findIndex((e) => e.userId === a.evaluatorId);
    const ib = env.ev.findIndex((e) => e.userId === b.evaluatorId);
    const outsider = env.ev.findIndex((_, n) => n !== ia && n !== ib);
    await score(env, ia, p.id, { impact: 4, feasibility: 4 });
    const own = await ok(env.core, 'budgeting.listEvaluations', { proposalId: p.id }, env.ev[ia]);
    expect(own.evaluations.map((e) => e.evaluatorId)).toEqual([env.ev[ia].userId]);
    expect(own.finalScore).toBeNull();
    const other = await call(env.core, 'budgeting.saveScores', { assignmentId: b.id, scores: { impact: 0, feasibility: 0 }, submit: true }, env.ev[ia]);
    expect(!other.ok && other.error.code).toBe('FORBIDDEN');
    const peekOther = await call(env.core, 'budgeting.declareInterest', { assignmentId: b.id, conflict: false }, env.ev[ia]);
    expect(!peekOther.ok && peekOther.error.code).toBe('FORBIDDEN');
    // The rubric to score against comes with one's own assignment only.
    const rubric = await ok(env.core, 'budgeting.myRubric', { assignmentId: a.id }, env.ev[ia]);
    expect(rubric).toMatchObject({ campaignId: env.campaign.id, rubric: { criteria: [{ key: 'impact' }, { key: 'feasibility' }] } });
    const otherRubric = await call(env.core, 'budgeting.myRubric', { assignmentId: b.id }, env.ev[ia]);
    expect(!otherRubric.ok && otherRubric.error.code).toBe('FORBIDDEN');
    const notMine = await call(env.core, 'budgeting.listEvaluations', { proposalId: p.id }, env.ev[outsider]);
    expect(!notMine.ok && notMine.error.code).toBe('FORBIDDEN');
    const list = await call(env.core, 'budgeting.listProposals', { campaignId: env.campaign.id }, env.ev[ia]);
    expect(!list.ok && list.error.code).toBe('FORBIDDEN');
    await score(env, ib, p.id, { impact: 4, feasibility: 2 });
    const all = await ok(env.core, 'budgeting.listEvaluations', { proposalId: p.id }, env.ev[ia]);
    expect(all.allSubmitted).toBe(true);
    expect(all.evaluations).toHaveLength(2);
    // 100·(3·4/5 + 1·4/5)/4 = 80; 100·(3·4/5 + 1·2/5)/4 = 70 → average 75
    expect(all).toMatchObject({ finalScore: 75, finalMethod: 'average', divergent: false });
  });

  it('scores must lie on the anchored scale, every criterion on submit; submitted scores are final', async () => {
    const env = await evaluationSetup();
    const p = env.proposals[0];
    const [a] = await onProposal(env, p.id);
    const i = env.ev.findIndex((e) => e.userId === a.evaluatorId);
    await ok(env.core, 'budgeting.declareInterest', { assignmentId: a.id, conflict: false }, env.ev[i]);
    const before = await snapshot(env.dataDir);
    const out = await call(env.core, 'budgeting.saveScores', { assignmentId: a.id, scores: { impact: 6, feasibility: 1 }, submit: true }, env.ev[i]);
    expect(!out.ok && out.error.details?.issues?.[0]).toMatchObject({ field: 'scores.impact', message: '6 is outside the scale 0–5' });
    const half = await call(env.core, 'budgeting.saveScores', { assignmentId: a.id, scores: { impact: 3 }, submit: true }, env.ev[i]);
    expect(!half.ok && half.error.details?.issues?.[0].field).toBe('scores.feasibility');
    const frac = await call(env.core, 'budgeting.saveScores', { assignmentId: a.id, scores: { impact: 2.5, feasibility: 1 }, submit: false }, env.ev[i]);
    expect(!frac.ok && frac.error.details?.issues?.[0].message).toMatch(/whole number/);
    expect(await snapshot(env.dataDir)).toEqual(before);
    const draft = await ok(env.core, 'budgeting.saveScores', { assignmentId: a.id, scores: { impact: 3 }, submit: false }, env.ev[i]);
    expect(draft.status).toBe('open');
    await ok(env.core, 'budgeting.saveScores', { assignmentId: a.id, scores: { impact: 3, feasibility: 3 }, submit: true }, env.ev[i]);
    const again = await call(env.core, 'budgeting.saveScores', { assignmentId: a.id, scores: { impact: 5, feasibility: 5 }, submit: true }, env.ev[i]);
    expect(!again.ok && again.error.details?.issues?.[0].reason).toBe('already_submitted');
  });

  it('divergent scores flag the proposal and bring a third evaluator; the final is the average of the two closest', async () => {
    const env = await evaluationSetup();
    const p = env.proposals[0];
    const [a, b] = await onProposal(env, p.id);
    const ia = env.ev.findIndex((e) => e.userId === a.evaluatorId);
    const ib = env.ev.findIndex((e) => e.userId === b.evaluatorId);
    await score(env, ia, p.id, { impact: 5, feasibility: 5 }); // 100
    await score(env, ib, p.id, { impact: 2, feasibility: 2 }); // 40: gap 60 > 30 % of 100
    let got = await ok(env.core, 'budgeting.getProposal', { id: p.id }, env.coord);
    expect(got).toMatchObject({ divergent: true, finalScore: null, evaluationProgress: '2/3' });
    const third = (await onProposal(env, p.id)).find((x) => x.round === 2)!;
    const ic = env.ev.findIndex((e) => e.userId === third.evaluatorId);
    expect([ia, ib]).not.toContain(ic);
    await score(env, ic, p.id, { impact: 4, feasibility: 4 }); // 80: closest to 100
    got = await ok(env.core, 'budgeting.getProposal', { id: p.id }, env.coord);
    expect(got).toMatchObject({ divergent: true, finalScore: 90, finalMethod: 'closest_two', evaluationProgress: '3/3' });
  });

  it('per-criterion divergence in points, and a moderation record overrides with rationale, participants and time', async () => {
    const env = await evaluationSetup({ divergence: { mode: 'points', threshold: 2, scope: 'criterion' } });
    const p = env.proposals[1];
    const [a, b] = await onProposal(env, p.id);
    await score(
      env,
      env.ev.findIndex((e) => e.userId === a.evaluatorId),
      p.id,
      { impact: 3, feasibility: 5 },
    );
    await score(
      env,
      env.ev.findIndex((e) => e.userId === b.evaluatorId),
      p.id,
      { impact: 3, feasibility: 3 },
    );
    const flagged = await ok(env.core, 'budgeting.getProposal', { id: p.id }, env.coord);
    expect(flagged.divergent).toBe(true);
    const notDivergent = await call(
      env.core,
      'budgeting.moderate',
      { proposalId: env.proposals[0].id, finalScore: 50, rationale: 'x', participants: 'y' },
      env.coord,
    );
    expect(!notDivergent.ok && notDivergent.error.details?.issues?.[0].reason).toBe('not_divergent');
    const m = await ok(
      env.core,
      'budgeting.moderate',
      { proposalId: p.id, finalScore: 66.5, rationale: 'Comisia a reanalizat fezabilitatea.', participants: 'A. Pop, B. Ionescu' },
      env.coord,
    );
    expect(m).toMatchObject({ finalScore: 66.5, finalMethod: 'moderation' });
    expect(m.moderation).toMatchObject({
      rationale: 'Comisia a reanalizat fezabilitatea.',
      participants: 'A. Pop, B. Ionescu',
      decidedAt: expect.stringMatching(/^2026-05-20T/),
    });
  });

  it('a coordinator adjusts assignments by hand; a submitted evaluation cannot be taken away', async () => {
    const env = await evaluationSetup();
    const p = env.proposals[0];
    const on = await onProposal(env, p.id);
    const free = env.ev.find((e) => !on.some((a) => a.evaluatorId === e.userId))!;
    const added = await ok(env.core, 'budgeting.setAssignment', { proposalId: p.id, evaluatorId: free.userId, assigned: true }, env.coord);
    expect(added.filter((a) => a.status !== 'recused')).toHaveLength(3);
    await ok(env.core, 'budgeting.setAssignment', { proposalId: p.id, evaluatorId: free.userId, assigned: false }, env.coord);
    const i = env.ev.findIndex((e) => e.userId === on[0].evaluatorId);
    await score(env, i, p.id, { impact: 1, feasibility: 1 });
    const r = await call(env.core, 'budgeting.setAssignment', { proposalId: p.id, evaluatorId: on[0].evaluatorId, assigned: false }, env.coord);
    expect(!r.ok && r.error.details?.issues?.[0].reason).toBe('submitted');
  });
});
