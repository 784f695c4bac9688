import fs from 'node:fs';
import path from 'node:path';
import type { WriteTx } from '../../../../db/access';
import type { Tx } from '../../../../db/connection';
import type { PublishingTargetsTable } from '../../../../db/schema/publishing';
import * as q from '../../../../db/queries/publishing';
import { getRow } from '../../../../db/queries/rows';
import {
  AppError,
  validationError,
  type PublicationLogEntry,
  type RollbackOutcome,
  type SiteRelease,
  type PublicationOutcome,
  type PublicationPreview,
  type PublishingTarget,
  type QueuedPublication,
  type QueueReason,
  type SaveTargetInput,
} from '../../../contract';
import type { ServiceContext } from '../../context';
import { insertAudited, live, softDeleteRow, updateCurrent } from '../../writes';
import { newId } from '../../util';
import { recordPublished } from '../news';
import { buildManifest, decodeManifest, emptyManifest, encodeManifest, manifestHash, type Manifest } from './manifest';
import { UnsafePathError, safeRemoteRoot } from './paths';
import { listReleases as releasesOn, planFrom, publishSite, PublishInterrupted, readTargetState, rollbackRelease, RollbackRefused } from './publish';
import { FolderRemote, type Remote } from './remote';
import { folderTargetProblem } from './folder-targets';
import { readTargetPassword, writeTargetPassword } from './secrets';
import { SftpRemote, TargetUnavailableError } from './sftp';

type TargetRow = PublishingTargetsTable;

/** Where publications wait for an unreachable target: a copy of the built site per queued publication. */
export const outboxDir = (dataDir: string, queueId: string) => path.join(dataDir, 'publishing', 'outbox', queueId);

/** Replaces every occurrence of a secret in a message (ssh2 never echoes one; this is the belt to its braces). */
export function scrub(message: string, secrets: Array<string | null | undefined>): string {
  let out = message;
  for (const s of secrets) if (s && s.length >= 1) out = out.split(s).join('•••');
  return out;
}

export async function toTarget(db: ServiceContext['db'] | Tx, r: TargetRow): Promise<PublishingTarget> {
  const m = await q.getManifestCopy(db, r.id);
  return {
    id: r.id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    deletedAt: r.deleted_at,
    name: r.name,
    kind: r.kind,
    path: r.path,
    host: r.host,
    port: r.port,
    username: r.username,
    auth: r.auth,
    identityPath: r.identity_path,
    hasPassword: r.has_password === 1,
    hostKey: r.host_key,
    liveRelease: m?.release_id ?? null,
    lastPublishedAt: m?.updated_at ?? null,
  };
}

export async function listTargets(ctx: ServiceContext): Promise<PublishingTarget[]> {
  const rows = await q.listTargets(ctx.db);
  return Promise.all(rows.map((r) => toTarget(ctx.db, r)));
}

/** Checks a target's fields as a whole (the schema checks each one). */
function checkTarget(ctx: ServiceContext, input: SaveTargetInput, hasStoredPassword: boolean) {
  if (input.kind === 'folder') {
    if (!path.isAbsolute(input.path)) throw validationError('path', 'not_absolute', 'the folder must be an absolute path');
    const problem = folderTargetProblem(input.path, { dataDir: ctx.dataDir, trusted: ctx.actor.role === 'system' });
    if (problem) throw validationError('path', 'not_allowed', problem);
    return;
  }
  try {
    safeRemoteRoot(input.path);
  } catch (e) {
    throw validationError('path', 'unsafe', (e as Error).message);
  }
  if (!input.host) throw validationError('host', 'required', 'an SFTP target needs a host');
  if (!input.username) throw validationError('username', 'required', 'an SFTP target needs a user name');
  if (input.auth === 'key' && !input.identityPath) throw validationError('identityPath', 'required', 'key authentication needs the path of a private key file');
  if (input.auth === 'key' && input.identityPath && !path.isAbsolute(input.identityPath))
    throw validationError('identityPath', 'not_absolute', 'the key file must be an absolute path');
  if (input.auth === 'password' && !input.password && !hasStoredPassword)
    throw validationError('password', 'required', 'password authentication needs a password');
  if (input.auth === 'none') throw validationError('auth', 'required', 'an SFTP target needs a key file or a password');
}

export async function saveTarget(ctx: ServiceContext, input: SaveTargetInput): Promise<PublishingTarget> {
  return ctx.tx(async (trx) => {
    const existing = input.id ? await live(trx, 'publishing_targets', input.id, 'publishing_target') : null;
    checkTarget(ctx, input, existing?.has_password === 1);
    if (await q.targetNameTaken(trx, input.name, input.id)) throw validationError('name', 'duplicate', 'another target has this name');
    const sftp = input.kind === 'sftp';
    const keepPassword = sftp && input.auth === 'password';
    const row = {
      name: input.name,
      kind: input.kind,
      path: sftp ? safeRemoteRoot(input.path) : path.resolve(input.path),
      host: sftp ? input.host : null,
      port: sftp ? (input.port ?? 22) : null,
      username: sftp ? input.username : null,
      auth: sftp ? input.auth : ('none' as const),
      identity_path: sftp && input.auth === 'key' ? input.identityPath : null,
      has_password: keepPassword && (input.password || existing?.has_password === 1) ? 1 : 0,
    };
    const placeChanged = existing && (existing.host !== row.host || existing.port !== row.port);
    const hostKey = input.resetHostKey || placeChanged || !sftp ? null : (existing?.host_key ?? null);
    let id: string;
    if (existing) {
      id = existing.id;
      await updateCurrent(ctx, trx, 'publishing_targets', 'publishing_target', id, input.expectedUpdatedAt, { ...row, host_key: hostKey });
    } else {
      id = newId();
      await insertAudited(ctx, trx, 'publishing_targets', 'publishing_target', { id, ...row, host_key: null });
    }
    // The password, apart from the row: not in the audit entry above (which says only has_password), nor in any output.
    if (keepPassword && input.password) await writeTargetPassword(ctx, trx, id, input.password);
    if (!keepPassword) await q.deleteSecret(trx, id);
    return toTarget(trx, (await getRow(trx, 'publishing_targets', id))!);
  });
}

export async function deleteTarget(ctx: ServiceContext, id: string, expectedUpdatedAt: string) {
  await ctx.tx(async (trx) => {
    await softDeleteRow(ctx, trx, 'publishing_targets', 'publishing_target', id, expectedUpdatedAt);
    await q.deleteSecret(trx, id);
  });
  return null;
}

/** Opens a target; an SFTP server's host key is recorded on first connection and enforced afterwards. */
export async function openRemote(ctx: ServiceContext, t: TargetRow): Promise<Remote> {
  if (t.kind === 'folder') {
    // A target saved before folders were confined is held to the same rule when used.
    const problem = folderTargetProblem(t.path, { dataDir: ctx.dataDir, trusted: true });
    if (problem) throw new AppError('VALIDATION', problem, { issues: [{ field: 'path', reason: 'not_allowed', message: problem }] });
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(t.path);
    } catch {
      st = null;
    }
    if (!st?.isDirectory()) throw new TargetUnavailableError('unreachable', `the folder ${t.path} is not reachable (is the network share mounted?)`);
    return new FolderRemote(t.path);
  }
  const password = t.auth === 'password' ? await readTargetPassword(ctx, t.id) : null;
  const remote = await SftpRemote.connect({
    host: t.host!,
    port: t.port!,
    username: t.username!,
    path: t.path,
    identityPath: t.auth === 'key' ? t.identity_path : null,
    password,
    hostKey: t.host_key,
  });
  if (!t.host_key && remote.hostKey) {
    const key = remote.hostKey;
    await ctx.tx(async (trx) => {
      const cur = await live(trx, 'publishing_targets', t.id, 'publishing_target');
      await updateCurrent(ctx, trx, 'publishing_targets', 'publishing_target', t.id, cur.updated_at, { host_key: key });
    });
  }
  return remote;
}

async function liveTarget(ctx: ServiceContext, id: string): Promise<TargetRow> {
  const t = await getRow(ctx.db, 'publishing_targets', id);
  if (!t || t.deleted_at) throw new AppError('NOT_FOUND', `publishing target ${id} not found`, { entity: 'publishing_target', id });
  return t;
}

const siteBuiltAt = (siteDir: string) => fs.statSync(siteDir).mtime.toISOString();

export function checkSiteDir(siteDir: string) {
  if (!fs.existsSync(siteDir) || !fs.statSync(siteDir).isDirectory() || !fs.existsSync(path.join(siteDir, 'index.html')))
    throw validationError('site', 'not_built', 'build the site first (no index.html in the site folder)');
}

/** What publishing `siteDir` would change; against the target when reachable, else against the copy kept here. */
export async function previewPublication(ctx: ServiceContext, targetId: string, siteDir: string): Promise<PublicationPreview> {
  checkSiteDir(siteDir);
  const t = await liveTarget(ctx, targetId);
  const manifest = buildManifest(siteDir);
  let remote: Remote | null = null;
  try {
    remote = await openRemote(ctx, t);
    const { liveId, live: liveManifest } = await readTargetState(remote);
    const plan = planFrom(manifest, liveManifest, liveId);
    return {
      summary: plan.summary,
      counts: plan.counts,
      basis: liveId ? 'target' : 'first_publication',
      unreachableReason: null,
      siteBuiltAt: siteBuiltAt(siteDir),
    };
  } catch (e) {
    if (!(e instanceof TargetUnavailableError)) throw asAppError(e, await secretsOf(ctx, t));
    const copy = await q.getManifestCopy(ctx.db, t.id);
    const plan = planFrom(manifest, copy ? decodeManifest(Buffer.from(copy.manifest, 'base64')) : emptyManifest(), copy?.release_id ?? null);
    return {
      summary: plan.summary,
      counts: plan.counts,
      basis: copy ? 'local_copy' : 'first_publication',
      unreachableReason: e.message,
      siteBuiltAt: siteBuiltAt(siteDir),
    };
  } finally {
    await remote?.close();
  }
}

const secretsOf = async (ctx: ServiceContext, t: TargetRow) => (t.auth === 'password' ? [await readTargetPassword(ctx, t.id).catch(() => null)] : []);

function asAppError(e: unknown, secrets: Array<string | null>): AppError {
  if (e instanceof AppError) return e;
  const msg = scrub(e instanceof Error ? e.message : String(e), secrets);
  if (e instanceof UnsafePathError) return new AppError('VALIDATION', msg, { issues: [{ field: 'target', reason: 'unsafe', message: msg }] });
  return new AppError('INTERNAL', msg);
}

/** Why a publication could not finish, for the queue. */
function classify(e: unknown): QueueReason {
  if (e instanceof TargetUnavailableError) return e.reason;
  if (e instanceof PublishInterrupted) return 'interrupted';
  if (e instanceof UnsafePathError) return 'refused';
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ENOTCONN|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/.test(code))
    return 'unreachable';
  if (/not connected|no response|connection (lost|closed|reset)|socket|ECONN/i.test((e as Error)?.message ?? '')) return 'unreachable';
  return 'error';
}

/** The manifest of the release now live on a target, kept here: what the next publication is compared with. */
async function keepManifestCopy(ctx: ServiceContext, trx: WriteTx, targetId: string, releaseId: string, manifest: Manifest, at: string) {
  await q.putManifestCopy(trx, {
    id: targetId,
    release_id: releaseId,
    manifest_hash: manifestHash(manifest),
    manifest: encodeManifest(manifest).toString('base64'),
    file_count: manifest.files.length,
    total_bytes: manifest.files.reduce((s, f) => s + f.size, 0),
    created_at: at,
    updated_at: at,
    updated_by: ctx.actor.id,
    deleted_at: null,
  });
}

const running = new Set<string>();

export interface RunOptions {
  targetId: string;
  /** The built site to publish; copied to the outbox only if the publication must wait. */
  siteDir: string;
  /** Set when retrying a queued publication (its site is in the outbox). */
  queueId?: string | null;
  signal?: AbortSignal;
  abortAfterFiles?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Publishes a built site to a target. Success logs it, keeps the target's manifest here and clears the target's
 * queue; a failure (unreachable, refused, interrupted) puts the site in the queue with its reason — one pending
 * publication per target, the newest site, waiting since the first failure — and logs the failure.
 */
export async function runPublication(ctx: ServiceContext, o: RunOptions): Promise<PublicationOutcome> {
  const t = await liveTarget(ctx, o.targetId);
  if (running.has(t.id)) throw new AppError('CONFLICT', `a publication to ${t.name} is already running`, { entity: 'publishing_target', id: t.id });
  checkSiteDir(o.siteDir);
  running.add(t.id);
  const startedAt = ctx.now().toISOString();
  let remote: Remote | null = null;
  try {
    remote = await openRemote(ctx, t);
    const r = await publishSite({ siteDir: o.siteDir, remote, now: ctx.now(), signal: o.signal, abortAfterFiles: o.abortAfterFiles, onProgress: o.onProgress });
    const filesDeleted = r.diff.removed.length;
    await ctx.tx(async (trx) => {
      const at = ctx.now().toISOString();
      await keepManifestCopy(ctx, trx, t.id, r.releaseId!, r.manifest, at);
      await insertAudited(ctx, trx, 'publishing_log', 'publication', {
        id: newId(),
        target_id: t.id,
        queue_id: o.queueId ?? null,
        status: r.status === 'published' ? 'published' : 'unchanged',
        release_id: r.releaseId,
        summary: r.summary,
        files_sent: r.filesSent,
        bytes_sent: r.bytesSent,
        files_linked: r.filesLinked,
        files_deleted: r.status === 'published' ? filesDeleted : 0,
        started_at: startedAt,
        finished_at: at,
        error: '',
      });
      for (const p of await q.listPending(trx, t.id)) await closeQueued(ctx, trx, p.id, p.id === o.queueId ? 'done' : 'superseded');
    });
    try {
      // The site's Noutăți page compares the next build with this publication.
      recordPublished(ctx.dataDir, o.siteDir);
    } catch {
      /* the publication is live; only the next build's "what changed" would compare with an older one */
    }
    for (const p of fs.existsSync(path.join(ctx.dataDir, 'publishing', 'outbox')) ? fs.readdirSync(path.join(ctx.dataDir, 'publishing', 'outbox')) : []) {
      const row = await q.getQueued(ctx.db, p);
      if (row && row.status !== 'pending') fs.rmSync(outboxDir(ctx.dataDir, p), { recursive: true, force: true });
    }
    return {
      status: r.status === 'published' ? 'published' : 'unchanged',
      summary: r.summary,
      releaseId: r.releaseId,
      filesSent: r.filesSent,
      bytesSent: r.bytesSent,
      filesDeleted: r.status === 'published' ? filesDeleted : 0,
      queueId: null,
      reasonKind: null,
      reason: null,
    };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const kind = classify(e);
    const reason = scrub(e instanceof Error ? e.message : String(e), await secretsOf(ctx, t));
    const queueId = await enqueue(ctx, t, o, kind, reason, startedAt);
    return {
      status: 'queued',
      summary: '',
      releaseId: null,
      filesSent: e instanceof PublishInterrupted ? e.filesSent : 0,
      bytesSent: 0,
      filesDeleted: 0,
      queueId,
      reasonKind: kind,
      reason,
    };
  } finally {
    running.delete(t.id);
    await remote?.close();
  }
}

async function closeQueued(ctx: ServiceContext, trx: WriteTx, id: string, status: 'done' | 'superseded' | 'cancelled') {
  const cur = await live(trx, 'publishing_queue', id, 'queued_publication');
  await updateCurrent(ctx, trx, 'publishing_queue', 'queued_publication', id, cur.updated_at, { status });
}

/** The one pending publication of a target: created, or updated with the newer site and the latest reason. */
async function enqueue(ctx: ServiceContext, t: TargetRow, o: RunOptions, kind: QueueReason, reason: string, attemptAt: string): Promise<string> {
  const pending = (await q.listPending(ctx.db, t.id))[0];
  const id = pending?.id ?? o.queueId ?? newId();
  const dest = outboxDir(ctx.dataDir, id);
  if (path.resolve(o.siteDir) !== path.resolve(dest)) {
    const tmp = `${dest}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.cpSync(o.siteDir, tmp, { recursive: true });
    fs.rmSync(dest, { recursive: true, force: true });
    fs.renameSync(tmp, dest);
  }
  let summary = '';
  try {
    const copy = await q.getManifestCopy(ctx.db, t.id);
    summary = planFrom(buildManifest(dest), copy ? decodeManifest(Buffer.from(copy.manifest, 'base64')) : emptyManifest(), copy?.release_id ?? null).summary;
  } catch {
    summary = '';
  }
  await ctx.tx(async (trx) => {
    const row = await q.getQueued(trx, id);
    if (row && row.status === 'pending' && !row.deleted_at) {
      await updateCurrent(ctx, trx, 'publishing_queue', 'queued_publication', id, row.updated_at, {
        reason_kind: kind,
        reason,
        summary,
        attempts: row.attempts + 1,
        last_attempt_at: attemptAt,
        site_dir: dest,
      });
    } else {
      await insertAudited(ctx, trx, 'publishing_queue', 'queued_publication', {
        id,
        target_id: t.id,
        status: 'pending',
        site_dir: dest,
        summary,
        reason_kind: kind,
        reason,
        attempts: 1,
        last_attempt_at: attemptAt,
      });
    }
    await insertAudited(ctx, trx, 'publishing_log', 'publication', {
      id: newId(),
      target_id: t.id,
      queue_id: id,
      status: 'failed',
      release_id: null,
      summary,
      files_sent: 0,
      bytes_sent: 0,
      files_linked: 0,
      files_deleted: 0,
      started_at: attemptAt,
      finished_at: ctx.now().toISOString(),
      error: reason,
    });
  });
  return id;
}

export async function listQueue(ctx: ServiceContext): Promise<QueuedPublication[]> {
  return (await q.listPending(ctx.db)).map((r) => ({
    id: r.id,
    targetId: r.target_id,
    targetName: r.target_name,
    summary: r.summary,
    since: r.created_at,
    reasonKind: r.reason_kind,
    reason: r.reason,
    attempts: r.attempts,
    lastAttemptAt: r.last_attempt_at,
  }));
}

export async function queuedForRetry(ctx: ServiceContext, id: string) {
  const row = await q.getQueued(ctx.db, id);
  if (!row || row.deleted_at || row.status !== 'pending')
    throw new AppError('NOT_FOUND', `queued publication ${id} not found`, { entity: 'queued_publication', id });
  return row;
}

export async function cancelQueued(ctx: ServiceContext, id: string) {
  await queuedForRetry(ctx, id);
  await ctx.tx((trx) => closeQueued(ctx, trx, id, 'cancelled'));
  fs.rmSync(outboxDir(ctx.dataDir, id), { recursive: true, force: true });
  return null;
}

export async function listLog(ctx: ServiceContext, targetId: string | undefined, limit: number): Promise<PublicationLogEntry[]> {
  return (await q.listLog(ctx.db, { targetId, limit })).map((r) => ({
    id: r.id,
    targetId: r.target_id,
    targetName: r.target_name,
    status: r.status,
    releaseId: r.release_id,
    summary: r.summary,
    filesSent: r.files_sent,
    bytesSent: Number(r.bytes_sent),
    filesLinked: r.files_linked,
    filesDeleted: r.files_deleted,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
  }));
}

/** The releases kept on a target (newest first, the live one marked): what a rollback can go back to. */
export async function listReleases(ctx: ServiceContext, targetId: string): Promise<SiteRelease[]> {
  const t = await liveTarget(ctx, targetId);
  let remote: Remote | null = null;
  try {
    remote = await openRemote(ctx, t);
    return await releasesOn(remote);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('CONFLICT', `the target ${t.name} cannot be read now: ${scrub(e instanceof Error ? e.message : String(e), await secretsOf(ctx, t))}`, {
      entity: 'publishing_target',
      id: t.id,
      reason: 'unreachable',
    });
  } finally {
    await remote?.close();
  }
}

/**
 * Puts an earlier release of the public site back live (the switch is atomic, nothing is deleted). The manifest
 * kept here becomes that release's, so the next publication sends what differs from what visitors now see; the
 * log and the audit say it was a rollback.
 */
export async function rollback(ctx: ServiceContext, targetId: string, releaseId: string): Promise<RollbackOutcome> {
  const t = await liveTarget(ctx, targetId);
  if (running.has(t.id))
    throw new AppError('CONFLICT', `a publication to ${t.name} is running; roll back when it ends`, { entity: 'publishing_target', id: t.id });
  running.add(t.id);
  const startedAt = ctx.now().toISOString();
  let remote: Remote | null = null;
  try {
    try {
      remote = await openRemote(ctx, t);
    } catch (e) {
      throw new AppError(
        'CONFLICT',
        `the target ${t.name} cannot be reached now: ${scrub(e instanceof Error ? e.message : String(e), await secretsOf(ctx, t))}`,
        { entity: 'publishing_target', id: t.id, reason: 'unreachable' },
      );
    }
    let r: Awaited<ReturnType<typeof rollbackRelease>>;
    try {
      r = await rollbackRelease(remote, releaseId);
    } catch (e) {
      // Said in words with the id named (issue-text.ts: release_*); nothing was switched, nothing written here.
      if (e instanceof RollbackRefused)
        throw new AppError('VALIDATION', `releaseId: ${e.message}`, {
          issues: [{ field: 'releaseId', reason: e.reason, params: { release: releaseId }, message: e.message }],
        });
      if (e instanceof UnsafePathError) throw validationError('releaseId', 'rollback_refused', e.message);
      throw e;
    }
    const summary = `Revenire la versiunea ${r.to}${r.from ? ` (în locul versiunii ${r.from})` : ''}`;
    await ctx.tx(async (trx) => {
      const at = ctx.now().toISOString();
      await keepManifestCopy(ctx, trx, t.id, r.to, r.manifest, at);
      await insertAudited(ctx, trx, 'publishing_log', 'publication', {
        id: newId(),
        target_id: t.id,
        queue_id: null,
        status: 'published',
        release_id: r.to,
        summary,
        files_sent: 0,
        bytes_sent: 0,
        files_linked: 0,
        files_deleted: 0,
        started_at: startedAt,
        finished_at: at,
        error: '',
      });
    });
    return { from: r.from, to: r.to, summary };
  } finally {
    running.delete(t.id);
    await remote?.close();
  }
}
