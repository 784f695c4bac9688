import type { ServiceContext } from '../../context';
import { collectCampaigns } from './budgeting';
import { collectDatasets } from './datasets';
import { collectFunding } from './funding';
import { collectPlan } from './plan';
import { collectRisks } from './risks';
import { collectPartners } from './stakeholders';
import { collectTraining } from './training';
import type { CollectOptions, PublicData } from './types';

/**
 * THE collector of the public site: everything a page may show passes through here, and nothing else
 * reaches the templates. It reads only the publishable columns (db/queries/publishing-site.ts), turns
 * A-marked facts into counts, lets C-marked ones through only with recorded consent, and redacts personal
 * data patterns (CNP, e-mail, phone, IBAN) out of every free text it passes on (redaction.ts).
 *
 * One collector a module (plan.ts with its evidence.ts, stakeholders, funding, training, risks, budgeting,
 * datasets); the shapes they fill are in types.ts.
 */

export * from './types';
export { REDACTED, redact } from './redaction';
export { datasetsWorkDir } from './datasets';
export { evidenceWorkDir } from './evidence';

export async function collectPublicData(ctx: ServiceContext, opts: CollectOptions): Promise<PublicData> {
  const db = ctx.db;
  const partners = await collectPartners(db);
  const { evidence, ...plan } = await collectPlan(db, opts, partners);
  return {
    publicationDate: opts.publicationDate,
    site: { siteUrl: opts.site.siteUrl, contactEmail: opts.site.contactEmail, publisher: opts.site.publisher },
    plan: plan.plan,
    overallProgress: plan.overallProgress,
    attention: plan.attention,
    commitments: plan.commitments,
    actions: plan.actions,
    indicators: plan.indicators,
    partners,
    funding: await collectFunding(db),
    training: await collectTraining(db),
    risks: opts.site.riskSummary ? await collectRisks(db) : null,
    campaigns: await collectCampaigns(db),
    datasets: await collectDatasets(ctx, opts),
    files: [...evidence.files.values()].sort((a, b) => (a.sitePath < b.sitePath ? -1 : 1)),
    excludedFiles: [...evidence.excluded.values()].sort((a, b) => a.fileName.localeCompare(b.fileName, 'ro')),
  };
}
