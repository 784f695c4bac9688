import type { ActionsTable, CommitmentsTable, IndicatorsTable, MilestonesTable, PlansTable } from '../../../db/schema';
import type { Action, Commitment, Indicator, IndicatorValue, Milestone, PlanInfo, Rag } from '../../contract';
import { parseJson } from '../util';

/** Row (snake_case, SQLite types) ↔ contract (camelCase, JS types). */

const row = (r: { id: string; created_at: string; updated_at: string; updated_by: string | null; deleted_at: string | null }) => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
});

export const toPlanInfo = (p: PlansTable): PlanInfo => ({
  id: p.id,
  title: p.title,
  vision: p.vision,
  goal: p.goal,
  strategicDirections: parseJson(p.strategic_directions, []),
  priorities: parseJson(p.priorities, []),
  periodStart: p.period_start,
  periodEnd: p.period_end,
});

export const toCommitment = (c: CommitmentsTable): Commitment => ({
  ...row(c),
  code: c.code,
  title: c.title,
  description: c.description,
  objective: c.objective,
  problem: c.problem,
  solution: c.solution,
  actors: c.actors,
  relevanceLocal: c.relevance_local,
  relevanceNational: c.relevance_national,
  relevanceInternational: c.relevance_international,
  ogpValues: parseJson(c.ogp_values, []),
  startDate: c.start_date,
  endDate: c.end_date,
  leadInstitution: c.lead_institution,
  responsiblePerson: c.responsible_person,
  designVerifiable: c.design_verifiable == null ? null : c.design_verifiable === 1,
  designPotential: c.design_potential as Commitment['designPotential'],
  completion: c.completion as Commitment['completion'],
  openedGovernment: parseJson(c.opened_government, {}),
  factors: c.factors,
  lessons: c.lessons,
  weight: c.weight,
  sortOrder: c.sort_order,
});

/** A full Action from its row and the figures computed by the plan state (one object, no copies). */
export const toAction = (a: ActionsTable & { last_update_date?: string | null }, progress: number, expectedProgress: number, rag: Rag): Action => ({
  id: a.id,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
  updatedBy: a.updated_by,
  deletedAt: a.deleted_at,
  commitmentId: a.commitment_id,
  parentId: a.parent_id,
  code: a.code,
  title: a.title,
  deliverable: a.deliverable,
  plannedStart: a.planned_start,
  plannedEnd: a.planned_end,
  actualStart: a.actual_start,
  actualEnd: a.actual_end,
  responsibleOrg: a.responsible_org,
  responsiblePerson: a.responsible_person,
  status: a.status,
  progress,
  weight: a.weight,
  blockers: a.blockers,
  lastUpdateDate: a.last_update_date ?? null,
  expectedProgress,
  rag,
});

export const toMilestone = (m: MilestonesTable): Milestone => ({
  ...row(m),
  actionId: m.action_id,
  title: m.title,
  dueDate: m.due_date,
  done: m.done === 1,
  doneDate: m.done_date,
});

export const toIndicator = (
  i: IndicatorsTable,
  actionIds: string[],
  latest: IndicatorValue | null,
  percentOfTarget: number | null,
  rag: Rag,
): Indicator => ({
  id: i.id,
  createdAt: i.created_at,
  updatedAt: i.updated_at,
  updatedBy: i.updated_by,
  deletedAt: i.deleted_at,
  commitmentId: i.commitment_id,
  code: i.code,
  name: i.name,
  unit: i.unit,
  type: i.type,
  direction: i.direction,
  baseline: i.baseline,
  baselineDate: i.baseline_date,
  target: i.target,
  denominator: i.denominator,
  denominatorSource: i.denominator_source,
  denominatorYear: i.denominator_year,
  countingRule: i.counting_rule,
  dataSource: i.data_source,
  frequency: i.frequency,
  responsibleDepartment: i.responsible_department,
  source: i.source,
  actionIds,
  latest,
  percentOfTarget,
  rag,
});
