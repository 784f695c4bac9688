import * as q from '../../../db/queries/agenda';
import { foldText, riskLevel, type Agenda, type AgendaItem, type AgendaModule, type BudgetPhase, type ChangeEntry, type Changes } from '../../contract';
import { addPeriod, nextReviewOf } from '../datasets/service';
import type { ServiceContext } from '../context';
import { readRiskSettings } from '../risks/service';
import { effectiveExposure, nextReview } from '../risks/rules';
import { parseJson } from '../util';
import { visibilityFor } from '../visibility';

/**
 * "Ce am de făcut": what is late and what falls due this week across the modules, for a coordinator's or a
 * member's start page — risk reviews (the register's review schedule), indicator measurements (one period after
 * the last measurement), dataset reviews (the inventory's schedule), funding deadlines of calls still open,
 * budgeting phases ending this week and evaluations not submitted by the end of the evaluation phase.
 * A module the caller's role does not see in full (core/visibility.ts) contributes nothing.
 */

const WEEK_DAYS = 7;

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** An indicator's measuring period in months, from its free-text frequency (Romanian or English); null: not periodic. */
export function frequencyMonths(frequency: string): number | null {
  const f = foldText(frequency);
  if (/lun|month/.test(f)) return 1;
  if (/trimest|quarter/.test(f)) return 3;
  if (/semest|semi|half/.test(f)) return 6;
  if (/\ban|year/.test(f)) return 12;
  return null;
}

const MONTHS_TO_FREQ = { 1: 'monthly', 3: 'quarterly', 6: 'semiannual', 12: 'annual' } as const;

export async function agenda(ctx: ServiceContext, today: string): Promise<Agenda> {
  const weekEnd = plusDays(today, WEEK_DAYS);
  const role = ctx.actor.role;
  const sees = (m: AgendaModule) => visibilityFor(role, m) === 'all';
  const items: AgendaItem[] = [];
  const push = (it: Omit<AgendaItem, 'state'>) => {
    if (it.dueOn < today) items.push({ ...it, state: 'late' });
    else if (it.dueOn <= weekEnd) items.push({ ...it, state: 'week' });
  };

  if (sees('risks')) {
    const s = await readRiskSettings(ctx.db);
    for (const r of await q.openRisksForReview(ctx.db)) {
      const next = nextReview(r.last_review_date, r.created_at.slice(0, 10), riskLevel(effectiveExposure(r)), s);
      push({ kind: 'risk_review', module: 'risks', id: r.id, code: r.code, title: r.description, dueOn: next, route: `/risks/${r.id}` });
    }
  }
  if (sees('plan')) {
    for (const i of await q.indicatorsWithLastMeasurement(ctx.db)) {
      const months = frequencyMonths(i.frequency);
      const from = i.last_date ?? i.baseline_date;
      if (!months || !from) continue;
      push({
        kind: 'measurement',
        module: 'plan',
        id: i.id,
        code: i.code,
        title: i.name,
        dueOn: addPeriod(from.slice(0, 10), MONTHS_TO_FREQ[months as 1 | 3 | 6 | 12]),
        route: `/indicators/${i.id}`,
      });
    }
  }
  if (sees('datasets')) {
    for (const d of await q.datasetsForReview(ctx.db))
      push({ kind: 'dataset_review', module: 'datasets', id: d.id, code: d.slug, title: d.name, dueOn: nextReviewOf(d), route: `/datasets/${d.id}` });
  }
  if (sees('funding')) {
    for (const c of await q.callsWithDeadlineBy(ctx.db, weekEnd))
      push({
        kind: 'funding_deadline',
        module: 'funding',
        id: c.id,
        code: c.code,
        title: c.title,
        dueOn: c.deadline!.slice(0, 10),
        route: `/funding/calls/${c.id}`,
      });
  }
  if (sees('budgeting')) {
    const pending = new Map((await q.unsubmittedEvaluationsByCampaign(ctx.db)).map((r) => [r.campaign_id, Number(r.pending)]));
    for (const c of await q.campaignsWithPhases(ctx.db)) {
      const phases = parseJson<BudgetPhase[]>(c.phases, []);
      const base = { module: 'budgeting' as const, id: c.id, code: c.edition || c.name, title: c.name, route: `/budgeting/campaigns/${c.id}` };
      // a phase ending this week (one that has ended is over, not late)
      for (const p of phases) if (p.endsOn >= today && p.endsOn <= weekEnd) push({ ...base, kind: 'pb_phase', dueOn: p.endsOn, phase: p.kind });
      const evaluation = phases.find((p) => p.kind === 'evaluation');
      const n = pending.get(c.id) ?? 0;
      if (evaluation && n > 0) push({ ...base, kind: 'evaluation', dueOn: evaluation.endsOn, pending: n });
    }
  }

  items.sort(
    (a, b) =>
      (a.state === b.state ? 0 : a.state === 'late' ? -1 : 1) || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) || a.code.localeCompare(b.code, 'ro'),
  );
  const byModule: Agenda['byModule'] = {};
  for (const it of items) byModule[it.module] = (byModule[it.module] ?? 0) + 1;
  return { today, weekEnd, items, byModule };
}

/** Entities only a coordinator follows (accounts and settings): left out for members. */
const COORDINATOR_ONLY = ['user', 'settings', 'risk_settings', 'publishing_target'] as const;

/**
 * "Ce s-a schimbat": what others changed since the caller's last visit, from the audit log — the kind of record,
 * the action and the names of the fields changed, never their values (a member does not see evaluators'
 * unsubmitted scores, and the start page needs no values).
 */
export async function changes(ctx: ServiceContext, since: string, limit: number): Promise<Changes> {
  const { rows, total } = await q.changesSince(ctx.db, {
    since,
    actorId: ctx.actor.id,
    excludeEntities: ctx.actor.role === 'coordinator' || ctx.actor.role === 'system' ? [] : COORDINATOR_ONLY,
    limit,
  });
  return {
    since,
    total,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorName: r.actor_name,
      entity: r.entity as ChangeEntry['entity'],
      entityId: r.entity_id,
      action: r.action as ChangeEntry['action'],
      fields:
        r.action === 'update' ? Object.keys(parseJson<Record<string, unknown>>(r.changes, {})).filter((k) => k !== 'updated_at' && k !== 'updatedAt') : [],
    })),
  };
}
