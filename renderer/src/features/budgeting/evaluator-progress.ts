import type { EvaluationAssignment } from '../../../../electron/contract';

const byCode = (a: string, b: string) => a.localeCompare(b, 'ro', { numeric: true });

/**
 * An evaluator's progress: evaluations submitted out of those assigned (recusals are no longer theirs), and the
 * next proposal to score — the first by code not yet submitted (one already opened before one not yet declared).
 */
export function evaluatorProgress(rows: readonly EvaluationAssignment[]): { submitted: number; assigned: number; next: EvaluationAssignment | null } {
  const mine = rows.filter((r) => r.status !== 'recused');
  const todo = mine
    .filter((r) => r.status !== 'submitted')
    .sort((a, b) => (a.status === 'open' ? 0 : 1) - (b.status === 'open' ? 0 : 1) || byCode(a.proposalCode, b.proposalCode));
  return { submitted: mine.length - todo.length, assigned: mine.length, next: todo[0] ?? null };
}
