import { RAG_STATUSES, type DashboardItem, type PlanFigures, type Rag } from '../../contract';
import { rollUp } from './rag';
import type { Derived } from './state';

/**
 * THE plan-level figures: overall progress, expected progress, and what is late, at risk or without data —
 * computed once from the derived plan (derivePlan: roll-ups and RAG per item), and read by every output: the
 * dashboard (plan.dashboard), the progress report, the plan export and the report pack ("Cifre-cheie"), the
 * OGP assessments and the public site. Nothing else counts or averages these figures. Values are unrounded;
 * each output rounds them at display with electron/contract/figures.ts.
 *
 * - Overall progress is the commitments' progress rolled up like actions into a commitment (DOMAIN.md:
 *   weighted average, plain average when no commitment has a weight); expected progress likewise.
 * - Late / at risk / no data list the ACTIONS and INDICATORS with that status (the items someone updates);
 *   a commitment's own status is shown beside it, not counted again. Each count is its list's length.
 */

type Row = { id: string; code: string };

export function planFigures<C extends Row & { weight: number | null }, A extends Row & { title: string }, I extends Row & { name: string }>(
  d: Derived<C, A, I>,
): PlanFigures {
  const listed = (rag: Rag): DashboardItem[] => [
    ...d.actions
      .filter((a) => a.rag === rag)
      .map((a) => ({ kind: 'action' as const, id: a.row.id, code: a.row.code, title: a.row.title, rag, reason: a.reason })),
    ...d.indicators
      .filter((i) => i.rag === rag)
      .map((i) => ({ kind: 'indicator' as const, id: i.row.id, code: i.row.code, title: i.row.name, rag, reason: i.reason })),
  ];
  const counts = (rags: Rag[]) => {
    const out = Object.fromEntries(RAG_STATUSES.map((r) => [r, 0])) as Record<Rag, number>;
    for (const r of rags) out[r]++;
    return out;
  };
  const late = listed('late');
  const atRisk = listed('at_risk');
  const noData = listed('no_data');
  const actionRag = counts(d.actions.map((a) => a.rag));
  const indicatorRag = counts(d.indicators.map((i) => i.rag));
  return {
    overallProgress: rollUp(d.commitments.map((c) => ({ progress: c.progress, weight: c.row.weight }))),
    overallExpected: rollUp(d.commitments.map((c) => ({ progress: c.expectedProgress, weight: c.row.weight }))),
    counts: { late: late.length, atRisk: atRisk.length, noData: noData.length },
    late,
    atRisk,
    noData,
    actionRag,
    indicatorRag,
    itemRag: Object.fromEntries(RAG_STATUSES.map((r) => [r, actionRag[r] + indicatorRag[r]])) as Record<Rag, number>,
    commitmentRag: counts(d.commitments.map((c) => c.rag)),
  };
}
