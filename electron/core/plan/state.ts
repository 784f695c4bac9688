import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/plan';
import type { Action, CommitmentSummary, Indicator, IndicatorValue, PlanFigures, Rag } from '../../contract';
import { planFigures } from './figures';
import { toAction, toCommitment, toIndicator } from './mappers';
import { codeSortKey, compareSortKeys } from '../util';
import type { IndicatorSourceResult } from './sources';
import { computeSources, flaggedActions } from './sources';
import { comparableValue, makeScheduler, percentOfTarget, rollUp, type RagResult, type RagSettings } from './rag';

/** What the status rules read of each row: the "status" columns of db/queries/plan.ts (full rows have them too). */
interface CommitmentRow {
  id: string;
  code: string;
  start_date: string | null;
  end_date: string | null;
  completion: string | null;
}
interface ActionRow {
  id: string;
  commitment_id: string;
  parent_id: string | null;
  code: string;
  planned_start: string | null;
  planned_end: string | null;
  status: Action['status'];
  progress: number;
  weight: number | null;
  last_update_date: string | null;
}
interface IndicatorRow {
  id: string;
  commitment_id: string;
  code: string;
  type: Indicator['type'];
  direction: Indicator['direction'];
  baseline: number | null;
  target: number;
  denominator: number | null;
  latest_date: string | null;
  latest_value: number | null;
  latest_period: string | null;
  source: string | null;
}

export interface Derived<C, A, I> {
  commitments: Array<{ row: C; progress: number; expectedProgress: number; rag: Rag; actionCount: number; indicatorCount: number }>;
  actions: Array<{ row: A; progress: number; expectedProgress: number; rag: Rag; reason: RagResult['reason'] }>;
  indicators: Array<{ row: I; actionIds: string[]; latest: IndicatorValue | null; percentOfTarget: number | null; rag: Rag; reason: RagResult['reason'] }>;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/**
 * Every derived figure of the plan (roll-ups, expected progress, RAG) in one linear pass over its rows,
 * so the lists, the dashboard and the Excel export agree. Rows come in plan order (commitment order, then
 * natural code order A1.2 < A1.2.1 < A1.10).
 */
export function derivePlan<C extends CommitmentRow, A extends ActionRow, I extends IndicatorRow>(
  cRows: C[],
  aRows: A[],
  iRows: I[],
  links: Array<{ indicator_id: string; action_id: string }>,
  today: string,
  settings: RagSettings,
  /** Values of computed indicators by source, and actions flagged by other modules (a risk above tolerance). */
  signals: { computed?: Map<string, IndicatorSourceResult>; flagged?: Set<string> } = {},
): Derived<C, A, I> {
  const schedule = makeScheduler(today, settings);
  const order = new Map(cRows.map((c, n) => [c.id, n]));
  const byId = new Map(cRows.map((c) => [c.id, c]));
  const sortKeys = new Map<string, number[]>();
  const keyOf = (code: string) => {
    let k = sortKeys.get(code);
    if (!k) sortKeys.set(code, (k = codeSortKey(code)));
    return k;
  };
  const byPlanOrder = (x: { commitment_id: string; code: string }, y: { commitment_id: string; code: string }) =>
    order.get(x.commitment_id)! - order.get(y.commitment_id)! || compareSortKeys(keyOf(x.code), keyOf(y.code));

  const liveActions = aRows.filter((a) => order.has(a.commitment_id)).sort(byPlanOrder);
  const children = new Map<string, A[]>();
  for (const a of liveActions) if (a.parent_id) push(children, a.parent_id, a);

  // Effective progress: an action with sub-actions takes the roll-up of its children.
  const effective = new Map<string, number>();
  const effectiveProgress = (a: A, depth = 0): number => {
    const memo = effective.get(a.id);
    if (memo !== undefined) return memo;
    const kids = depth < 10 ? children.get(a.id) : undefined;
    const p = kids?.length ? rollUp(kids.map((k) => ({ progress: effectiveProgress(k, depth + 1), weight: k.weight, status: k.status }))) : a.progress;
    effective.set(a.id, p);
    return p;
  };

  type DA = Derived<C, A, I>['actions'][number];
  type DI = Derived<C, A, I>['indicators'][number];
  const actionsBy = new Map<string, DA[]>();
  const actions: DA[] = liveActions.map((a) => {
    const c = byId.get(a.commitment_id)!;
    const progress = effectiveProgress(a);
    const r = schedule({
      start: a.planned_start ?? c.start_date,
      end: a.planned_end ?? c.end_date,
      progress,
      done: a.status === 'done' || a.status === 'cancelled',
      lastUpdate: a.last_update_date,
      riskAboveTolerance: signals.flagged?.has(a.id) ?? false,
    });
    const d = { row: a, progress, expectedProgress: r.expected, rag: r.rag, reason: r.reason };
    push(actionsBy, a.commitment_id, d);
    return d;
  });

  const linksBy = new Map<string, string[]>();
  for (const l of links) push(linksBy, l.indicator_id, l.action_id);

  const indicatorsBy = new Map<string, DI[]>();
  const indicators: DI[] = iRows
    .filter((i) => order.has(i.commitment_id))
    .sort(byPlanOrder)
    .map((i) => {
      const c = byId.get(i.commitment_id)!;
      // A computed indicator takes its value from the records of its source, as of today; with no record that
      // counts it has no value ("Fără date"), and it is dated by its latest record, never by today.
      const computed = i.source ? signals.computed?.get(i.source) : undefined;
      const value = computed ? computed.value : i.latest_value == null ? null : Number(i.latest_value);
      const latest: IndicatorValue | null =
        value == null
          ? null
          : {
              date: computed ? computed.date : String(i.latest_date),
              value,
              period: computed ? null : (i.latest_period ?? null),
              comparable: comparableValue(i, value),
            };
      const pct = percentOfTarget({
        type: i.type,
        direction: i.direction,
        baseline: i.baseline,
        target: i.target,
        denominator: i.denominator,
        latestValue: value,
      });
      // Records without a date (a take-over marked long ago) are current: they count as updated today for the status.
      const updated = latest ? (latest.date ?? (computed ? today : null)) : null;
      const r = schedule({ start: c.start_date, end: c.end_date, progress: Math.min(pct ?? 0, 100), done: (pct ?? 0) >= 100, lastUpdate: updated });
      // Never measured: say so, rather than guess "late" or "at risk" from a zero we never observed.
      const never = latest == null && r.rag !== 'not_started';
      const rag: Rag = never ? 'no_data' : r.rag;
      const d = { row: i, actionIds: linksBy.get(i.id) ?? [], latest, percentOfTarget: pct, rag, reason: never ? ('no_update' as const) : r.reason };
      push(indicatorsBy, i.commitment_id, d);
      return d;
    });

  const commitments = cRows.map((c) => {
    const own = actionsBy.get(c.id) ?? [];
    const ownIds = new Set(own.map((a) => a.row.id));
    const progress = rollUp(
      own.filter((a) => !a.row.parent_id || !ownIds.has(a.row.parent_id)).map((a) => ({ progress: a.progress, weight: a.row.weight, status: a.row.status })),
    );
    const inds = indicatorsBy.get(c.id) ?? [];
    let lastUpdate: string | null = null;
    for (const a of own) if (a.row.last_update_date && (!lastUpdate || a.row.last_update_date > lastUpdate)) lastUpdate = a.row.last_update_date;
    for (const i of inds) if (i.latest?.date && (!lastUpdate || i.latest.date > lastUpdate)) lastUpdate = i.latest.date;
    const r = schedule({
      start: c.start_date,
      end: c.end_date,
      progress,
      done: c.completion === 'complete' || (own.length > 0 && progress >= 100),
      lastUpdate,
    });
    return { row: c, progress, expectedProgress: r.expected, rag: r.rag, actionCount: own.length, indicatorCount: inds.length };
  });

  return { commitments, actions, indicators };
}

export interface PlanState {
  commitments: CommitmentSummary[];
  actions: Action[];
  indicators: Indicator[];
  /** The plan-level figures (./figures): overall progress, late / at-risk / no-data counts and lists. */
  figures: PlanFigures;
}

/** The whole plan with every column and its derived figures (lists, detail screens, the Excel export). */
export async function computePlanState(db: DbOrTx, today: string, settings: RagSettings, opts: { commitmentId?: string } = {}): Promise<PlanState> {
  const [c, a, i, links] = await Promise.all([
    q.listCommitments(db, { id: opts.commitmentId }),
    q.listActions(db, { commitmentId: opts.commitmentId }),
    q.listIndicators(db, { commitmentId: opts.commitmentId }),
    q.listIndicatorActions(db),
  ]);
  const d = derivePlan(c, a, i, links, today, settings, await signalsFor(db, today, i));
  return {
    commitments: d.commitments.map((x) =>
      Object.assign(toCommitment(x.row), {
        progress: x.progress,
        expectedProgress: x.expectedProgress,
        rag: x.rag,
        actionCount: x.actionCount,
        indicatorCount: x.indicatorCount,
      }),
    ),
    actions: d.actions.map((x) => toAction(x.row, x.progress, x.expectedProgress, x.rag)),
    indicators: d.indicators.map((x) => toIndicator(x.row, x.actionIds, x.latest, x.percentOfTarget, x.rag)),
    figures: planFigures(d),
  };
}

/** The plan's status columns only, with the same derived figures: what the dashboard needs, and fast. */
export async function computePlanStatus(db: DbOrTx, today: string, settings: RagSettings) {
  const [c, a, i, links] = await Promise.all([q.listCommitmentStatus(db), q.listActionStatus(db), q.listIndicatorStatus(db), q.listIndicatorActions(db)]);
  const d = derivePlan(c, a, i, links, today, settings, await signalsFor(db, today, i));
  return { ...d, figures: planFigures(d) };
}

async function signalsFor(db: DbOrTx, today: string, indicators: Array<{ source: string | null }>) {
  return {
    computed: await computeSources(
      db,
      today,
      indicators.map((i) => i.source),
    ),
    flagged: await flaggedActions(db),
  };
}
