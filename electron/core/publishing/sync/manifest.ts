import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { safeRelPath, UnsafePathError } from './paths';

/** One file of a published site: its SHA-256 and size. */
export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
}

/** Every file of a site, sorted by path; kept on the target (in each release) and locally (per target). */
export interface Manifest {
  version: 1;
  files: ManifestEntry[];
}

export const MANIFEST_FILE = '.pla-manifest.json.gz';

export const emptyManifest = (): Manifest => ({ version: 1, files: [] });

/** Walks a built site: regular files only (a symlink or a special file is refused: it could point outside). */
export function buildManifest(siteDir: string): Manifest {
  const root = fs.realpathSync(siteDir);
  if (!fs.statSync(root).isDirectory()) throw new Error(`not a folder: ${siteDir}`);
  const files: ManifestEntry[] = [];
  const walk = (dir: string, rel: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      const full = path.join(dir, d.name);
      if (d.isSymbolicLink()) throw new UnsafePathError(r, 'the site contains a symbolic link (it could point outside the site)');
      if (d.isDirectory()) walk(full, r);
      else if (d.isFile()) {
        if (r === MANIFEST_FILE || r.startsWith(`${SHARD_DIR}/`)) continue;
        safeRelPath(r);
        const data = fs.readFileSync(full);
        files.push({ path: r, sha256: createHash('sha256').update(data).digest('hex'), size: data.length });
      } else throw new UnsafePathError(r, 'not a regular file');
    }
  };
  walk(root, '');
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { version: 1, files };
}

/** The manifest's own hash: names a staging folder, so an interrupted upload of the same site resumes into it. */
export function manifestHash(m: Manifest): string {
  const h = createHash('sha256');
  for (const f of m.files) h.update(`${f.path}\0${f.sha256}\0${f.size}\n`);
  return h.digest('hex');
}

/** Compact and gzipped: on a 5,000-page site the manifest is part of every re-publish's bytes. */
export function encodeManifest(m: Manifest): Buffer {
  return gzipSync(JSON.stringify({ version: 1, files: m.files.map((f) => [f.path, f.sha256, f.size]) }), { level: 9 });
}

/**
 * Reads a manifest from a target (untrusted): every name is checked, a malformed one refuses the whole manifest
 * (the publisher then treats the target as empty and uploads everything, never trusting a planted name).
 */
export function decodeManifest(buf: Buffer): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(gunzipSync(buf).toString('utf8'));
  } catch {
    throw new Error('the manifest on the target is unreadable');
  }
  const o = raw as { version?: unknown; files?: unknown };
  if (o.version !== 1 || !Array.isArray(o.files)) throw new Error('the manifest on the target has an unknown format');
  const files: ManifestEntry[] = [];
  for (const e of o.files as unknown[]) {
    if (
      !Array.isArray(e) ||
      typeof e[0] !== 'string' ||
      typeof e[1] !== 'string' ||
      !/^[0-9a-f]{64}$/.test(e[1]) ||
      !Number.isInteger(e[2]) ||
      (e[2] as number) < 0
    )
      throw new Error('the manifest on the target has a malformed entry');
    files.push({ path: safeRelPath(e[0]), sha256: e[1], size: e[2] as number });
  }
  return { version: 1, files };
}

export interface ManifestDiff {
  added: ManifestEntry[];
  changed: ManifestEntry[];
  removed: ManifestEntry[];
  unchanged: ManifestEntry[];
}

export function diffManifests(live: Manifest, next: Manifest): ManifestDiff {
  const old = new Map(live.files.map((f) => [f.path, f]));
  const out: ManifestDiff = { added: [], changed: [], removed: [], unchanged: [] };
  for (const f of next.files) {
    const o = old.get(f.path);
    if (!o) out.added.push(f);
    else if (o.sha256 !== f.sha256 || o.size !== f.size) out.changed.push(f);
    else out.unchanged.push(f);
    old.delete(f.path);
  }
  out.removed = [...old.values()];
  return out;
}

/**
 * On a target the manifest is sharded by path hash, so a re-publication after a small change sends a small
 * root (the shards' hashes) and the few shards whose files changed; unchanged shards are hard-linked like
 * unchanged files. Layout inside a release: MANIFEST_FILE (the root, written last: its presence marks a complete
 * release) and SHARD_DIR/<nn>.json.gz. The root's shard list is untrusted: shard names are derived from their
 * index, each shard must match its hash in the root, and each entry must belong to its shard.
 */
export const SHARD_DIR = '.pla-manifest';
export const SHARD_COUNT = 128;

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
export const shardOf = (p: string) => createHash('sha256').update(p).digest()[0] % SHARD_COUNT;
export const shardPath = (i: number) => `${SHARD_DIR}/${i.toString(16).padStart(2, '0')}.json.gz`;

export interface ManifestShard {
  index: number;
  path: string;
  data: Buffer;
  sha256: string;
}

export function encodeSharded(m: Manifest): { root: Buffer; shards: ManifestShard[] } {
  const groups: ManifestEntry[][] = Array.from({ length: SHARD_COUNT }, () => []);
  for (const f of m.files) groups[shardOf(f.path)].push(f);
  const shards: ManifestShard[] = [];
  groups.forEach((g, index) => {
    if (!g.length) return;
    const data = gzipSync(JSON.stringify({ version: 2, shard: index, files: g.map((f) => [f.path, f.sha256, f.size]) }), { level: 9 });
    shards.push({ index, path: shardPath(index), data, sha256: sha256(data) });
  });
  const root = gzipSync(JSON.stringify({ version: 2, shardCount: SHARD_COUNT, shards: shards.map((s) => [s.index, s.sha256]) }), { level: 9 });
  return { root, shards };
}

function entriesOf(files: unknown): ManifestEntry[] {
  if (!Array.isArray(files)) throw new Error('the manifest on the target has an unknown format');
  return files.map((e: unknown) => {
    if (
      !Array.isArray(e) ||
      typeof e[0] !== 'string' ||
      typeof e[1] !== 'string' ||
      !/^[0-9a-f]{64}$/.test(e[1]) ||
      !Number.isInteger(e[2]) ||
      (e[2] as number) < 0
    )
      throw new Error('the manifest on the target has a malformed entry');
    return { path: safeRelPath(e[0]), sha256: e[1], size: e[2] as number };
  });
}

const gunzipJson = (buf: Buffer): Record<string, unknown> => {
  try {
    return JSON.parse(gunzipSync(buf).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new Error('the manifest on the target is unreadable');
  }
};

/**
 * Reads a release's manifest from a target (`read` resolves a path relative to the release): the sharded
 * form, or the single-file form of releases published before it. Throws on anything malformed.
 */
export async function readReleaseManifest(read: (rel: string) => Promise<Buffer>): Promise<{ manifest: Manifest; shards: Map<number, string> }> {
  const rootBuf = await read(MANIFEST_FILE);
  const root = gunzipJson(rootBuf);
  if (root.version === 1) return { manifest: decodeManifest(rootBuf), shards: new Map() };
  if (root.version !== 2 || root.shardCount !== SHARD_COUNT || !Array.isArray(root.shards)) throw new Error('the manifest on the target has an unknown format');
  const shards = new Map<number, string>();
  for (const s of root.shards as unknown[]) {
    if (
      !Array.isArray(s) ||
      !Number.isInteger(s[0]) ||
      s[0] < 0 ||
      s[0] >= SHARD_COUNT ||
      shards.has(s[0] as number) ||
      typeof s[1] !== 'string' ||
      !/^[0-9a-f]{64}$/.test(s[1])
    )
      throw new Error('the manifest on the target has a malformed shard');
    shards.set(s[0] as number, s[1]);
  }
  const files: ManifestEntry[] = [];
  for (const [index, hash] of shards) {
    const data = await read(shardPath(index));
    if (sha256(data) !== hash) throw new Error('a manifest shard on the target does not match its hash');
    const o = gunzipJson(data);
    if (o.version !== 2 || o.shard !== index) throw new Error('a manifest shard on the target has an unknown format');
    for (const e of entriesOf(o.files)) {
      if (shardOf(e.path) !== index) throw new Error('a manifest shard on the target names a file of another shard');
      files.push(e);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = 1; i < files.length; i++) if (files[i].path === files[i - 1].path) throw new Error('the manifest on the target names a file twice');
  return { manifest: { version: 1, files }, shards };
}

/** The same, from a release folder on this computer (tests, the bench). */
export const readReleaseManifestDir = (dir: string) => readReleaseManifest(async (rel) => fs.readFileSync(path.join(dir, ...rel.split('/'))));
