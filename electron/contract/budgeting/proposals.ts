import { z } from 'zod';
import { because, issue } from '../issues';
import { EDITORS, method } from '../define';
import { expectedUpdatedAt, id, isoDate, requiredText, type Row, text } from '../common';
import { ELIGIBILITY_CRITERIA } from '../budgeting-criteria';
import {
  BUDGETING_READ,
  type EligibilityCriterion,
  type EligibilityStatus,
  FEASIBILITY_STATUSES,
  type FeasibilityStatus,
  type FinalMethod,
  PROPOSAL_SOURCES,
} from './enums';
import { deleteRef, money, ref, upload } from './fields';

// ───────────────────────────── proposals

export interface EligibilityCheck {
  criterion: EligibilityCriterion;
  /** null: not decided yet (every criterion starts undecided; a proposal is eligible only when all eight pass). */
  pass: boolean | null;
  /** Why it failed (required for a failed criterion). */
  reason: string;
}

export interface BudgetProposal extends Row {
  campaignId: string;
  code: string;
  source: (typeof PROPOSAL_SOURCES)[number];
  title: string;
  body: string;
  category: string;
  zoneId: string | null;
  zoneCode: string | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
  externalState: string;
  externalVotes: number | null;
  submittedOn: string | null;
  /** Cost estimate (bani), from the technical check; what the winner rules spend. */
  costEstimate: number | null;
  grantLine: string;
  requestedAmount: number | null;
  cofinancing: number | null;
  /** C fields: public only with the author's consent. Null for an evaluator in blind mode. */
  authorName: string | null;
  authorContact: string | null;
  authorOrganisation: string | null;
  authorConsent: boolean;
  eligibility: EligibilityCheck[];
  eligibilityStatus: EligibilityStatus;
  publicRejectionReason: string;
  feasibility: FeasibilityStatus;
  feasibilityNote: string;
  finalScore: number | null;
  finalMethod: FinalMethod | null;
  divergent: boolean;
  /** "2/3": submitted evaluations of the active (not recused) assignments. */
  evaluationProgress: string;
}

const optNum = z.number().finite().nullable().default(null);
export const saveProposalInput = z
  .object({
    id: id.optional(),
    expectedUpdatedAt: expectedUpdatedAt.optional(),
    campaignId: id,
    code: text(60).default(''),
    title: requiredText(500),
    body: text(20_000).default(''),
    category: text(200).default(''),
    zoneCode: text(60).nullable().default(null),
    address: text(500).default(''),
    latitude: optNum.refine((v) => v == null || (v >= -90 && v <= 90), because('latitude')),
    longitude: optNum.refine((v) => v == null || (v >= -180 && v <= 180), because('longitude')),
    submittedOn: isoDate.nullable().default(null),
    costEstimate: money.nullable().default(null),
    grantLine: text(60).default(''),
    requestedAmount: money.nullable().default(null),
    cofinancing: money.nullable().default(null),
    authorName: text(300).default(''),
    authorContact: text(300).default(''),
    authorOrganisation: text(300).default(''),
    authorConsent: z.boolean().default(false),
  })
  .strict();
export type SaveProposalInput = z.input<typeof saveProposalInput>;

export const setEligibilityInput = z
  .object({
    id,
    expectedUpdatedAt,
    checks: z
      .array(z.object({ criterion: z.enum(ELIGIBILITY_CRITERIA), pass: z.boolean().nullable(), reason: text(2000).default('') }).strict())
      .length(ELIGIBILITY_CRITERIA.length, because('allCriteria')),
    publicRejectionReason: text(5000).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.checks.forEach((c, i) => {
      if (seen.has(c.criterion)) ctx.addIssue(issue(['checks', i, 'criterion'], 'usedTwice', { value: c.criterion }));
      seen.add(c.criterion);
      if (c.pass === false && !c.reason) ctx.addIssue(issue(['checks', i, 'reason'], 'failedCriterionReason'));
    });
    if (v.checks.some((c) => c.pass === false) && !v.publicRejectionReason) ctx.addIssue(issue(['publicRejectionReason'], 'rejectionReason'));
  });

/**
 * Criteria decided one at a time, for one proposal or a selection (the app's bulk eligibility, the CLI's
 * `eligibility set` and its CSV form): proposals named by code; all or nothing. A failed criterion needs its reason;
 * the public rejection reason defaults to the failed criteria's reasons.
 */
export const setEligibilityCriteriaInput = z
  .object({
    campaignId: id,
    items: z
      .array(
        z
          .object({
            proposalCode: requiredText(60),
            criterion: z.enum(ELIGIBILITY_CRITERIA),
            pass: z.boolean().nullable(),
            reason: text(2000).default(''),
          })
          .strict(),
      )
      .min(1, because('eligibilityItems'))
      .max(20_000),
    publicRejectionReason: text(5000).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    v.items.forEach((c, i) => {
      if (c.pass === false && !c.reason) ctx.addIssue(issue(['items', i, 'reason'], 'failedCriterionReason'));
    });
  });
export type SetEligibilityCriteriaInput = z.input<typeof setEligibilityCriteriaInput>;

export const setFeasibilityInput = z
  .object({ id, expectedUpdatedAt, feasibility: z.enum(FEASIBILITY_STATUSES), note: text(5000).default(''), costEstimate: money.nullable() })
  .strict();

export interface ProposalImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Decidim export columns the import does not keep. */
  ignoredColumns: string[];
  /** Amounts that look 1/100 off: the proposals' typical cost against the zone budgets (shown by the dry run). */
  warnings: string[];
}

export const proposalMethods = {
  'budgeting.listProposals': method<BudgetProposal[]>()(z.object({ campaignId: id, includeDeleted: z.boolean().default(false) }).strict(), BUDGETING_READ),
  'budgeting.getProposal': method<BudgetProposal>()(ref, BUDGETING_READ),
  'budgeting.saveProposal': method<BudgetProposal>()(saveProposalInput, EDITORS),
  'budgeting.deleteProposal': method<null>()(deleteRef, EDITORS),
  'budgeting.restoreProposal': method<null>()(ref, EDITORS),
  /** CSV or XLSX, including Decidim's proposals export; all or nothing, every bad row named. */
  'budgeting.importProposals': method<ProposalImportReport>()(z.object({ campaignId: id, ...upload }).strict(), EDITORS),
  'budgeting.setEligibility': method<BudgetProposal>()(setEligibilityInput, EDITORS),
  /** Some criteria of some proposals (by code): bulk eligibility; all or nothing; returns the proposals changed. */
  'budgeting.setEligibilityCriteria': method<BudgetProposal[]>()(setEligibilityCriteriaInput, EDITORS),
  'budgeting.setFeasibility': method<BudgetProposal>()(setFeasibilityInput, EDITORS),
};
