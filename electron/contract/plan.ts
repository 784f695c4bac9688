import { z } from 'zod';
import { because, issue } from './issues';
import { ALL, EDITORS, COORDINATOR, method } from './define';
import { evidenceUpload, expectedUpdatedAt, id, isoDate, percent, requiredText, text, weight, type Attachment, type Row } from './common';

export const ACTION_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export const RAG_STATUSES = ['complete', 'late', 'at_risk', 'on_track', 'not_started', 'no_data'] as const;
export const OGP_VALUES = ['access_to_information', 'civic_participation', 'public_accountability', 'technology_innovation'] as const;
export const DESIGN_POTENTIAL = ['unclear', 'modest', 'substantial'] as const;
export const COMPLETION_LEVELS = ['no_evidence', 'not_started', 'limited', 'substantial', 'complete'] as const;
export const OPENED_GOVERNMENT_LEVELS = ['worsened', 'did_not_change', 'marginal', 'major', 'outstanding'] as const;
export const INDICATOR_TYPES = ['cumulative', 'per_period', 'ratio', 'milestone'] as const;
export const DIRECTIONS = ['increase', 'decrease'] as const;

export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type Rag = (typeof RAG_STATUSES)[number];
export type OgpValue = (typeof OGP_VALUES)[number];
export type CompletionLevel = (typeof COMPLETION_LEVELS)[number];
export type OpenedGovernmentLevel = (typeof OPENED_GOVERNMENT_LEVELS)[number];
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** Hierarchical codes: A1, A1.2, A1.2.1 … */
export const commitmentCode = z
  .string()
  .trim()
  .regex(/^A\d{1,2}$/, because('commitmentCode'));
export const actionCode = z
  .string()
  .trim()
  .regex(/^A\d{1,2}(\.\d{1,2}){1,3}$/, because('actionCode'));
export const indicatorCode = z
  .string()
  .trim()
  .regex(/^I[\w.-]{1,30}$/, because('indicatorCode'));

const dateRange = <T extends z.ZodObject>(schema: T, start: string, end: string) =>
  schema.superRefine((v: Record<string, unknown>, ctx) => {
    const s = v[start];
    const e = v[end];
    if (typeof s === 'string' && typeof e === 'string' && e < s) {
      ctx.addIssue(issue([end], 'endBeforeStart'));
    }
  });

export interface PlanInfo {
  id: string;
  title: string;
  vision: string;
  goal: string;
  strategicDirections: string[];
  priorities: string[];
  periodStart: string | null;
  periodEnd: string | null;
}

export interface Commitment extends Row {
  code: string;
  title: string;
  description: string;
  objective: string;
  problem: string;
  solution: string;
  actors: string;
  relevanceLocal: string;
  relevanceNational: string;
  relevanceInternational: string;
  ogpValues: OgpValue[];
  startDate: string | null;
  endDate: string | null;
  leadInstitution: string;
  responsiblePerson: string;
  designVerifiable: boolean | null;
  designPotential: (typeof DESIGN_POTENTIAL)[number] | null;
  completion: CompletionLevel | null;
  openedGovernment: Partial<Record<OgpValue, OpenedGovernmentLevel>>;
  factors: string;
  lessons: string;
  weight: number | null;
  sortOrder: number;
}

export interface CommitmentSummary extends Commitment {
  progress: number;
  expectedProgress: number;
  rag: Rag;
  actionCount: number;
  indicatorCount: number;
}

export interface Action extends Row {
  commitmentId: string;
  parentId: string | null;
  code: string;
  title: string;
  deliverable: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  responsibleOrg: string;
  responsiblePerson: string;
  status: ActionStatus;
  progress: number;
  weight: number | null;
  blockers: string;
  lastUpdateDate: string | null;
  expectedProgress: number;
  rag: Rag;
}

export interface Milestone extends Row {
  actionId: string;
  title: string;
  dueDate: string | null;
  done: boolean;
  doneDate: string | null;
}

export interface IndicatorValue {
  /** The measurement's date, or the latest counting record's for a computed indicator (null when its records carry no date). */
  date: string | null;
  /** The measured value (for ratios: the numerator). */
  value: number;
  period: string | null;
  /** What is compared with the target: the value, or numerator / denominator × 100 for ratios. */
  comparable: number;
}

/** A record that counts toward a computed indicator (a person trained, a partnership, a funding source …). */
export interface IndicatorRecord {
  kind: string;
  id: string;
  label: string;
  date: string | null;
}

export interface Indicator extends Row {
  commitmentId: string;
  code: string;
  name: string;
  unit: string;
  type: IndicatorType;
  direction: (typeof DIRECTIONS)[number];
  baseline: number | null;
  baselineDate: string | null;
  /** Target of the comparable value: a count, a per-period count, a percentage (ratio) or 1 (milestone). */
  target: number;
  denominator: number | null;
  denominatorSource: string;
  denominatorYear: number | null;
  countingRule: string;
  dataSource: string;
  frequency: string;
  responsibleDepartment: string;
  /** Computed from another module's records (e.g. `training.employees_open_government`); null = measured by hand. */
  source: string | null;
  actionIds: string[];
  latest: IndicatorValue | null;
  percentOfTarget: number | null;
  rag: Rag;
}

export interface Measurement extends Row {
  indicatorId: string;
  date: string;
  value: number;
  period: string | null;
  note: string;
  evidence: Attachment[];
}

export interface ProgressUpdate extends Row {
  actionId: string;
  date: string;
  progress: number;
  status: ActionStatus;
  note: string;
  authorName: string | null;
  evidence: Attachment[];
}

export interface DashboardItem {
  kind: 'commitment' | 'action' | 'indicator';
  id: string;
  code: string;
  title: string;
  rag: Rag;
  /** Why it is listed: `end_passed`, `behind_expected`, `no_update`, `risk_above_tolerance`. */
  reason: string;
}

/**
 * The plan-level figures every output shows (electron/core/plan/figures.ts computes them, once). Unrounded:
 * outputs round at display with ./figures (formatFigurePercent …).
 */
export interface PlanFigures {
  /** Commitments' progress rolled up (weighted average; plain average when no commitment has a weight). */
  overallProgress: number;
  overallExpected: number;
  /** How many actions and indicators are late, at risk, without data: the lengths of the lists below. */
  counts: { late: number; atRisk: number; noData: number };
  late: DashboardItem[];
  atRisk: DashboardItem[];
  noData: DashboardItem[];
  actionRag: Record<Rag, number>;
  indicatorRag: Record<Rag, number>;
  /** Actions and indicators together, per status: the status tags (their late/at risk/no data equal `counts`). */
  itemRag: Record<Rag, number>;
  commitmentRag: Record<Rag, number>;
}

export interface Dashboard {
  generatedAt: string;
  today: string;
  figures: PlanFigures;
  commitments: Array<Pick<CommitmentSummary, 'id' | 'code' | 'title' | 'progress' | 'expectedProgress' | 'rag' | 'completion' | 'startDate' | 'endDate'>>;
  indicators: Array<{
    id: string;
    code: string;
    name: string;
    commitmentCode: string;
    type: IndicatorType;
    unit: string;
    value: number | null;
    target: number;
    percentOfTarget: number | null;
    rag: Rag;
    lastDate: string | null;
  }>;
  timeline: Array<{
    id: string;
    code: string;
    title: string;
    commitmentCode: string;
    plannedStart: string | null;
    plannedEnd: string | null;
    actualStart: string | null;
    actualEnd: string | null;
    progress: number;
    status: ActionStatus;
    rag: Rag;
  }>;
}

const commitmentFields = z.object({
  code: commitmentCode,
  title: requiredText(300),
  description: text().default(''),
  objective: text().default(''),
  problem: text().default(''),
  solution: text().default(''),
  actors: text().default(''),
  relevanceLocal: text().default(''),
  relevanceNational: text().default(''),
  relevanceInternational: text().default(''),
  ogpValues: z.array(z.enum(OGP_VALUES)).max(4).default([]),
  startDate: isoDate.nullable().default(null),
  endDate: isoDate.nullable().default(null),
  leadInstitution: text(300).default(''),
  responsiblePerson: text(200).default(''),
  designVerifiable: z.boolean().nullable().default(null),
  designPotential: z.enum(DESIGN_POTENTIAL).nullable().default(null),
  weight: weight.nullable().default(null),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});

const actionFields = z.object({
  commitmentId: id,
  parentId: id.nullable().default(null),
  code: actionCode,
  title: requiredText(500),
  deliverable: text().default(''),
  plannedStart: isoDate.nullable().default(null),
  plannedEnd: isoDate.nullable().default(null),
  actualStart: isoDate.nullable().default(null),
  actualEnd: isoDate.nullable().default(null),
  responsibleOrg: text(300).default(''),
  responsiblePerson: text(200).default(''),
  status: z.enum(ACTION_STATUSES).default('not_started'),
  progress: percent.default(0),
  weight: weight.nullable().default(null),
  blockers: text().default(''),
});

const indicatorFields = z.object({
  commitmentId: id,
  code: indicatorCode,
  name: requiredText(500),
  unit: text(60).default(''),
  type: z.enum(INDICATOR_TYPES),
  direction: z.enum(DIRECTIONS).default('increase'),
  baseline: z.number().finite().nullable().default(null),
  baselineDate: isoDate.nullable().default(null),
  target: z.number().finite().min(0),
  denominator: z.number().finite().positive().nullable().default(null),
  denominatorSource: text(500).default(''),
  denominatorYear: z.number().int().min(1900).max(2100).nullable().default(null),
  countingRule: text().default(''),
  dataSource: text(500).default(''),
  frequency: text(60).default(''),
  responsibleDepartment: text(300).default(''),
  /** Omitted on a save: keep the current source. */
  source: z.string().trim().max(100).nullable().optional(),
  actionIds: z.array(id).max(100).default([]),
});

const withId = { id: id.optional(), expectedUpdatedAt: expectedUpdatedAt.optional() };
const ref = z.object({ id }).strict();
const deleteRef = z.object({ id, expectedUpdatedAt }).strict();

export const saveCommitmentInput = dateRange(commitmentFields.extend(withId).strict(), 'startDate', 'endDate');
export const saveActionInput = dateRange(dateRange(actionFields.extend(withId).strict(), 'plannedStart', 'plannedEnd'), 'actualStart', 'actualEnd');
export const saveIndicatorInput = indicatorFields
  .extend(withId)
  .strict()
  .superRefine((v, ctx) => {
    if (v.type === 'ratio' && v.denominator == null) ctx.addIssue(issue(['denominator'], 'ratioDenominator'));
    if (v.type === 'ratio' && v.target > 100) ctx.addIssue(issue(['target'], 'ratioTarget'));
    if (v.type === 'milestone' && v.target !== 1) ctx.addIssue(issue(['target'], 'milestoneTarget'));
  });
export const saveMilestoneInput = z
  .object({
    ...withId,
    actionId: id,
    title: requiredText(500),
    dueDate: isoDate.nullable().default(null),
    done: z.boolean().default(false),
    doneDate: isoDate.nullable().default(null),
  })
  .strict();
export const addMeasurementInput = z
  .object({
    indicatorId: id,
    date: isoDate,
    value: z.number().finite(),
    period: z.string().trim().max(20).nullable().default(null),
    note: text(5000).default(''),
    evidence: z.array(evidenceUpload).max(3).default([]),
  })
  .strict();
/** What a progress update says, new or corrected: its date, progress, status and note, and evidence added with it. */
const progressUpdateFields = {
  date: isoDate,
  progress: percent,
  status: z.enum(ACTION_STATUSES).optional(),
  note: text(5000).default(''),
  evidence: z.array(evidenceUpload).max(3).default([]),
};
export const addProgressUpdateInput = z.object({ actionId: id, ...progressUpdateFields }).strict();
/** A correction of a progress update (evidence added with it; none removed). */
export const saveProgressUpdateInput = z.object({ id, expectedUpdatedAt, ...progressUpdateFields }).strict();
export const setAssessmentInput = z
  .object({
    id,
    expectedUpdatedAt,
    completion: z.enum(COMPLETION_LEVELS).nullable(),
    openedGovernment: z.partialRecord(z.enum(OGP_VALUES), z.enum(OPENED_GOVERNMENT_LEVELS)),
    factors: text().default(''),
    lessons: text().default(''),
  })
  .strict();

export type SaveCommitmentInput = z.input<typeof saveCommitmentInput>;
export type SaveActionInput = z.input<typeof saveActionInput>;
export type SaveIndicatorInput = z.input<typeof saveIndicatorInput>;
export type SaveMilestoneInput = z.input<typeof saveMilestoneInput>;
export type AddMeasurementInput = z.input<typeof addMeasurementInput>;
export type AddProgressUpdateInput = z.input<typeof addProgressUpdateInput>;
export type SaveProgressUpdateInput = z.input<typeof saveProgressUpdateInput>;

/** What deleting an action takes with it (the delete prompt says it before the user confirms; undo brings it all back). */
export interface ActionDeleteImpact {
  /** The action's sub-actions, at any depth. */
  subActions: Array<{ id: string; code: string }>;
  /** Progress updates (the action's history) of the action and its sub-actions. */
  progressUpdates: number;
  milestones: number;
  /** Evidence files attached to those progress updates. */
  evidence: number;
  /** RACI roles of the action and its sub-actions (hidden while the action is deleted). */
  raciLinks: number;
  /** Live indicators linked to the action or its sub-actions (they stay; the link is hidden). */
  indicators: number;
}

export const planContract = {
  'plan.getInfo': method<PlanInfo>()(z.object({}).strict(), ALL),
  'plan.listCommitments': method<CommitmentSummary[]>()(z.object({ includeDeleted: z.boolean().default(false) }).strict(), ALL),
  'plan.getCommitment': method<CommitmentSummary>()(ref, ALL),
  'plan.saveCommitment': method<Commitment>()(saveCommitmentInput, EDITORS),
  'plan.deleteCommitment': method<null>()(deleteRef, EDITORS),
  'plan.restoreCommitment': method<null>()(ref, EDITORS),
  'plan.setAssessment': method<Commitment>()(setAssessmentInput, COORDINATOR),

  'plan.listActions': method<Action[]>()(z.object({ commitmentId: id.optional() }).strict(), ALL),
  'plan.saveAction': method<Action>()(saveActionInput, EDITORS),
  /** What a delete of this action takes with it: sub-actions, history, milestones, evidence, RACI roles. */
  'plan.getActionDeleteImpact': method<ActionDeleteImpact>()(ref, EDITORS),
  /** Deletes the action with its sub-actions, their progress updates (and evidence) and milestones, with one stamp. */
  'plan.deleteAction': method<null>()(deleteRef, EDITORS),
  'plan.restoreAction': method<null>()(ref, EDITORS),

  'plan.listMilestones': method<Milestone[]>()(z.object({ actionId: id }).strict(), ALL),
  'plan.saveMilestone': method<Milestone>()(saveMilestoneInput, EDITORS),
  'plan.deleteMilestone': method<null>()(deleteRef, EDITORS),

  'plan.listIndicators': method<Indicator[]>()(z.object({ commitmentId: id.optional() }).strict(), ALL),
  'plan.saveIndicator': method<Indicator>()(saveIndicatorInput, EDITORS),
  'plan.deleteIndicator': method<null>()(deleteRef, EDITORS),
  'plan.restoreIndicator': method<null>()(ref, EDITORS),

  /** The records that count toward a computed indicator, and the rule that says what counts. */
  'plan.indicatorRecords': method<{ source: string | null; rule: string | null; value: number | null; records: IndicatorRecord[] }>()(
    z.object({ id }).strict(),
    EDITORS,
  ),
  'plan.listMeasurements': method<Measurement[]>()(z.object({ indicatorId: id }).strict(), ALL),
  'plan.addMeasurement': method<Measurement>()(addMeasurementInput, EDITORS),
  'plan.deleteMeasurement': method<null>()(deleteRef, EDITORS),

  'plan.listProgressUpdates': method<ProgressUpdate[]>()(z.object({ actionId: id }).strict(), ALL),
  'plan.addProgressUpdate': method<ProgressUpdate>()(addProgressUpdateInput, EDITORS),
  /** Corrects an update; the action's progress and status follow its latest update. */
  'plan.saveProgressUpdate': method<ProgressUpdate>()(saveProgressUpdateInput, EDITORS),
  /** Deletes an update with its evidence (undo: restoreProgressUpdate); the action follows its latest remaining update. */
  'plan.deleteProgressUpdate': method<null>()(deleteRef, EDITORS),
  'plan.restoreProgressUpdate': method<null>()(ref, EDITORS),

  'plan.dashboard': method<Dashboard>()(z.object({ today: isoDate.optional() }).strict(), ALL),
  /** Starts a job that writes the plan workbook; the job's result is `{ fileId, fileName }`. */
  'plan.exportExcel': method<{ jobId: string }>()(z.object({}).strict(), EDITORS),
};
