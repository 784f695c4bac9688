import type { DbOrTx } from '../../../../db/connection';
import * as q from '../../../../db/queries/publishing-site';
import type { CompletionLevel, OgpValue } from '../../../contract';
import { readSettings } from '../../admin/settings';
import { computeSources, flaggedActions } from '../../plan/sources';
import { derivePlan } from '../../plan/state';
import { planFigures } from '../../plan/figures';
import { parseJson } from '../../util';
import { collectEvidence, type SiteEvidence } from './evidence';
import { redact } from './redaction';
import { push, uniqueSlugs } from './shared';
import type {
  CollectOptions,
  PublicAction,
  PublicCommitment,
  PublicData,
  PublicIndicator,
  PublicMeasurement,
  PublicMilestone,
  PublicPartner,
  PublicUpdate,
} from './types';

export type PublicPlanPart = Pick<PublicData, 'plan' | 'overallProgress' | 'attention' | 'commitments' | 'actions' | 'indicators'> & { evidence: SiteEvidence };

/**
 * The plan: commitments, actions and indicators as the app derives them (progress, RAG, computed indicators),
 * with their updates, milestones, measurements and evidence files; the RACI names only the published partners.
 */
export async function collectPlan(db: DbOrTx, opts: CollectOptions, partners: PublicPartner[]): Promise<PublicPlanPart> {
  const today = opts.publicationDate;
  const [planRow, cRows, aRows, iRows, links, milestones, updates, measurements, evidenceRows, ragSettings] = await Promise.all([
    q.sitePlan(db),
    q.siteCommitments(db),
    q.siteActions(db),
    q.siteIndicators(db),
    q.siteIndicatorActions(db),
    q.siteMilestones(db),
    q.siteProgressUpdates(db),
    q.siteMeasurements(db),
    opts.site.evidenceFiles ? q.siteEvidence(db) : Promise.resolve([]),
    readSettings(db),
  ]);
  // Computed indicators: only their value and date leave (their records may name people).
  const computed = await computeSources(
    db,
    today,
    iRows.map((i) => i.source),
  );
  for (const r of computed.values()) r.records = [];
  const derived = derivePlan(cRows, aRows, iRows, links, today, ragSettings, { computed, flagged: await flaggedActions(db) });

  const evidence = await collectEvidence(db, opts.dataDir, evidenceRows);
  const { evidenceBy } = evidence;

  const updatesBy = new Map<string, PublicUpdate[]>();
  for (const u of updates)
    push(updatesBy, u.action_id, {
      date: u.date,
      progress: u.progress,
      status: u.status,
      note: redact(u.note),
      evidence: evidenceBy.get(`progress_update:${u.id}`) ?? [],
    });
  const milestonesBy = new Map<string, PublicMilestone[]>();
  for (const m of milestones) push(milestonesBy, m.action_id, { title: redact(m.title), dueDate: m.due_date, done: m.done === 1, doneDate: m.done_date });
  const measurementsBy = new Map<string, PublicMeasurement[]>();
  for (const m of measurements)
    push(measurementsBy, m.indicator_id, { date: m.date, value: Number(m.value), period: m.period, evidence: evidenceBy.get(`measurement:${m.id}`) ?? [] });

  const partnerName = new Map(partners.map((p) => [p.id, p.name]));
  const raciBy = new Map<string, PublicAction['raci']>();
  for (const r of await q.siteRaci(db)) {
    const name = partnerName.get(r.stakeholder_id);
    if (name) push(raciBy, r.action_id, { partner: name, role: r.role });
  }

  const indicatorsOfAction = new Map<string, string[]>();
  for (const l of links) push(indicatorsOfAction, l.action_id, l.indicator_id);
  const actionSlugs = uniqueSlugs(derived.actions.map((a) => a.row));
  const indicatorSlugs = uniqueSlugs(derived.indicators.map((i) => i.row));
  const commitmentSlugs = uniqueSlugs(derived.commitments.map((c) => c.row));
  const liveIndicators = new Set(derived.indicators.map((i) => i.row.id));
  const liveActions = new Set(derived.actions.map((a) => a.row.id));

  const actions: PublicAction[] = derived.actions.map(({ row: a, progress, rag }) => ({
    id: a.id,
    slug: actionSlugs.get(a.id)!,
    commitmentId: a.commitment_id,
    parentId: a.parent_id && liveActions.has(a.parent_id) ? a.parent_id : null,
    code: a.code,
    title: redact(a.title),
    deliverable: redact(a.deliverable),
    plannedStart: a.planned_start,
    plannedEnd: a.planned_end,
    actualStart: a.actual_start,
    actualEnd: a.actual_end,
    responsibleOrg: redact(a.responsible_org),
    status: a.status,
    progress,
    rag,
    updates: updatesBy.get(a.id) ?? [],
    milestones: milestonesBy.get(a.id) ?? [],
    indicatorIds: (indicatorsOfAction.get(a.id) ?? []).filter((i) => liveIndicators.has(i)),
    raci: raciBy.get(a.id) ?? [],
  }));

  const indicators: PublicIndicator[] = derived.indicators.map(({ row: i, latest, percentOfTarget, rag, actionIds }) => ({
    id: i.id,
    slug: indicatorSlugs.get(i.id)!,
    commitmentId: i.commitment_id,
    code: i.code,
    name: redact(i.name),
    unit: redact(i.unit),
    type: i.type,
    direction: i.direction,
    baseline: i.baseline,
    baselineDate: i.baseline_date,
    target: i.target,
    denominator: i.denominator,
    denominatorSource: redact(i.denominator_source),
    denominatorYear: i.denominator_year,
    countingRule: redact(i.counting_rule),
    dataSource: redact(i.data_source),
    frequency: redact(i.frequency),
    responsibleDepartment: redact(i.responsible_department),
    computed: i.source != null && computed.has(i.source),
    // A computed indicator is dated by its latest counting record, never by the build day.
    latest: latest ? { date: latest.date, value: latest.value, comparable: latest.comparable, period: latest.period } : null,
    // Unrounded, like every figure: the pages round it at display (contract/figures.ts).
    percentOfTarget,
    rag,
    actionIds: actionIds.filter((id) => liveActions.has(id)),
    // A computed indicator's value comes from records; hand measurements are not its history.
    measurements: i.source != null && computed.has(i.source) ? [] : (measurementsBy.get(i.id) ?? []),
  }));

  const actionsOf = new Map<string, string[]>();
  for (const a of actions) push(actionsOf, a.commitmentId, a.id);
  const indicatorsOf = new Map<string, string[]>();
  for (const i of indicators) push(indicatorsOf, i.commitmentId, i.id);

  const commitments: PublicCommitment[] = derived.commitments.map(({ row: c, progress, rag }) => ({
    id: c.id,
    slug: commitmentSlugs.get(c.id)!,
    code: c.code,
    title: redact(c.title),
    description: redact(c.description),
    objective: redact(c.objective),
    problem: redact(c.problem),
    solution: redact(c.solution),
    actors: redact(c.actors),
    relevanceLocal: redact(c.relevance_local),
    relevanceNational: redact(c.relevance_national),
    relevanceInternational: redact(c.relevance_international),
    ogpValues: parseJson<OgpValue[]>(c.ogp_values, []),
    startDate: c.start_date,
    endDate: c.end_date,
    leadInstitution: redact(c.lead_institution),
    designVerifiable: c.design_verifiable == null ? null : c.design_verifiable === 1,
    designPotential: c.design_potential,
    completion: c.completion as CompletionLevel | null,
    openedGovernment: parseJson(c.opened_government, {}),
    factors: redact(c.factors),
    lessons: redact(c.lessons),
    progress,
    rag,
    actionIds: actionsOf.get(c.id) ?? [],
    indicatorIds: indicatorsOf.get(c.id) ?? [],
  }));

  // The plan-level figures are core's one computation (plan/figures.ts), as on the dashboard and in the workbooks;
  // only the counts leave (the lists name internal titles before redaction).
  const figures = planFigures(derived);

  return {
    plan: planRow
      ? {
          title: redact(planRow.title),
          vision: redact(planRow.vision),
          goal: redact(planRow.goal),
          strategicDirections: parseJson<string[]>(planRow.strategic_directions, []).map(redact),
          priorities: parseJson<string[]>(planRow.priorities, []).map(redact),
          periodStart: planRow.period_start,
          periodEnd: planRow.period_end,
        }
      : null,
    overallProgress: figures.overallProgress,
    attention: figures.counts,
    commitments,
    actions,
    indicators,
    evidence,
  };
}
