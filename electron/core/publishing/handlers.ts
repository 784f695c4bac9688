import { validationError } from '../../contract';
import type { ModuleHandlers } from '../handlers';
import { buildSiteInDataDir, siteStatus } from './service';
import { readSiteSettings, saveSiteSettings } from './settings';
import { publishingSyncHandlers } from './sync/handlers';

export const publishingHandlers: ModuleHandlers<'publishing'> = {
  ...publishingSyncHandlers,
  'publishing.getSiteStatus': (ctx) => siteStatus(ctx),
  'publishing.saveSiteSettings': (ctx, i) => saveSiteSettings(ctx, i),
  'publishing.buildSite': async (ctx, i, { core }) => {
    // Refused at once (not inside the job) when the site cannot be built, so the screen names the field.
    if (!(await readSiteSettings(ctx.db)).contactEmail)
      throw validationError(
        'contactEmail',
        'contact_email_required',
        'set the feedback e-mail of the site first (site settings): the accessibility statement and every page name it',
      );
    const job = core.jobs.start('publishing.buildSite', ctx.actor.id, (ctl) => buildSiteInDataDir(ctx, i, ctl));
    return { jobId: job.id };
  },
};
