import { describe, expect, it } from 'vitest';
import type { EvaluationAssignment } from '../../electron/contract';
import { evaluatorProgress } from '../../renderer/src/features/budgeting/evaluator-progress';

const a = (proposalCode: string, status: EvaluationAssignment['status']) =>
  ({ id: proposalCode, proposalCode, status, conflictDeclaredAt: status === 'assigned' ? null : '2026-05-20T09:00:00Z' }) as EvaluationAssignment;

/** An evaluator's start page: "N of M submitted" and the "Următoarea propunere" button. */
describe("an evaluator's progress and next proposal", () => {
  it('counts submitted out of assigned, leaving recusals out', () => {
    expect(evaluatorProgress([a('P-001', 'submitted'), a('P-002', 'assigned'), a('P-003', 'recused'), a('P-004', 'open')])).toMatchObject({
      submitted: 1,
      assigned: 3,
    });
  });
  it('the next proposal is one already opened, else the first by code not yet declared', () => {
    expect(evaluatorProgress([a('P-010', 'assigned'), a('P-002', 'assigned'), a('P-009', 'open')]).next?.proposalCode).toBe('P-009');
    expect(evaluatorProgress([a('P-010', 'assigned'), a('P-002', 'assigned'), a('P-001', 'submitted')]).next?.proposalCode).toBe('P-002');
  });
  it('none when all are submitted or recused', () => {
    expect(evaluatorProgress([a('P-001', 'submitted'), a('P-002', 'recused')])).toEqual({ submitted: 1, assigned: 1, next: null });
  });
});
