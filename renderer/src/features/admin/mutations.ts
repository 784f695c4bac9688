import type { QueryClient } from '@tanstack/react-query';
import { api, type InputOf } from '../../api/client';
import { useApiMutation, useMethodMutation, type MutationHandlers } from '../../api/mutations';

/** The accounts list's query key (the users page reads it; a save of an account refreshes it). */
export const USERS_KEY = ['admin', 'users'] as const;
/** The plan settings' query key. */
export const SETTINGS_KEY = ['admin', 'settings'] as const;
/** Who is signed in (and whether there are accounts at all): the gate's query. */
export const STATUS_KEY = ['status'] as const;

/**
 * After sign-in, sign-out or a lost session: drop every cached answer of the previous user and ask the
 * server who we are now (the gate re-renders from the fresh status).
 */
export async function refreshSession(qc: QueryClient) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== STATUS_KEY[0] });
  await qc.refetchQueries({ queryKey: STATUS_KEY });
}

export const useSaveUser = (h?: MutationHandlers) => useMethodMutation('admin.saveUser', (qc) => qc.invalidateQueries({ queryKey: USERS_KEY }), h);

/** The plan settings: the settings and the plan (its at-risk marks follow the thresholds) are refreshed after a save. */
export const useSaveSettings = (h?: MutationHandlers) =>
  useMethodMutation(
    'admin.saveSettings',
    (qc) => Promise.all([qc.invalidateQueries({ queryKey: SETTINGS_KEY }), qc.invalidateQueries({ queryKey: ['plan'] })]),
    h,
  );

/** Signing in: done once the session is refreshed (the gate then shows the app). */
export const useLogin = (h: MutationHandlers) => useMethodMutation('admin.login', refreshSession, h);

/** The first coordinator was made, but signing in with the same credentials failed: `error` is the sign-in's. */
export class FirstSignInFailed {
  constructor(readonly error: unknown) {}
}

/**
 * The first run: create the coordinator, then sign in with the same credentials; `onCreated` runs once both
 * succeeded, before the session is refreshed. A failed sign-in is told as a FirstSignInFailed.
 */
export const useSetupFirstCoordinator = (h: MutationHandlers & { onCreated: () => void }) =>
  useApiMutation({
    mutationFn: async (input: InputOf<'admin.setupFirstCoordinator'>) => {
      await api.get('admin.setupFirstCoordinator', input);
      const login = await api.call('admin.login', { username: input.username, password: input.password });
      if (!login.ok) throw new FirstSignInFailed(login.error);
      return login.value;
    },
    invalidate: (qc) => {
      h.onCreated();
      return refreshSession(qc);
    },
    onError: h.onError,
  });

/** A signed-in user changes their own password (nothing cached depends on it). */
export const useChangePassword = (h: MutationHandlers) => useMethodMutation('admin.changePassword', undefined, h);
