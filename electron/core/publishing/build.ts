import fs from 'node:fs';
import path from 'node:path';
import { AppError, validationError, type SiteBuildResult, type SiteSettings } from '../../contract';
import type { ServiceContext } from '../context';
import { buildCatalog } from './catalog';
import { html } from './html';
import { NEWS, newsBody, newsTeaser, siteNews } from './news';
import { shell } from './layout';
import { collectPublicData, datasetsWorkDir, evidenceWorkDir } from './public-data';
import { SITE_SECTIONS, type PageSpec, type SiteOutput, type SiteSection } from './sections';
import { SITE_CSS } from './style';

export interface BuildSiteOptions {
  dataDir: string;
  /** The finished site replaces this folder in one rename (built beside it first). */
  outDir: string;
  /** YYYY-MM-DD: the publication date the site states; RAG statuses are computed for this day. */
  publicationDate: string;
  settings: SiteSettings;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message?: string) => void;
  /** The sections to build (default: all); tests and later modules pass their own list. */
  sections?: SiteSection[];
}

const HOME = 'index.html';
const SAFE_PATH = /^(?!.*\.\.)[a-z0-9][a-z0-9._/-]*$/;

/**
 * Builds the public site: collects what may be published, runs every section builder, writes the
 * stylesheet and the DCAT-AP catalogue. Same data and date → byte-identical files; nothing in a page
 * depends on the clock except the publication date on the home and accessibility pages.
 */
export async function buildSite(ctx: ServiceContext, o: BuildSiteOptions): Promise<SiteBuildResult> {
  if (!o.settings.contactEmail)
    throw validationError(
      'contactEmail',
      'contact_email_required',
      'set the feedback e-mail of the site first (site settings): the accessibility statement and every page name it',
    );
  const checkCancel = () => {
    if (o.signal?.aborted) throw new AppError('INTERNAL', 'cancelled');
  };
  o.onProgress?.(0, 'Colectez datele publice');
  const data = await collectPublicData(ctx, {
    dataDir: o.dataDir,
    publicationDate: o.publicationDate,
    site: {
      siteUrl: o.settings.siteUrl,
      contactEmail: o.settings.contactEmail,
      publisher: o.settings.publisher,
      riskSummary: o.settings.riskSummary,
      evidenceFiles: o.settings.evidenceFiles,
    },
  });
  checkCancel();
  const sections = (o.sections ?? SITE_SECTIONS).filter((s) => s.include(data));
  const nav = sections.flatMap((s) => (s.nav ? [s.nav] : []));
  const siteName = data.plan?.title || 'Planul de acțiune local OGP';
  const expected = 8 + data.commitments.length + data.actions.length + data.indicators.length + data.files.length + data.datasets.length * 5;

  const outDir = path.resolve(o.outDir);
  const tmp = `${outDir}.building-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const result = { pages: 0, files: 0, bytes: 0 };
  const written = new Set<string>();
  const target = (p: string) => {
    if (!SAFE_PATH.test(p) || written.has(p)) throw new AppError('INTERNAL', `bad or repeated site path: ${p}`);
    written.add(p);
    const f = path.join(tmp, ...p.split('/'));
    fs.mkdirSync(path.dirname(f), { recursive: true });
    if (++result.files % 200 === 0) {
      checkCancel();
      o.onProgress?.(Math.min(0.95, result.files / expected), `${result.files} fișiere`);
    }
    return f;
  };
  let home: PageSpec | null = null;
  const writePage = (pg: PageSpec) => {
    const bytes = Buffer.from(shell({ ...pg, siteName, nav, contactEmail: data.site.contactEmail, publisher: data.site.publisher }), 'utf8');
    fs.writeFileSync(target(pg.path), bytes);
    result.pages++;
    result.bytes += bytes.length;
  };
  const out: SiteOutput = {
    // The home page waits for the rest: it says what changed since the previous publication.
    page: (pg) => (pg.path === HOME && !home ? void (home = pg) : writePage(pg)),
    file(p, content) {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      fs.writeFileSync(target(p), bytes);
      result.bytes += bytes.length;
    },
    copy(p, source) {
      const f = target(p);
      fs.copyFileSync(source, f);
      result.bytes += fs.statSync(f).size;
    },
    catalogue: { datasets: [] },
  };

  try {
    for (const s of sections) {
      o.onProgress?.(Math.min(0.95, result.files / expected), s.key);
      await s.build(data, out);
      checkCancel();
    }
    out.file('style.css', SITE_CSS);
    const catalog = buildCatalog({
      siteUrl: data.site.siteUrl,
      title: `Date deschise — ${siteName}`,
      description: `Catalogul seturilor de date deschise publicate de ${data.site.publisher} în cadrul planului de acțiune local OGP.`,
      publisher: data.site.publisher,
      modified: data.publicationDate,
      datasets: out.catalogue.datasets,
    });
    out.file('catalog.jsonld', `${JSON.stringify(catalog, null, 2)}\n`);
    const news = siteNews(o.dataDir, tmp);
    writePage({ path: NEWS, title: 'Noutăți', crumbs: [{ href: HOME, label: 'Acasă' }], body: newsBody(news, data.publicationDate) });
    if (home) {
      const h: PageSpec = home;
      writePage({ ...h, body: html`${h.body}\n<section aria-labelledby="noutati"><h2 id="noutati">Ce s-a schimbat</h2>${newsTeaser(news)}</section>` });
    }
    checkCancel();
    // Swap in the finished site: visitors of the folder never see half of it.
    const old = `${outDir}.old-${process.pid}`;
    fs.rmSync(old, { recursive: true, force: true });
    if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
    fs.renameSync(tmp, outDir);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    fs.rmSync(datasetsWorkDir(o.dataDir), { recursive: true, force: true });
    fs.rmSync(evidenceWorkDir(o.dataDir), { recursive: true, force: true });
  }
  o.onProgress?.(1, `${result.pages} pagini`);
  return {
    publicationDate: data.publicationDate,
    pages: result.pages,
    files: result.files,
    bytes: result.bytes,
    sections: sections.map((s) => s.key),
    excluded: data.excludedFiles,
  };
}
