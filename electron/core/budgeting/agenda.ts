import { campaignsWithPhases, unsubmittedEvaluationsByCampaign } from '../../../db/queries/agenda';
import type { BudgetPhase } from '../../contract';
import type { AgendaEntry, AgendaSource } from '../manifest';
import { parseJson } from '../util';

/** "Ce am de făcut": campaign phases ending this week, and evaluations not submitted by the end of the evaluation phase. */
export const budgetingAgenda: AgendaSource = {
  kinds: ['pb_phase', 'evaluation'],
  items: async (ctx, { today, weekEnd }) => {
    const pending = new Map((await unsubmittedEvaluationsByCampaign(ctx.db)).map((r) => [r.campaign_id, Number(r.pending)]));
    const items: AgendaEntry[] = [];
    for (const c of await campaignsWithPhases(ctx.db)) {
      const phases = parseJson<BudgetPhase[]>(c.phases, []);
      const base = { id: c.id, code: c.edition || c.name, title: c.name, route: `/budgeting/campaigns/${c.id}` };
      // a phase ending this week (one that has ended is over, not late)
      for (const p of phases) if (p.endsOn >= today && p.endsOn <= weekEnd) items.push({ ...base, kind: 'pb_phase', dueOn: p.endsOn, phase: p.kind });
      const evaluation = phases.find((p) => p.kind === 'evaluation');
      const n = pending.get(c.id) ?? 0;
      if (evaluation && n > 0) items.push({ ...base, kind: 'evaluation', dueOn: evaluation.endsOn, pending: n });
    }
    return items;
  },
};
