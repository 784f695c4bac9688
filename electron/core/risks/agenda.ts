import { openRisksForReview } from '../../../db/queries/agenda';
import { riskLevel } from '../../contract';
import type { AgendaSource } from '../manifest';
import { effectiveExposure, nextReview } from './rules';
import { readRiskSettings } from './service';

/** "Ce am de făcut": open risks by their next review (the register's review schedule, by level). */
export const risksAgenda: AgendaSource = {
  kinds: ['risk_review'],
  items: async (ctx) => {
    const s = await readRiskSettings(ctx.db);
    return (await openRisksForReview(ctx.db)).map((r) => ({
      kind: 'risk_review',
      id: r.id,
      code: r.code,
      title: r.description,
      dueOn: nextReview(r.last_review_date, r.created_at.slice(0, 10), riskLevel(effectiveExposure(r)), s),
      route: `/risks/${r.id}`,
    }));
  },
};
