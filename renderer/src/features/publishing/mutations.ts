import { useMethodMutation, type MutationHandlers } from '../../api/mutations';
import { invalidateSync } from './queries';

/** A publishing target (folder or SFTP): the sync panel's lists are refreshed after a save. */
export const useSaveTarget = (h?: MutationHandlers) => useMethodMutation('publishing.saveTarget', invalidateSync, h);
