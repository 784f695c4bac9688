import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { openDatabase, openPostgres, parseStoreLocation, writeTransaction, type Store } from '../../db/connection';
import { systemWrite } from '../../db/access';
import { migrateToLatest } from '../../db/migrate';
import { auditedTransaction } from './writes';
import { getRow } from '../../db/queries/rows';
import { engineOf } from '../../db/engine';
import { AppError, contract, isMethodName, toFieldIssues, type CoreEvent, type FieldIssue, type MethodName, type Result, type Role } from '../contract';
import { Sessions } from './admin/service';
import { LoginThrottle } from './admin/throttle';
import { ServerStore } from './admin/server-store';
import { acquireLock, acquireWriterClaim } from './admin/lock';
import { faultToAppError, notifyWriteWait } from './faults';
import { SYSTEM_ACTOR, type Actor, type ServiceContext } from './context';
import type { Handler, InternalCore } from './handlers';
import { JobRunner, type JobControl } from './jobs';
import { UploadStore } from './uploads';
import { dataChangedNotifier } from './live';
import { defaultSecretsKeyFile, keyFileBox } from './secrets';
import { sealStoredSecrets } from './publishing/sync/secrets';
import { resolveFileFor } from './system-handlers';
import { dbPath } from './db-file';
import { CORE_MODULES, HANDLERS, TRACKED_IMPORTS } from './modules';
import { dropCrashedImports } from './risks/staging';
import { applyVisibility, assertMayCall, rolesThatRead } from './visibility';
import type { Connection, Core, CoreOptions, EventAudience } from './types';

export type { Connection, Core, CoreOptions, EventAudience } from './types';
export { headlessPlatform, type PlatformPort } from './platform';

export { APP_VERSION } from './admin/handlers';
export { DB_FILE, dbPath } from './db-file';

/** zod issues → VALIDATION details naming each field. */
export function zodToAppError(err: z.ZodError): AppError {
  const issues: FieldIssue[] = toFieldIssues(err);
  return new AppError('VALIDATION', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
}

/**
 * Opens the store: `options.database` (`postgres://…`, `pglite:DIR`, `sqlite:DIR`) when given, else the SQLite file
 * in `dataDir`. The data folder always holds this machine's files (exports, keys, backups).
 */
async function openStore(options: CoreOptions, dataDir: string): Promise<Store> {
  const loc = parseStoreLocation(options.database ?? dataDir);
  if (loc.engine !== 'sqlite') return openPostgres(loc, { pglite: options.pglite });
  const dir = path.resolve(loc.dir);
  fs.mkdirSync(dir, { recursive: true });
  const conn = openDatabase(dbPath(dir), { nativeBinding: options.nativeBinding, readHandle: true });
  try {
    options.onDatabaseOpen?.(conn.sqlite);
  } catch (e) {
    await conn.close();
    throw e;
  }
  return conn;
}

/**
 * Opens (creating or migrating) the store (see openStore), loads the seed on first run, and returns the
 * dispatcher every transport uses.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const now = options.now ?? (() => new Date());
  const releaseApp = options.lock ? acquireLock(dataDir) : () => {};
  // Every open core (the CLI's too) holds a writer claim, so a restore can see it and refuse.
  let releaseWriter: () => void;
  try {
    releaseWriter = acquireWriterClaim(dataDir);
  } catch (e) {
    releaseApp();
    throw e;
  }
  const release = () => {
    releaseWriter();
    releaseApp();
  };
  let conn: Store;
  try {
    conn = await openStore(options, dataDir);
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
    for (const m of CORE_MODULES) {
      const seed = m.seed;
      if (seed) await writeTransaction(db, (trx) => seed(systemWrite(trx, 'seed'), now().toISOString()), { onWait: notifyWriteWait });
    }
  }

  // A risk import cut short (its process killed) left staged rows no reader sees: they go (risks/staging.ts).
  await dropCrashedImports({ db, now });

  const listeners = new Set<(e: CoreEvent, audience: EventAudience) => void>();
  const emit = (e: CoreEvent, ownerId: string | null) => listeners.forEach((l) => l(e, { userId: ownerId }));
  // A data-changed notice goes to the roles that may read the module only.
  const changed = dataChangedNotifier((e) => listeners.forEach((l) => l(e, { userId: null, everyone: true, roles: rolesThatRead(e.module) })));
  // A server keeps sessions, sign-in throttling and jobs in the database (migration 0016), so a restart keeps them.
  const store = options.serverState
    ? new ServerStore(db, (fn) => writeTransaction(db, (trx) => fn(systemWrite(trx, 'server-state')), { onWait: notifyWriteWait }))
    : null;
  const internal: InternalCore = {
    sessions: new Sessions(options.sessionPolicy, Date.now, store),
    throttle: new LoginThrottle(options.throttlePolicy, Date.now, store),
    jobs: new JobRunner(emit, store),
    exportNames: new Map(),
    uploads: new UploadStore(dataDir),
    options,
  };
  if (store) {
    try {
      await internal.sessions.load();
      await internal.throttle.load();
      // Jobs the database shows as running were cut short when the server last stopped: their owners see them failed.
      await internal.jobs.failInterrupted();
    } catch (e) {
      await conn.close();
      release();
      throw e;
    }
  }

  const secrets = options.platform.secretBox ?? keyFileBox(options.secretsKeyFile ?? defaultSecretsKeyFile(), dataDir);
  try {
    await sealStoredSecrets(db, secrets);
  } catch (e) {
    // The app still opens; publishing to that target says what is wrong when it is used.
    console.error(`[pla-desk] stored secrets not sealed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const contextFor = (actor: Actor, method?: string): ServiceContext => ({
    db,
    dataDir,
    now,
    actor,
    // Every write transaction: BEGIN IMMEDIATE, waiting (with a notice) while another process writes;
    // once committed, every signed-in screen hears that the method's module changed.
    tx: (fn) => auditedTransaction(db, fn, { onWait: notifyWriteWait }).then((r) => (changed(method), r)),
    secrets,
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
      const ctx = contextFor(actor ?? { id: null, name: 'anonymous', role: 'viewer' }, method);
      if (def.access !== 'public') assertMayCall(ctx.actor.role, method);
      const handler = HANDLERS[method] as Handler<MethodName>;
      const run = (job?: JobControl) => handler(ctx, parsed.data as never, { conn: c, core: internal, job });
      // An import that writes runs as a job of its caller: they see it and can cancel it, and a crash leaves it failed.
      const tracked = TRACKED_IMPORTS.has(method) && (parsed.data as { dryRun?: boolean }).dryRun !== true;
      const value = await applyVisibility(ctx, method, await (tracked ? internal.jobs.track(method, ctx.actor.id, run) : run()));
      // Plans on the new sizes from the next request (PostgreSQL; see refreshStatistics). The import is done either way.
      if (tracked)
        await engineOf(db)
          .refreshStatistics(db)
          .catch((e) => console.error('[pla-desk] refreshing the planner statistics failed:', (e as Error).message));
      return { ok: true, value };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toData() };
      if (e instanceof z.ZodError) return { ok: false, error: zodToAppError(e).toData() };
      // A full disk or a writer that never let go is said as such, not as INTERNAL.
      const fault = faultToAppError(e);
      if (fault) {
        console.error(`[pla-desk] ${method}: ${fault.code}:`, (e as Error).message);
        return { ok: false, error: fault.toData() };
      }
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
    sessionCount: () => internal.sessions.size,
    userOf(c: Connection) {
      return internal.sessions.peek(c.sessionId);
    },
    async roleOf(c: Connection) {
      const uid = internal.sessions.peek(c.sessionId);
      if (!uid) return null;
      const u = await getRow(db, 'users', uid);
      return u && u.active === 1 && !u.deleted_at ? u.role : null;
    },
    async resolveFile(kind, id, c) {
      const actor = await actorFor(c);
      if (!actor) return null;
      return resolveFileFor(contextFor(actor), internal, kind, id);
    },
    async waitForJob(id: string) {
      return internal.jobs.wait(id);
    },
    runningJobs: () => internal.jobs.running,
    async close(graceMs = 0) {
      await internal.jobs.drain(graceMs);
      internal.uploads.clear();
      await internal.sessions.flush();
      await conn.close();
      release();
    },
  };
}
