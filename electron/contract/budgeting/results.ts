import { z } from 'zod';
import { issue } from '../issues';
import { EDITORS, method } from '../define';
import { expectedUpdatedAt, id, isoDate, requiredText, type Row, text } from '../common';
import { APPEAL_OUTCOMES, type AppealOutcome, BUDGETING_READ, EQUAL_SHARES_COMPLETIONS, EQUAL_SHARES_UTILITIES, type TieBreak, type WinnerRule } from './enums';
import { campaignRef } from './fields';

// ───────────────────────────── results (winners, explained) and appeals

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

export const resultMethods = {
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
};
