import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/plan';
import type { Action, CommitmentSummary, Indicator } from '../../contract';
import { toAction, toCommitment, toIndicatorBase } from './mappers';
import { compareCodes } from '../util';
import { comparableValue, percentOfTarget, rollUp, scheduleRag, type RagSettings } from './rag';

export interface PlanState {
  commitments: CommitmentSummary[];
  actions: Action[];
  indicators: Indicator[];
}

/**
 * Reads the live plan and computes every derived figure (roll-ups, expected progress, RAG) in one pass,
 * so the lists, the dashboard and the Excel export agree.
 */
export async function computePlanState(db: DbOrTx, today: string, settings: RagSettings, opts: { commitmentId?: string } = {}): Promise<PlanState> {
  const [cRows, aRows, iRows, links] = await Promise.all([
    q.listCommitments(db, { id: opts.commitmentId }),
    q.listActions(db, { commitmentId: opts.commitmentId }),
    q.listIndicators(db, { commitmentId: opts.commitmentId }),
    q.listIndicatorActions(db),
  ]);
  const commitments = cRows.map(toCommitment);
  const byId = new Map(commitments.map((c) => [c.id, c]));
  const order = new Map(commitments.map((c, n) => [c.id, n]));
  const byPlanOrder = (x: { commitmentId: string; code: string }, y: { commitmentId: string; code: string }) =>
    order.get(x.commitmentId)! - order.get(y.commitmentId)! || compareCodes(x.code, y.code);
  const baseActions = aRows.map(toAction).filter((a) => byId.has(a.commitmentId)).sort(byPlanOrder);

  // Effective progress: an action with sub-actions takes the roll-up of its children.
  const children = new Map<string, typeof baseActions>();
  for (const a of baseActions) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
  const effective = new Map<string, number>();
  const effectiveProgress = (a: (typeof baseActions)[number], depth = 0): number => {
    const memo = effective.get(a.id);
    if (memo !== undefined) return memo;
    const kids = depth < 10 ? children.get(a.id) : undefined;
    const p = kids?.length ? rollUp(kids.map((k) => ({ progress: effectiveProgress(k, depth + 1), weight: k.weight, status: k.status }))) : a.progress;
    effective.set(a.id, p);
    return p;
  };

  const actions: Action[] = baseActions.map((a) => {
    const c = byId.get(a.commitmentId)!;
    const progress = effectiveProgress(a);
    const r = scheduleRag(
      {
        start: a.plannedStart ?? c.startDate,
        end: a.plannedEnd ?? c.endDate,
        progress,
        done: a.status === 'done' || a.status === 'cancelled',
        lastUpdate: a.lastUpdateDate,
      },
      today,
      settings,
    );
    return { ...a, progress, rag: r.rag, expectedProgress: r.expected };
  });

  const linksBy = new Map<string, string[]>();
  for (const l of links) linksBy.set(l.indicator_id, [...(linksBy.get(l.indicator_id) ?? []), l.action_id]);

  const indicators: Indicator[] = iRows
    .filter((i) => byId.has(i.commitment_id))
    .map((i) => {
      const base = toIndicatorBase(i);
      const c = byId.get(i.commitment_id)!;
      const latestValue = i.latest_value == null ? null : Number(i.latest_value);
      const latest =
        latestValue == null
          ? null
          : { date: String(i.latest_date), value: latestValue, period: (i.latest_period as string | null) ?? null, comparable: comparableValue(base, latestValue) };
      const pct = percentOfTarget({ ...base, latestValue });
      const r = scheduleRag(
        { start: c.startDate, end: c.endDate, progress: Math.min(pct ?? 0, 100), done: (pct ?? 0) >= 100, lastUpdate: latest?.date ?? null },
        today,
        settings,
      );
      // Never measured: say so, rather than guess "late" or "at risk" from a zero we never observed.
      const rag = latest == null && r.rag !== 'not_started' ? 'no_data' : r.rag;
      return { ...base, actionIds: linksBy.get(i.id) ?? [], latest, percentOfTarget: pct, rag };
    })
    .sort(byPlanOrder);

  const summaries: CommitmentSummary[] = commitments.map((c) => {
    const own = actions.filter((a) => a.commitmentId === c.id);
    const top = own.filter((a) => !a.parentId || !own.some((p) => p.id === a.parentId));
    const progress = rollUp(top.map((a) => ({ progress: a.progress, weight: a.weight, status: a.status })));
    const inds = indicators.filter((i) => i.commitmentId === c.id);
    const dates = [...own.map((a) => a.lastUpdateDate), ...inds.map((i) => i.latest?.date ?? null)].filter((d): d is string => !!d).sort();
    const r = scheduleRag(
      { start: c.startDate, end: c.endDate, progress, done: c.completion === 'complete' || (own.length > 0 && progress >= 100), lastUpdate: dates.at(-1) ?? null },
      today,
      settings,
    );
    return { ...c, progress, expectedProgress: r.expected, rag: r.rag, actionCount: own.length, indicatorCount: inds.length };
  });

  return { commitments: summaries, actions, indicators };
}
