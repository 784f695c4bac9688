import { useMethodMutation, type MutationHandlers } from '../../api/mutations';
import { invalidateFunding } from './queries';

export const useSaveCall = (h?: MutationHandlers) => useMethodMutation('funding.saveCall', invalidateFunding, h);
export const useSaveApplication = (h?: MutationHandlers) => useMethodMutation('funding.saveApplication', invalidateFunding, h);
