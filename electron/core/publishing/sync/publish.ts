import fs from 'node:fs';
import path from 'node:path';
import {
  buildManifest,
  diffManifests,
  emptyManifest,
  encodeSharded,
  manifestHash,
  MANIFEST_FILE,
  readReleaseManifest,
  SHARD_DIR,
  type Manifest,
  type ManifestDiff,
} from './manifest';
import { RELEASE_ID, STAGING_NAME, STAGING_PREFIX, UnsafePathError } from './paths';
import type { Remote } from './remote';
import { changeCounts, describeChanges, type ChangeCounts } from './summary';

/**
 * The layout on a target (a folder or an SFTP server), the same for both:
 *
 *   <target>/current            → releases/<id>   symbolic link: the web server's document root
 *   <target>/releases/<id>/…    one complete site per release, with .pla-manifest.json.gz (SHA-256 of each file)
 *   <target>/releases/.staging-<hash>/…           an upload in progress (named by the new manifest's hash)
 *
 * A publication uploads only new and changed files into the staging folder, hard-links the unchanged ones from
 * the live release (no bytes sent), renames the staging folder to releases/<id>, then switches `current` with
 * one atomic rename of a fresh link over the old one. Visitors see the old site or the new one, never a mix.
 * An interrupted run leaves the staging folder: the next run of the same site resumes it (files already there are
 * complete, each being written under a temporary name and renamed), a run of a different site removes it.
 * The release before the live one is kept for a manual rollback; older ones are deleted.
 */
export const CURRENT = 'current';
export const RELEASES = 'releases';
const CURRENT_NEXT = 'current.next';
const PART = '.part';

export interface PublishOptions {
  siteDir: string;
  remote: Remote;
  dryRun?: boolean;
  now?: Date;
  signal?: AbortSignal;
  /** Tests: stop (as a killed process would) after this many files were uploaded. */
  abortAfterFiles?: number;
  onProgress?: (done: number, total: number) => void;
  concurrency?: number;
}

export interface PublishPlan {
  diff: ManifestDiff;
  counts: ChangeCounts;
  /** Romanian: "12 pagini modificate, 1 set de date nou, 2 fișiere șterse". */
  summary: string;
  manifest: Manifest;
  manifestHash: string;
  liveReleaseId: string | null;
}

export interface PublishResult extends PublishPlan {
  status: 'published' | 'unchanged' | 'dry_run';
  releaseId: string | null;
  filesSent: number;
  /** File contents plus the manifest. */
  bytesSent: number;
  filesLinked: number;
  filesResumed: number;
  /** Staging folders of abandoned runs removed (rolled back) and old releases pruned. */
  removedFolders: string[];
}

export class PublishInterrupted extends Error {
  constructor(readonly filesSent: number) {
    super(`publication interrupted after ${filesSent} file(s); the live site is unchanged and the next run resumes`);
  }
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/** The target's state, checked: a real folder, a real `releases` folder, `current` a link into it (or absent). */
async function readLayout(remote: Remote): Promise<{ liveId: string | null }> {
  const root = await remote.lstat('');
  if (!root) throw new UnsafePathError('', `the target folder does not exist: ${remote.label}`);
  if (root.type !== 'dir' && root.type !== 'symlink') throw new UnsafePathError('', 'the target is not a folder');
  const rel = await remote.lstat(RELEASES);
  if (rel && rel.type !== 'dir') throw new UnsafePathError(RELEASES, 'is not a folder (a link here could lead outside the target); remove it');
  const cur = await remote.lstat(CURRENT);
  if (!cur) return { liveId: null };
  if (cur.type !== 'symlink')
    throw new UnsafePathError(CURRENT, 'is not a link made by the publisher; move it away (the web server should serve current → releases/<id>)');
  const link = await remote.readlink(CURRENT);
  const m = /^releases\/([^/]+)$/.exec(link);
  if (!m || !RELEASE_ID.test(m[1])) throw new UnsafePathError(CURRENT, `points to ${JSON.stringify(link)}, not to a release of this publisher`);
  return { liveId: m[1] };
}

/** The live release's manifest and its shards' hashes (unchanged shards are hard-linked into the next release). */
async function readLive(remote: Remote, liveId: string | null): Promise<{ manifest: Manifest; shards: Map<number, string> }> {
  if (!liveId) return { manifest: emptyManifest(), shards: new Map() };
  try {
    return await readReleaseManifest((rel) => remote.readFile(`${RELEASES}/${liveId}/${rel}`));
  } catch {
    // Unreadable or tampered: trust nothing on the target, upload everything (no hard links from it either).
    return { manifest: emptyManifest(), shards: new Map() };
  }
}

/** Deletes a folder the publisher made, without following links (a link is removed, never entered). */
async function removeTree(remote: Remote, rel: string): Promise<void> {
  for (const e of await remote.readdir(rel)) {
    const child = `${rel}/${e.name}`;
    if (e.type === 'dir') await removeTree(remote, child);
    else await remote.unlink(child);
  }
  await remote.rmdir(rel);
}

/** Files already complete in a staging folder (resume); links, specials and partial files are removed. */
async function scanStaging(remote: Remote, rel: string, prefix: string, out: Map<string, number>): Promise<void> {
  for (const e of await remote.readdir(rel)) {
    const child = `${rel}/${e.name}`;
    const p = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.type === 'dir') await scanStaging(remote, child, p, out);
    else if (e.type === 'file' && !e.name.endsWith(PART)) out.set(p, e.size);
    else await remote.unlink(child);
  }
}

/** The live release on a target and its manifest (checked layout; an unreadable manifest counts as empty). */
export async function readTargetState(remote: Remote): Promise<{ liveId: string | null; live: Manifest; liveShards: Map<number, string> }> {
  const { liveId } = await readLayout(remote);
  const { manifest, shards } = await readLive(remote, liveId);
  return { liveId, live: manifest, liveShards: shards };
}

/** What a publication would change, against the manifest of the live release on the target. */
export async function planPublication(siteDir: string, remote: Remote): Promise<PublishPlan & { liveManifest: Manifest; liveShards: Map<number, string> }> {
  const manifest = buildManifest(siteDir);
  const { liveId, live, liveShards } = await readTargetState(remote);
  return { ...planFrom(manifest, live, liveId), liveManifest: live, liveShards };
}

export function planFrom(manifest: Manifest, live: Manifest, liveReleaseId: string | null): PublishPlan {
  const diff = diffManifests(live, manifest);
  const counts = changeCounts(diff);
  return { diff, counts, summary: describeChanges(counts), manifest, manifestHash: manifestHash(manifest), liveReleaseId };
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  let failed: unknown = null;
  const worker = async () => {
    while (i < items.length && failed === null) {
      const item = items[i++];
      try {
        await fn(item);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  if (failed !== null) throw failed;
}

export async function publishSite(o: PublishOptions): Promise<PublishResult> {
  const { remote } = o;
  const plan = await planPublication(o.siteDir, remote);
  const base = { ...plan, releaseId: null, filesSent: 0, bytesSent: 0, filesLinked: 0, filesResumed: 0, removedFolders: [] as string[] };
  if (o.dryRun) return { ...base, status: 'dry_run' };
  const h16 = plan.manifestHash.slice(0, 16);
  const liveId = plan.liveReleaseId;
  if (liveId?.endsWith(`-${h16}`)) {
    const removed = await prune(remote, liveId, null);
    return { ...base, status: 'unchanged', releaseId: liveId, removedFolders: removed };
  }

  if (!(await remote.lstat(RELEASES))) await remote.mkdir(RELEASES);
  const entries = await remote.readdir(RELEASES);
  // A complete release of this very site, left by a run interrupted before the switch: switch to it.
  let releaseId = entries.find((e) => e.type === 'dir' && RELEASE_ID.test(e.name) && e.name.endsWith(`-${h16}`))?.name ?? null;
  if (releaseId && !(await remote.lstat(`${RELEASES}/${releaseId}/${MANIFEST_FILE}`))) releaseId = null;

  let filesSent = 0;
  let bytesSent = 0;
  let filesLinked = 0;
  let filesResumed = 0;
  if (!releaseId) {
    const staging = `${RELEASES}/${STAGING_PREFIX}${h16}`;
    const present = new Map<string, number>();
    const st = await remote.lstat(staging);
    if (st && st.type !== 'dir') await remote.unlink(staging);
    if (st?.type === 'dir') await scanStaging(remote, staging, '', present);
    else await remote.mkdir(staging);

    const liveFiles = new Map(plan.liveManifest.files.map((f) => [f.path, f.sha256]));
    const dirs = new Set<string>();
    const ensureDir = async (p: string) => {
      const parts = p.split('/').slice(0, -1);
      for (let i = 1; i <= parts.length; i++) {
        const d = parts.slice(0, i).join('/');
        if (dirs.has(d)) continue;
        await remote.mkdir(`${staging}/${d}`);
        dirs.add(d);
      }
    };
    // Folders first (in order), so parallel transfers never race to create one.
    for (const f of plan.manifest.files) if (f.path.includes('/')) await ensureDir(f.path);
    const total = plan.manifest.files.length;
    let done = 0;
    let canLink = true;
    const siteRoot = fs.realpathSync(o.siteDir);
    await pool(plan.manifest.files, o.concurrency ?? 8, async (f) => {
      if (o.signal?.aborted) throw new PublishInterrupted(filesSent);
      const dest = `${staging}/${f.path}`;
      if (present.get(f.path) === f.size) filesResumed++;
      else {
        if (present.has(f.path)) await remote.unlink(dest);
        let linked = false;
        if (canLink && liveId && liveFiles.get(f.path) === f.sha256) {
          linked = await remote.hardlink(`${RELEASES}/${liveId}/${f.path}`, dest);
          if (!linked) canLink = false;
        }
        if (linked) filesLinked++;
        else {
          if (o.abortAfterFiles !== undefined && filesSent >= o.abortAfterFiles) throw new PublishInterrupted(filesSent);
          const data = fs.readFileSync(path.join(siteRoot, ...f.path.split('/')));
          const tmp = `${dest}${PART}`;
          if (await remote.lstat(tmp)) await remote.unlink(tmp);
          await remote.writeFileExclusive(tmp, data);
          await remote.rename(tmp, dest);
          filesSent++;
          bytesSent += data.length;
        }
      }
      o.onProgress?.(++done, total);
    });
    if (o.signal?.aborted) throw new PublishInterrupted(filesSent);
    // The manifest: shards first (unchanged ones hard-linked from the live release), the root last.
    const man = encodeSharded(plan.manifest);
    await remote.mkdir(`${staging}/${SHARD_DIR}`);
    for (const sh of man.shards) {
      const dest = `${staging}/${sh.path}`;
      if (await remote.lstat(dest)) await remote.unlink(dest);
      if (canLink && liveId && plan.liveShards.get(sh.index) === sh.sha256 && (await remote.hardlink(`${RELEASES}/${liveId}/${sh.path}`, dest))) continue;
      const tmp = `${dest}${PART}`;
      if (await remote.lstat(tmp)) await remote.unlink(tmp);
      await remote.writeFileExclusive(tmp, sh.data);
      await remote.rename(tmp, dest);
      bytesSent += sh.data.length;
    }
    const manTmp = `${staging}/${MANIFEST_FILE}${PART}`;
    if (await remote.lstat(manTmp)) await remote.unlink(manTmp);
    await remote.writeFileExclusive(manTmp, man.root);
    await remote.rename(manTmp, `${staging}/${MANIFEST_FILE}`);
    bytesSent += man.root.length;
    releaseId = `${stamp(o.now ?? new Date())}-${h16}`;
    await remote.rename(staging, `${RELEASES}/${releaseId}`);
  }

  // The switch: a new link under a temporary name, renamed over `current` (atomic: rename(2) / posix-rename).
  if (await remote.lstat(CURRENT_NEXT)) await remote.unlink(CURRENT_NEXT);
  await remote.symlink(`${RELEASES}/${releaseId}`, CURRENT_NEXT);
  await remote.rename(CURRENT_NEXT, CURRENT);
  const removedFolders = await prune(remote, releaseId, liveId);
  return { ...base, status: 'published', releaseId, filesSent, bytesSent, filesLinked, filesResumed, removedFolders };
}

/** Keeps the live release and the one before it; removes older releases and abandoned staging folders. */
async function prune(remote: Remote, liveId: string, previousId: string | null): Promise<string[]> {
  const removed: string[] = [];
  const entries = await remote.readdir(RELEASES).catch(() => []);
  let keepPrevious = previousId;
  if (!keepPrevious) {
    // Keep the newest older release (by its stamp) for a rollback.
    keepPrevious =
      entries
        .filter((e) => e.type === 'dir' && RELEASE_ID.test(e.name) && e.name < liveId)
        .map((e) => e.name)
        .sort()
        .at(-1) ?? null;
  }
  for (const e of entries) {
    if (e.name === liveId || e.name === keepPrevious) continue;
    const isRelease = RELEASE_ID.test(e.name) || STAGING_NAME.test(e.name);
    if (!isRelease) continue; // not ours: left alone
    const rel = `${RELEASES}/${e.name}`;
    if (e.type === 'dir') await removeTree(remote, rel);
    else await remote.unlink(rel);
    removed.push(e.name);
  }
  return removed;
}

/** A complete release on a target: its id (publication stamp and site hash), whether it is live, its size. */
export interface ReleaseOnTarget {
  id: string;
  live: boolean;
  /** When it was published, from its id (ISO-8601 UTC). */
  publishedAt: string;
  files: number;
  bytes: number;
}

const stampToIso = (id: string) => id.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-.*$/, '$1-$2-$3T$4:$5:$6Z');

/** The complete releases kept on a target (newest first); an incomplete or unreadable one is not offered. */
export async function listReleases(remote: Remote): Promise<ReleaseOnTarget[]> {
  const { liveId } = await readLayout(remote);
  const entries = await remote.readdir(RELEASES).catch(() => []);
  const out: ReleaseOnTarget[] = [];
  for (const e of entries) {
    if (e.type !== 'dir' || !RELEASE_ID.test(e.name)) continue;
    try {
      const { manifest } = await readReleaseManifest((rel) => remote.readFile(`${RELEASES}/${e.name}/${rel}`));
      out.push({
        id: e.name,
        live: e.name === liveId,
        publishedAt: stampToIso(e.name),
        files: manifest.files.length,
        bytes: manifest.files.reduce((s, f) => s + f.size, 0),
      });
    } catch {
      /* no manifest: an interrupted or foreign folder, never a rollback target */
    }
  }
  return out.sort((a, b) => (a.id < b.id ? 1 : -1));
}

/** Why a release cannot be put back: its id is malformed, it is already live, absent from the target, or incomplete. */
export type RollbackRefusal = 'release_format' | 'release_live' | 'release_missing' | 'release_incomplete';

export class RollbackRefused extends Error {
  constructor(
    readonly reason: RollbackRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Puts an earlier release back live with the same atomic switch a publication ends with. Nothing is deleted, so
 * the release it replaces stays on the target and a rollback can itself be undone.
 */
export async function rollbackRelease(remote: Remote, releaseId: string): Promise<{ from: string | null; to: string; manifest: Manifest }> {
  if (!RELEASE_ID.test(releaseId))
    throw new RollbackRefused('release_format', `«${releaseId}» is not a release id (they look like 20261206T101500Z-0123456789abcdef)`);
  const { liveId } = await readLayout(remote);
  if (releaseId === liveId) throw new RollbackRefused('release_live', `release ${releaseId} is already live`);
  const st = await remote.lstat(`${RELEASES}/${releaseId}`);
  if (!st || st.type !== 'dir')
    throw new RollbackRefused('release_missing', `release ${releaseId} is not on the target (kept: the live release and the one before it)`);
  let manifest: Manifest;
  try {
    manifest = (await readReleaseManifest((rel) => remote.readFile(`${RELEASES}/${releaseId}/${rel}`))).manifest;
  } catch {
    throw new RollbackRefused('release_incomplete', `release ${releaseId} is incomplete (no readable manifest); it cannot be put back live`);
  }
  if (await remote.lstat(CURRENT_NEXT)) await remote.unlink(CURRENT_NEXT);
  await remote.symlink(`${RELEASES}/${releaseId}`, CURRENT_NEXT);
  await remote.rename(CURRENT_NEXT, CURRENT);
  return { from: liveId, to: releaseId, manifest };
}
