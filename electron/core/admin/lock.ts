import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Three kinds of claim on a data folder, each a file created exclusively (open with 'wx': two processes can
 * never both create it), never read-then-written:
 *
 * - `pla-desk.lock`: a running app (desktop or browser mode); one per data folder.
 * - `writers/<pid>-<uuid>`: every open core, the CLI's included: anything that may write holds one while open.
 * - `pla-desk.restore.lock`: a restore in progress.
 *
 * Restore and writers exclude each other by "claim, then look": a writer claims its file and then checks for
 * a restore; a restore claims its lock and then checks for writers. Whoever looks second sees the other and
 * backs off, so a restore can never swap the database under a writer (both may back off; neither proceeds).
 */
export const lockPath = (dataDir: string) => path.join(dataDir, 'pla-desk.lock');
export const restoreLockPath = (dataDir: string) => path.join(dataDir, 'pla-desk.restore.lock');
export const writersDir = (dataDir: string) => path.join(dataDir, 'writers');

/** A claim is "being taken over" for at most this long; a take-over marker older than this was left by a crash. */
const TAKEOVER_STALE_MS = 10_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readPid = (file: string): number | null => {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

/** Creates `file` holding our pid, only if it does not exist. True when we created it. */
function createExclusive(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    fs.writeSync(fd, String(process.pid));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Takes `file` exclusively. A file left by a dead process (or one whose pid cannot be read: a crash between
 * create and write) is taken over under a take-over marker, itself created exclusively, so two processes that
 * both find the stale file cannot both remove it and then remove each other's fresh claim.
 * Returns null when taken, or the pid of the live holder.
 */
function claim(file: string, isLiveHolder: (pid: number) => boolean): number | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (createExclusive(file)) return null;
    const pid = readPid(file);
    if (pid !== null && isLiveHolder(pid)) return pid;
    if (pid === null) {
      // Created by someone that has not written its pid yet, or left empty by a crash: give a writer a moment.
      const age = (() => {
        try {
          return Date.now() - fs.statSync(file).mtimeMs;
        } catch {
          return Infinity;
        }
      })();
      if (age < 2000) {
        sleepSync(50);
        continue;
      }
    }
    const marker = `${file}.takeover`;
    if (!createExclusive(marker)) {
      try {
        if (Date.now() - fs.statSync(marker).mtimeMs > TAKEOVER_STALE_MS) fs.rmSync(marker, { force: true });
      } catch {
        /* gone meanwhile */
      }
      sleepSync(20);
      continue;
    }
    try {
      // Under the marker, nobody else removes the claim: look again and remove it only if still stale.
      const now = readPid(file);
      if (now === pid && (now === null || !isLiveHolder(now))) fs.rmSync(file, { force: true });
    } finally {
      fs.rmSync(marker, { force: true });
    }
  }
  throw new Error(`could not take ${file}`);
}

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Folders this process holds as an app (a pid check cannot tell two holders in one process apart). */
const heldHere = new Set<string>();

/** The pid of a live process holding the data dir as an app, or null. A stale lock (dead pid) is ignored. */
export function lockHolder(dataDir: string): number | null {
  const pid = readPid(lockPath(dataDir));
  if (pid === null) return null;
  if (pid === process.pid) return heldHere.has(path.resolve(dataDir)) ? pid : null;
  return alive(pid) ? pid : null;
}

export const appRunningMessage = (pid: number) =>
  `PLA Desk rulează deja pe acest dosar de date (procesul ${pid}; PLA Desk is already running on this data folder).`;

/** The app's single-instance claim on a data folder. */
export function acquireLock(dataDir: string): () => void {
  const key = path.resolve(dataDir);
  if (heldHere.has(key)) throw new Error(appRunningMessage(process.pid));
  const holder = claim(lockPath(dataDir), (pid) => (pid === process.pid ? heldHere.has(key) : alive(pid)));
  if (holder) throw new Error(appRunningMessage(holder));
  heldHere.add(key);
  return () => {
    heldHere.delete(key);
    if (readPid(lockPath(dataDir)) === process.pid) fs.rmSync(lockPath(dataDir), { force: true });
  };
}

/** Writer claims made by this process (by file name), for telling our own live claims from leftovers. */
const writersHere = new Set<string>();
/** Restore claims made by this process (resolved data dir). */
const restoringHere = new Set<string>();

export const restoreRunningMessage = (pid: number) =>
  `o restaurare a bazei de date este în curs pe acest dosar de date (procesul ${pid}); încercați din nou după ce se termină`;

/** Every open core (app, browser mode, CLI) holds a writer claim; refused while another process restores. */
export function acquireWriterClaim(dataDir: string): () => void {
  const dir = writersDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const name = `${process.pid}-${randomUUID()}`;
  const file = path.join(dir, name);
  if (!createExclusive(file)) throw new Error(`could not create ${file}`);
  writersHere.add(name);
  const release = () => {
    writersHere.delete(name);
    fs.rmSync(file, { force: true });
  };
  // Claim, then look: a restore that started before our claim is seen here.
  const restorer = restoreHolder(dataDir);
  if (restorer !== null && !(restorer === process.pid && restoringHere.has(path.resolve(dataDir)))) {
    release();
    throw new Error(restoreRunningMessage(restorer));
  }
  return release;
}

function restoreHolder(dataDir: string): number | null {
  const pid = readPid(restoreLockPath(dataDir));
  if (pid === null) return null;
  if (pid === process.pid) return restoringHere.has(path.resolve(dataDir)) ? pid : null;
  return alive(pid) ? pid : null;
}

/** Live writer claims other than this process's own, as pids (stale ones, from dead processes, are removed). */
export function liveWriters(dataDir: string): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(writersDir(dataDir));
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of names) {
    const pid = Number(name.split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const live = pid === process.pid ? writersHere.has(name) : alive(pid);
    if (live) pids.push(pid);
    else if (pid !== process.pid) fs.rmSync(path.join(writersDir(dataDir), name), { force: true });
  }
  return [...new Set(pids)];
}

export const writersRunningMessage = (pids: number[]) =>
  `refuzat: o altă operațiune PLA Desk lucrează acum pe acest dosar de date (procesul ${pids.join(', ')}: aplicația, un import sau un export); ` +
  'așteptați să se termine sau închideți aplicația, apoi reluați restaurarea; nimic nu a fost schimbat';

/**
 * The restore's exclusive claim: refused (with the reason, in Romanian) while the app runs, another restore
 * runs, or any core is open on the folder — an import from the CLI included. Returns the release function.
 */
export function acquireRestoreLock(dataDir: string): () => void {
  const key = path.resolve(dataDir);
  const app = lockHolder(dataDir);
  if (app) throw new Error(`refuzat: ${appRunningMessage(app)} Închideți aplicația înainte de restaurare; nimic nu a fost schimbat`);
  const holder = claim(restoreLockPath(dataDir), (pid) => (pid === process.pid ? restoringHere.has(key) : alive(pid)));
  if (holder) throw new Error(`refuzat: ${restoreRunningMessage(holder)}; nimic nu a fost schimbat`);
  restoringHere.add(key);
  const release = () => {
    restoringHere.delete(key);
    if (readPid(restoreLockPath(dataDir)) === process.pid) fs.rmSync(restoreLockPath(dataDir), { force: true });
  };
  // Claim, then look: a writer that claimed before us is seen here (and one after us sees our claim).
  const writers = liveWriters(dataDir);
  const app2 = lockHolder(dataDir);
  if (writers.length || app2) {
    release();
    throw new Error(
      app2 ? `refuzat: ${appRunningMessage(app2)} Închideți aplicația înainte de restaurare; nimic nu a fost schimbat` : writersRunningMessage(writers),
    );
  }
  return release;
}
