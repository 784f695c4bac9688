import { z } from 'zod';
import { because } from '../issues';
import { EDITORS, method } from '../define';
import { id, requiredText, type Row, text } from '../common';
import { type AssignmentStatus, BUDGETING_EVALUATOR, EVALUATION_READERS, type FinalMethod } from './enums';
import { campaignRef, code, upload } from './fields';
import { type BudgetRubric } from './campaign';
import { type BudgetProposal } from './proposals';

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

export const evaluationMethods = {
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
};
