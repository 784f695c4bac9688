/**
 * Remote names are checked before anything is written: a path sent to a target is always relative, made of plain
 * segments (no `..`, no `.`, no empty segment, no backslash, no NUL, no drive letter), so nothing can land outside
 * the target's folder. The same check applies to the names read back from a target (its manifest, `current`).
 */
export class UnsafePathError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`unsafe remote name ${JSON.stringify(path.slice(0, 200))}: ${reason}`);
  }
}

const SEGMENT_OK = /^[^\\/\0:*?"<>|]+$/;

/** Throws UnsafePathError unless `p` is a safe relative path (forward slashes) inside the target. */
export function safeRelPath(p: string): string {
  if (typeof p !== 'string' || p.length === 0) throw new UnsafePathError(String(p), 'empty');
  if (p.length > 1024) throw new UnsafePathError(p, 'too long');
  if (p.includes('\0')) throw new UnsafePathError(p, 'contains NUL');
  if (p.includes('\\')) throw new UnsafePathError(p, 'contains a backslash');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw new UnsafePathError(p, 'absolute path');
  for (const seg of p.split('/')) {
    if (seg === '') throw new UnsafePathError(p, 'empty segment');
    if (seg === '.' || seg === '..') throw new UnsafePathError(p, `"${seg}" segment`);
    if (!SEGMENT_OK.test(seg)) throw new UnsafePathError(p, 'forbidden character');
    if (/[\x00-\x1f]/.test(seg)) throw new UnsafePathError(p, 'control character');
  }
  return p;
}

export const isSafeRelPath = (p: string): boolean => {
  try {
    safeRelPath(p);
    return true;
  } catch {
    return false;
  }
};

/** Release folders are named by the publisher: `<UTC stamp>-<16 hex of the manifest hash>`. */
export const RELEASE_ID = /^\d{8}T\d{6}Z-[0-9a-f]{16}$/;
export const STAGING_PREFIX = '.staging-';
export const STAGING_NAME = /^\.staging-[0-9a-f]{16}$/;

/** A target's absolute root: normalised POSIX path without `..` segments (SFTP) — refuses what would climb. */
export function safeRemoteRoot(p: string): string {
  if (!p.startsWith('/')) throw new UnsafePathError(p, 'the remote folder must be an absolute path');
  const segs = p.split('/').filter((s) => s !== '' && s !== '.');
  if (segs.some((s) => s === '..')) throw new UnsafePathError(p, '".." segment');
  if (segs.length === 0) throw new UnsafePathError(p, 'refusing to publish into the server root');
  return `/${segs.join('/')}`;
}
