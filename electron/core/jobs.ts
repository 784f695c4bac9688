import { AppError, type CoreEvent, type Job } from '../contract';
import * as sq from '../../db/queries/server';
import type { JobsTable } from '../../db/schema';
import type { ServerStore } from './admin/server-store';
import { faultToAppError, withWriteWaitNotifier } from './faults';
import { newId } from './util';

export interface JobControl {
  signal: AbortSignal;
  /** 0…1 and an optional message; throttled to one event per 100 ms. */
  progress(fraction: number, message?: string): void;
}

/** What an interrupted job says after the restart (the server stopped or crashed while it ran). */
export const INTERRUPTED = { code: 'INTERNAL', message: 'the server stopped while this job was running; nothing of it was kept, start it again' } as const;
/** What a job still running when the server's shutdown grace time is over says. */
export const STOPPED = { code: 'INTERNAL', message: 'the server was shut down before this job finished; start it again' } as const;

const fromRow = (r: JobsTable): Job => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  progress: r.status === 'done' ? 1 : 0,
  message: r.message,
  result: r.result ? JSON.parse(r.result) : null,
  error: r.error ? (JSON.parse(r.error) as Job['error']) : null,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/**
 * Long work (exports, imports, validation, publishing) as jobs: an id at once, progress events, cancel. Each job
 * belongs to the user who started it: only they see it, its events and its cancel. A server (a `store`) also
 * writes each job to the database when it starts and when it ends, so a job cut short by a crash shows as failed
 * after the restart (`failInterrupted`), and a finished one can still be read.
 */
export class JobRunner {
  private jobs = new Map<string, { job: Job; controller: AbortController; owner: string | null; done: Promise<void> }>();
  private lastEmit = new Map<string, number>();

  /** `emit` gets each event with the id of the user who started the job: only that user's sessions may see it. */
  constructor(
    private emit: (e: CoreEvent, ownerId: string | null) => void,
    private store: ServerStore | null = null,
  ) {}

  /** At a server's start: jobs the database shows as running were cut short (no job runs yet in this process). */
  async failInterrupted(): Promise<void> {
    if (!this.store) return;
    await this.store.write('interrupted jobs', (trx) => sq.failInterruptedJobs(trx, JSON.stringify(INTERRUPTED), new Date().toISOString()));
  }

  start<T>(kind: string, owner: string | null, work: (ctl: JobControl) => Promise<T>): Job {
    return this.run(kind, owner, work, true).job;
  }

  /**
   * Runs `work` now, for a caller that waits for its result (an import answered in the same request), as a job
   * its owner can see and cancel, and that a crash leaves marked as failed.
   */
  async track<T>(kind: string, owner: string | null, work: (ctl: JobControl) => Promise<T>): Promise<T> {
    const { result } = this.run(kind, owner, work, false);
    return result;
  }

  private run<T>(kind: string, owner: string | null, work: (ctl: JobControl) => Promise<T>, deferred: boolean): { job: Job; result: Promise<T> } {
    const id = newId();
    const controller = new AbortController();
    const job: Job = {
      id,
      kind,
      status: 'running',
      progress: 0,
      message: null,
      result: null,
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
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
    const saved = this.store?.write('job', (trx) =>
      sq.insertJob(trx, {
        id,
        kind,
        owner_id: owner,
        status: 'running',
        message: null,
        error: null,
        result: null,
        started_at: job.startedAt,
        finished_at: null,
      }),
    );
    let resolveResult!: (v: T) => void;
    let rejectResult!: (e: unknown) => void;
    const result = new Promise<T>((res, rej) => {
      resolveResult = res;
      rejectResult = rej;
    });
    result.catch(() => {});
    const done = (async () => {
      // Let the caller receive the id before any work happens; a tracked job starts once the database knows it.
      if (deferred) await new Promise((r) => setImmediate(r));
      else await saved;
      let outcome: { ok: true; value: T } | { ok: false; error: unknown };
      try {
        // A write that waits for another process says so as the job's message.
        const value = await withWriteWaitNotifier(
          (m) => ctl.progress(job.progress, m),
          () => work(ctl),
        );
        // A background job stopped half-way may have left a partial result (a file); a tracked one that returned has committed.
        if (controller.signal.aborted && deferred) throw new AppError('INTERNAL', 'cancelled');
        Object.assign(job, { status: 'done', progress: 1, result: deferred ? value : null });
        outcome = { ok: true, value };
      } catch (caught) {
        const e = faultToAppError(caught) ?? caught;
        if (controller.signal.aborted) Object.assign(job, { status: 'cancelled', error: this.stopping ? { ...STOPPED } : null });
        else
          Object.assign(job, {
            status: 'failed',
            error: e instanceof AppError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) },
          });
        outcome = { ok: false, error: caught };
      }
      job.finishedAt = new Date().toISOString();
      if (this.stopping && job.status === 'cancelled') job.status = 'failed';
      this.lastEmit.delete(id);
      const { status, message, error, finishedAt } = job;
      const stored = JSON.stringify(job.result ?? null);
      await this.store?.write('job', (trx) =>
        sq.finishJob(trx, id, {
          status,
          message,
          error: error ? JSON.stringify(error) : null,
          result: stored.length <= 100_000 ? stored : null,
          finished_at: finishedAt,
        }),
      );
      this.emit({ type: 'job', job: { ...job } }, owner);
      if (outcome.ok) resolveResult(outcome.value);
      else rejectResult(outcome.error);
    })();
    this.jobs.set(id, { job, controller, owner, done });
    this.emit({ type: 'job', job: { ...job } }, owner);
    return { job: { ...job }, result };
  }

  private stopping = false;

  private mine(id: string, owner: string | null) {
    const entry = this.jobs.get(id);
    if (!entry || (entry.owner !== null && owner !== null && entry.owner !== owner)) return null;
    return entry;
  }

  /** A job of this user: the running or finished one in memory, or (a server) the one the database remembers. */
  async get(id: string, owner: string | null): Promise<Job> {
    const entry = this.mine(id, owner);
    if (entry) return { ...entry.job };
    const row = this.store ? await sq.getJob(this.store.db, id) : undefined;
    if (row && (row.owner_id === null || owner === null || row.owner_id === owner)) return fromRow(row);
    throw new AppError('NOT_FOUND', 'job not found', { entity: 'job', id });
  }

  /** This user's latest jobs, newest first (a server: from the database, so across restarts). */
  async list(owner: string | null, limit = 50): Promise<Job[]> {
    const live = [...this.jobs.values()].filter((e) => owner === null || e.owner === owner).map((e) => ({ ...e.job }));
    if (this.store && owner) {
      const seen = new Set(live.map((j) => j.id));
      for (const r of await sq.listJobs(this.store.db, owner, limit)) if (!seen.has(r.id)) live.push(fromRow(r));
    }
    return live.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1)).slice(0, limit);
  }

  cancel(id: string, owner: string | null): Job {
    const entry = this.mine(id, owner);
    if (!entry) throw new AppError('NOT_FOUND', 'job not found', { entity: 'job', id });
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

  /** Jobs running now. */
  get running(): number {
    let n = 0;
    for (const e of this.jobs.values()) if (e.job.status === 'running') n++;
    return n;
  }

  /**
   * Shutdown: running jobs get `graceMs` to finish; those still running then are stopped and recorded as failed
   * (STOPPED). Resolves once every job has ended and been written down.
   */
  async drain(graceMs = 0): Promise<void> {
    const all = () => Promise.allSettled([...this.jobs.values()].map((e) => e.done));
    if (graceMs > 0) await Promise.race([all(), new Promise((r) => setTimeout(r, graceMs).unref())]);
    this.stopping = true;
    for (const e of this.jobs.values()) if (e.job.status === 'running') e.controller.abort();
    await all();
    await this.store?.flush();
  }
}
