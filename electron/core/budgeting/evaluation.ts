import type { WriteTx } from '../../../db/access';
import type { Tx } from '../../../db/connection';
import * as q from '../../../db/queries/budgeting';
import type { BudgetingAssignmentsTable } from '../../../db/schema/budgeting';
import {
  AppError,
  validationError,
  type BudgetCampaign,
  type BudgetProposal,
  type BudgetRubric,
  type ConflictDeclaration,
  type DivergenceRule,
  type EvaluationAssignment,
  type EvaluationProgress,
  type EvaluatorRubric,
  type MethodName,
  type ParsedInputOf,
  type ProposalEvaluations,
} from '../../contract';
import type { ServiceContext } from '../context';
import { newId, nextTimestamp, parseJson } from '../util';
import { insertAudited, live, notFound, softDeleteRow, updateCurrent } from '../writes';
import { getCampaign, getProposal } from './service';

type In<K extends MethodName> = ParsedInputOf<K>;
type AssignmentRow = BudgetingAssignmentsTable & { proposal_code: string; proposal_title: string; evaluator_name: string };

// ───────────────────────────── scoring rules (pure)

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Overall score 0–100: the weighted share of the maximum over the rubric's criteria. */
export function overallScore(rubric: BudgetRubric, scores: Record<string, number>): number {
  let sum = 0;
  let weights = 0;
  for (const c of rubric.criteria) {
    const s = scores[c.key];
    if (s == null) continue;
    sum += (c.weight * (s - c.min)) / (c.max - c.min);
    weights += c.weight;
  }
  return weights ? round2((100 * sum) / weights) : 0;
}

/** The problem with one criterion's score, or null: a whole number on the anchored scale. */
export function scoreProblem(rubric: BudgetRubric, key: string, value: unknown): string | null {
  const c = rubric.criteria.find((x) => x.key === key);
  if (!c) return `"${key}" is not a criterion of the rubric`;
  if (typeof value !== 'number' || !Number.isInteger(value)) return `expected a whole number from ${c.min} to ${c.max}`;
  if (value < c.min || value > c.max) return `${value} is outside the scale ${c.min}–${c.max}`;
  return null;
}

const gapExceeds = (rule: DivergenceRule, a: number, b: number) => {
  const gap = Math.abs(a - b);
  return rule.mode === 'points' ? gap >= rule.threshold : gap > (rule.threshold / 100) * Math.max(a, b);
};

/** Two evaluations diverge: overall scores, or any one criterion, apart by more than the campaign's rule. */
export function diverges(rule: DivergenceRule, rubric: BudgetRubric, a: Record<string, number>, b: Record<string, number>): boolean {
  if (rule.scope === 'overall') return gapExceeds(rule, overallScore(rubric, a), overallScore(rubric, b));
  return rubric.criteria.some((c) => a[c.key] != null && b[c.key] != null && gapExceeds(rule, a[c.key], b[c.key]));
}

/** The average of the two closest overall scores (ties: the pair with the higher sum). */
export function closestTwo(overall: number[]): number {
  const s = [...overall].sort((x, y) => x - y);
  let best: [number, number] = [s[0], s[1]];
  for (let i = 1; i + 1 < s.length; i++) {
    const gap = s[i + 1] - s[i];
    const bestGap = best[1] - best[0];
    if (gap < bestGap || (gap === bestGap && s[i] + s[i + 1] > best[0] + best[1])) best = [s[i], s[i + 1]];
  }
  return round2((best[0] + best[1]) / 2);
}

// ───────────────────────────── mappers

export const toAssignment = (a: AssignmentRow): EvaluationAssignment => ({
  id: a.id,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
  updatedBy: a.updated_by,
  deletedAt: a.deleted_at,
  campaignId: a.campaign_id,
  proposalId: a.proposal_id,
  proposalCode: a.proposal_code,
  proposalTitle: a.proposal_title,
  evaluatorId: a.evaluator_id,
  evaluatorName: a.evaluator_name,
  status: a.status,
  round: a.round,
  conflictDeclaredAt: a.conflict_declared_at,
  conflict: a.conflict == null ? null : a.conflict === 1,
  scores: parseJson(a.scores, {}),
  comment: a.comment,
  overall: a.overall,
  submittedAt: a.submitted_at,
  via: a.via,
});

// ───────────────────────────── assignment

/** Evaluators of the campaign's pool (anyone assigned in it), with their live load. */
async function loads(trx: Tx, campaignId: string) {
  const all = await q.listAssignments(trx, { campaignId });
  const load = new Map<string, number>();
  for (const a of all) if (a.status !== 'recused') load.set(a.evaluator_id, (load.get(a.evaluator_id) ?? 0) + 1);
  return { all, load };
}

/** The least-loaded evaluator of `pool` not already on the proposal (nor recused from it); null when none is free. */
function pickEvaluator(pool: string[], load: Map<string, number>, taken: Set<string>): string | null {
  let best: string | null = null;
  for (const e of pool) {
    if (taken.has(e)) continue;
    if (best === null || (load.get(e) ?? 0) < (load.get(best) ?? 0)) best = e;
  }
  return best;
}

async function addAssignment(ctx: ServiceContext, trx: WriteTx, campaignId: string, proposalId: string, evaluatorId: string, round: number) {
  const id = newId();
  await insertAudited(ctx, trx, 'budgeting_assignments', 'budgeting assignment', {
    id,
    campaign_id: campaignId,
    proposal_id: proposalId,
    evaluator_id: evaluatorId,
    status: 'assigned',
    round,
    conflict_declared_at: null,
    conflict: null,
    scores: '{}',
    comment: '',
    overall: null,
    submitted_at: null,
    via: null,
  });
  return id;
}

/** Proposals that go to evaluation: live and not found ineligible. */
const evaluable = (p: { eligibility_status: string }) => p.eligibility_status !== 'ineligible';

export async function assignEvaluators(ctx: ServiceContext, input: In<'budgeting.assignEvaluators'>): Promise<EvaluationProgress> {
  const campaign = await getCampaign(ctx, { id: input.campaignId });
  if (!campaign.rubric.criteria.length)
    throw validationError(
      'campaignId',
      'vote_only',
      'campania este decisă doar prin vot (fără grilă de evaluare): nu are evaluatori; adăugați o grilă pentru a evalua propunerile',
    );
  const ids = [...new Set(input.evaluatorIds)];
  const evaluators = await q.activeEvaluators(ctx.db, ids);
  const missing = ids.filter((id) => !evaluators.some((e) => e.id === id));
  if (missing.length) throw validationError('evaluatorIds', 'not_evaluator', `not an active user with the evaluator role: ${missing.join(', ')}`);
  if (ids.length < campaign.evaluatorsPerProposal)
    throw validationError(
      'evaluatorIds',
      'too_few',
      `the campaign asks for ${campaign.evaluatorsPerProposal} evaluators per proposal; only ${ids.length} given`,
    );
  await ctx.tx(async (trx) => {
    const { all, load } = await loads(trx, campaign.id);
    const proposals = (await q.listProposals(trx, { campaignId: campaign.id })).filter(evaluable);
    for (const p of proposals) {
      const on = all.filter((a) => a.proposal_id === p.id);
      const taken = new Set(on.map((a) => a.evaluator_id));
      let active = on.filter((a) => a.status !== 'recused' && a.round === 1).length;
      while (active < campaign.evaluatorsPerProposal) {
        const e = pickEvaluator(ids, load, taken);
        if (!e) break;
        await addAssignment(ctx, trx, campaign.id, p.id, e, 1);
        taken.add(e);
        load.set(e, (load.get(e) ?? 0) + 1);
        active++;
      }
    }
  });
  return evaluationProgress(ctx, { campaignId: campaign.id });
}

export async function setAssignment(ctx: ServiceContext, input: In<'budgeting.setAssignment'>): Promise<EvaluationAssignment[]> {
  const proposal = await getProposal(ctx, { id: input.proposalId });
  await ctx.tx(async (trx) => {
    const existing = await q.assignmentPair(trx, input.proposalId, input.evaluatorId);
    if (input.assigned) {
      if (existing) return;
      const [e] = await q.activeEvaluators(trx, [input.evaluatorId]);
      if (!e) throw validationError('evaluatorId', 'not_evaluator', 'not an active user with the evaluator role');
      await addAssignment(ctx, trx, proposal.campaignId, proposal.id, input.evaluatorId, 1);
    } else {
      if (!existing) throw notFound('budgeting assignment', `${input.proposalId}/${input.evaluatorId}`);
      if (existing.status === 'submitted') throw validationError('assigned', 'submitted', 'this evaluator has already submitted scores for the proposal');
      if (existing.status === 'recused') throw validationError('assigned', 'recused', 'a recusal stays on record');
      await softDeleteRow(ctx, trx, 'budgeting_assignments', 'budgeting assignment', existing.id, existing.updated_at);
    }
  });
  return (await q.listAssignments(ctx.db, { proposalId: input.proposalId })).map(toAssignment);
}

export async function listAssignments(ctx: ServiceContext, input: { campaignId: string }) {
  await getCampaign(ctx, { id: input.campaignId });
  return (await q.listAssignments(ctx.db, { campaignId: input.campaignId })).map(toAssignment);
}

export async function evaluationProgress(ctx: ServiceContext, input: { campaignId: string }): Promise<EvaluationProgress> {
  await getCampaign(ctx, { id: input.campaignId });
  const all = await q.listAssignments(ctx.db, { campaignId: input.campaignId });
  const proposals = await q.listProposals(ctx.db, { campaignId: input.campaignId });
  const per = new Map<string, EvaluationProgress['perEvaluator'][number]>();
  for (const a of all) {
    let e = per.get(a.evaluator_id);
    if (!e)
      per.set(a.evaluator_id, (e = { evaluatorId: a.evaluator_id, evaluatorName: a.evaluator_name, assigned: 0, submitted: 0, recused: 0, progress: '' }));
    if (a.status === 'recused') e.recused++;
    else e.assigned++;
    if (a.status === 'submitted') e.submitted++;
  }
  for (const e of per.values()) e.progress = `${e.submitted}/${e.assigned}`;
  return {
    perEvaluator: [...per.values()].sort((a, b) => a.evaluatorName.localeCompare(b.evaluatorName, 'ro')),
    perProposal: proposals.map((p) => {
      const active = Number(p.active ?? 0);
      const submitted = Number(p.submitted ?? 0);
      return {
        proposalId: p.id,
        code: p.code,
        title: p.title,
        active,
        submitted,
        progress: `${submitted}/${active}`,
        divergent: p.divergent === 1,
        finalScore: p.final_score,
      };
    }),
  };
}

export async function listConflictDeclarations(ctx: ServiceContext, input: { campaignId: string }): Promise<ConflictDeclaration[]> {
  await getCampaign(ctx, { id: input.campaignId });
  return (await q.listConflicts(ctx.db, input.campaignId)).map((c) => ({
    id: c.id,
    assignmentId: c.assignment_id,
    proposalId: c.proposal_id,
    evaluatorId: c.evaluator_id,
    evaluatorName: c.evaluator_name,
    conflict: c.conflict === 1,
    note: c.note,
    declaredAt: c.declared_at,
    reassignedTo: c.reassigned_to,
  }));
}

// ───────────────────────────── the evaluator's side (enforced here, not in the UI)

const forbidden = (message: string) => new AppError('FORBIDDEN', message);

/** The assignment, checked to be the caller's own (the system actor — CLI, workbook import — acts for anyone). */
async function ownAssignment(ctx: ServiceContext, db: Tx | ServiceContext['db'], assignmentId: string): Promise<AssignmentRow> {
  const [a] = await q.listAssignments(db, { id: assignmentId });
  if (!a) throw notFound('budgeting assignment', assignmentId);
  if (ctx.actor.role !== 'system' && a.evaluator_id !== ctx.actor.id) throw forbidden('this is not one of your assignments');
  return a;
}

/** The rubric behind one of the caller's own assignments (someone else's: FORBIDDEN, as for every evaluator read). */
export async function myRubric(ctx: ServiceContext, input: { assignmentId: string }): Promise<EvaluatorRubric> {
  const a = await ownAssignment(ctx, ctx.db, input.assignmentId);
  const c = await getCampaign(ctx, { id: a.campaign_id });
  return { assignmentId: a.id, campaignId: c.id, campaignName: c.name, blindMode: c.blindMode, rubric: c.rubric };
}

export async function myAssignments(ctx: ServiceContext, input: { campaignId?: string }): Promise<EvaluationAssignment[]> {
  if (!ctx.actor.id) return [];
  return (await q.listAssignments(ctx.db, { evaluatorId: ctx.actor.id, campaignId: input.campaignId })).map(toAssignment);
}

/** Conflict-of-interest declaration; a conflict recuses the evaluator and hands the proposal to the least-loaded free one. */
export async function declareInterest(ctx: ServiceContext, input: In<'budgeting.declareInterest'>): Promise<EvaluationAssignment> {
  await ctx.tx(async (trx) => {
    const a = await ownAssignment(ctx, trx, input.assignmentId);
    await declareInterestIn(ctx, trx, a, input.conflict, input.note);
  });
  return toAssignment((await q.listAssignments(ctx.db, { id: input.assignmentId }))[0]);
}

/** What a declaration reads of its assignment (a scoring workbook's import keeps only these for each answer). */
export type DeclaringAssignment = Pick<
  BudgetingAssignmentsTable,
  'id' | 'campaign_id' | 'proposal_id' | 'evaluator_id' | 'round' | 'status' | 'conflict_declared_at' | 'updated_at'
>;

/** The declaration itself, inside the caller's transaction (the app, or a scoring workbook's answer). */
export async function declareInterestIn(ctx: ServiceContext, trx: WriteTx, a: DeclaringAssignment, conflict: boolean, note: string) {
  if (a.conflict_declared_at) throw validationError('assignmentId', 'already_declared', 'the declaration for this proposal was already made');
  const at = nextTimestamp(ctx.now(), a.updated_at);
  await updateCurrent(ctx, trx, 'budgeting_assignments', 'budgeting assignment', a.id, a.updated_at, {
    conflict_declared_at: at,
    conflict: conflict ? 1 : 0,
    status: conflict ? 'recused' : a.status,
  });
  let reassignedTo: string | null = null;
  if (conflict) {
    const { all, load } = await loads(trx, a.campaign_id);
    const pool = [...new Set(all.map((x) => x.evaluator_id))];
    const active = new Set((await q.activeEvaluators(trx, pool)).map((e) => e.id));
    const taken = new Set(all.filter((x) => x.proposal_id === a.proposal_id).map((x) => x.evaluator_id));
    reassignedTo = pickEvaluator(
      pool.filter((e) => active.has(e)),
      load,
      taken,
    );
    if (reassignedTo) await addAssignment(ctx, trx, a.campaign_id, a.proposal_id, reassignedTo, a.round);
  }
  await insertAudited(ctx, trx, 'budgeting_conflicts', 'budgeting conflict declaration', {
    id: newId(),
    assignment_id: a.id,
    campaign_id: a.campaign_id,
    proposal_id: a.proposal_id,
    evaluator_id: a.evaluator_id,
    conflict: conflict ? 1 : 0,
    note,
    declared_at: at,
    reassigned_to: reassignedTo,
  });
}

/** Opening a proposal needs the declaration first (and no conflict); blind mode hides the author. */
export async function openProposal(ctx: ServiceContext, input: { assignmentId: string }): Promise<BudgetProposal> {
  const a = await ownAssignment(ctx, ctx.db, input.assignmentId);
  if (!a.conflict_declared_at) throw forbidden('declare whether you have a conflict of interest before opening the proposal');
  if (a.status === 'recused') throw forbidden('you declared a conflict of interest for this proposal');
  const campaign = await getCampaign(ctx, { id: a.campaign_id });
  if (a.status === 'assigned')
    await ctx.tx(async (trx) => {
      await updateCurrent(ctx, trx, 'budgeting_assignments', 'budgeting assignment', a.id, a.updated_at, { status: 'open' });
    });
  return getProposal(ctx, { id: a.proposal_id }, { hideAuthor: campaign.blindMode });
}

/** Checks a full set of scores against the rubric; returns every problem by criterion key. */
export function checkScores(rubric: BudgetRubric, scores: Record<string, unknown>, complete: boolean) {
  const problems: Array<{ key: string; message: string }> = [];
  for (const [k, v] of Object.entries(scores)) {
    const p = scoreProblem(rubric, k, v);
    if (p) problems.push({ key: k, message: p });
  }
  if (complete) for (const c of rubric.criteria) if (scores[c.key] == null) problems.push({ key: c.key, message: `a score for "${c.name}" is required` });
  return problems;
}

/** Writes one evaluator's scores (draft or submitted) and, on submit, settles the proposal's final score. */
export async function writeScores(
  ctx: ServiceContext,
  trx: WriteTx,
  a: BudgetingAssignmentsTable,
  campaign: BudgetCampaign,
  scores: Record<string, number>,
  comment: string,
  submit: boolean,
  via: 'app' | 'workbook',
) {
  const at = nextTimestamp(ctx.now(), a.updated_at);
  await updateCurrent(ctx, trx, 'budgeting_assignments', 'budgeting assignment', a.id, a.updated_at, {
    scores: JSON.stringify(scores),
    comment,
    overall: submit ? overallScore(campaign.rubric, scores) : null,
    status: submit ? 'submitted' : 'open',
    submitted_at: submit ? at : null,
    via,
  });
  if (submit) await settleProposal(ctx, trx, a.proposal_id, campaign);
}

export async function saveScores(ctx: ServiceContext, input: In<'budgeting.saveScores'>): Promise<EvaluationAssignment> {
  await ctx.tx(async (trx) => {
    const a = await ownAssignment(ctx, trx, input.assignmentId);
    if (!a.conflict_declared_at) throw forbidden('declare whether you have a conflict of interest before scoring');
    if (a.status === 'recused') throw forbidden('you declared a conflict of interest for this proposal');
    if (a.status === 'submitted') throw validationError('assignmentId', 'already_submitted', 'your scores for this proposal are already submitted');
    const campaign = await getCampaign(ctx, { id: a.campaign_id }, trx);
    const problems = checkScores(campaign.rubric, input.scores, input.submit);
    if (problems.length) throw validationError(`scores.${problems[0].key}`, 'bad_score', problems[0].message);
    await writeScores(ctx, trx, a, campaign, input.scores, input.comment, input.submit, 'app');
  });
  return toAssignment((await q.listAssignments(ctx.db, { id: input.assignmentId }))[0]);
}

/**
 * After a submission: divergence check, third evaluator, final score. The final score is the moderation's when
 * there is one; else, once every active evaluator has submitted, the average — or, after a divergence and a
 * third evaluation, the average of the two closest.
 */
export async function settleProposal(ctx: ServiceContext, trx: WriteTx, proposalId: string, campaign: BudgetCampaign) {
  const p = await live(trx, 'budgeting_proposals', proposalId, 'budgeting proposal');
  const all = await q.listAssignments(trx, { proposalId });
  const { divergent, final, method, askThird } = settlement(campaign, all, await q.latestModeration(trx, proposalId));
  if (askThird) {
    const { all: every, load } = await loads(trx, campaign.id);
    const pool = [...new Set(every.map((x) => x.evaluator_id))];
    const activeUsers = new Set((await q.activeEvaluators(trx, pool)).map((e) => e.id));
    const third = pickEvaluator(
      pool.filter((e) => activeUsers.has(e)),
      load,
      new Set(all.map((a) => a.evaluator_id)),
    );
    if (third) await addAssignment(ctx, trx, campaign.id, proposalId, third, 2);
  }
  if (p.final_score !== final || p.final_method !== method || p.divergent !== (divergent ? 1 : 0))
    await updateCurrent(ctx, trx, 'budgeting_proposals', 'budgeting proposal', proposalId, p.updated_at, {
      final_score: final,
      final_method: method,
      divergent: divergent ? 1 : 0,
    });
}

/**
 * What settling a proposal decides from its live assignments and latest moderation: divergence, the final score
 * and its method, and whether a third evaluator is to be asked for (once: none of round 2 yet). Pure, so a batch
 * (a scoring workbook's import) decides as settleProposal does from rows it read together.
 */
export function settlement(
  campaign: BudgetCampaign,
  all: ReadonlyArray<Pick<BudgetingAssignmentsTable, 'status' | 'scores' | 'overall' | 'round'>>,
  moderation: { final_score: number } | undefined,
) {
  const active = all.filter((a) => a.status !== 'recused');
  const submitted = active.filter((a) => a.status === 'submitted');
  const scores = submitted.map((a) => parseJson<Record<string, number>>(a.scores, {}));
  let divergent = false;
  for (let i = 0; i < scores.length && !divergent; i++)
    for (let j = i + 1; j < scores.length && !divergent; j++) if (diverges(campaign.divergence, campaign.rubric, scores[i], scores[j])) divergent = true;
  const allIn = submitted.length === active.length && submitted.length >= 2;
  let final: number | null = null;
  let method: 'average' | 'closest_two' | 'moderation' | null = null;
  let askThird = false;
  if (moderation) {
    final = moderation.final_score;
    method = 'moderation';
  } else if (allIn && divergent && submitted.length < 3) {
    // Ask for a third evaluator (once).
    askThird = !all.some((a) => a.round === 2);
  } else if (allIn) {
    const overall = submitted.map((a) => a.overall ?? 0);
    if (divergent) {
      final = closestTwo(overall);
      method = 'closest_two';
    } else {
      final = round2(overall.reduce((s, x) => s + x, 0) / overall.length);
      method = 'average';
    }
  }
  return { divergent, final, method, askThird };
}

/** A proposal's evaluations: an evaluator must be on it, and sees only their own until every evaluation is in. */
export async function listEvaluations(ctx: ServiceContext, input: { proposalId: string }): Promise<ProposalEvaluations> {
  const proposal = await getProposal(ctx, { id: input.proposalId });
  const rows = await q.listAssignments(ctx.db, { proposalId: input.proposalId });
  const active = rows.filter((a) => a.status !== 'recused');
  const allSubmitted = active.length >= 2 && active.every((a) => a.status === 'submitted');
  let visible = rows;
  if (ctx.actor.role === 'evaluator') {
    const mine = rows.find((a) => a.evaluator_id === ctx.actor.id && a.status !== 'recused');
    if (!mine) throw forbidden('you are not an evaluator of this proposal');
    if (!allSubmitted) visible = [mine];
  }
  const m = await q.latestModeration(ctx.db, input.proposalId);
  const hideOutcome = ctx.actor.role === 'evaluator' && !allSubmitted;
  return {
    proposalId: proposal.id,
    evaluations: visible.map(toAssignment),
    allSubmitted,
    divergent: hideOutcome ? false : proposal.divergent,
    finalScore: hideOutcome ? null : proposal.finalScore,
    finalMethod: hideOutcome ? null : proposal.finalMethod,
    moderation:
      m && !hideOutcome
        ? { id: m.id, proposalId: m.proposal_id, finalScore: m.final_score, rationale: m.rationale, participants: m.participants, decidedAt: m.decided_at }
        : null,
  };
}

/** Moderation of a divergent proposal: its final score with the rationale, who took part, and when. */
export async function moderate(ctx: ServiceContext, input: In<'budgeting.moderate'>): Promise<ProposalEvaluations> {
  const proposal = await getProposal(ctx, { id: input.proposalId });
  if (!proposal.divergent) throw validationError('proposalId', 'not_divergent', 'only a proposal flagged for divergent scores is moderated');
  const campaign = await getCampaign(ctx, { id: proposal.campaignId });
  await ctx.tx(async (trx) => {
    await insertAudited(ctx, trx, 'budgeting_moderations', 'budgeting moderation', {
      id: newId(),
      proposal_id: proposal.id,
      final_score: round2(input.finalScore),
      rationale: input.rationale,
      participants: input.participants,
      decided_at: nextTimestamp(ctx.now()),
    });
    await settleProposal(ctx, trx, proposal.id, campaign);
  });
  return listEvaluations(ctx, { proposalId: proposal.id });
}
