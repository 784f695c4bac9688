import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract';
import type { ServiceContext } from './context';
import type { HandlerExtra } from './handlers';
import type { JobControl } from './jobs';
import { isoDay, newId } from './util';

/** What an export writer gets: the day it is for, the job's cancel signal and its progress callback. */
export interface ExportWriteOptions {
  today: string;
  signal: AbortSignal;
  onProgress: (fraction: number, message?: string) => void;
}

/** The path of an export's file: `<data>/exports/<fileId>.xlsx`, which files.deliver hands to its owner. */
export const exportPath = (dataDir: string, fileId: string) => path.join(dataDir, 'exports', `${fileId}.xlsx`);

/**
 * A workbook export as a job: an id at once, progress, cancel. The writer writes to `out`; the file is named for
 * delivery (core.exportNames) and its owner only once the writer has finished and the job was not cancelled. A
 * failed or cancelled export leaves no file (nor the writer's `.partial`), so nothing half-written is ever offered.
 * `fileName` gets the day (and the writer's result, for names that depend on what was written).
 */
export function exportJob<R>(
  ctx: ServiceContext,
  { core }: Pick<HandlerExtra, 'core'>,
  kind: string,
  fileName: (day: string, written: R) => string,
  write: (out: string, o: ExportWriteOptions, ctl: JobControl) => Promise<R>,
): { jobId: string } {
  const today = isoDay(ctx.now());
  const fileId = newId();
  const job = core.jobs.start(kind, ctx.actor.id, async (ctl) => {
    const out = exportPath(ctx.dataDir, fileId);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    try {
      const written = await write(out, { today, signal: ctl.signal, onProgress: (f, m) => ctl.progress(f, m) }, ctl);
      if (ctl.signal.aborted) throw new AppError('INTERNAL', 'cancelled');
      const name = fileName(today, written);
      core.exportNames.set(fileId, { name, owner: ctx.actor.id });
      return { fileId, fileName: name };
    } catch (e) {
      removeExport(out);
      throw e;
    }
  });
  return { jobId: job.id };
}

function removeExport(out: string) {
  const dir = path.dirname(out);
  const base = path.basename(out);
  fs.rmSync(out, { force: true });
  // The writers' own temporary files (`<out>.partial`, `<out>.<pid>.partial`, `<out>.ordered.partial`).
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : [])
    if (f.startsWith(`${base}.`) && f.endsWith('.partial')) fs.rmSync(path.join(dir, f), { force: true });
}

/**
 * Writes a folder whole or not at all: `work` fills a fresh folder beside `dir`, which replaces `dir` in one rename
 * once `work` has finished and `signal` was not aborted. A failure or a cancel removes the new folder and leaves
 * `dir` as it was (a previous export stays whole).
 */
export async function replaceDirAtomically<T>(dir: string, signal: AbortSignal | undefined, work: (staging: string) => Promise<T>): Promise<T> {
  const target = path.resolve(dir);
  const staging = `${target}.partial-${newId()}`;
  fs.mkdirSync(staging, { recursive: true });
  try {
    const result = await work(staging);
    if (signal?.aborted) throw new AppError('INTERNAL', 'cancelled');
    const old = `${target}.old-${newId()}`;
    if (fs.existsSync(target)) fs.renameSync(target, old);
    fs.renameSync(staging, target);
    fs.rmSync(old, { recursive: true, force: true });
    return result;
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
