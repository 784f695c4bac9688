import type { DbOrTx } from '../../../db/connection';
import * as rq from '../../../db/queries/reports';
import { OGP_VALUES, type Action, type CommitmentAssessment, type CompletionLevel } from '../../contract';
import type { RagSettings } from '../plan/rag';
import { computePlanState } from '../plan/state';

/**
 * OGP Local's two forms per commitment, filled from the records: the Inception Assessment (the commitment as
 * designed: problem, objective, OGP values, verifiability, potential, actions and indicators) and the
 * End-of-Commitment Assessment (completion level, factors, lessons, "did it open government?" per value,
 * evidence files). What the coordinator recorded (plan.setAssessment) is used as is; where no completion level
 * is recorded, a suggestion from the actions is given beside it, named as such.
 */

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/**
 * The completion level the records suggest (IRM scale): no live action → no evidence; every live action done →
 * complete; nothing started → not started; roll-up progress at least 50 % → substantial; otherwise limited.
 */
export function suggestCompletion(actions: Array<Pick<Action, 'status' | 'progress'>>, progress: number): CompletionLevel {
  const live = actions.filter((a) => a.status !== 'cancelled');
  if (live.length === 0) return 'no_evidence';
  if (live.every((a) => a.status === 'done')) return 'complete';
  if (live.every((a) => a.status === 'not_started' && a.progress === 0)) return 'not_started';
  return progress >= 50 ? 'substantial' : 'limited';
}

export async function buildAssessments(db: DbOrTx, today: string, settings: RagSettings, commitmentId?: string): Promise<CommitmentAssessment[]> {
  const state = await computePlanState(db, today, settings, { commitmentId });
  const evidence = await rq.commitmentEvidence(db, commitmentId);
  return state.commitments.map((c) => {
    const actions = state.actions.filter((a) => a.commitmentId === c.id);
    const indicators = state.indicators.filter((i) => i.commitmentId === c.id);
    const count = (s: Action['status']) => actions.filter((a) => a.status === s).length;
    const values = c.ogpValues.length ? c.ogpValues : [...OGP_VALUES];
    return {
      id: c.id,
      code: c.code,
      title: c.title,
      inception: {
        problem: c.problem,
        objective: c.objective,
        description: c.description,
        solution: c.solution,
        ogpValues: c.ogpValues,
        startDate: c.startDate,
        endDate: c.endDate,
        leadInstitution: c.leadInstitution,
        actors: c.actors,
        verifiable: c.designVerifiable,
        potential: c.designPotential,
        actions: actions.map((a) => ({
          code: a.code,
          title: a.title,
          deliverable: a.deliverable,
          plannedStart: a.plannedStart,
          plannedEnd: a.plannedEnd,
          responsibleOrg: a.responsibleOrg,
          status: a.status,
          progress: a.progress,
        })),
        indicators: indicators.map((i) => ({
          code: i.code,
          name: i.name,
          current: i.latest?.comparable ?? null,
          target: i.target,
          unit: i.type === 'ratio' && !i.unit ? '%' : i.unit,
          percentOfTarget: i.percentOfTarget,
        })),
      },
      end: {
        completion: c.completion,
        suggestedCompletion: suggestCompletion(actions, c.progress),
        progress: c.progress,
        rag: c.rag,
        actionsDone: count('done'),
        actionsInProgress: count('in_progress'),
        actionsNotStarted: count('not_started'),
        actionsCancelled: count('cancelled'),
        factors: c.factors,
        lessons: c.lessons,
        openedGovernment: values.map((v) => ({ value: v, level: c.openedGovernment[v] ?? null })),
        evidence: evidence
          .filter((e) => e.commitment_id === c.id)
          .map((e) => ({
            source: e.source,
            code: e.code,
            date: e.date,
            note: e.note,
            fileName: e.file_name,
            size: e.size,
            sha256: e.sha256,
            withinLimit: e.size <= MAX_EVIDENCE_BYTES,
          })),
      },
    };
  });
}
