import fs from 'node:fs';
import path from 'node:path';

/** A running app (desktop or browser mode) holds this file so `restore` never swaps the database under it. */
export const lockPath = (dataDir: string) => path.join(dataDir, 'pla-desk.lock');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The pid of a live process holding the data dir, or null. A stale lock (dead pid) is ignored. */
export function lockHolder(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockPath(dataDir), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Folders this process holds (a pid check cannot tell two holders in one process apart). */
const heldHere = new Set<string>();

export function acquireLock(dataDir: string): () => void {
  const key = path.resolve(dataDir);
  const holder = heldHere.has(key) ? process.pid : lockHolder(dataDir);
  if (holder) throw new Error(`PLA Desk is already running on this data folder (process ${holder}).`);
  fs.writeFileSync(lockPath(dataDir), String(process.pid));
  heldHere.add(key);
  return () => {
    heldHere.delete(key);
    try {
      if (fs.readFileSync(lockPath(dataDir), 'utf8').trim() === String(process.pid)) fs.rmSync(lockPath(dataDir));
    } catch {
      /* already gone */
    }
  };
}
