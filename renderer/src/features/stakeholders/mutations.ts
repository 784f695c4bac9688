import { useMethodMutation, type MutationHandlers } from '../../api/mutations';
import { invalidateStakeholders } from './queries';

export const useSaveStakeholder = (h?: MutationHandlers) => useMethodMutation('stakeholders.save', invalidateStakeholders, h);
