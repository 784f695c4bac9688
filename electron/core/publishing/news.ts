import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fmtDate, fmtNumber, html, type SafeHtml } from './html';

/**
 * "Noutăți": when the site was last published and what changed since the previous publication (DOMAIN.md).
 *
 * The comparison is between the pages of the site being built and the pages of the last *different* site
 * published from this data folder (kept in dataDir/publishing/published-history.json, recorded after each
 * successful publication). Rebuilding the very site that is live compares with the publication before it, so
 * an unchanged site stays byte-identical and re-publishing it sends nothing. Only the home page and the
 * Noutăți page depend on this; they, the accessibility statement and the catalogue (which state the date)
 * are left out of the comparison.
 */
export const NEWS = 'noutati.html';
const NOT_COMPARED = new Set(['index.html', NEWS, 'accesibilitate.html']);

export interface SiteSnapshot {
  publicationDate: string | null;
  /** SHA-256 over the compared pages (path, hash): equal hashes = the same published content. */
  contentHash: string;
  /** Compared pages: path → [sha256 (16 hex), title]. */
  pages: Record<string, [string, string]>;
}

interface History {
  version: 1;
  last: (SiteSnapshot & { previous: SiteSnapshot | null }) | null;
}

const historyFile = (dataDir: string) => path.join(dataDir, 'publishing', 'published-history.json');

function readHistory(dataDir: string): History {
  try {
    const h = JSON.parse(fs.readFileSync(historyFile(dataDir), 'utf8')) as History;
    if (h.version === 1 && (h.last === null || typeof h.last?.contentHash === 'string')) return h;
  } catch {
    /* none yet, or unreadable: as if never published */
  }
  return { version: 1, last: null };
}

const TITLE = /<h1>([\s\S]*?)<\/h1>/;
const PUBLICATION_DATE = /id="publicare">[\s\S]*?<time datetime="(\d{4}-\d{2}-\d{2})">/;
const unescape = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The compared pages of a built site (every HTML page but the home, Noutăți and accessibility pages). */
export function snapshotOf(siteDir: string): SiteSnapshot {
  const pages: Record<string, [string, string]> = {};
  const walk = (dir: string, rel: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(path.join(dir, d.name), r);
      else if (d.isFile() && r.endsWith('.html') && !NOT_COMPARED.has(r)) {
        const text = fs.readFileSync(path.join(dir, d.name), 'utf8');
        pages[r] = [createHash('sha256').update(text).digest('hex').slice(0, 16), unescape(TITLE.exec(text)?.[1] ?? r).trim()];
      }
    }
  };
  walk(siteDir, '');
  const h = createHash('sha256');
  for (const [p, [sha]] of Object.entries(pages)) h.update(`${p}\0${sha}\n`);
  let publicationDate: string | null = null;
  try {
    publicationDate = PUBLICATION_DATE.exec(fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8'))?.[1] ?? null;
  } catch {
    publicationDate = null;
  }
  return { publicationDate, contentHash: h.digest('hex'), pages };
}

/** After a successful publication of `siteDir`: it becomes the last published site (unless it is the same content). */
export function recordPublished(dataDir: string, siteDir: string): void {
  const h = readHistory(dataDir);
  const snap = snapshotOf(siteDir);
  if (h.last?.contentHash === snap.contentHash) return;
  const previous = h.last ? { publicationDate: h.last.publicationDate, contentHash: h.last.contentHash, pages: h.last.pages } : null;
  const next: History = { version: 1, last: { ...snap, previous } };
  fs.mkdirSync(path.dirname(historyFile(dataDir)), { recursive: true });
  const tmp = `${historyFile(dataDir)}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(next));
  fs.renameSync(tmp, historyFile(dataDir));
}

export interface SiteNews {
  /** The previous publication compared with, or null (the first publication). */
  since: SiteSnapshot | null;
  added: Array<{ path: string; title: string }>;
  changed: Array<{ path: string; title: string }>;
  removed: Array<{ path: string; title: string }>;
}

/** What changed in the site being built (its compared pages already written in `siteDir`) since the previous publication. */
export function siteNews(dataDir: string, siteDir: string): SiteNews {
  const cur = snapshotOf(siteDir);
  const last = readHistory(dataDir).last;
  const since = !last ? null : last.contentHash === cur.contentHash ? last.previous : last;
  const out: SiteNews = { since, added: [], changed: [], removed: [] };
  if (!since) return out;
  for (const [p, [sha, title]] of Object.entries(cur.pages)) {
    const old = since.pages[p];
    if (!old) out.added.push({ path: p, title });
    else if (old[0] !== sha) out.changed.push({ path: p, title });
  }
  for (const [p, [, title]] of Object.entries(since.pages)) if (!cur.pages[p]) out.removed.push({ path: p, title });
  return out;
}

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${fmtNumber(n)} ${n % 100 === 0 || n % 100 >= 20 ? 'de ' : ''}${many}`);

/** "2 pagini actualizate, 1 pagină nouă" — or that nothing changed. */
export function newsSummary(n: SiteNews): string {
  const parts = [
    n.changed.length ? count(n.changed.length, 'pagină actualizată', 'pagini actualizate') : '',
    n.added.length ? count(n.added.length, 'pagină nouă', 'pagini noi') : '',
    n.removed.length ? count(n.removed.length, 'pagină retrasă', 'pagini retrase') : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nicio pagină modificată';
}

const SHOWN = 200;

function pageList(items: Array<{ path: string; title: string }>, link: boolean): SafeHtml {
  const shown = items.slice(0, SHOWN);
  return html`<ul>${shown.map((i) => (link ? html`<li><a href="${i.path}">${i.title}</a></li>` : html`<li>${i.title}</li>`))}</ul>${
    items.length > SHOWN ? html`<p class="muted">… și încă ${fmtNumber(items.length - SHOWN)}.</p>` : ''
  }`;
}

/** The Noutăți page body. */
export function newsBody(n: SiteNews, publicationDate: string): SafeHtml {
  const when = html`<time datetime="${publicationDate}">${fmtDate(publicationDate)}</time>`;
  if (!n.since) return html`<p>Site-ul a fost publicat la ${when}. Este prima sa publicare: toate paginile sunt noi.</p>`;
  const prev = n.since.publicationDate ? html`din <time datetime="${n.since.publicationDate}">${fmtDate(n.since.publicationDate)}</time>` : html`anterioară`;
  return html`<p>Site-ul a fost publicat la ${when}. Față de publicarea ${prev}: <strong>${newsSummary(n)}</strong>.</p>
${n.changed.length ? html`<section aria-labelledby="actualizate"><h2 id="actualizate">Pagini actualizate</h2>${pageList(n.changed, true)}</section>` : ''}
${n.added.length ? html`<section aria-labelledby="noi"><h2 id="noi">Pagini noi</h2>${pageList(n.added, true)}</section>` : ''}
${n.removed.length ? html`<section aria-labelledby="retrase"><h2 id="retrase">Pagini retrase</h2>${pageList(n.removed, false)}</section>` : ''}`;
}

/** The home page's paragraph: what changed since the previous publication, with the link to Noutăți. */
export function newsTeaser(n: SiteNews): SafeHtml {
  if (!n.since) return html`<p>Aceasta este prima publicare a site-ului. <a href="${NEWS}">Noutăți</a></p>`;
  const prev = n.since.publicationDate ? html` din <time datetime="${n.since.publicationDate}">${fmtDate(n.since.publicationDate)}</time>` : '';
  return html`<p>Față de publicarea anterioară${prev}: ${newsSummary(n)}. <a href="${NEWS}">Vezi ce s-a schimbat</a></p>`;
}
