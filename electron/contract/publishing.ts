import { z } from 'zod';
import { because } from './issues';
import { ALL, COORDINATOR, EDITORS, method } from './define';
import { expectedUpdatedAt, isoDate } from './common';
import { publishingSyncContract } from './publishing-sync';

/**
 * Publishing: the public site, built from what may be published (DOMAIN.md marks P / A / C) into plain
 * HTML + one CSS file + the open-data catalogue, then synced to a folder or an SFTP server.
 */

/** What the coordinator chooses about the public site (kept in the settings table under `publishing.*`). */
export interface SiteSettings {
  /** Where the site will live (absolute https URL ending in `/`); '' = links stay relative. */
  siteUrl: string;
  /** The feedback contact named by the accessibility statement and every page's footer. */
  contactEmail: string;
  /** Publisher of the site and of the open-data catalogue. */
  publisher: string;
  /** Publish a redacted risk summary (counts by category and level; never a description, owner or note). */
  riskSummary: boolean;
  /** Copy the evidence files of progress updates and measurements into the site. */
  evidenceFiles: boolean;
  updatedAt: string | null;
}

export interface SiteBuildResult {
  /** The date the site states as its last publication (YYYY-MM-DD). */
  publicationDate: string;
  pages: number;
  files: number;
  bytes: number;
  /** The sections built (plan, indicators, partners, funding, training, risks, budgeting, datasets …). */
  sections: string[];
  /** Evidence files left off the site, with the reason in Romanian (a type not on the allow-list, HTML, SVG, content unlike its name). */
  excluded?: SiteExcludedFile[];
}

export interface SiteExcludedFile {
  fileName: string;
  reason: string;
}

export interface SiteStatus {
  settings: SiteSettings;
  /** The last build in this data folder (dataDir/site), or null. */
  lastBuild: (SiteBuildResult & { builtAt: string }) | null;
}

const siteUrl = z
  .string()
  .trim()
  .max(300)
  .refine((s) => s === '' || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?\/$/.test(s), because('siteUrl'));

export const siteSettingsInput = z
  .object({
    siteUrl,
    contactEmail: z
      .string()
      .trim()
      .max(200)
      .pipe(z.email(because('email'))),
    publisher: z.string().trim().min(1).max(200),
    riskSummary: z.boolean(),
    evidenceFiles: z.boolean(),
    expectedUpdatedAt: expectedUpdatedAt.nullable(),
  })
  .strict();

export const publishingContract = {
  ...publishingSyncContract,
  'publishing.getSiteStatus': method<SiteStatus>()(z.object({}).strict(), ALL),
  'publishing.saveSiteSettings': method<SiteSettings>()(siteSettingsInput, COORDINATOR),
  /** Builds the site into the data folder (dataDir/site) as a job; the result is a SiteBuildResult. */
  'publishing.buildSite': method<{ jobId: string }>()(z.object({ publicationDate: isoDate.optional() }).strict(), EDITORS),
};

export * from './publishing-sync';
