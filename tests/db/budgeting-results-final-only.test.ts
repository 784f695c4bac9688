import { describe, expect, it } from 'vitest';
import type { SaveCampaignInput } from '../../electron/contract';
import { call, freshCore, ok, signIn } from './helpers';

/**
 * Roles table (DOMAIN.md): an evaluator sees "results once final", a viewer "final results (P)". Provisional
 * results ("provizoriu", evaluation not finished) read for them as not there yet; editors see them as they are.
 */

const rubric: SaveCampaignInput['rubric'] = {
  criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }],
  overallMinimum: null,
};
const CRITERIA = [
  'general_interest',
  'city_competence_public_space',
  'not_covered_elsewhere',
  'no_conflict_with_plans',
  'not_commercial_political',
  'no_significant_running_costs',
  'clearly_located',
  'within_project_cap',
];

describe('budgeting results reach evaluators and viewers only once final', () => {
  it('provisional results are NOT_FOUND for an evaluator and a viewer, shown to the coordinator; declared final, all three read them', async () => {
    const { core } = await freshCore({ now: () => new Date('2026-10-01T09:00:00Z') });
    const coord = await signIn(core, 'coordinator');
    const viewer = await signIn(core, 'viewer');
    const campaign = await ok(
      core,
      'budgeting.saveCampaign',
      { name: 'Granturi 2026', totalBudget: 100_000_000, rubric, votesPerVoter: 2, population: 1000, winnerRule: 'greedy' },
      coord,
    );
    const a = await ok(core, 'budgeting.saveProposal', { campaignId: campaign.id, code: 'P-001', title: 'Parc', costEstimate: 1_000_000 }, coord);
    const ev = [await signIn(core, 'evaluator'), await signIn(core, 'evaluator')];
    await ok(core, 'budgeting.assignEvaluators', { campaignId: campaign.id, evaluatorIds: ev.map((e) => e.userId) }, coord);

    const provisional = await ok(core, 'budgeting.computeResults', { campaignId: campaign.id }, coord);
    expect(provisional.status).toBe('provisional');
    expect((await ok(core, 'budgeting.getResults', { campaignId: campaign.id }, coord)).status).toBe('provisional');
    for (const who of [ev[0], viewer]) {
      const r = await call(core, 'budgeting.getResults', { campaignId: campaign.id }, who);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'not_final' } });
    }

    // Finish the evaluation: eligibility decided, both evaluations in (no divergence), then declare final.
    await ok(
      core,
      'budgeting.setEligibilityCriteria',
      { campaignId: campaign.id, items: CRITERIA.map((c) => ({ proposalCode: 'P-001', criterion: c as never, pass: true })) },
      coord,
    );
    for (const e of ev) {
      const mine = (await ok(core, 'budgeting.myAssignments', { campaignId: campaign.id }, e)).find((x) => x.proposalId === a.id)!;
      await ok(core, 'budgeting.declareInterest', { assignmentId: mine.id, conflict: false }, e);
      await ok(core, 'budgeting.saveScores', { assignmentId: mine.id, scores: { impact: 4 }, submit: true }, e);
    }
    const final = await ok(core, 'budgeting.computeResults', { campaignId: campaign.id, final: true }, coord);
    expect(final.status).toBe('final');
    const seenByEvaluator = await ok(core, 'budgeting.getResults', { campaignId: campaign.id }, ev[1]);
    expect(seenByEvaluator).toMatchObject({ status: 'final', id: final.id });
    const seenByViewer = await ok(core, 'budgeting.getResults', { campaignId: campaign.id }, viewer);
    expect(seenByViewer).toMatchObject({ status: 'final', id: final.id, computedBy: null });
    expect(seenByViewer.projects.map((p) => p.code)).toEqual(['P-001']);
  });
});
