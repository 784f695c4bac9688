import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../../../electron/contract';
import type { MethodName } from '../../api/client';
import { conflictFirst, useMethodMutation, type ConflictHandler, type MutationHandlers } from '../../api/mutations';
import { invalidateBudgeting } from './queries';
import { useBudgetingErrors } from './shared';

/** A budgeting save: every budgeting query (and the plan's, which shows the campaigns) is refreshed after it. */
const useBudgetingMutation = <K extends MethodName>(method: K, handlers?: MutationHandlers) => useMethodMutation(method, invalidateBudgeting, handlers);

export const useSaveCampaign = (h?: MutationHandlers) => useBudgetingMutation('budgeting.saveCampaign', h);
export const useSaveProposal = (h?: MutationHandlers) => useBudgetingMutation('budgeting.saveProposal', h);
export const useSetEligibility = (h?: MutationHandlers) => useBudgetingMutation('budgeting.setEligibility', h);
export const useSetEligibilityCriteria = (h?: MutationHandlers) => useBudgetingMutation('budgeting.setEligibilityCriteria', h);
export const useSetFeasibility = (h?: MutationHandlers) => useBudgetingMutation('budgeting.setFeasibility', h);
export const useAssignEvaluators = (h?: MutationHandlers) => useBudgetingMutation('budgeting.assignEvaluators', h);
export const useDeclareInterest = (h?: MutationHandlers) => useBudgetingMutation('budgeting.declareInterest', h);
export const useSaveScores = (h?: MutationHandlers) => useBudgetingMutation('budgeting.saveScores', h);
export const useModerate = (h?: MutationHandlers) => useBudgetingMutation('budgeting.moderate', h);
export const useEnterPaperBatch = (h?: MutationHandlers) => useBudgetingMutation('budgeting.enterPaperBatch', h);
export const useComputeResults = (h?: MutationHandlers) => useBudgetingMutation('budgeting.computeResults', h);
export const useSaveAppeal = (h?: MutationHandlers) => useBudgetingMutation('budgeting.saveAppeal', h);
export const useUpdateProject = (h?: MutationHandlers) => useBudgetingMutation('budgeting.updateProject', h);
export const useCreateProject = (h?: MutationHandlers) => useBudgetingMutation('budgeting.createProject', h);
export const useAddMilestone = (h?: MutationHandlers) => useBudgetingMutation('budgeting.addMilestone', h);

/**
 * How a budgeting form tells a failed save: the conflict view first (a form that has one), then each issue on its
 * field and all of them in a message; `onConflict` runs after the user reloads on a CONFLICT the form cannot resolve.
 */
export function useBudgetingFormErrors(
  form: FormInstance,
  fields: string[],
  opts: { conflict?: ConflictHandler; onConflict?: () => void } = {},
): MutationHandlers & { invalid: (issues: FieldIssue[]) => void } {
  const tell = useBudgetingErrors();
  const rest = (e: unknown) => tell(e, form, fields, opts.onConflict);
  return {
    ...(opts.conflict ? conflictFirst(opts.conflict, rest) : { onError: rest }),
    /** The form's values fail the contract's schema (checked before sending): marked the same way. */
    invalid: (issues) => tell({ code: 'VALIDATION', message: '', details: { issues } }, form, fields),
  };
}
