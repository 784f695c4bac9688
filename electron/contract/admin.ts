import { z } from 'zod';
import { because } from './issues';
import type { AuditEntity } from './audit';
import { ALL, COORDINATOR, method, ROLES, type Role } from './define';
import { expectedUpdatedAt, id, requiredText } from './common';

export const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, because('usernameChars'));
export const password = z.string().min(10).max(200);
export const role = z.enum(ROLES);

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  entity: AuditEntity;
  entityId: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'login' | 'logout' | 'login_failed' | 'login_locked' | 'import' | 'export';
  changes: Record<string, { before: unknown; after: unknown }> | null;
}

export interface Settings {
  /** Points below expected progress before an item is "at risk" (DOMAIN.md: 15). */
  atRiskThreshold: number;
  /** Months without an update before an item shows "no data" (OGP Local: 4). */
  noDataMonths: number;
  updatedAt: string | null;
}

export interface Status {
  version: string;
  hasUsers: boolean;
  user: User | null;
  mode: 'electron' | 'browser' | 'cli';
  /** The desktop app connected to a team server: the server's `host:port` (set by the app's main process). */
  server?: string;
}

export const adminContract = {
  'admin.status': method<Status>()(z.object({}).strict(), 'public'),
  'admin.setupFirstCoordinator': method<User>()(z.object({ username, displayName: requiredText(120), password }).strict(), 'public'),
  'admin.login': method<User>()(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict(), 'public'),
  'admin.logout': method<null>()(z.object({}).strict(), 'public'),
  'admin.listUsers': method<User[]>()(z.object({}).strict(), COORDINATOR),
  'admin.saveUser': method<User>()(
    z
      .object({
        id: id.optional(),
        expectedUpdatedAt: expectedUpdatedAt.optional(),
        username,
        displayName: requiredText(120),
        role,
        active: z.boolean().default(true),
        password: password.optional(),
      })
      .strict(),
    COORDINATOR,
  ),
  'admin.changePassword': method<null>()(z.object({ currentPassword: z.string().min(1).max(200), newPassword: password }).strict(), ALL),
  'admin.listAudit': method<AuditEntry[]>()(
    z
      .object({
        entity: z.string().max(64).optional(),
        entityId: id.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        before: z.string().max(40).optional(),
      })
      .strict(),
    COORDINATOR,
  ),
  'admin.getSettings': method<Settings>()(z.object({}).strict(), ALL),
  'admin.saveSettings': method<Settings>()(
    z
      .object({
        atRiskThreshold: z.number().int().min(0).max(100),
        noDataMonths: z.number().int().min(1).max(24),
        expectedUpdatedAt: expectedUpdatedAt.nullable(),
      })
      .strict(),
    COORDINATOR,
  ),
};
