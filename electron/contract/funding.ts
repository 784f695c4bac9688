import { z } from 'zod';
import { because, issue } from './issues';
import { READERS, EDITORS, method } from './define';
import { uploadedFile } from './uploads';
import { evidenceUpload, expectedUpdatedAt, id, isoDate, requiredText, text, type Attachment, type Row } from './common';

/** Funding registry (action A4.5): calls for funding and the city's applications to them. DOMAIN.md "Funding". */

export const FUNDING_PROGRAMMES = ['regio_vest', 'pnrr', 'poca_peo', 'eea_norway', 'ogp', 'local_budget', 'other'] as const;
export const CALL_TYPES = ['competitive', 'first_come', 'non_competitive', 'other'] as const;
export const CALL_STATUSES = ['planned', 'open', 'closed', 'cancelled'] as const;
export const APPLICATION_STATUSES = ['idea', 'submitted', 'under_evaluation', 'approved', 'rejected', 'contracted', 'in_implementation', 'closed'] as const;

export type FundingProgramme = (typeof FUNDING_PROGRAMMES)[number];
export type CallType = (typeof CALL_TYPES)[number];
export type CallStatus = (typeof CALL_STATUSES)[number];
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * The pipeline: the statuses an application may move to from each status. Rejected and closed are final;
 * closed means the project was implemented and closed (a rejected application stays rejected).
 */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  idea: ['submitted'],
  submitted: ['under_evaluation'],
  under_evaluation: ['approved', 'rejected'],
  approved: ['contracted'],
  rejected: [],
  contracted: ['in_implementation'],
  in_implementation: ['closed'],
  closed: [],
};

/** Statuses whose application brings the money in: what counts for indicator A4.5. */
export const ATTRACTED_STATUSES = ['approved', 'contracted', 'in_implementation', 'closed'] as const satisfies readonly ApplicationStatus[];
/** Statuses with nothing left to happen (no next key date is chased). */
export const FINAL_STATUSES = ['rejected', 'closed'] as const satisfies readonly ApplicationStatus[];

/** The key date each status records when an application enters it. */
export const STATUS_DATE_FIELD: Partial<Record<ApplicationStatus, 'submittedOn' | 'decisionOn' | 'contractSignedOn' | 'implementationStart' | 'closedOn'>> = {
  submitted: 'submittedOn',
  approved: 'decisionOn',
  rejected: 'decisionOn',
  contracted: 'contractSignedOn',
  in_implementation: 'implementationStart',
  closed: 'closedOn',
};

/** Money: integer bani (1/100 leu), never negative, never a fraction of a ban. */
export const bani = z.number().finite().int(because('wholeBani')).min(0, because('negativeAmount')).max(1e15);

/** A guide link: a full https:// address. */
export const httpsUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' && u.hostname.includes('.');
    } catch {
      return false;
    }
  }, because('httpsUrl'));

export interface FundingCall extends Row {
  programme: FundingProgramme;
  priority: string;
  managingBody: string;
  code: string;
  title: string;
  type: CallType;
  status: CallStatus;
  openingDate: string | null;
  deadline: string | null;
  budget: number | null;
  eligibleApplicants: string;
  eligibleActivities: string;
  /** Grant rate in percent of the eligible total (co-financing = 100 − rate). */
  grantRate: number | null;
  minGrant: number | null;
  maxGrant: number | null;
  maxDurationMonths: number | null;
  guideUrl: string | null;
  nonReimbursable: boolean;
  actionIds: string[];
  applicationCount: number;
}

export interface FundingApplication extends Row {
  code: string;
  title: string;
  callId: string;
  callCode: string;
  callTitle: string;
  programme: FundingProgramme;
  nonReimbursable: boolean;
  applicant: string;
  partners: string;
  actionIds: string[];
  requestedAmount: number;
  ownContribution: number;
  /** requested + own contribution, in bani. */
  totalAmount: number;
  status: ApplicationStatus;
  /** The statuses this application may move to next. */
  allowedNext: ApplicationStatus[];
  submittedOn: string | null;
  decisionOn: string | null;
  contractSignedOn: string | null;
  implementationStart: string | null;
  closedOn: string | null;
  nextStep: string;
  nextStepOn: string | null;
  councilDecisionNo: string;
  councilDecisionDate: string | null;
  evaluationFeedback: string;
}

export interface FundingApplicationDetail extends FundingApplication {
  documents: Attachment[];
}

export interface FundingDeadline {
  kind: 'call' | 'application';
  id: string;
  code: string;
  title: string;
  /** The call's deadline, or the application's next key date. */
  date: string;
  /** Days from today (negative: overdue). */
  daysLeft: number;
  status: CallStatus | ApplicationStatus;
  /** For an application: what happens on that date. */
  what: string;
}

export interface FundingDeadlines {
  today: string;
  days: number;
  upcoming: FundingDeadline[];
  overdue: FundingDeadline[];
}

export interface FundingImportReport {
  dryRun: boolean;
  calls: { created: number; updated: number; unchanged: number };
  applications: { created: number; updated: number; unchanged: number };
  /** Columns of the file that the import does not read (`Sheet!Header`), listed before anything is written. */
  ignoredColumns: string[];
}

const withId = { id: id.optional(), expectedUpdatedAt: expectedUpdatedAt.optional() };
const ref = z.object({ id }).strict();
const deleteRef = z.object({ id, expectedUpdatedAt }).strict();
const optDate = isoDate.nullable().default(null);

export const saveCallInput = z
  .object({
    ...withId,
    programme: z.enum(FUNDING_PROGRAMMES),
    priority: text(500).default(''),
    managingBody: text(300).default(''),
    code: requiredText(100),
    title: requiredText(500),
    type: z.enum(CALL_TYPES).default('competitive'),
    status: z.enum(CALL_STATUSES).default('planned'),
    openingDate: optDate,
    deadline: optDate,
    budget: bani.nullable().default(null),
    eligibleApplicants: text(5000).default(''),
    eligibleActivities: text(5000).default(''),
    grantRate: z.number().finite().min(0, because('percentRange')).max(100, because('percentRange')).nullable().default(null),
    minGrant: bani.nullable().default(null),
    maxGrant: bani.nullable().default(null),
    maxDurationMonths: z.number().int().min(1).max(240).nullable().default(null),
    guideUrl: z
      .union([z.literal('').transform(() => null), httpsUrl])
      .nullable()
      .default(null),
    nonReimbursable: z.boolean().default(true),
    actionIds: z.array(id).max(100).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.openingDate && v.deadline && v.deadline < v.openingDate) ctx.addIssue(issue(['deadline'], 'deadlineBeforeOpening'));
    if (v.minGrant != null && v.maxGrant != null && v.maxGrant < v.minGrant) ctx.addIssue(issue(['maxGrant'], 'maxGrantBelowMin'));
    if (v.maxGrant != null && v.budget != null && v.maxGrant > v.budget) ctx.addIssue(issue(['maxGrant'], 'maxGrantAboveBudget'));
  });

/** Key dates in pipeline order: a later one cannot come before an earlier one. */
const DATE_ORDER = ['submittedOn', 'decisionOn', 'contractSignedOn', 'implementationStart', 'closedOn'] as const;

export const saveApplicationInput = z
  .object({
    ...withId,
    code: text(100).default(''),
    title: requiredText(500),
    callId: id,
    applicant: requiredText(300),
    partners: text(2000).default(''),
    actionIds: z.array(id).max(100).default([]),
    requestedAmount: bani,
    ownContribution: bani.default(0),
    /** Optional check: when given it must equal requested + own contribution. */
    totalAmount: bani.optional(),
    /** On a new application: where it starts (default idea). On an edit: a change must follow the pipeline. */
    status: z.enum(APPLICATION_STATUSES).optional(),
    submittedOn: optDate,
    decisionOn: optDate,
    contractSignedOn: optDate,
    implementationStart: optDate,
    closedOn: optDate,
    nextStep: text(500).default(''),
    nextStepOn: optDate,
    councilDecisionNo: text(100).default(''),
    councilDecisionDate: optDate,
    evaluationFeedback: text().default(''),
    /** New documents to attach (evaluation grids, contracts …); internal. */
    documents: z.array(evidenceUpload).max(5).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.totalAmount !== undefined && v.totalAmount !== v.requestedAmount + v.ownContribution) ctx.addIssue(issue(['totalAmount'], 'totalMismatch'));
    let prev: { field: string; date: string } | null = null;
    for (const f of DATE_ORDER) {
      const d = v[f];
      if (!d) continue;
      if (prev && d < prev.date) ctx.addIssue(issue([f], 'dateOrder', { field: prev.field }));
      prev = { field: f, date: d };
    }
  });

export const moveApplicationInput = z
  .object({
    id,
    expectedUpdatedAt,
    status: z.enum(APPLICATION_STATUSES),
    /** The key date of the new status (submitted on, decision on …); default today. */
    date: isoDate.optional(),
    /** On approval or rejection: the evaluation feedback received (appended). */
    note: text(5000).default(''),
  })
  .strict();

export type SaveCallInput = z.input<typeof saveCallInput>;
export type SaveApplicationInput = z.input<typeof saveApplicationInput>;

export const fundingContract = {
  'funding.listCalls': method<FundingCall[]>()(z.object({ includeDeleted: z.boolean().default(false) }).strict(), READERS),
  'funding.getCall': method<FundingCall>()(ref, READERS),
  'funding.saveCall': method<FundingCall>()(saveCallInput, EDITORS),
  'funding.deleteCall': method<null>()(deleteRef, EDITORS),
  'funding.restoreCall': method<null>()(ref, EDITORS),

  'funding.listApplications': method<FundingApplication[]>()(z.object({ callId: id.optional() }).strict(), READERS),
  'funding.getApplication': method<FundingApplicationDetail>()(ref, READERS),
  'funding.saveApplication': method<FundingApplicationDetail>()(saveApplicationInput, EDITORS),
  /** One step along the pipeline; a jump (idea → contracted) is refused naming `status`. */
  'funding.moveApplication': method<FundingApplicationDetail>()(moveApplicationInput, EDITORS),
  'funding.deleteApplication': method<null>()(deleteRef, EDITORS),
  'funding.restoreApplication': method<null>()(ref, EDITORS),

  /** Open calls with a deadline in the next `days` days and applications with a next key date; and what is overdue. */
  'funding.upcomingDeadlines': method<FundingDeadlines>()(
    z.object({ days: z.number().int().min(1).max(366).default(30), today: isoDate.optional() }).strict(),
    READERS,
  ),

  /** Starts a job that writes the funding workbook; the job's result is `{ fileId, fileName }`. */
  'funding.exportExcel': method<{ jobId: string }>()(z.object({}).strict(), EDITORS),
  /** All-or-nothing import of the funding workbook (calls and applications, matched by id); dry run writes nothing. */
  'funding.importExcel': method<FundingImportReport>()(
    z
      .object({
        fileName: requiredText(255),
        ...uploadedFile('funding.importExcel'),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    EDITORS,
  ),
};
