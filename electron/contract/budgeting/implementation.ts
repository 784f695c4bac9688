import { z } from 'zod';
import { because, issue } from '../issues';
import { EDITORS, method } from '../define';
import { type Attachment, evidenceUpload, expectedUpdatedAt, id, isoDate, requiredText, type Row, text } from '../common';
import { BUDGETING_READ, type CampaignKind } from './enums';
import { campaignRef, deleteRef, money, ref } from './fields';

// ───────────────────────────── implementation (winning projects) and grant contracts

export const PROJECT_STATUSES = ['not_started', 'in_progress', 'completed', 'cancelled'] as const;
export const TRANCHE_KINDS = ['advance', 'final'] as const;
/** Where a project's money comes from: the ranking's budget, or a grant call's appeals fund (an upheld appeal). */
export const PROJECT_FUNDING = ['budget', 'appeals_fund'] as const;
/** Law 350/2005 practice (Centrul de Proiecte): at most 85 % paid in advance, at least 15 % after the final report. */
export const MAX_ADVANCE_PERCENT = 85;
export const MIN_FINAL_PERCENT = 15;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type TrancheKind = (typeof TRANCHE_KINDS)[number];
export type ProjectFunding = (typeof PROJECT_FUNDING)[number];

export interface ProjectMilestone extends Row {
  projectId: string;
  title: string;
  dueOn: string | null;
  doneOn: string | null;
  /** What shows the milestone is reached (text); the files are in `evidence`. */
  evidenceNote: string;
  evidence: Attachment[];
  /** Due and not done by today. */
  overdue: boolean;
}

export interface GrantTranche extends Row {
  projectId: string;
  seq: number;
  kind: TrancheKind;
  amount: number;
  /** Share of the contract amount, in percent (null without a contract amount). */
  percent: number | null;
  dueOn: string | null;
  paidOn: string | null;
  /** The report the grantee owes for this tranche (the final report for the final tranche). */
  reportDueOn: string | null;
  reportReceivedOn: string | null;
  reportOverdue: boolean;
}

export interface BudgetProject extends Row {
  campaignId: string;
  campaignKind: CampaignKind;
  proposalId: string;
  proposalCode: string;
  proposalTitle: string;
  zoneCode: string | null;
  grantLine: string;
  status: ProjectStatus;
  progress: number;
  /** Money in bani: planned (the funded amount), committed (contracted), paid. */
  planned: number;
  committed: number;
  paid: number;
  startDate: string | null;
  endDate: string | null;
  completedOn: string | null;
  contractNo: string;
  contractSignedOn: string | null;
  /** Grants: the grant in the contract (≤ the line's ceiling). */
  contractAmount: number | null;
  grantee: string;
  /** Grants: the grantee's own contribution. */
  cofinancing: number | null;
  fundedFrom: ProjectFunding;
  note: string;
  milestones: ProjectMilestone[];
  tranches: GrantTranche[];
  milestonesDone: number;
}

export const createProjectInput = z
  .object({
    proposalId: id,
    /** Default: the amount the results funded (or the cost estimate). */
    planned: money.nullable().default(null),
    startDate: isoDate.nullable().default(null),
    endDate: isoDate.nullable().default(null),
    note: text(5000).default(''),
  })
  .strict()
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, { path: ['endDate'], message: because('endBeforeStart') });

export const updateProjectInput = z
  .object({
    id,
    expectedUpdatedAt,
    status: z.enum(PROJECT_STATUSES),
    progress: z.number().int().min(0, because('progressRange')).max(100, because('progressRange')),
    planned: money,
    committed: money,
    paid: money,
    startDate: isoDate.nullable().default(null),
    endDate: isoDate.nullable().default(null),
    /** Set when completed (default: today). */
    completedOn: isoDate.nullable().default(null),
    note: text(5000).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.startDate && v.endDate && v.endDate < v.startDate) ctx.addIssue(issue(['endDate'], 'endBeforeStart'));
    if (v.paid > v.committed) ctx.addIssue(issue(['paid'], 'paidAboveCommitted'));
    if (v.status !== 'completed' && v.completedOn) ctx.addIssue(issue(['completedOn'], 'completedOnOnlyCompleted'));
  });

export const milestoneInput = z
  .object({
    title: requiredText(500),
    dueOn: isoDate.nullable().default(null),
    doneOn: isoDate.nullable().default(null),
    evidenceNote: text(5000).default(''),
    /** New evidence files (added to those already kept). */
    evidence: z.array(evidenceUpload).max(5).default([]),
  })
  .strict();
export const addMilestoneInput = milestoneInput.extend({ projectId: id }).strict();
export const updateMilestoneInput = milestoneInput.extend({ id, expectedUpdatedAt }).strict();

export const saveGrantContractInput = z
  .object({
    projectId: id,
    expectedUpdatedAt,
    contractNo: requiredText(100),
    signedOn: isoDate,
    /** The grant (bani): at most the line's ceiling. */
    amount: money.refine((n) => n > 0, because('amountPositive')),
    /** The grantee's own contribution (bani): at least the call's minimum share of the project total. */
    cofinancing: money,
    grantee: requiredText(300),
  })
  .strict();

export const trancheInput = z
  .object({
    kind: z.enum(TRANCHE_KINDS),
    amount: money.refine((n) => n > 0, because('amountPositive')),
    dueOn: isoDate.nullable().default(null),
    paidOn: isoDate.nullable().default(null),
    reportDueOn: isoDate.nullable().default(null),
    reportReceivedOn: isoDate.nullable().default(null),
  })
  .strict();
/** The whole tranche schedule of a grant contract, in order: advances first, the final tranche last. */
export const setTranchesInput = z
  .object({ projectId: id, expectedUpdatedAt, tranches: z.array(trancheInput).min(1, because('trancheRequired')).max(12) })
  .strict();

export interface ReportDue {
  projectId: string;
  campaignId: string;
  proposalCode: string;
  proposalTitle: string;
  grantee: string;
  trancheSeq: number;
  kind: TrancheKind;
  reportDueOn: string;
  reportReceivedOn: string | null;
  /** Days from today to the deadline (negative: late). */
  daysLeft: number;
  overdue: boolean;
}

export interface GrantSummary {
  campaignId: string;
  totalBudget: number;
  appealsFund: { fund: number; used: number; remaining: number; projects: string[] };
  lines: Array<{ code: string; name: string; ceiling: number; contracts: number; contracted: number }>;
  contracted: number;
  cofinancing: number;
  paid: number;
}

export const implementationMethods = {
  /** Implementation of winning projects (and funded grants): status, progress, money, milestones with evidence. */
  'budgeting.listProjects': method<BudgetProject[]>()(z.object({ campaignId: id, includeDeleted: z.boolean().default(false) }).strict(), BUDGETING_READ),
  'budgeting.getProject': method<BudgetProject>()(ref, BUDGETING_READ),
  /** Starts tracking a winner of the latest results (or, in a grant call, a proposal whose appeal was upheld: paid from the appeals fund). */
  'budgeting.createProject': method<BudgetProject>()(createProjectInput, EDITORS),
  'budgeting.updateProject': method<BudgetProject>()(updateProjectInput, EDITORS),
  'budgeting.deleteProject': method<null>()(deleteRef, EDITORS),
  'budgeting.restoreProject': method<null>()(ref, EDITORS),
  'budgeting.addMilestone': method<ProjectMilestone>()(addMilestoneInput, EDITORS),
  'budgeting.updateMilestone': method<ProjectMilestone>()(updateMilestoneInput, EDITORS),
  'budgeting.deleteMilestone': method<null>()(deleteRef, EDITORS),
  'budgeting.restoreMilestone': method<null>()(ref, EDITORS),
  /** Grant calls: the contract (number, date, amount ≤ the line's ceiling, co-financing ≥ the call's minimum). */
  'budgeting.saveGrantContract': method<BudgetProject>()(saveGrantContractInput, EDITORS),
  /** Grant calls: the tranche schedule (advances ≤ 85 %, final ≥ 15 % of the contract) with the reports due. */
  'budgeting.setTranches': method<BudgetProject>()(setTranchesInput, EDITORS),
  /** Grantee reports not yet received, by deadline (all campaigns, or one). */
  'budgeting.reportsDue': method<ReportDue[]>()(z.object({ campaignId: id.optional(), today: isoDate.optional() }).strict(), BUDGETING_READ),
  /** Grant calls: contracts per line, the appeals fund used and left. */
  'budgeting.grantSummary': method<GrantSummary>()(campaignRef, BUDGETING_READ),
  /** The campaign's projects (and their milestones as child results) as a Decidim accountability CSV (';'-separated). */
  'budgeting.exportAccountability': method<{ fileName: string; content: string }>()(campaignRef, EDITORS),
};
