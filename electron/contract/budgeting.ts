import { z } from 'zod';
import { because, issue } from './issues';
import { EDITORS, method, type Role } from './define';
import { uploadedFile } from './uploads';
import { evidenceUpload, expectedUpdatedAt, id, isoDate, requiredText, text, type Attachment, type Row } from './common';
import { ELIGIBILITY_CRITERIA } from './budgeting-criteria';

/**
 * Participatory budgeting and grant competitions (commitment A2, action A1.7). DOMAIN.md "Budgeting".
 * Money is integer bani everywhere. Scores: each criterion on its anchored scale (min…max); a proposal's
 * overall score is the weighted share of the maximum, 0–100: 100 · Σ wᵢ·(sᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ.
 */

export const BUDGETING_READ: readonly Role[] = ['coordinator', 'member', 'viewer'];
/** Evaluator-facing methods: core decides what an evaluator may see (their assignments only). */
export const BUDGETING_EVALUATOR: readonly Role[] = ['evaluator'];
/** Evaluation reads: editors see everything but unsubmitted scores (members), an evaluator only what core lets them; viewers see results only (core/visibility.ts). */
export const EVALUATION_READERS: readonly Role[] = ['coordinator', 'member', 'evaluator'];

export const CAMPAIGN_KINDS = ['pb', 'grant'] as const;
export const PHASE_KINDS = ['submission', 'eligibility', 'evaluation', 'vote', 'appeals', 'results', 'implementation'] as const;
export const WINNER_RULES = ['greedy', 'stop_at_first', 'timisoara_topup', 'equal_shares', 'grant_score'] as const;
/** Tie-breaks after the rule's own ranking (votes, or score for grants); the project id always ends the order. */
/** The Method of Equal Shares' options (campaign.equalSharesUtility / equalSharesCompletion; rules/types.ts explains them). */
export const EQUAL_SHARES_UTILITIES = ['cost', 'approval'] as const;
export const EQUAL_SHARES_COMPLETIONS = ['add1_greedy', 'add1', 'greedy', 'none'] as const;
export const TIE_BREAKS = ['votes', 'score', 'cost_asc', 'cost_desc', 'submitted_at', 'code'] as const;
export const DIVERGENCE_MODES = ['percent', 'points'] as const;
export const DIVERGENCE_SCOPES = ['overall', 'criterion'] as const;
// The eligibility criteria live in a file without zod, so the interface's texts can use them without loading the schemas.
export { ELIGIBILITY_CRITERIA, ELIGIBILITY_CRITERIA_RO } from './budgeting-criteria';
export const ELIGIBILITY_STATUSES = ['pending', 'eligible', 'ineligible'] as const;
export const FEASIBILITY_STATUSES = ['pending', 'feasible', 'feasible_with_changes', 'not_feasible'] as const;
export const PROPOSAL_SOURCES = ['manual', 'import', 'decidim'] as const;
export const ASSIGNMENT_STATUSES = ['assigned', 'open', 'submitted', 'recused'] as const;
export const FINAL_METHODS = ['average', 'closest_two', 'moderation'] as const;
export const APPEAL_OUTCOMES = ['pending', 'upheld', 'rejected', 'withdrawn'] as const;

export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export type PhaseKind = (typeof PHASE_KINDS)[number];
export type WinnerRule = (typeof WINNER_RULES)[number];
export type TieBreak = (typeof TIE_BREAKS)[number];
export type EligibilityCriterion = (typeof ELIGIBILITY_CRITERIA)[number];
export type EligibilityStatus = (typeof ELIGIBILITY_STATUSES)[number];
export type FeasibilityStatus = (typeof FEASIBILITY_STATUSES)[number];
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export type FinalMethod = (typeof FINAL_METHODS)[number];
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** 100,000 lei: Timișoara's top-up limit. */
export const DEFAULT_TOPUP_LIMIT = 10_000_000;

const money = z.number().finite().int(because('wholeBani')).min(0, because('negativeAmount')).max(1e15);
const code = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}._-]+$/u, because('codeChars'));

// ───────────────────────────── campaign parts

export const budgetPhaseSchema = z.object({ kind: z.enum(PHASE_KINDS), startsOn: isoDate, endsOn: isoDate }).strict();
export const budgetZoneSchema = z.object({ id: id.optional(), code, name: requiredText(200), budget: money }).strict();
export const rubricCriterionSchema = z
  .object({
    key: code,
    name: requiredText(300),
    weight: z.number().finite().positive(because('amountPositive')).max(1000),
    min: z.number().int().min(0).max(100),
    max: z.number().int().min(1).max(100),
    /** Anchors: what a score means, e.g. { "0": "absent", "5": "excelent" }. */
    anchors: z.record(z.string().regex(/^\d+$/), text(500)).default({}),
    /** Minimum on this criterion's scale; below it the proposal fails evaluation. */
    minimum: z.number().int().min(0).max(100).nullable().default(null),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.max <= c.min) ctx.addIssue(issue(['max'], 'scaleMax'));
    if (c.minimum != null && (c.minimum < c.min || c.minimum > c.max)) ctx.addIssue(issue(['minimum'], 'minimumOnScale'));
    for (const k of Object.keys(c.anchors)) if (Number(k) < c.min || Number(k) > c.max) ctx.addIssue(issue(['anchors', k], 'anchorOnScale'));
  });
export const budgetRubricSchema = z
  .object({
    /** Empty for a vote-only PB (no evaluation); a grant call needs at least one criterion. */
    criteria: z.array(rubricCriterionSchema).max(30),
    /** Minimum overall score, 0–100. */
    overallMinimum: z.number().min(0).max(100).nullable().default(null),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.criteria.forEach((c, i) => {
      if (seen.has(c.key)) ctx.addIssue(issue(['criteria', i, 'key'], 'usedTwice', { value: c.key }));
      seen.add(c.key);
    });
  });
export const divergenceRuleSchema = z
  .object({
    mode: z.enum(DIVERGENCE_MODES),
    /** percent: the gap exceeds this share of the higher score; points: the gap is at least this many points. */
    threshold: z.number().finite().positive().max(1000),
    scope: z.enum(DIVERGENCE_SCOPES),
  })
  .strict()
  .refine((d) => d.mode !== 'percent' || d.threshold <= 100, { path: ['threshold'], message: because('percentRange') });
export const grantLineSchema = z.object({ code, name: requiredText(200), ceiling: money }).strict();

export type BudgetPhase = z.infer<typeof budgetPhaseSchema>;
export type RubricCriterion = z.output<typeof rubricCriterionSchema>;
export type BudgetRubric = z.output<typeof budgetRubricSchema>;
export type DivergenceRule = z.infer<typeof divergenceRuleSchema>;
export type GrantLine = z.infer<typeof grantLineSchema>;

export interface BudgetZone {
  id: string;
  code: string;
  name: string;
  budget: number;
}

export interface BudgetCampaign extends Row {
  name: string;
  kind: CampaignKind;
  edition: string;
  description: string;
  phases: BudgetPhase[];
  totalBudget: number;
  zones: BudgetZone[];
  capPerProject: number | null;
  votesPerVoter: number;
  minimumAge: number;
  population: number | null;
  rubric: BudgetRubric;
  divergence: DivergenceRule;
  evaluatorsPerProposal: number;
  blindMode: boolean;
  tieBreak: TieBreak[];
  winnerRule: WinnerRule;
  topupLimit: number;
  /** equal_shares: what a funded project is worth to its supporters (cost, as equalshares.net; or approval). */
  equalSharesUtility: (typeof EQUAL_SHARES_UTILITIES)[number];
  /** equal_shares: how the money left is completed (add1 then greedy by votes, add1, greedy, none). */
  equalSharesCompletion: (typeof EQUAL_SHARES_COMPLETIONS)[number];
  grantLines: GrantLine[];
  /** Grants: minimum co-financing in percent of the project total (default 10). */
  cofinancingMinPercent: number;
  /** Grants: minimum overall score (0–100) to be funded. */
  minScore: number | null;
  /** Grants: the part of the total budget kept back for appeals that are upheld (bani); the score ranking spends the rest. */
  appealsFund: number;
  proposalCount: number;
}

export const saveCampaignInput = z
  .object({
    id: id.optional(),
    expectedUpdatedAt: expectedUpdatedAt.optional(),
    name: requiredText(300),
    kind: z.enum(CAMPAIGN_KINDS).default('pb'),
    edition: text(100).default(''),
    description: text(5000).default(''),
    phases: z.array(budgetPhaseSchema).max(20).default([]),
    totalBudget: money,
    zones: z.array(budgetZoneSchema).max(100).default([]),
    capPerProject: money.nullable().default(null),
    votesPerVoter: z.number().int().min(1).max(100).default(5),
    minimumAge: z.number().int().min(0).max(120).default(16),
    population: z.number().int().min(1).max(100_000_000).nullable().default(null),
    /** Optional for a PB decided by the vote alone: no rubric, no evaluation before the results. */
    rubric: budgetRubricSchema.default({ criteria: [], overallMinimum: null }),
    divergence: divergenceRuleSchema.default({ mode: 'percent', threshold: 30, scope: 'overall' }),
    evaluatorsPerProposal: z.number().int().min(2, because('twoEvaluators')).max(10).default(2),
    blindMode: z.boolean().default(false),
    tieBreak: z.array(z.enum(TIE_BREAKS)).max(5).default(['score', 'cost_asc', 'submitted_at']),
    winnerRule: z.enum(WINNER_RULES).default('greedy'),
    topupLimit: money.default(DEFAULT_TOPUP_LIMIT),
    equalSharesUtility: z.enum(EQUAL_SHARES_UTILITIES).default('cost'),
    equalSharesCompletion: z.enum(EQUAL_SHARES_COMPLETIONS).default('add1_greedy'),
    grantLines: z.array(grantLineSchema).max(50).default([]),
    cofinancingMinPercent: z.number().min(0).max(100).default(10),
    minScore: z.number().min(0).max(100).nullable().default(null),
    appealsFund: money.default(0),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.appealsFund > v.totalBudget) ctx.addIssue(issue(['appealsFund'], 'appealsFundAboveBudget'));
    if (v.kind === 'pb' && v.appealsFund > 0) ctx.addIssue(issue(['appealsFund'], 'appealsFundGrantOnly'));
    v.phases.forEach((p, i) => {
      if (p.endsOn < p.startsOn) ctx.addIssue(issue(['phases', i, 'endsOn'], 'phaseEndsBeforeStart'));
    });
    const kinds = new Set<string>();
    v.phases.forEach((p, i) => {
      if (kinds.has(p.kind)) ctx.addIssue(issue(['phases', i, 'kind'], 'usedTwice', { value: p.kind }));
      kinds.add(p.kind);
    });
    const codes = new Set<string>();
    let zoneSum = 0;
    v.zones.forEach((z, i) => {
      if (codes.has(z.code.toLowerCase())) ctx.addIssue(issue(['zones', i, 'code'], 'usedTwice', { value: z.code }));
      codes.add(z.code.toLowerCase());
      zoneSum += z.budget;
    });
    if (zoneSum > v.totalBudget) ctx.addIssue(issue(['zones'], 'zonesAboveBudget'));
    if (v.capPerProject != null && v.capPerProject > v.totalBudget) ctx.addIssue(issue(['capPerProject'], 'capAboveBudget'));
    if (v.kind === 'grant' && v.winnerRule !== 'grant_score') ctx.addIssue(issue(['winnerRule'], 'grantByScore'));
    if (v.kind === 'grant' && v.rubric.criteria.length === 0) ctx.addIssue(issue(['rubric', 'criteria'], 'rubricCriterion'));
    if (v.kind === 'pb' && v.winnerRule === 'grant_score') ctx.addIssue(issue(['winnerRule'], 'grantScoreForGrants'));
    const lines = new Set<string>();
    v.grantLines.forEach((l, i) => {
      if (lines.has(l.code)) ctx.addIssue(issue(['grantLines', i, 'code'], 'usedTwice', { value: l.code }));
      lines.add(l.code);
    });
  });
export type SaveCampaignInput = z.input<typeof saveCampaignInput>;

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

// ───────────────────────────── evaluation

export interface EvaluationAssignment extends Row {
  campaignId: string;
  proposalId: string;
  proposalCode: string;
  proposalTitle: string;
  evaluatorId: string;
  evaluatorName: string;
  status: AssignmentStatus;
  /** 1 for the first evaluators, 2 for a third evaluator asked for after a divergence. */
  round: number;
  conflictDeclaredAt: string | null;
  conflict: boolean | null;
  scores: Record<string, number>;
  comment: string;
  overall: number | null;
  submittedAt: string | null;
  via: 'app' | 'workbook' | null;
}

/** What an evaluator needs to score an assignment: the campaign's rubric (criteria, weights, anchored scales). */
export interface EvaluatorRubric {
  assignmentId: string;
  campaignId: string;
  campaignName: string;
  blindMode: boolean;
  rubric: BudgetRubric;
}

export interface EvaluationProgress {
  perEvaluator: Array<{ evaluatorId: string; evaluatorName: string; assigned: number; submitted: number; recused: number; progress: string }>;
  perProposal: Array<{
    proposalId: string;
    code: string;
    title: string;
    active: number;
    submitted: number;
    progress: string;
    divergent: boolean;
    finalScore: number | null;
  }>;
}

export interface ConflictDeclaration {
  id: string;
  assignmentId: string;
  proposalId: string;
  evaluatorId: string;
  evaluatorName: string;
  conflict: boolean;
  note: string;
  declaredAt: string;
  /** Who took over when the evaluator recused (null: no conflict, or nobody free). */
  reassignedTo: string | null;
}

export interface BudgetModeration {
  id: string;
  proposalId: string;
  finalScore: number;
  rationale: string;
  participants: string;
  decidedAt: string;
}

export interface ProposalEvaluations {
  proposalId: string;
  /** Everyone's evaluations once all are submitted; before that an evaluator gets only their own. */
  evaluations: EvaluationAssignment[];
  allSubmitted: boolean;
  divergent: boolean;
  finalScore: number | null;
  finalMethod: FinalMethod | null;
  moderation: BudgetModeration | null;
}

export interface ScoresImportReport {
  dryRun: boolean;
  campaignId: string;
  evaluatorId: string;
  submitted: number;
  conflicts: number;
  unchanged: number;
}

const scoresRecord = z.record(code, z.number().finite());

// ───────────────────────────── votes and results

export interface VoteImportReport {
  dryRun: boolean;
  rows: number;
  counted: number;
  voters: number;
  /** Refused votes counted by rule (duplicate, over_limit, unknown_proposal, ineligible_proposal, unknown_zone …). */
  refused: Record<string, number>;
  /** The same, in words (Romanian), in the order of the rules. */
  refusedRo: Array<{ rule: string; label: string; count: number }>;
  /** The first refused rows, with the rule that refused them, the proposal, the value at fault and why (Romanian). */
  examples: Array<{ line: number; rule: string; voterKey: string; proposal: string; value: string; detail: string }>;
  replacedPrevious: boolean;
  /** Columns of the file the import does not use (listed before anything is written). */
  unusedColumns: string[];
  /**
   * Set when more than 1 % of the rows would be refused for one reason: the import writes nothing unless the user
   * accepts the refusals (acceptRefused). The message names the reason, the first examples and the likely fix.
   */
  stopped: { rule: string; count: number; percent: number; message: string } | null;
}

export interface PaperBatchStatus {
  batchCode: string;
  entries: number[];
  /** Both entries present and identical: the ballots are counted. */
  reconciled: boolean;
  ballots: number;
  /** Ballots whose two entries differ (by position in the batch, 1-based). */
  mismatches: Array<{ ballot: number; first: string; second: string }>;
}

export interface WinnerExplanation {
  proposalId: string;
  code: string;
  title: string;
  zoneCode: string | null;
  cost: number;
  votes: number;
  score: number | null;
  rank: number;
  won: boolean;
  funded: number;
  /** Set when tied with the project ranked just above: the tie-break that separated them ('id': none did). */
  tieBrokenBy: string | null;
  reason: { code: string; params: Record<string, string | number> };
  textRo: string;
  textEn: string;
}

export interface ZoneResult {
  zoneCode: string | null;
  label: string;
  budget: number;
  used: number;
  remaining: number;
  reserve: number;
  topUp: number;
  winners: number;
  projects: number;
}

/** Why results can only be provisional: a proposal still in the running whose evaluation is not finished. */
export const UNFINISHED_REASONS = ['eligibility_undecided', 'evaluation_missing', 'divergence_unresolved'] as const;
export type UnfinishedReason = (typeof UNFINISHED_REASONS)[number];

export interface CampaignResults {
  id: string;
  campaignId: string;
  /**
   * 'provisional' ("provizoriu") unless declared final; a final declaration is refused while `unfinished` is not
   * empty. Results computed before this distinction existed read as provisional.
   */
  status: 'provisional' | 'final';
  /** What keeps the evaluation open, per proposal (empty: every proposal in the running is decided and scored). */
  unfinished: Array<{ proposalCode: string; reason: UnfinishedReason; textRo: string }>;
  computedAt: string;
  computedBy: string | null;
  rule: WinnerRule;
  ruleTextRo: string;
  /** The same in English (results computed before issue 14 have none). */
  ruleTextEn?: string;
  /** equal_shares: the variant the winners were computed with. */
  equalSharesUtility?: (typeof EQUAL_SHARES_UTILITIES)[number];
  equalSharesCompletion?: (typeof EQUAL_SHARES_COMPLETIONS)[number];
  tieBreak: TieBreak[];
  tieBreakTextRo: string;
  /** Why this computation: first computation or recompute after an appeal. */
  reason: string;
  appealId: string | null;
  voters: number;
  population: number | null;
  /** Distinct voters / population, in percent (null without a population figure). */
  participationRate: number | null;
  votesCounted: number;
  refused: Record<string, number>;
  projects: WinnerExplanation[];
  zones: ZoneResult[];
  /** Winners that changed compared with the previous computation. */
  changedFromPrevious: Array<{ proposalId: string; before: boolean; after: boolean }>;
}

export interface BudgetAppeal extends Row {
  campaignId: string;
  proposalId: string | null;
  proposalCode: string | null;
  appellant: string;
  lodgedOn: string;
  deadline: string;
  grounds: string;
  outcome: AppealOutcome;
  decidedOn: string | null;
  decision: string;
}

export const saveAppealInput = z
  .object({
    id: id.optional(),
    expectedUpdatedAt: expectedUpdatedAt.optional(),
    campaignId: id,
    proposalId: id.nullable().default(null),
    appellant: requiredText(300),
    lodgedOn: isoDate,
    deadline: isoDate,
    grounds: requiredText(10_000),
    outcome: z.enum(APPEAL_OUTCOMES).default('pending'),
    decidedOn: isoDate.nullable().default(null),
    decision: text(10_000).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.deadline < v.lodgedOn) ctx.addIssue(issue(['deadline'], 'deadlineBeforeLodged'));
    if (v.outcome !== 'pending' && !v.decidedOn) ctx.addIssue(issue(['decidedOn'], 'decisionDateRequired'));
    if (v.decidedOn && v.decidedOn < v.lodgedOn) ctx.addIssue(issue(['decidedOn'], 'decisionBeforeLodged'));
  });
export type SaveAppealInput = z.input<typeof saveAppealInput>;

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

const upload = {
  fileName: requiredText(255).refine((s) => !/[\\/\0]/.test(s), because('fileName')),
  ...uploadedFile('budgeting.importProposals'),
  dryRun: z.boolean().default(false),
};
const ref = z.object({ id }).strict();
const deleteRef = z.object({ id, expectedUpdatedAt }).strict();
const campaignRef = z.object({ campaignId: id }).strict();

export const budgetingContract = {
  'budgeting.listCampaigns': method<BudgetCampaign[]>()(z.object({ includeDeleted: z.boolean().default(false) }).strict(), BUDGETING_READ),
  'budgeting.getCampaign': method<BudgetCampaign>()(ref, BUDGETING_READ),
  'budgeting.saveCampaign': method<BudgetCampaign>()(saveCampaignInput, EDITORS),
  /** A campaign from its JSON definition (docs/budgeting-campaign.md); errors name the JSON path. */
  'budgeting.createCampaignFromJson': method<BudgetCampaign>()(
    z
      .object({
        json: z.string().min(2).max(1_000_000),
        /** Create it even when amounts look 1/100 off (the warning was read). */ acceptWarnings: z.boolean().default(false),
      })
      .strict(),
    EDITORS,
  ),
  'budgeting.deleteCampaign': method<null>()(deleteRef, EDITORS),
  'budgeting.restoreCampaign': method<null>()(ref, EDITORS),

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

  /** Balanced automatic assignment of the campaign's eligible proposals to the given evaluators (users with role evaluator). */
  'budgeting.assignEvaluators': method<EvaluationProgress>()(
    z.object({ campaignId: id, evaluatorIds: z.array(id).min(2, because('twoEvaluators')).max(500) }).strict(),
    EDITORS,
  ),
  /** Adjust by hand: add an evaluator to a proposal, or take one off (only before they submitted). */
  'budgeting.setAssignment': method<EvaluationAssignment[]>()(z.object({ proposalId: id, evaluatorId: id, assigned: z.boolean() }).strict(), EDITORS),
  'budgeting.listAssignments': method<EvaluationAssignment[]>()(z.object({ campaignId: id }).strict(), EDITORS),
  'budgeting.evaluationProgress': method<EvaluationProgress>()(campaignRef, EDITORS),
  'budgeting.listConflictDeclarations': method<ConflictDeclaration[]>()(campaignRef, EDITORS),

  /** The calling evaluator's own assignments (proposal titles only until they declare no conflict). */
  'budgeting.myAssignments': method<EvaluationAssignment[]>()(z.object({ campaignId: id.optional() }).strict(), BUDGETING_EVALUATOR),
  /** Conflict-of-interest declaration: required before opening; a conflict recuses and re-assigns. */
  'budgeting.declareInterest': method<EvaluationAssignment>()(
    z.object({ assignmentId: id, conflict: z.boolean(), note: text(2000).default('') }).strict(),
    BUDGETING_EVALUATOR,
  ),
  /** The proposal behind one of the evaluator's assignments (author hidden in blind mode). */
  'budgeting.openProposal': method<BudgetProposal>()(z.object({ assignmentId: id }).strict(), BUDGETING_EVALUATOR),
  /** The rubric an evaluator scores one of their assignments against (FORBIDDEN for anyone else's assignment). */
  'budgeting.myRubric': method<EvaluatorRubric>()(z.object({ assignmentId: id }).strict(), BUDGETING_EVALUATOR),
  /** Save (draft) or submit the evaluator's scores; submitted scores are final. */
  'budgeting.saveScores': method<EvaluationAssignment>()(
    z.object({ assignmentId: id, scores: scoresRecord, comment: text(10_000).default(''), submit: z.boolean().default(false) }).strict(),
    BUDGETING_EVALUATOR,
  ),
  /** A proposal's evaluations: an evaluator gets FORBIDDEN unless assigned, and only their own until all are submitted. */
  'budgeting.listEvaluations': method<ProposalEvaluations>()(z.object({ proposalId: id }).strict(), EVALUATION_READERS),
  /** BudgetModeration after a divergence: the final score with its rationale, participants and time. */
  'budgeting.moderate': method<ProposalEvaluations>()(
    z.object({ proposalId: id, finalScore: z.number().min(0).max(100), rationale: requiredText(10_000), participants: requiredText(2000) }).strict(),
    EDITORS,
  ),
  /** Job: one locked scoring workbook per evaluator; result `{ files: [{ fileId, fileName, evaluatorId, evaluatorName }] }` (download each by fileId). */
  'budgeting.exportWorkbooks': method<{ jobId: string }>()(campaignRef, EDITORS),
  /** A filled scoring workbook back; refused with the cell named on any mismatch, nothing written. */
  'budgeting.importScores': method<ScoresImportReport>()(z.object(upload).strict(), EDITORS),

  /** The platform's vote CSV (voter, proposal, optional zone and time); replaces the campaign's imported votes. */
  'budgeting.importVotes': method<VoteImportReport>()(
    z
      .object({
        campaignId: id,
        ...upload,
        /** Import even when more than 1 % of the rows are refused for one reason. */ acceptRefused: z.boolean().default(false),
      })
      .strict(),
    EDITORS,
  ),
  /** One of the two entries of a paper ballot batch; when both entries match, the ballots are counted. */
  'budgeting.enterPaperBatch': method<PaperBatchStatus>()(
    z
      .object({
        campaignId: id,
        batchCode: code,
        entry: z.union([z.literal(1), z.literal(2)]),
        ballots: z
          .array(z.object({ voterKey: requiredText(120), proposalCodes: z.array(requiredText(60)).min(1).max(100) }).strict())
          .min(1)
          .max(10_000),
      })
      .strict(),
    EDITORS,
  ),
  'budgeting.listPaperBatches': method<PaperBatchStatus[]>()(campaignRef, EDITORS),
  /** Tally and apply the campaign's winner rule (per zone); audited; a recompute after an appeal names it. */
  'budgeting.computeResults': method<CampaignResults>()(
    z
      .object({
        campaignId: id,
        appealId: id.nullable().default(null),
        note: text(2000).default(''),
        /** Declare the results final (refused while any proposal's eligibility, evaluation or divergence is open). */
        final: z.boolean().default(false),
      })
      .strict(),
    EDITORS,
  ),
  /**
   * The latest computed results (NOT_FOUND before the first computation). Evaluators and viewers read them only
   * once final: provisional results are NOT_FOUND for them (core/visibility.ts).
   */
  'budgeting.getResults': method<CampaignResults>()(campaignRef, [...BUDGETING_READ, 'evaluator']),
  /** Job: the results workbook; result `{ fileId, fileName }`. */
  'budgeting.exportResults': method<{ jobId: string }>()(campaignRef, EDITORS),
  /** The vote in Pabulib `.pb` format (text): one file per zone (a .pb file describes one budget), or one for the city. */
  'budgeting.exportPabulib': method<{ files: Array<{ fileName: string; content: string }> }>()(campaignRef, EDITORS),

  'budgeting.listAppeals': method<BudgetAppeal[]>()(campaignRef, EDITORS),
  'budgeting.saveAppeal': method<BudgetAppeal>()(saveAppealInput, EDITORS),

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
