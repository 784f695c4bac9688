import { contract, ROLES, type MethodName, type Role } from '../../../electron/contract';
import { useAuth } from './auth';

/**
 * What a role may call, read from the contract's access lists — the same lists core enforces (with the role table
 * in electron/core/visibility.ts), so a screen is offered to exactly the roles whose reads it needs.
 */
export function mayCall(role: string, method: MethodName): boolean {
  const access = contract[method].access;
  return access === 'public' || (access as readonly string[]).includes(role);
}

/** The roles that may call every one of `methods`: a menu entry or route needing them is shown to these only. */
export const rolesFor = (...methods: MethodName[]): readonly Role[] => ROLES.filter((r) => methods.every((m) => mayCall(r, m)));

/** Whether the signed-in user may call `method` (to leave out a tab, card or button that would only be refused). */
export function useMayCall(method: MethodName): boolean {
  const { user } = useAuth();
  return mayCall(user.role, method);
}
