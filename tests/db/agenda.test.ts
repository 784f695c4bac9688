import { describe, expect, it } from 'vitest';
import type { AgendaKind } from '../../electron/contract';
import { frequencyMonths } from '../../electron/core/plan/agenda';
import { call, freshCore, ok, signIn } from './helpers';

/**
 * "Ce am de făcut": a coordinator's or member's start page lists, across modules, what is late and what falls due
 * in the next seven days — each item with its module, code, due day, state and the route of its record.
 */
const NOW = new Date('2026-05-20T09:00:00Z');
const rubric = { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }], overallMinimum: null };
const day = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function planted() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const risk = await ok(
    env.core,
    'risks.save',
    {
      area: 'Direcția Comunicare',
      objective: 'Monitorizare',
      description: 'Date de monitorizare lipsă',
      category: 'operational',
      causes: '',
      consequences: '',
      owner: 'Ana Pop',
      inherentProbability: 4,
      inherentImpact: 4,
    },
    coord,
  );
  const commitment = await ok(
    env.core,
    'plan.saveCommitment',
    { code: 'A9', title: 'Angajament de test', startDate: '2026-01-01', endDate: '2027-12-31' },
    coord,
  );
  const indicator = await ok(
    env.core,
    'plan.saveIndicator',
    { commitmentId: commitment.id, code: 'I9.1', name: 'Seturi publicate', type: 'cumulative', target: 10, frequency: 'trimestrial' },
    coord,
  );
  await ok(env.core, 'plan.addMeasurement', { indicatorId: indicator.id, date: '2026-01-15', value: 2 }, coord);
  const dataset = await ok(
    env.core,
    'datasets.save',
    { name: 'Contracte de achiziții', slug: 'contracte', holderInstitution: 'Primăria Municipiului Timișoara', updateFrequency: 'monthly' },
    coord,
  );
  const fundingCall = await ok(
    env.core,
    'funding.saveCall',
    {
      programme: 'regio_vest',
      priority: 'P1',
      managingBody: 'ADR Vest',
      code: 'PRV/2026/1.1',
      title: 'Transformare digitală',
      type: 'competitive',
      status: 'open',
      openingDate: '2026-02-01',
      deadline: '2026-06-10',
      nonReimbursable: true,
    },
    coord,
  );
  const campaign = await ok(
    env.core,
    'budgeting.saveCampaign',
    {
      name: 'Timișoara Decide 2026',
      edition: '2026',
      totalBudget: 100_000_000,
      zones: [{ code: 'Z1', name: 'Centru', budget: 100_000_000 }],
      rubric,
      winnerRule: 'greedy',
      phases: [{ kind: 'evaluation', startsOn: '2026-06-01', endsOn: '2026-06-15' }],
    },
    coord,
  );
  await ok(env.core, 'budgeting.saveProposal', { campaignId: campaign.id, title: 'Parc', zoneCode: 'Z1', costEstimate: 1_000_000 }, coord);
  const evaluators = [await signIn(env.core, 'evaluator'), await signIn(env.core, 'evaluator')];
  await ok(env.core, 'budgeting.assignEvaluators', { campaignId: campaign.id, evaluatorIds: evaluators.map((e) => e.userId) }, coord);
  return { ...env, coord, evaluators, risk, indicator, dataset, fundingCall, campaign };
}

describe('what a coordinator has to do', () => {
  it('each kind of due item is listed as due this week before its day and as late after it, linking to its record', async () => {
    const env = await planted();
    const cases: Array<{ kind: AgendaKind; id: string; due: string; route: string; lateToo: boolean }> = [
      { kind: 'risk_review', id: env.risk.id, due: env.risk.nextReviewDate!, route: `/risks/${env.risk.id}`, lateToo: true },
      { kind: 'measurement', id: env.indicator.id, due: '2026-04-15', route: `/indicators/${env.indicator.id}`, lateToo: true },
      { kind: 'dataset_review', id: env.dataset.id, due: env.dataset.nextReviewOn, route: `/datasets/${env.dataset.id}`, lateToo: true },
      { kind: 'funding_deadline', id: env.fundingCall.id, due: '2026-06-10', route: `/funding/calls/${env.fundingCall.id}`, lateToo: true },
      // a phase that has ended is over, not late; evaluations not submitted when it ends are
      { kind: 'pb_phase', id: env.campaign.id, due: '2026-06-15', route: `/budgeting/campaigns/${env.campaign.id}`, lateToo: false },
      { kind: 'evaluation', id: env.campaign.id, due: '2026-06-15', route: `/budgeting/campaigns/${env.campaign.id}`, lateToo: true },
    ];
    for (const c of cases) {
      const find = async (today: string) => (await ok(env.core, 'reports.agenda', { today }, env.coord)).items.find((i) => i.kind === c.kind && i.id === c.id);
      expect(await find(day(c.due, -30)), `${c.kind} a month before`).toBeUndefined();
      expect(await find(day(c.due, -3)), `${c.kind} three days before`).toMatchObject({ state: 'week', dueOn: c.due, route: c.route });
      expect(await find(c.due), `${c.kind} on the day`).toMatchObject({ state: 'week' });
      const after = await find(day(c.due, 1));
      if (c.lateToo) expect(after, `${c.kind} the day after`).toMatchObject({ state: 'late', dueOn: c.due, route: c.route });
      else expect(after).toBeUndefined();
    }
    const evaluation = (await ok(env.core, 'reports.agenda', { today: '2026-06-16' }, env.coord)).items.find((i) => i.kind === 'evaluation')!;
    expect(evaluation).toMatchObject({ module: 'budgeting', code: '2026', title: 'Timișoara Decide 2026', pending: 2 });
  });

  it('late items come first and the counters per module add up to the list', async () => {
    const env = await planted();
    const a = await ok(env.core, 'reports.agenda', { today: '2026-06-12' }, env.coord);
    expect(a.weekEnd).toBe('2026-06-19');
    const states = a.items.map((i) => i.state);
    expect(states).toEqual([...states].sort((x, y) => (x === y ? 0 : x === 'late' ? -1 : 1)));
    expect(a.items.find((i) => i.kind === 'funding_deadline')).toMatchObject({ state: 'late', module: 'funding', code: 'PRV/2026/1.1' });
    expect(a.items.find((i) => i.kind === 'pb_phase')).toMatchObject({ state: 'week', phase: 'evaluation' });
    const total = Object.values(a.byModule).reduce((s, n) => s + (n ?? 0), 0);
    expect(total).toBe(a.items.length);
    expect(a.byModule.budgeting).toBe(2);
  });

  it('a submitted evaluation and a closed call leave the list', async () => {
    const env = await planted();
    for (const ev of env.evaluators) {
      const mine = (await ok(env.core, 'budgeting.myAssignments', { campaignId: env.campaign.id }, ev))[0]!;
      await ok(env.core, 'budgeting.declareInterest', { assignmentId: mine.id, conflict: false }, ev);
      expect((await ok(env.core, 'reports.agenda', { today: '2026-06-16' }, env.coord)).items.find((i) => i.kind === 'evaluation')).toBeDefined();
      await ok(env.core, 'budgeting.saveScores', { assignmentId: mine.id, scores: { impact: 4 }, submit: true }, ev);
    }
    await ok(
      env.core,
      'funding.saveCall',
      {
        programme: 'regio_vest',
        priority: 'P1',
        managingBody: 'ADR Vest',
        code: 'PRV/2026/1.1',
        title: 'Transformare digitală',
        type: 'competitive',
        status: 'closed',
        openingDate: '2026-02-01',
        deadline: '2026-06-10',
        nonReimbursable: true,
        id: env.fundingCall.id,
        expectedUpdatedAt: env.fundingCall.updatedAt,
      },
      env.coord,
    );
    const kinds = (await ok(env.core, 'reports.agenda', { today: '2026-06-16' }, env.coord)).items.map((i) => i.kind);
    expect(kinds).not.toContain('evaluation');
    expect(kinds).not.toContain('funding_deadline');
  });

  it('members have the same page; evaluators and viewers are refused it', async () => {
    const env = await planted();
    const member = await signIn(env.core, 'member');
    expect((await ok(env.core, 'reports.agenda', { today: '2026-06-12' }, member)).items.length).toBeGreaterThan(0);
    for (const role of ['evaluator', 'viewer'] as const) {
      const r = await call(env.core, 'reports.agenda', { today: '2026-06-12' }, await signIn(env.core, role));
      expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
    }
  });

  it('an indicator is measured one period after its last measurement, whatever the frequency is written in', () => {
    expect(['lunar', 'Lunară', 'monthly', 'trimestrial', 'quarterly', 'semestrial', 'semiannual', 'anual', 'Annual', 'la cerere'].map(frequencyMonths)).toEqual(
      [1, 1, 1, 3, 3, 6, 6, 12, 12, null],
    );
  });
});
