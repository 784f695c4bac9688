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
        if (r === MANIFEST_FILE) continue;
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
    if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'string' || !/^[0-9a-f]{64}$/.test(e[1]) || !Number.isInteger(e[2]) || (e[2] as number) < 0)
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
