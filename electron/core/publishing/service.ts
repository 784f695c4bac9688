import fs from 'node:fs';
import path from 'node:path';
import type { SiteBuildResult, SiteStatus } from '../../contract';
import type { ServiceContext } from '../context';
import type { JobControl } from '../jobs';
import { isoDay, parseJson } from '../util';
import { buildSite } from './build';
import { readSiteSettings } from './settings';

/** The site the app builds lives in the data folder; publishing (sync/) sends this folder. */
export const siteDir = (dataDir: string) => path.join(dataDir, 'site');
const lastBuildFile = (dataDir: string) => path.join(dataDir, 'site-build.json');

export async function siteStatus(ctx: ServiceContext): Promise<SiteStatus> {
  const f = lastBuildFile(ctx.dataDir);
  const last = fs.existsSync(f) && fs.existsSync(siteDir(ctx.dataDir)) ? parseJson<SiteStatus['lastBuild']>(fs.readFileSync(f, 'utf8'), null) : null;
  return { settings: await readSiteSettings(ctx.db), lastBuild: last };
}

/** Builds dataDir/site for the given publication date (default: today) and records the result. */
export async function buildSiteInDataDir(ctx: ServiceContext, input: { publicationDate?: string }, ctl?: JobControl): Promise<SiteBuildResult> {
  const settings = await readSiteSettings(ctx.db);
  const result = await buildSite(ctx, {
    dataDir: ctx.dataDir,
    outDir: siteDir(ctx.dataDir),
    publicationDate: input.publicationDate ?? isoDay(ctx.now()),
    settings,
    signal: ctl?.signal,
    onProgress: ctl ? (f, m) => ctl.progress(f, m) : undefined,
  });
  fs.writeFileSync(lastBuildFile(ctx.dataDir), JSON.stringify({ ...result, builtAt: ctx.now().toISOString() }));
  return result;
}
