import fs from 'node:fs';
import path from 'node:path';
import type { Job, SiteBuildResult, SiteStatus } from '../contract';
import { sitePublishCommand, siteRollbackCommand } from './publishing-sync';
import { dataDirHelp, dataDirOf, dataDirOpt, needDb, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';
import { say } from './messages';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A folder --out may replace: missing, empty, or a site we built before (never any other folder). */
function checkOut(out: string) {
  if (!fs.existsSync(out)) {
    if (!fs.existsSync(path.dirname(out))) throw new UsageError(say('folderMissing', { dir: path.dirname(out) }));
    return;
  }
  if (!fs.statSync(out).isDirectory()) throw new UsageError(say('outIsFile', { out }));
  const entries = fs.readdirSync(out);
  if (entries.length && !(entries.includes('index.html') && entries.includes('catalog.jsonld'))) throw new UsageError(say('outNotEmpty', { out }));
}

export const publishingCommands: Record<string, Command> = {
  'site publish': sitePublishCommand,
  'site rollback': siteRollbackCommand,
  'site build': {
    usage: 'pla-desk site build --out DIR [--date YYYY-MM-DD] [--data-dir DIR]',
    summary: 'build the public site (static HTML, CSS and the DCAT-AP catalogue) into a folder',
    options: { ...dataDirOpt, out: { type: 'string' }, date: { type: 'string' } },
    help: `${dataDirHelp}\n  --out DIR          where to write the site (an empty folder or a previous build, replaced whole)\n  --date YYYY-MM-DD  the publication date the site states (default: today)`,
    async run(v) {
      const out = path.resolve(requireOpt(v, 'out'));
      const date = v.date as string | undefined;
      if (date !== undefined && !DATE.test(date)) throw new UsageError(say('dateFormat'));
      checkOut(out);
      const dir = dataDirOf(v);
      needDb(dir);
      await withCore(dir, async (core) => {
        const { jobId } = unwrap(await core.call('publishing.buildSite', date ? { publicationDate: date } : {}, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(say('buildFailed', { reason: job.error?.message ?? job.status }));
        const r = job.result as SiteBuildResult;
        // Copy beside --out, then swap: the folder is never half old, half new.
        const tmp = `${out}.building-${process.pid}`;
        const old = `${out}.old-${process.pid}`;
        fs.rmSync(tmp, { recursive: true, force: true });
        fs.cpSync(path.join(core.dataDir, 'site'), tmp, { recursive: true });
        if (fs.existsSync(out)) fs.renameSync(out, old);
        fs.renameSync(tmp, out);
        fs.rmSync(old, { recursive: true, force: true });
        console.log(
          `Site built in ${out}: ${r.pages} pages, ${r.files} files, ${(r.bytes / 1024 / 1024).toFixed(1)} MB (publication date ${r.publicationDate}; sections: ${r.sections.join(', ')})`,
        );
        for (const f of r.excluded ?? []) console.log(`Lăsat în afara site-ului: ${f.fileName} — ${f.reason}`);
      });
      return 0;
    },
  },
  'site settings': {
    usage:
      'pla-desk site settings [--contact-email EMAIL] [--site-url URL] [--publisher NAME] [--risk-summary yes|no] [--evidence-files yes|no] [--data-dir DIR]',
    summary: 'show or change the public site settings (feedback e-mail, address, publisher, risk summary, evidence files)',
    options: {
      ...dataDirOpt,
      'contact-email': { type: 'string' },
      'site-url': { type: 'string' },
      publisher: { type: 'string' },
      'risk-summary': { type: 'string' },
      'evidence-files': { type: 'string' },
    },
    help: `${dataDirHelp}\n  --contact-email EMAIL   the feedback contact named on every page\n  --site-url URL          where the site lives (https://…/), used by the DCAT-AP catalogue\n  --publisher NAME        publisher of the site and catalogue\n  --risk-summary yes|no   publish a redacted risk summary (counts only)\n  --evidence-files yes|no copy public evidence files into the site`,
    async run(v) {
      const yesNo = (k: string) => {
        const x = v[k];
        if (x === undefined) return undefined;
        if (x !== 'yes' && x !== 'no') throw new UsageError(say('yesNo', { name: k }));
        return x === 'yes';
      };
      const risk = yesNo('risk-summary');
      const evidence = yesNo('evidence-files');
      const dir = dataDirOf(v);
      needDb(dir);
      await withCore(dir, async (core) => {
        const { settings: s } = unwrap(await core.call('publishing.getSiteStatus', {}, SYSTEM)) as SiteStatus;
        const changed = ['contact-email', 'site-url', 'publisher', 'risk-summary', 'evidence-files'].some((k) => v[k] !== undefined);
        const next = changed
          ? (unwrap(
              await core.call(
                'publishing.saveSiteSettings',
                {
                  siteUrl: (v['site-url'] as string | undefined) ?? s.siteUrl,
                  contactEmail: (v['contact-email'] as string | undefined) ?? s.contactEmail,
                  publisher: (v.publisher as string | undefined) ?? s.publisher,
                  riskSummary: risk ?? s.riskSummary,
                  evidenceFiles: evidence ?? s.evidenceFiles,
                  expectedUpdatedAt: s.updatedAt,
                },
                SYSTEM,
              ),
            ) as SiteStatus['settings'])
          : s;
        console.log(
          `contact e-mail: ${next.contactEmail || '(not set)'}\nsite address:  ${next.siteUrl || '(not set: links stay relative)'}\npublisher:     ${next.publisher}\nrisk summary:  ${next.riskSummary ? 'yes' : 'no'}\nevidence files: ${next.evidenceFiles ? 'yes' : 'no'}`,
        );
      });
      return 0;
    },
  },
};
