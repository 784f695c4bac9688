import type { MethodName } from '../../api/client';
import { useMethodMutation, type MutationHandlers } from '../../api/mutations';
import { invalidatePlan } from './queries';

/** A plan save: every plan query (commitments, actions, indicators, the dashboard) is refreshed after it. */
const usePlanMutation = <K extends MethodName>(method: K, handlers?: MutationHandlers) => useMethodMutation(method, invalidatePlan, handlers);

export const useSaveCommitment = (h?: MutationHandlers) => usePlanMutation('plan.saveCommitment', h);
export const useSaveAction = (h?: MutationHandlers) => usePlanMutation('plan.saveAction', h);
export const useSaveIndicator = (h?: MutationHandlers) => usePlanMutation('plan.saveIndicator', h);
export const useSetAssessment = (h?: MutationHandlers) => usePlanMutation('plan.setAssessment', h);
