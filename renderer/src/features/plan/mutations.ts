import { api, type InputOf, type MethodName, type OutputOf } from '../../api/client';
import { useApiMutation, useMethodMutation, type MutationHandlers } from '../../api/mutations';
import { invalidatePlan } from './queries';

/** A plan save: every plan query (commitments, actions, indicators, the dashboard) is refreshed after it. */
const usePlanMutation = <K extends MethodName>(method: K, handlers?: MutationHandlers) => useMethodMutation(method, invalidatePlan, handlers);

export const useSaveCommitment = (h?: MutationHandlers) => usePlanMutation('plan.saveCommitment', h);
export const useSaveAction = (h?: MutationHandlers) => usePlanMutation('plan.saveAction', h);
export const useSaveIndicator = (h?: MutationHandlers) => usePlanMutation('plan.saveIndicator', h);
export const useSetAssessment = (h?: MutationHandlers) => usePlanMutation('plan.setAssessment', h);
export const useSaveMilestone = (h?: MutationHandlers) => usePlanMutation('plan.saveMilestone', h);

type Build<K extends MethodName, V> = (v: V) => Promise<InputOf<K> | null>;

/**
 * A plan save whose input is built in the mutation: `build` reads the evidence files picked and checks the form
 * (null: the form's values fail the contract, their fields marked, nothing sent).
 */
function usePlanEvidenceMutation<K extends MethodName, V>(method: K, build: Build<K, V>, handlers?: MutationHandlers) {
  return useApiMutation<V, OutputOf<K> | null>({
    mutationFn: async (v) => {
      const input = await build(v);
      return input ? api.get(method, input) : null;
    },
    invalidate: (qc, _v, saved) => (saved ? invalidatePlan(qc) : Promise.resolve()),
    ...handlers,
  });
}

export const useAddProgressUpdate = <V>(build: Build<'plan.addProgressUpdate', V>, h?: MutationHandlers) =>
  usePlanEvidenceMutation('plan.addProgressUpdate', build, h);
export const useSaveProgressUpdate = <V>(build: Build<'plan.saveProgressUpdate', V>, h?: MutationHandlers) =>
  usePlanEvidenceMutation('plan.saveProgressUpdate', build, h);
export const useAddMeasurement = <V>(build: Build<'plan.addMeasurement', V>, h?: MutationHandlers) => usePlanEvidenceMutation('plan.addMeasurement', build, h);

/** An action's delete; `left` runs once it is deleted and before the plan is refreshed (the page leaves the action first). */
export const useDeleteAction = (left: () => void, h?: MutationHandlers) =>
  useApiMutation({
    mutationFn: async (input: InputOf<'plan.deleteAction'>) => {
      const deleted = await api.get('plan.deleteAction', input);
      left();
      return deleted;
    },
    invalidate: invalidatePlan,
    ...h,
  });
