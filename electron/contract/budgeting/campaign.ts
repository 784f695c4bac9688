import { z } from 'zod';
import { because, issue } from '../issues';
import { EDITORS, method } from '../define';
import { expectedUpdatedAt, id, isoDate, requiredText, type Row, text } from '../common';
import {
  BUDGETING_READ,
  CAMPAIGN_KINDS,
  type CampaignKind,
  DEFAULT_TOPUP_LIMIT,
  DIVERGENCE_MODES,
  DIVERGENCE_SCOPES,
  EQUAL_SHARES_COMPLETIONS,
  EQUAL_SHARES_UTILITIES,
  PHASE_KINDS,
  TIE_BREAKS,
  type TieBreak,
  WINNER_RULES,
  type WinnerRule,
} from './enums';
import { code, deleteRef, money, ref } from './fields';

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

export const campaignMethods = {
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
};
