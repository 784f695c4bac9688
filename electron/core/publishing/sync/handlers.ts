import path from 'node:path';
import { AppError, type PublicationOutcome, type publishingSyncContract } from '../../../contract';
import type { Handler, HandlerExtra } from '../../handlers';
import type { ServiceContext } from '../../context';
import { siteDir } from '../service';
import * as sync from './service';

type SyncMethod = keyof typeof publishingSyncContract;

/** The data folder's built site, or (CLI only: it could name any folder of this computer) the one given. */
function siteOf(ctx: ServiceContext, i: { siteDir?: string }, extra: HandlerExtra): string {
  if (i.siteDir === undefined) return siteDir(ctx.dataDir);
  if (!extra.conn.system) throw new AppError('FORBIDDEN', 'only the command line may publish a folder other than the built site');
  return path.resolve(i.siteDir);
}

/** The sync methods of the publishing module (spread into publishingHandlers). */
export const publishingSyncHandlers: { [K in SyncMethod]: Handler<K> } = {
  'publishing.listTargets': (ctx) => sync.listTargets(ctx),
  'publishing.saveTarget': (ctx, i) => sync.saveTarget(ctx, i),
  'publishing.deleteTarget': (ctx, i) => sync.deleteTarget(ctx, i.id, i.expectedUpdatedAt),
  'publishing.previewPublication': (ctx, i, extra) => sync.previewPublication(ctx, i.targetId, siteOf(ctx, i, extra)),
  'publishing.publish': async (ctx, i, extra) => {
    const site = siteOf(ctx, i, extra);
    // Refused at once (not inside the job) when there is nothing to publish.
    sync.checkSiteDir(site);
    const job = extra.core.jobs.start('publishing.publish', ctx.actor.id, (ctl): Promise<PublicationOutcome> =>
      sync.runPublication(ctx, { targetId: i.targetId, siteDir: site, signal: ctl.signal, onProgress: (d, n) => ctl.progress(d / Math.max(1, n)) }),
    );
    return { jobId: job.id };
  },
  'publishing.listQueue': (ctx) => sync.listQueue(ctx),
  'publishing.retryQueued': async (ctx, i, { core }) => {
    const row = await sync.queuedForRetry(ctx, i.id);
    const job = core.jobs.start('publishing.publish', ctx.actor.id, (ctl): Promise<PublicationOutcome> =>
      sync.runPublication(ctx, {
        targetId: row.target_id,
        siteDir: row.site_dir,
        queueId: row.id,
        signal: ctl.signal,
        onProgress: (d, n) => ctl.progress(d / Math.max(1, n)),
      }),
    );
    return { jobId: job.id };
  },
  'publishing.cancelQueued': (ctx, i) => sync.cancelQueued(ctx, i.id),
  'publishing.listReleases': (ctx, i) => sync.listReleases(ctx, i.targetId),
  'publishing.rollback': (ctx, i) => sync.rollback(ctx, i.targetId, i.releaseId),
  'publishing.listLog': (ctx, i) => sync.listLog(ctx, i.targetId, i.limit),
};
