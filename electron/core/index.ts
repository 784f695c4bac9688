import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { countUsers, getAttachment } from '../../db/queries/admin';
import { getRow } from '../../db/queries/rows';
import { AppError, contract, isMethodName, type CoreEvent, type FieldIssue, type MethodName, type Result, type Role } from '../contract';
import * as admin from './admin/service';
import { readSettings } from './admin/settings';
import { acquireLock } from './admin/lock';
import { attachmentPath } from './attachments';
import { audit } from './audit';
import { SYSTEM_ACTOR, type Actor, type ServiceContext } from './context';
import { JobRunner } from './jobs';
import * as plan from './plan/service';
import { loadPlanSeed } from './plan/seed';
import type { Connection, Core, CoreOptions } from './types';
import { isoDay, newId, nextTimestamp } from './util';

export type { Connection, Core, CoreOptions } from './types';
export { headlessPlatform, type PlatformPort } from './platform';

export const APP_VERSION = '0.1.0';
export const DB_FILE = 'pla-desk.db';
export const dbPath = (dataDir: string) => path.join(dataDir, DB_FILE);

/** zod issues → VALIDATION details naming each field. */
export function zodToAppError(err: z.ZodError): AppError {
  const issues: FieldIssue[] = err.issues.map((i) => ({ field: i.path.map(String).join('.') || '(input)', reason: i.code, message: i.message }));
  return new AppError('VALIDATION', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
}

type Handler = (ctx: ServiceContext, input: any, extra: HandlerExtra) => Promise<unknown>;
interface HandlerExtra {
  conn: Connection;
  core: InternalCore;
}

interface InternalCore {
  sessions: admin.Sessions;
  jobs: JobRunner;
  exportNames: Map<string, string>;
  options: CoreOptions;
}

/** Method name → service function. Adding a method to the contract without a handler fails the typecheck. */
const handlers: { [K in MethodName]: Handler } = {
  'admin.status': async (ctx, _i, { conn, core }) => {
    const uid = core.sessions.userId(conn.sessionId);
    const u = uid ? await getRow(ctx.db, 'users', uid) : undefined;
    return {
      version: APP_VERSION,
      hasUsers: (await countUsers(ctx.db)) > 0,
      user: u && u.active === 1 && !u.deleted_at ? admin.toUser(u) : null,
      mode: core.options.platform.mode,
    };
  },
  'admin.setupFirstCoordinator': (ctx, i) => admin.setupFirstCoordinator(ctx, i),
  'admin.login': async (ctx, i, { conn, core }) => {
    const user = await admin.authenticate(ctx, i);
    core.sessions.drop(conn.sessionId);
    conn.sessionId = core.sessions.create(user.id);
    return user;
  },
  'admin.logout': async (ctx, _i, { conn, core }) => {
    const uid = core.sessions.userId(conn.sessionId);
    if (uid) {
      const actor = { ...ctx.actor, id: uid };
      await ctx.tx((trx) => audit(trx, actor, nextTimestamp(ctx.now()), 'user', uid, 'logout'));
    }
    core.sessions.drop(conn.sessionId);
    conn.sessionId = null;
    return null;
  },
  'admin.listUsers': (ctx) => admin.listUsers(ctx),
  'admin.saveUser': (ctx, i, { core }) => admin.saveUser(ctx, i, core.sessions),
  'admin.changePassword': (ctx, i) => admin.changePassword(ctx, i),
  'admin.listAudit': (ctx, i) => admin.listAudit(ctx, i),
  'admin.getSettings': (ctx) => admin.getSettings(ctx),
  'admin.saveSettings': (ctx, i) => admin.saveSettings(ctx, i),

  'plan.getInfo': (ctx) => plan.getInfo(ctx),
  'plan.listCommitments': (ctx, i) => plan.listCommitments(ctx, i),
  'plan.getCommitment': (ctx, i) => plan.getCommitment(ctx, i),
  'plan.saveCommitment': (ctx, i) => plan.saveCommitment(ctx, i),
  'plan.deleteCommitment': (ctx, i) => plan.deleteCommitment(ctx, i),
  'plan.restoreCommitment': (ctx, i) => plan.restoreCommitment(ctx, i),
  'plan.setAssessment': (ctx, i) => plan.setAssessment(ctx, i),
  'plan.listActions': (ctx, i) => plan.listActions(ctx, i),
  'plan.saveAction': (ctx, i) => plan.saveAction(ctx, i),
  'plan.deleteAction': (ctx, i) => plan.deleteAction(ctx, i),
  'plan.restoreAction': (ctx, i) => plan.restoreAction(ctx, i),
  'plan.listMilestones': (ctx, i) => plan.listMilestones(ctx, i),
  'plan.saveMilestone': (ctx, i) => plan.saveMilestone(ctx, i),
  'plan.deleteMilestone': (ctx, i) => plan.deleteMilestone(ctx, i),
  'plan.listIndicators': (ctx, i) => plan.listIndicators(ctx, i),
  'plan.saveIndicator': (ctx, i) => plan.saveIndicator(ctx, i),
  'plan.deleteIndicator': (ctx, i) => plan.deleteIndicator(ctx, i),
  'plan.restoreIndicator': (ctx, i) => plan.restoreIndicator(ctx, i),
  'plan.listMeasurements': (ctx, i) => plan.listMeasurements(ctx, i),
  'plan.addMeasurement': (ctx, i) => plan.addMeasurement(ctx, i),
  'plan.deleteMeasurement': (ctx, i) => plan.deleteMeasurement(ctx, i),
  'plan.listProgressUpdates': (ctx, i) => plan.listProgressUpdates(ctx, i),
  'plan.addProgressUpdate': (ctx, i) => plan.addProgressUpdate(ctx, i),
  'plan.dashboard': (ctx, i) => plan.dashboard(ctx, i),
  'plan.exportExcel': async (ctx, _i, { core }) => {
    const day = isoDay(ctx.now());
    const fileId = newId();
    const job = core.jobs.start('plan.export', ctx.actor.id, async (ctl) => {
      const settings = await readSettings(ctx.db);
      // Loaded on demand: ExcelJS is large and most sessions never export.
      const { exportPlanWorkbook } = await import('./plan/export');
      const out = path.join(ctx.dataDir, 'exports', `${fileId}.xlsx`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await exportPlanWorkbook(ctx.db, out, { today: day, settings, signal: ctl.signal, onProgress: (f: number, m?: string) => ctl.progress(f, m) });
      const fileName = `PLA-Timisoara-${day}.xlsx`;
      core.exportNames.set(fileId, fileName);
      return { fileId, fileName };
    });
    return { jobId: job.id };
  },

  'jobs.get': async (ctx, i, { core }) => core.jobs.get(i.id, ctx.actor.id),
  'jobs.cancel': async (ctx, i, { core }) => core.jobs.cancel(i.id, ctx.actor.id),
  'files.deliver': async (ctx, i, { core }) => {
    const f = await resolveFileFor(ctx, core, i.kind, i.id);
    if (!f) throw new AppError('NOT_FOUND', 'file not found', { entity: i.kind, id: i.id });
    return core.options.platform.deliverFile({ path: f.path, suggestedName: f.name, kind: i.kind, id: i.id });
  },
};

async function resolveFileFor(ctx: ServiceContext, core: InternalCore, kind: 'export' | 'attachment', id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  if (kind === 'export') {
    const p = path.join(ctx.dataDir, 'exports', `${id}.xlsx`);
    if (!fs.existsSync(p)) return null;
    return { path: p, name: core.exportNames.get(id) ?? `PLA-${id.slice(0, 8)}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }
  const a = await getAttachment(ctx.db, id);
  if (!a) return null;
  const p = attachmentPath(ctx.dataDir, a.sha256);
  if (!fs.existsSync(p)) return null;
  return { path: p, name: a.file_name, mimeType: a.mime_type ?? 'application/octet-stream' };
}

/**
 * Opens (creating or migrating) the database in `dataDir`, loads the seed on first run, and returns the
 * dispatcher every transport uses.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const now = options.now ?? (() => new Date());
  const release = options.lock ? acquireLock(dataDir) : () => {};
  let conn: ReturnType<typeof openDatabase>;
  try {
    conn = openDatabase(dbPath(dataDir), { nativeBinding: options.nativeBinding });
  } catch (e) {
    release();
    throw e;
  }
  try {
    await migrateToLatest(conn, { backupDir: path.join(dataDir, 'backups'), now: now() });
  } catch (e) {
    await conn.close();
    release();
    throw e;
  }
  const { db } = conn;
  if (options.seed !== false) {
    await db.transaction().execute((trx) => loadPlanSeed(trx, now().toISOString()));
  }

  const listeners = new Set<(e: CoreEvent) => void>();
  const emit = (e: CoreEvent) => listeners.forEach((l) => l(e));
  const internal: InternalCore = { sessions: new admin.Sessions(), jobs: new JobRunner(emit), exportNames: new Map(), options };

  const contextFor = (actor: Actor): ServiceContext => ({
    db,
    dataDir,
    now,
    actor,
    tx: (fn) => db.transaction().execute(fn),
  });

  async function actorFor(c: Connection): Promise<Actor | null> {
    if (c.system) return SYSTEM_ACTOR;
    const uid = internal.sessions.userId(c.sessionId);
    if (!uid) return null;
    const u = await getRow(db, 'users', uid);
    if (!u || u.active !== 1 || u.deleted_at) return null;
    return { id: u.id, name: u.display_name, role: u.role };
  }

  async function call(method: string, input: unknown, c: Connection): Promise<Result<unknown>> {
    try {
      if (!isMethodName(method)) throw new AppError('NOT_FOUND', `unknown method ${method}`);
      const def = contract[method];
      const actor = await actorFor(c);
      if (def.access !== 'public') {
        if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first');
        if (actor.role !== 'system' && !(def.access as readonly Role[]).includes(actor.role))
          throw new AppError('FORBIDDEN', `your role (${actor.role}) cannot do ${method}`);
      }
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) throw zodToAppError(parsed.error);
      const value = await handlers[method](contextFor(actor ?? { id: null, name: 'anonymous', role: 'viewer' }), parsed.data, { conn: c, core: internal });
      return { ok: true, value };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toData() };
      if (e instanceof z.ZodError) return { ok: false, error: zodToAppError(e).toData() };
      console.error(`[pla-desk] ${method} failed:`, e);
      return { ok: false, error: { code: 'INTERNAL', message: 'unexpected error; see the application log' } };
    }
  }

  return {
    dataDir,
    call,
    onEvent(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async resolveFile(kind, id, c) {
      const actor = await actorFor(c);
      if (!actor) return null;
      return resolveFileFor(contextFor(actor), internal, kind, id);
    },
    async waitForJob(id: string) {
      return internal.jobs.wait(id);
    },
    async close() {
      await internal.jobs.drain();
      await conn.close();
      release();
    },
  };
}
