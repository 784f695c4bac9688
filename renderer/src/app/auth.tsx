import { createContext, useContext } from 'react';
import type { Status, User } from '../../../electron/contract';

export interface AuthInfo {
  user: User;
  status: Status;
  isCoordinator: boolean;
  /** Coordinators and members edit the plan; evaluators and viewers read it (core checks it again). */
  canEdit: boolean;
}

export const AuthContext = createContext<AuthInfo | null>(null);

export function useAuth(): AuthInfo {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside the signed-in layout');
  return a;
}
