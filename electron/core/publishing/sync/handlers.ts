import type { PublicationOutcome, publishingSyncContract } from '../../../contract';
import type { Handler } from '../../handlers';
import { siteDir } from '../service';
import * as sync from './service';

type SyncMethod = keyof typeof publishingSyncContract;

/** The sync methods of the publishing module (spread into publishingHandlers). */
export const publishingSyncHandlers: { [K in SyncMethod]: Handler<K> } = {
  'publishing.listTargets': (ctx) => sync.listTargets(ctx),
  'publishing.saveTarget': (ctx, i) => sync.saveTarget(ctx, i),
  'publishing.deleteTarget': (ctx, i) => sync.deleteTarget(ctx, i.id, i.expectedUpdatedAt),
  'publishing.previewPublication': (ctx, i) => sync.previewPublication(ctx, i.targetId, siteDir(ctx.dataDir)),
  'publishing.publish': async (ctx, i, { core }) => {
    // Refused at once (not inside the job) when there is nothing to publish.
    sync.checkSiteDir(siteDir(ctx.dataDir));
    const job = core.jobs.start('publishing.publish', ctx.actor.id, (ctl): Promise<PublicationOutcome> =>
      sync.runPublication(ctx, { targetId: i.targetId, siteDir: siteDir(ctx.dataDir), signal: ctl.signal, onProgress: (d, n) => ctl.progress(d / Math.max(1, n)) }),
    );
    return { jobId: job.id };
  },
  'publishing.listQueue': (ctx) => sync.listQueue(ctx),
  'publishing.retryQueued': async (ctx, i, { core }) => {
    const row = await sync.queuedForRetry(ctx, i.id);
    const job = core.jobs.start('publishing.publish', ctx.actor.id, (ctl): Promise<PublicationOutcome> =>
      sync.runPublication(ctx, { targetId: row.target_id, siteDir: row.site_dir, queueId: row.id, signal: ctl.signal, onProgress: (d, n) => ctl.progress(d / Math.max(1, n)) }),
    );
    return { jobId: job.id };
  },
  'publishing.cancelQueued': (ctx, i) => sync.cancelQueued(ctx, i.id),
  'publishing.listLog': (ctx, i) => sync.listLog(ctx, i.targetId, i.limit),
};
