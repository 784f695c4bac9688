import { useMethodMutation, type MutationHandlers } from '../../api/mutations';

/** The accounts list's query key (the users page reads it; a save of an account refreshes it). */
export const USERS_KEY = ['admin', 'users'] as const;
/** The plan settings' query key. */
export const SETTINGS_KEY = ['admin', 'settings'] as const;

export const useSaveUser = (h?: MutationHandlers) => useMethodMutation('admin.saveUser', (qc) => qc.invalidateQueries({ queryKey: USERS_KEY }), h);

/** The plan settings: the settings and the plan (its at-risk marks follow the thresholds) are refreshed after a save. */
export const useSaveSettings = (h?: MutationHandlers) =>
  useMethodMutation(
    'admin.saveSettings',
    (qc) => Promise.all([qc.invalidateQueries({ queryKey: SETTINGS_KEY }), qc.invalidateQueries({ queryKey: ['plan'] })]),
    h,
  );
