import { useMethodMutation, type MutationHandlers } from '../../api/mutations';
import { invalidateDatasets } from './queries';

export const useSaveDataset = (h?: MutationHandlers) => useMethodMutation('datasets.save', invalidateDatasets, h);
