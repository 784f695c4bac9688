import type { z } from 'zod';

export const ROLES = ['coordinator', 'member', 'evaluator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may call a method:
 * - `public`: anyone holding the transport (login, first-run status);
 * - an array of roles: a signed-in user with one of them (the CLI acts as `system` and passes every check).
 */
export type Access = 'public' | readonly Role[];

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Phantom: the output type, carried for the typed client. */
  readonly __output?: O;
}

/** `method<Output>()(inputSchema, access)` — the output type is declared, the input is a runtime schema. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I, access: Access): MethodDef<I, O> => ({ input, access });

export const ALL: readonly Role[] = ROLES;
export const EDITORS: readonly Role[] = ['coordinator', 'member'];
/** Every role but the evaluator (often from outside city hall), for modules an evaluator sees nothing of (DOMAIN.md roles table; core/visibility.ts). */
export const READERS: readonly Role[] = ['coordinator', 'member', 'viewer'];
export const COORDINATOR: readonly Role[] = ['coordinator'];
