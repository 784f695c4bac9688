import type { Job } from '../../../electron/contract';
import { api, ApiError } from './client';
import { transport } from './transport';

/**
 * Follows a job to its end: progress comes from events (IPC or Server-Sent Events); polling jobs.get
 * every 300 ms covers a missed or absent event stream. Resolves with the finished job (done, failed or
 * cancelled); rejects only when the job cannot be read at all.
 */
export function followJob(jobId: string, onProgress: (j: Job) => void, opts: { pollMs?: number; signal?: AbortSignal } = {}): Promise<Job> {
  const pollMs = opts.pollMs ?? 300;
  return new Promise<Job>((resolve, reject) => {
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const finish = (j: Job | null, err?: unknown) => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
      if (j) resolve(j);
      else reject(err);
    };
    const seen = (j: Job) => {
      if (finished || j.id !== jobId) return;
      onProgress(j);
      if (j.status !== 'running') finish(j);
    };
    const unsubscribe = transport().subscribe((e) => {
      if (e.type === 'job') seen(e.job);
    });
    const poll = async () => {
      if (finished) return;
      const r = await api.call('jobs.get', { id: jobId });
      if (!r.ok) return finish(null, new ApiError(r.error));
      seen(r.value);
      if (!finished) timer = setTimeout(poll, pollMs);
    };
    opts.signal?.addEventListener('abort', () => {
      void api.call('jobs.cancel', { id: jobId });
    });
    void poll();
  });
}
