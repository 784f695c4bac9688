import { z } from 'zod';
import { because, issue } from './issues';
import { READERS, COORDINATOR, EDITORS, method } from './define';
import { uploadedFile } from './uploads';
import { expectedUpdatedAt, id, isoDate, requiredText, text, type Row } from './common';

/**
 * The risk register (SCIM, OSGG order 600/2018, standard 8; PLA action A4.2): risks with inherent and
 * residual probability × impact on 1–5 scales, control measures, reviews with the residual score's
 * history, the risk-alert form, and the register's settings (tolerance limit, review cadence by level).
 */

export const RISK_CATEGORIES = ['strategic', 'operational', 'financial', 'legal', 'integrity', 'reputational', 'it', 'human_resources', 'other'] as const;
export const RISK_STRATEGIES = ['tolerate', 'treat', 'transfer', 'terminate'] as const;
export const RISK_STATUSES = ['open', 'closed'] as const;
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const REVIEW_DECISIONS = ['keep', 'update', 'escalate', 'close'] as const;
export const ALERT_DECISIONS = ['file', 'investigate', 'escalate', 'register'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'very_high'] as const;
/** Where a residual score came from: a review, an edit of the risk, or an import. */
export const RESIDUAL_SOURCES = ['create', 'edit', 'review', 'import'] as const;

export type RiskCategory = (typeof RISK_CATEGORIES)[number];
export type RiskStrategy = (typeof RISK_STRATEGIES)[number];
export type RiskStatus = (typeof RISK_STATUSES)[number];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export type AlertDecision = (typeof ALERT_DECISIONS)[number];
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Exposure bands (P × I, 1–25) — fixed, the same in core, exports and the heat maps:
 * 1–4 low, 5–9 medium, 10–15 high, 16–25 very high.
 */
export const LEVEL_BANDS: ReadonlyArray<{ level: RiskLevel; min: number; max: number }> = [
  { level: 'low', min: 1, max: 4 },
  { level: 'medium', min: 5, max: 9 },
  { level: 'high', min: 10, max: 15 },
  { level: 'very_high', min: 16, max: 25 },
];
/** The band an exposure falls in (the one band function: core, the exports, the heat maps and the public site). */
export function riskLevel(exposure: number): RiskLevel {
  for (let i = LEVEL_BANDS.length - 1; i > 0; i--) if (exposure >= LEVEL_BANDS[i]!.min) return LEVEL_BANDS[i]!.level;
  return LEVEL_BANDS[0]!.level;
}

/** Days until the next review after a review (or after the risk was recorded), by level. */
export type ReviewCadence = Record<RiskLevel, number>;
export const DEFAULT_RISK_SETTINGS = {
  /** Exposure above this (strictly) is above tolerance. */
  toleranceLimit: 12,
  reviewDays: { very_high: 90, high: 90, medium: 180, low: 360 } as ReviewCadence,
  /** A review is "due" this many days before its date (then "overdue" after it). */
  dueSoonDays: 30,
};

export interface RiskSettings {
  toleranceLimit: number;
  reviewDays: ReviewCadence;
  dueSoonDays: number;
  /** null until a coordinator saves them (the defaults apply). */
  updatedAt: string | null;
}

export type ReviewState = 'ok' | 'due' | 'overdue' | 'closed';

export interface Risk extends Row {
  code: string;
  area: string;
  objective: string;
  description: string;
  category: RiskCategory;
  causes: string;
  consequences: string;
  owner: string;
  inherentProbability: number;
  inherentImpact: number;
  inherentExposure: number;
  strategy: RiskStrategy;
  deadline: string | null;
  lastReviewDate: string | null;
  status: RiskStatus;
  residualProbability: number | null;
  residualImpact: number | null;
  residualExposure: number | null;
  secondaryRisks: string;
  notes: string;
  alertId: string | null;
  commitmentIds: string[];
  actionIds: string[];
}

/** What the rules compute for a risk (tolerance, level, cadence), on list rows and full records alike. */
interface RiskComputed {
  /** Residual exposure when assessed, else inherent: what tolerance, level and cadence use. */
  exposure: number;
  level: RiskLevel;
  inherentLevel: RiskLevel;
  residualLevel: RiskLevel | null;
  aboveTolerance: boolean;
  nextReviewDate: string | null;
  reviewState: ReviewState;
  openMeasures: number;
  /** Codes of the linked commitments and actions (A4, A4.2), for lists and exports. */
  commitmentCodes: string[];
  actionCodes: string[];
}

/** A risk with what the rules compute: the record `risks.get` and `risks.save` return and exports write. */
export interface RiskSummary extends Risk, RiskComputed {}

/**
 * A row of the register list (`risks.list`): the columns the list, the heat-map cell and the review lists show.
 * The long texts (causes, consequences, notes …) come with the full record from `risks.get`.
 */
export interface RiskListItem
  extends
    RiskComputed,
    Pick<
      Risk,
      | 'id'
      | 'updatedAt'
      | 'code'
      | 'area'
      | 'description'
      | 'category'
      | 'owner'
      | 'strategy'
      | 'status'
      | 'deadline'
      | 'lastReviewDate'
      | 'inherentProbability'
      | 'inherentImpact'
      | 'inherentExposure'
      | 'residualProbability'
      | 'residualImpact'
      | 'residualExposure'
    > {}

export interface RiskMeasure extends Row {
  riskId: string;
  description: string;
  owner: string;
  deadline: string | null;
  status: MeasureStatus;
  notes: string;
}

/** An open measure with its risk, for "open measures by owner and deadline". */
export interface OpenMeasure extends RiskMeasure {
  riskCode: string;
  riskDescription: string;
  overdue: boolean;
}

export interface RiskReview extends Row {
  riskId: string;
  date: string;
  reviewer: string;
  decision: ReviewDecision;
  note: string;
  residualProbability: number | null;
  residualImpact: number | null;
  residualExposure: number | null;
  /** The next review the cadence set at the time of this review. */
  nextReviewDate: string | null;
}

export interface ResidualPoint {
  id: string;
  date: string;
  probability: number | null;
  impact: number | null;
  exposure: number | null;
  source: (typeof RESIDUAL_SOURCES)[number];
  reviewId: string | null;
  createdAt: string;
}

export interface RiskDetail extends RiskSummary {
  measures: RiskMeasure[];
  reviews: RiskReview[];
  residualHistory: ResidualPoint[];
}

export interface RiskAlert extends Row {
  activity: string;
  risk: string;
  identifiedBy: string;
  identifiedDate: string;
  causes: string;
  effects: string;
  probability: number;
  impact: number;
  exposure: number;
  documentation: string;
  proposedMeasures: string;
  decision: AlertDecision | null;
  decisionDate: string | null;
  decisionNote: string;
  /** The register entry created from this alert (decision "register"). */
  riskId: string | null;
  riskCode: string | null;
}

export interface RiskImportReport {
  dryRun: boolean;
  sheet: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  ignoredColumns: string[];
}

const score = z.number().int().min(1).max(5);
const withId = { id: id.optional(), expectedUpdatedAt: expectedUpdatedAt.optional() };
const ref = z.object({ id }).strict();
const deleteRef = z.object({ id, expectedUpdatedAt }).strict();

const bothOrNeither = (p: string, i: string) => (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
  if ((v[p] == null) !== (v[i] == null)) ctx.addIssue(issue([v[p] == null ? p : i], 'residualBoth'));
};

export const riskCode = z
  .string()
  .trim()
  .max(30)
  .regex(/^[\p{L}\d][\p{L}\d.\-/ ]*$/u, because('riskCode'));

export const saveRiskInput = z
  .object({
    ...withId,
    /** Empty on a new risk: the next free R-NNN is given. */
    code: z.union([riskCode, z.literal('')]).optional(),
    area: text(300).default(''),
    objective: text(2000).default(''),
    description: requiredText(4000),
    category: z.enum(RISK_CATEGORIES),
    causes: text(4000).default(''),
    consequences: text(4000).default(''),
    owner: text(200).default(''),
    inherentProbability: score,
    inherentImpact: score,
    strategy: z.enum(RISK_STRATEGIES).default('treat'),
    deadline: isoDate.nullable().default(null),
    status: z.enum(RISK_STATUSES).default('open'),
    residualProbability: score.nullable().default(null),
    residualImpact: score.nullable().default(null),
    secondaryRisks: text(4000).default(''),
    notes: text(4000).default(''),
    commitmentIds: z.array(id).max(50).default([]),
    actionIds: z.array(id).max(100).default([]),
  })
  .strict()
  .superRefine(bothOrNeither('residualProbability', 'residualImpact'));

export const saveMeasureInput = z
  .object({
    ...withId,
    riskId: id,
    description: requiredText(2000),
    owner: requiredText(200),
    deadline: isoDate.nullable().default(null),
    status: z.enum(MEASURE_STATUSES).default('planned'),
    notes: text(2000).default(''),
  })
  .strict();

export const addReviewInput = z
  .object({
    riskId: id,
    expectedUpdatedAt,
    date: isoDate,
    reviewer: requiredText(200),
    decision: z.enum(REVIEW_DECISIONS),
    note: text(4000).default(''),
    /** The residual score after the review; omitted = unchanged. */
    residualProbability: score.nullable().optional(),
    residualImpact: score.nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.residualProbability === undefined) !== (v.residualImpact === undefined) || (v.residualProbability === null) !== (v.residualImpact === null))
      ctx.addIssue(issue(['residualImpact'], 'residualBoth'));
  });

export const saveAlertInput = z
  .object({
    ...withId,
    activity: requiredText(1000),
    risk: requiredText(4000),
    identifiedBy: requiredText(200),
    identifiedDate: isoDate,
    causes: text(4000).default(''),
    effects: text(4000).default(''),
    probability: score,
    impact: score,
    documentation: text(4000).default(''),
    proposedMeasures: text(4000).default(''),
  })
  .strict();

export const decideAlertInput = z
  .object({
    id,
    expectedUpdatedAt,
    decision: z.enum(ALERT_DECISIONS),
    date: isoDate,
    note: text(4000).default(''),
    /** For "register": the new risk's category, area and owner (the rest comes from the alert). */
    category: z.enum(RISK_CATEGORIES).default('operational'),
    area: text(300).default(''),
    owner: text(200).default(''),
    actionIds: z.array(id).max(100).default([]),
  })
  .strict();

export const saveRiskSettingsInput = z
  .object({
    expectedUpdatedAt: expectedUpdatedAt.nullable(),
    toleranceLimit: z.number().int().min(1).max(25),
    reviewDays: z
      .object({
        very_high: z.number().int().min(1).max(3650),
        high: z.number().int().min(1).max(3650),
        medium: z.number().int().min(1).max(3650),
        low: z.number().int().min(1).max(3650),
      })
      .strict(),
    dueSoonDays: z.number().int().min(0).max(365).default(DEFAULT_RISK_SETTINGS.dueSoonDays),
  })
  .strict();

export const importRisksInput = z
  .object({
    fileName: requiredText(255).refine((s) => /\.(xlsx|ods)$/i.test(s), because('xlsxFile')),
    ...uploadedFile('risks.importExcel', { nonEmpty: true }),
    dryRun: z.boolean().default(false),
  })
  .strict();

/** Columns `risks.list` sorts by (ties by code). `exposure` is the effective one (residual when assessed, else inherent). */
export const RISK_SORTS = [
  'code',
  'description',
  'area',
  'category',
  'owner',
  'inherentExposure',
  'residualExposure',
  'exposure',
  'deadline',
  'nextReviewDate',
] as const;
export type RiskSort = (typeof RISK_SORTS)[number];
export const RISK_PAGE_MAX = 500;
export const HEAT_MAPS = ['inherent', 'residual'] as const;
export type HeatMapKind = (typeof HEAT_MAPS)[number];

/**
 * A page of the register, filtered, searched and sorted on the server (the register holds 10,000 risks):
 * - `search`: code, description, area, owner (case and diacritics ignored) or a linked action's code;
 * - `level`, `aboveTolerance`: on the effective exposure, with the register's tolerance limit;
 * - `heat`: the open risks of one heat-map cell (probability × impact, inherent or residual map);
 * - `review`: open risks whose review is due (within the due-soon days), overdue, or either (`pending`), on `today`.
 * Filters combine (and). Default: every live risk by code, 100 a page.
 */
export const listRisksInput = z
  .object({
    today: isoDate.optional(),
    search: z.string().trim().max(200).optional(),
    category: z.enum(RISK_CATEGORIES).optional(),
    strategy: z.enum(RISK_STRATEGIES).optional(),
    status: z.enum(RISK_STATUSES).optional(),
    level: z.enum(RISK_LEVELS).optional(),
    aboveTolerance: z.boolean().optional(),
    heat: z
      .object({ map: z.enum(HEAT_MAPS), probability: score, impact: score })
      .strict()
      .optional(),
    review: z.enum(['due', 'overdue', 'pending']).optional(),
    sort: z.enum(RISK_SORTS).default('code'),
    order: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(RISK_PAGE_MAX).default(100),
  })
  .strict();
export type ListRisksInput = z.input<typeof listRisksInput>;

export interface RiskPage {
  /** Risks matching the filters (all pages). */
  total: number;
  rows: RiskListItem[];
}

/** One 5×5 heat map of the open risks: `counts[probability - 1][impact - 1]`. */
export interface RiskHeatCounts {
  map: HeatMapKind;
  counts: number[][];
  /** Risks on the map. */
  total: number;
  /** Open risks left out of the residual map because their residual score is not assessed yet (0 on the inherent map). */
  unassessed: number;
}

/** What the overview screen shows, counted in SQL (`risks.overview`); each count's risks come from `risks.list` with the matching filter. */
export interface RiskOverview {
  today: string;
  toleranceLimit: number;
  inherent: RiskHeatCounts;
  residual: RiskHeatCounts;
  /** Open risks above the tolerance limit (`risks.list` with `{ status: 'open', aboveTolerance: true }`). */
  aboveTolerance: number;
  /** Open risks whose review is due / overdue (`risks.list` with `review`). */
  reviewsDue: number;
  reviewsOverdue: number;
  /** Planned or in-progress measures of live risks. */
  openMeasures: number;
  open: number;
  closed: number;
}

export type SaveRiskInput = z.input<typeof saveRiskInput>;
export type SaveMeasureInput = z.input<typeof saveMeasureInput>;
export type AddReviewInput = z.input<typeof addReviewInput>;
export type SaveAlertInput = z.input<typeof saveAlertInput>;
export type DecideAlertInput = z.input<typeof decideAlertInput>;
export type SaveRiskSettingsInput = z.input<typeof saveRiskSettingsInput>;

export const risksContract = {
  /** A page of the register (see listRisksInput); the Excel export reads the whole register through core, not this. */
  'risks.list': method<RiskPage>()(listRisksInput, EDITORS),
  /** Heat-map counts, above-tolerance, reviews due/overdue and open measures, counted in SQL. */
  'risks.overview': method<RiskOverview>()(z.object({ today: isoDate.optional() }).strict(), READERS),
  'risks.get': method<RiskDetail>()(z.object({ id, today: isoDate.optional() }).strict(), EDITORS),
  'risks.save': method<RiskSummary>()(saveRiskInput, EDITORS),
  'risks.delete': method<null>()(deleteRef, EDITORS),
  'risks.restore': method<null>()(ref, EDITORS),

  'risks.saveMeasure': method<RiskMeasure>()(saveMeasureInput, EDITORS),
  'risks.deleteMeasure': method<null>()(deleteRef, EDITORS),
  'risks.restoreMeasure': method<null>()(ref, EDITORS),
  'risks.openMeasures': method<OpenMeasure[]>()(z.object({ today: isoDate.optional() }).strict(), EDITORS),

  /** A review of a risk: logged, sets the last review date, may change the residual score (kept in its history). */
  'risks.addReview': method<RiskDetail>()(addReviewInput, EDITORS),

  'risks.listAlerts': method<RiskAlert[]>()(z.object({}).strict(), EDITORS),
  'risks.saveAlert': method<RiskAlert>()(saveAlertInput, EDITORS),
  /** The risk team's decision; "register" creates the risk from the alert and links both. */
  'risks.decideAlert': method<RiskAlert>()(decideAlertInput, EDITORS),
  'risks.deleteAlert': method<null>()(deleteRef, EDITORS),
  'risks.restoreAlert': method<null>()(ref, EDITORS),

  'risks.getSettings': method<RiskSettings>()(z.object({}).strict(), READERS),
  'risks.saveSettings': method<RiskSettings>()(saveRiskSettingsInput, COORDINATOR),

  /** Starts a job writing the register in the SCIM layout; the job's result is `{ fileId, fileName }`. */
  'risks.exportExcel': method<{ jobId: string }>()(z.object({}).strict(), EDITORS),
  /** All-or-nothing import of a register workbook (ours or the Romanian SCIM layout); dry run writes nothing. */
  'risks.importExcel': method<RiskImportReport>()(importRisksInput, EDITORS),
};
