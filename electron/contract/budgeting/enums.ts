import { type Role } from '../define';
import { ELIGIBILITY_CRITERIA } from '../budgeting-criteria';

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
export { ELIGIBILITY_CRITERIA, ELIGIBILITY_CRITERIA_RO } from '../budgeting-criteria';
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
