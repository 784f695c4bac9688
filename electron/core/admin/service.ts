import crypto from 'node:crypto';
import * as q from '../../../db/queries/admin';
import { getRow, updateRowIfCurrent } from '../../../db/queries/rows';
import type { UsersTable } from '../../../db/schema';
import { AppError, validationError, type AuditEntity, type AuditEntry, type MethodName, type ParsedInputOf, type User } from '../../contract';
import { audit } from '../audit';
import type { Actor, ServiceContext } from '../context';
import { hashPassword, verifyPassword } from '../passwords';
import { newId, nextTimestamp, parseJson } from '../util';
import { readSettings, saveSettings as saveSettingsImpl } from './settings';
import type { LoginThrottle } from './throttle';
import type { ServerStore } from './server-store';
import * as sq from '../../../db/queries/server';
import { isDiskFullError } from '../../../db/connection';

type In<K extends MethodName> = ParsedInputOf<K>;

export const toUser = (u: UsersTable): User => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  active: u.active === 1,
  createdAt: u.created_at,
  updatedAt: u.updated_at,
});

/** How long a session lives: idle expiry (no call for this long) and absolute expiry (since sign-in). */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 };

/**
 * Sessions live in memory; a server (CoreOptions.persistSessions) also keeps them in the database (ServerStore),
 * so restarting it keeps people signed in, while restarting the desktop app signs everyone out. Ids are 192
 * random bits made here (never chosen by a client); a sign-in always makes a new one. Only the SHA-256 of an id
 * is kept, in memory and in the database. A session ends after `idleMs` without a call or `absoluteMs` after
 * sign-in, whichever comes first; expired ones are swept on every sign-in, so the map holds at most the sessions
 * alive now.
 */
export class Sessions {
  private map = new Map<string, { userId: string; createdAt: number; lastSeen: number; savedSeen: number }>();
  constructor(
    private policy: SessionPolicy = DEFAULT_SESSION_POLICY,
    private clock: () => number = Date.now,
    private store: ServerStore | null = null,
  ) {}
  /** The sessions the database remembers (a server's start): those still alive come back, the others are deleted. */
  async load() {
    if (!this.store) return;
    const now = this.clock();
    const dead: string[] = [];
    for (const r of await this.store.loadSessions()) {
      const s = { userId: r.user_id, createdAt: Date.parse(r.created_at), lastSeen: Date.parse(r.last_seen), savedSeen: Date.parse(r.last_seen) };
      if (this.alive(s, now)) this.map.set(r.id_hash, s);
      else dead.push(r.id_hash);
    }
    if (dead.length) this.forget(dead);
  }
  private alive(s: { createdAt: number; lastSeen: number }, now: number) {
    return now - s.lastSeen < this.policy.idleMs && now - s.createdAt < this.policy.absoluteMs;
  }
  private forget(hashes: string[]) {
    if (this.store && hashes.length) void this.store.write('sign-out', (trx) => sq.deleteSessions(trx, hashes));
  }
  private sweep(now: number) {
    const dead: string[] = [];
    for (const [k, v] of this.map)
      if (!this.alive(v, now)) {
        this.map.delete(k);
        dead.push(k);
      }
    this.forget(dead);
  }
  create(userId: string): string {
    const now = this.clock();
    this.sweep(now);
    const id = crypto.randomBytes(24).toString('base64url');
    const hash = hashOf(id);
    this.map.set(hash, { userId, createdAt: now, lastSeen: now, savedSeen: now });
    if (this.store) {
      const at = new Date(now).toISOString();
      void this.store.write('session', (trx) => sq.insertSession(trx, { id_hash: hash, user_id: userId, created_at: at, last_seen: at }));
    }
    return id;
  }
  /** The signed-in user of a session, refreshing its idle timer; null when unknown or expired. */
  userId(sessionId: string | null): string | null {
    const s = this.lookup(sessionId);
    if (!s) return null;
    s.lastSeen = this.clock();
    // The database learns of activity at most once a minute: after a restart a session may end up to a minute early, never late.
    if (this.store && s.lastSeen - s.savedSeen >= 60_000) {
      s.savedSeen = s.lastSeen;
      const hash = hashOf(sessionId!);
      const at = new Date(s.lastSeen).toISOString();
      void this.store.write('session activity', (trx) => sq.touchSession(trx, hash, at));
    }
    return s.userId;
  }
  /** The same without refreshing the idle timer (event streams, which are not user activity). */
  peek(sessionId: string | null): string | null {
    return this.lookup(sessionId)?.userId ?? null;
  }
  private lookup(sessionId: string | null) {
    if (!sessionId) return null;
    const hash = hashOf(sessionId);
    const s = this.map.get(hash);
    if (!s) return null;
    if (!this.alive(s, this.clock())) {
      this.map.delete(hash);
      this.forget([hash]);
      return null;
    }
    return s;
  }
  drop(sessionId: string | null) {
    if (!sessionId) return;
    const hash = hashOf(sessionId);
    if (this.map.delete(hash)) this.forget([hash]);
  }
  /** Ends every session of a user (except `keep`, the one asking, when given). */
  dropUser(userId: string, keep?: string | null) {
    const keepHash = keep ? hashOf(keep) : null;
    const gone: string[] = [];
    for (const [k, v] of this.map)
      if (v.userId === userId && k !== keepHash) {
        this.map.delete(k);
        gone.push(k);
      }
    this.forget(gone);
  }
  /** Resolves once every change so far is in the database (sign-out everywhere answers only then). */
  flush(): Promise<void> {
    return this.store?.flush() ?? Promise.resolve();
  }
  get size() {
    return this.map.size;
  }
}

const hashOf = (sessionId: string) => crypto.createHash('sha256').update(sessionId).digest('hex');

export async function createUser(
  ctx: ServiceContext,
  input: { username: string; displayName: string; role: User['role']; password: string; active?: boolean },
) {
  const hash = await hashPassword(input.password);
  return ctx.tx(async (trx) => {
    if (await q.findUserByUsername(trx, input.username)) throw validationError('username', 'duplicate', `user ${input.username} already exists`);
    const at = nextTimestamp(ctx.now());
    const row: UsersTable = {
      id: newId(),
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: hash,
      active: input.active === false ? 0 : 1,
      created_at: at,
      updated_at: at,
      updated_by: ctx.actor.id,
      deleted_at: null,
    };
    await q.insertUser(trx, row);
    const { password_hash: _h, ...shown } = row;
    await audit(trx, ctx.actor, at, 'user', row.id, 'create', null, shown);
    return toUser(row);
  });
}

export async function setupFirstCoordinator(ctx: ServiceContext, input: In<'admin.setupFirstCoordinator'>) {
  if ((await q.countUsers(ctx.db)) > 0) throw new AppError('FORBIDDEN', 'the first coordinator already exists; sign in instead');
  // Nobody is signed in yet: the audit log records the new coordinator as the one who set up the app.
  return createUser({ ...ctx, actor: { id: null, name: `${input.displayName} (first run)`, role: 'coordinator' } }, { ...input, role: 'coordinator' });
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Checks a password in constant-ish time whether or not the user exists, behind the sign-in throttle
 * (throttle.ts): a locked account or address is refused before any password is checked; every failure and
 * every lock it causes is written to the audit log.
 */
export async function authenticate(ctx: ServiceContext, input: In<'admin.login'>, throttle: LoginThrottle, address: string | null): Promise<User> {
  const name = input.username.trim();
  const verdict = throttle.begin(name, address);
  if (!verdict.ok) {
    const minutes = Math.max(1, Math.ceil(verdict.retryAfterMs / 60_000));
    throw new AppError('UNAUTHENTICATED', `too many failed sign-ins; try again in ${minutes} minutes`, {
      reason: 'locked',
      scope: verdict.key,
      retryAfterSeconds: Math.ceil(verdict.retryAfterMs / 1000),
    });
  }
  const u = await q.findUserByUsername(ctx.db, name);
  const ok = await verifyPassword(input.password, u?.password_hash ?? DUMMY_HASH);
  if (!u || !ok || u.active !== 1) {
    const locked = throttle.failed(name, address);
    const who: Actor = { id: null, name: address ? `anonymous (${address})` : 'anonymous', role: 'viewer' };
    const attempt = { username: name, address };
    await ctx.tx(async (trx) => {
      const at = nextTimestamp(ctx.now());
      await audit(trx, who, at, 'user', u?.id ?? `username:${name.toLowerCase()}`, 'login_failed', null, attempt);
      for (const scope of locked)
        await audit(trx, who, nextTimestamp(ctx.now(), at), 'user', u?.id ?? `username:${name.toLowerCase()}`, 'login_locked', null, { ...attempt, scope });
    });
    throw new AppError('UNAUTHENTICATED', 'wrong username or password', { reason: 'bad_credentials' });
  }
  throttle.succeeded(name, address);
  const actor: Actor = { id: u.id, name: u.display_name, role: u.role };
  // The audit entry is best-effort when the disk is full: signing in needs no write, so users can still read
  // (and free space) while the disk is full.
  await ctx
    .tx((trx) => audit(trx, actor, nextTimestamp(ctx.now()), 'user', u.id, 'login'))
    .catch((e: unknown) => {
      if (!isDiskFullError(e)) throw e;
      console.error('[pla-desk] sign-in not audited: the disk is full');
    });
  return toUser(u);
}

export async function listUsers(ctx: ServiceContext) {
  return (await q.listUsers(ctx.db)).map(toUser);
}

export async function saveUser(ctx: ServiceContext, input: In<'admin.saveUser'>, sessions: Sessions): Promise<User> {
  if (!input.id) {
    if (!input.password) throw validationError('password', 'required', 'a new user needs a password');
    return createUser(ctx, { username: input.username, displayName: input.displayName, role: input.role, password: input.password, active: input.active });
  }
  const hash = input.password ? await hashPassword(input.password) : null;
  const user = await ctx.tx(async (trx) => {
    if (!input.expectedUpdatedAt) throw validationError('expectedUpdatedAt', 'required', 'required when changing an existing record');
    const before = await getRow(trx, 'users', input.id!);
    if (!before || before.deleted_at) throw new AppError('NOT_FOUND', 'user not found', { entity: 'user', id: input.id });
    const other = await q.findUserByUsername(trx, input.username);
    if (other && other.id !== input.id) throw validationError('username', 'duplicate', `user ${input.username} already exists`);
    const demotingLast =
      before.role === 'coordinator' &&
      (input.role !== 'coordinator' || !input.active) &&
      (await q.listUsers(trx)).filter((u) => u.role === 'coordinator' && u.active === 1).length <= 1;
    if (demotingLast) throw validationError('role', 'last_coordinator', 'there must remain at least one active coordinator');
    const at = nextTimestamp(ctx.now(), before.updated_at);
    const patch: Partial<UsersTable> = {
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      active: input.active ? 1 : 0,
      updated_at: at,
      updated_by: ctx.actor.id,
      ...(hash ? { password_hash: hash } : {}),
    };
    if (!(await updateRowIfCurrent(trx, 'users', input.id!, input.expectedUpdatedAt, patch)))
      throw new AppError('CONFLICT', 'user was changed by someone else', { entity: 'user', id: input.id });
    const after = (await getRow(trx, 'users', input.id!))!;
    await audit(trx, ctx.actor, at, 'user', after.id, 'update', before as never, after as never);
    return after;
  });
  if (!user.active || hash) {
    sessions.dropUser(user.id);
    await sessions.flush();
  }
  return toUser(user);
}

/** Changes the caller's own password and ends every other session of theirs (a stolen session does not outlive it). */
export async function changePassword(ctx: ServiceContext, input: In<'admin.changePassword'>, sessions: Sessions, currentSession: string | null) {
  if (!ctx.actor.id) throw new AppError('FORBIDDEN', 'the system user has no password');
  const u = await getRow(ctx.db, 'users', ctx.actor.id);
  if (!u || !(await verifyPassword(input.currentPassword, u.password_hash))) throw validationError('currentPassword', 'wrong', 'the current password is wrong');
  const hash = await hashPassword(input.newPassword);
  await ctx.tx(async (trx) => {
    const at = nextTimestamp(ctx.now(), u.updated_at);
    if (!(await updateRowIfCurrent(trx, 'users', u.id, u.updated_at, { password_hash: hash, updated_at: at, updated_by: u.id })))
      throw new AppError('CONFLICT', 'user was changed by someone else', { entity: 'user', id: u.id });
    await audit(trx, ctx.actor, at, 'user', u.id, 'update', { password_hash: u.password_hash }, { password_hash: hash });
  });
  sessions.dropUser(u.id, currentSession);
  await sessions.flush();
  return null;
}

export async function listAudit(ctx: ServiceContext, input: In<'admin.listAudit'>): Promise<AuditEntry[]> {
  const rows = await q.listAudit(ctx.db, input);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    // written only through audit(), which takes an AuditEntity
    entity: r.entity as AuditEntity,
    entityId: r.entity_id,
    action: r.action as AuditEntry['action'],
    changes: parseJson(r.changes, null),
  }));
}

export const getSettings = (ctx: ServiceContext) => readSettings(ctx.db);
export const saveSettings = (ctx: ServiceContext, input: In<'admin.saveSettings'>) => saveSettingsImpl(ctx, input);
