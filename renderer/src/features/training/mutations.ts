import type { FormInstance } from 'antd';
import type { MethodName } from '../../api/client';
import { api, unwrap } from '../../api/client';
import { conflictFirst, useApiMutation, useMethodMutation, type ConflictHandler, type MutationHandlers } from '../../api/mutations';
import { invalidateTraining } from './queries';
import { useTrainingErrors } from './shared';
import type { ImportAttendanceInput } from '../../../../electron/contract';

/** A training save: every training query (and the plan's, which counts the people trained) is refreshed after it. */
const useTrainingMutation = <K extends MethodName>(method: K, handlers?: MutationHandlers) => useMethodMutation(method, invalidateTraining, handlers);

export const useSaveProgramme = (h?: MutationHandlers) => useTrainingMutation('training.saveProgramme', h);
export const useSaveSession = (h?: MutationHandlers) => useTrainingMutation('training.saveSession', h);
export const useSavePerson = (h?: MutationHandlers) => useTrainingMutation('training.savePerson', h);
export const useSaveAttendance = (h?: MutationHandlers) => useTrainingMutation('training.saveAttendance', h);

/**
 * The attendance list's commit: `target` first resolves the sheet's session (reading the chosen session when the
 * sheet makes a new one like it; null: nothing to send), then the import is written.
 */
export const useCommitAttendance = (h?: MutationHandlers) =>
  useApiMutation({
    mutationFn: async (v: {
      target: () => Promise<Pick<ImportAttendanceInput, 'sessionId' | 'newSession' | 'sheet'> | null>;
      rest: Omit<ImportAttendanceInput, 'sessionId' | 'newSession' | 'sheet'>;
    }) => {
      const target = await v.target();
      return target && unwrap(await api.call('training.importAttendance', { ...target, ...v.rest }));
    },
    invalidate: (qc, _v, r) => (r ? invalidateTraining(qc) : Promise.resolve()),
    ...h,
  });

/** How a training form tells a failed save: the conflict view first, then each issue on its field (or in a message), else the app's handler. */
export function useTrainingFormErrors(form: FormInstance, fields: string[], conflict: ConflictHandler, onConflict: () => void): MutationHandlers {
  const tell = useTrainingErrors();
  return conflictFirst(conflict, (e) => tell(e, form, fields, onConflict));
}
