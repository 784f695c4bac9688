import { AppError, type CoreEvent, type Job } from '../contract';
import { faultToAppError, withWriteWaitNotifier } from './faults';
import { newId } from './util';

export interface JobControl {
  signal: AbortSignal;
  /** 0…1 and an optional message; throttled to one event per 100 ms. */
  progress(fraction: number, message?: string): void;
}

/** Long work (exports, imports, validation, publishing) as jobs: an id at once, progress events, cancel. */
export class JobRunner {
  private jobs = new Map<string, { job: Job; controller: AbortController; owner: string | null; done: Promise<void> }>();
  private lastEmit = new Map<string, number>();

  /** `emit` gets each event with the id of the user who started the job: only that user's sessions may see it. */
  constructor(private emit: (e: CoreEvent, ownerId: string | null) => void) {}

  start<T>(kind: string, owner: string | null, work: (ctl: JobControl) => Promise<T>): Job {
    const id = newId();
    const controller = new AbortController();
    const job: Job = { id, kind, status: 'running', progress: 0, message: null, result: null, error: null, startedAt: new Date().toISOString(), finishedAt: null };
    const ctl: JobControl = {
      signal: controller.signal,
      progress: (fraction, message) => {
        if (job.status !== 'running') return;
        job.progress = Math.max(0, Math.min(1, fraction));
        if (message !== undefined) job.message = message;
        const now = Date.now();
        if (now - (this.lastEmit.get(id) ?? 0) >= 100) {
          this.lastEmit.set(id, now);
          this.emit({ type: 'job', job: { ...job } }, owner);
        }
      },
    };
    const done = (async () => {
      // Let the caller receive the id before any work happens.
      await new Promise((r) => setImmediate(r));
      try {
        // A write that waits for another process says so as the job's message.
        const result = await withWriteWaitNotifier((m) => ctl.progress(job.progress, m), () => work(ctl));
        if (controller.signal.aborted) throw new AppError('INTERNAL', 'cancelled');
        Object.assign(job, { status: 'done', progress: 1, result });
      } catch (caught) {
        const e = faultToAppError(caught) ?? caught;
        if (controller.signal.aborted) Object.assign(job, { status: 'cancelled' });
        else
          Object.assign(job, {
            status: 'failed',
            error: e instanceof AppError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) },
          });
      }
      job.finishedAt = new Date().toISOString();
      this.lastEmit.delete(id);
      this.emit({ type: 'job', job: { ...job } }, owner);
    })();
    this.jobs.set(id, { job, controller, owner, done });
    this.emit({ type: 'job', job: { ...job } }, owner);
    return { ...job };
  }

  get(id: string, owner: string | null): Job {
    const entry = this.jobs.get(id);
    if (!entry || (entry.owner !== null && owner !== null && entry.owner !== owner)) throw new AppError('NOT_FOUND', 'job not found', { entity: 'job', id });
    return { ...entry.job };
  }

  cancel(id: string, owner: string | null): Job {
    const entry = this.jobs.get(id);
    if (!entry || (entry.owner !== null && owner !== null && entry.owner !== owner)) throw new AppError('NOT_FOUND', 'job not found', { entity: 'job', id });
    entry.controller.abort();
    return { ...entry.job };
  }

  /** Waits for a job to finish (CLI and tests). */
  async wait(id: string): Promise<Job> {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError('NOT_FOUND', 'job not found');
    await entry.done;
    return { ...entry.job };
  }

  async drain(): Promise<void> {
    for (const e of this.jobs.values()) e.controller.abort();
    await Promise.allSettled([...this.jobs.values()].map((e) => e.done));
  }
}
