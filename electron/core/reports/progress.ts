import * as pq from '../../../db/queries/plan';
import * as rq from '../../../db/queries/reports';
import * as sq from '../../../db/queries/stakeholders';
import { ATTRACTED_STATUSES, type ProgressReport, type Rag } from '../../contract';
import type { ServiceContext } from '../context';
import { listApplications, listCalls } from '../funding/service';
import { monthsBefore, type RagSettings } from '../plan/rag';
import { computePlanState } from '../plan/state';
import { registerState } from '../risks/service';
import { partnershipActive } from '../stakeholders/mappers';
import { listProgrammes } from '../training/service';
import { compareCodes } from '../util';

/** Worst first: what the Local Council should look at comes first. */
const SEVERITY: Record<Rag, number> = { late: 0, at_risk: 1, no_data: 2, on_track: 3, not_started: 4, complete: 5 };
const RECENT_UPDATES = 40;

/** Everything the printable progress report shows, computed for `today` with the plan's RAG settings. */
export async function progressReport(ctx: ServiceContext, today: string, settings: RagSettings): Promise<ProgressReport> {
  const plan = await pq.getPlan(ctx.db);
  const state = await computePlanState(ctx.db, today, settings);
  const since = monthsBefore(today, settings.noDataMonths);
  const codeOf = new Map(state.commitments.map((c) => [c.id, c.code]));
  const actionsById = new Map(state.actions.map((a) => [a.id, a]));

  const updates = (await pq.listProgressUpdates(ctx.db))
    .filter((u) => u.date >= since && u.date <= today && actionsById.has(u.action_id))
    .slice(0, RECENT_UPDATES)
    .map((u) => ({
      id: u.id,
      actionCode: actionsById.get(u.action_id)!.code,
      actionTitle: actionsById.get(u.action_id)!.title,
      date: u.date,
      progress: u.progress,
      note: u.note,
    }));

  const { risks } = await registerState(ctx.db, today);
  const openRisks = risks.filter((r) => r.status === 'open');
  const [programmes, trainedPeople, partnerships, calls, apps] = await Promise.all([
    listProgrammes(ctx),
    rq.distinctTrainedPeople(ctx.db),
    sq.listPartnerships(ctx.db),
    listCalls(ctx),
    listApplications(ctx),
  ]);
  const attracted = new Set<string>(ATTRACTED_STATUSES);

  return {
    planTitle: plan?.title ?? '',
    periodStart: plan?.period_start ?? null,
    periodEnd: plan?.period_end ?? null,
    today,
    since,
    // The plan-level figures are core's one computation (plan/figures.ts), as on the dashboard and the site.
    overallProgress: state.figures.overallProgress,
    overallExpected: state.figures.overallExpected,
    counts: state.figures.counts,
    commitments: state.commitments.map((c) => ({
      id: c.id,
      code: c.code,
      title: c.title,
      startDate: c.startDate,
      endDate: c.endDate,
      leadInstitution: c.leadInstitution,
      progress: c.progress,
      expectedProgress: c.expectedProgress,
      rag: c.rag,
      actionCount: c.actionCount,
      indicatorCount: c.indicatorCount,
      completion: c.completion,
    })),
    indicators: state.indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      commitmentCode: codeOf.get(i.commitmentId) ?? '',
      unit: i.type === 'ratio' && !i.unit ? '%' : i.unit,
      current: i.latest?.comparable ?? null,
      target: i.target,
      percentOfTarget: i.percentOfTarget,
      rag: i.rag,
      lastDate: i.latest?.date ?? null,
    })),
    attention: state.actions
      .filter((a) => a.rag === 'late' || a.rag === 'at_risk')
      .sort((a, b) => SEVERITY[a.rag] - SEVERITY[b.rag] || compareCodes(a.code, b.code))
      .map((a) => ({
        id: a.id,
        code: a.code,
        title: a.title,
        commitmentCode: codeOf.get(a.commitmentId) ?? '',
        responsibleOrg: a.responsibleOrg,
        plannedEnd: a.plannedEnd,
        status: a.status,
        progress: a.progress,
        expectedProgress: a.expectedProgress,
        rag: a.rag,
        lastUpdateDate: a.lastUpdateDate,
      })),
    actionRag: state.figures.actionRag,
    indicatorRag: state.figures.indicatorRag,
    recentUpdates: updates,
    risks: {
      open: openRisks.length,
      aboveTolerance: openRisks.filter((r) => r.aboveTolerance).length,
      reviewsOverdue: openRisks.filter((r) => r.reviewState === 'overdue').length,
    },
    training: programmes.map((g) => ({ programme: g.name, actionCode: g.actionCode, sessions: g.sessionCount, completedPeople: g.completedPeople })),
    trainedPeople,
    partnerships: { total: partnerships.length, active: partnerships.filter((p) => partnershipActive(p, today)).length },
    funding: {
      calls: calls.length,
      applications: apps.length,
      requestedBani: apps.reduce((n, a) => n + a.requestedAmount, 0),
      approvedBani: apps.filter((a) => attracted.has(a.status)).reduce((n, a) => n + a.requestedAmount, 0),
    },
  };
}
