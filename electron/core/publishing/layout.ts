import { formatFigure, type Rag } from '../../contract';
import { fmtDate, fmtMonthYear, html, type SafeHtml } from './html';
import { RO } from './labels';

export interface NavEntry {
  /** Path of the page inside the site, e.g. `indicatori.html`. */
  href: string;
  label: string;
}

export interface ShellInput {
  /** Path of this page inside the site (decides the relative prefix of every link). */
  path: string;
  title: string;
  siteName: string;
  nav: NavEntry[];
  /** Which nav entry this page belongs to. */
  section?: string;
  crumbs?: Array<{ href: string; label: string }>;
  contactEmail: string;
  publisher: string;
  body: SafeHtml;
}

/** "../" for each folder level of `path`: links stay relative, so the site works from any address or from disk. */
export const rootOf = (p: string) => '../'.repeat(p.split('/').length - 1);

/** The page shell: lang="ro", skip link, header with navigation, main, footer with the feedback contact. */
export function shell(p: ShellInput): string {
  const root = rootOf(p.path);
  return html`<!DOCTYPE html>
<html lang="ro">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title === p.siteName ? p.title : `${p.title} — ${p.siteName}`}</title>
<link rel="stylesheet" href="${root}style.css">
</head>
<body>
<a class="skip" href="#continut">Salt la conținut</a>
<header class="site">
<p class="name"><a href="${root}index.html">${p.siteName}</a></p>
<nav class="main" aria-label="Navigare principală"><ul>
${p.nav.map((n) => html`<li><a href="${root}${n.href}"${p.section === n.href ? html` aria-current="page"` : ''}>${n.label}</a></li>\n`)}</ul></nav>
</header>
<main id="continut">
${p.crumbs?.length ? html`<nav class="crumbs" aria-label="Unde vă aflați"><ol>${p.crumbs.map((c) => html`<li><a href="${root}${c.href}">${c.label}</a></li>`)}<li aria-current="page">${p.title}</li></ol></nav>\n` : ''}<h1>${p.title}</h1>
${p.body}
</main>
<footer class="site">
<p>Publicat de ${p.publisher}. Întrebări sau sesizări despre acest site: <a href="mailto:${p.contactEmail}">${p.contactEmail}</a>. <a href="${root}accesibilitate.html">Declarația de accesibilitate</a>.</p>
</footer>
</body>
</html>
`.value;
}

/** A status tag; its colours are the app's palette (style.ts writes .rag-* from contract/palette.ts). */
export const ragTag = (rag: Rag) => html`<span class="tag rag-${rag}">${RO.rag[rag]}</span>`;

/** A progress bar that is also text: the number is always written next to it. */
export const progressBar = (pct: number, label: string) => {
  // The bar's length is the figure itself; its text follows the one display rule (contract/figures.ts formatFigure, then a no-break space and %, as formatFigurePercent writes it).
  const width = Math.max(0, Math.min(100, pct));
  const n = formatFigure(pct);
  return html`<span class="bar" role="img" aria-label="${label}: ${n} %"><span style="width:${String(Math.round(width * 10) / 10)}%"></span></span> <span class="figure">${n}&nbsp;%</span>`;
};

const t = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

export interface TimelineRow {
  label: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  progress: number;
  milestones?: Array<{ date: string; done: boolean }>;
}

/**
 * A Gantt-style timeline in SVG (no script): per row the planned span (outline), the actual span so far
 * (filled, up to its progress) and milestones (diamonds). The figure's caption and the page's tables carry
 * the same facts in words, for screen readers and text browsers.
 */
export function timeline(rows: TimelineRow[], range: { start: string | null; end: string | null }, caption: string): SafeHtml {
  const dates = rows
    .flatMap((r) => [r.plannedStart, r.plannedEnd, r.actualStart, r.actualEnd, ...(r.milestones ?? []).map((m) => m.date)])
    .filter((d): d is string => !!d);
  const start = range.start ?? dates.sort()[0];
  const end = range.end ?? dates.sort().at(-1);
  if (!start || !end || t(end) <= t(start) || rows.length === 0) return html``;
  const W = 720;
  const labelW = 90;
  const rowH = 26;
  const top = 26;
  const H = top + rows.length * rowH + 6;
  const x = (iso: string) => labelW + Math.max(0, Math.min(1, (t(iso) - t(start)) / (t(end) - t(start)))) * (W - labelW - 10);
  const years: string[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
    const d = `${y}-01-01`;
    if (t(d) >= t(start) && t(d) <= t(end)) years.push(d);
  }
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return html`<figure class="timeline">
<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${caption}" xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="system-ui, sans-serif">
<text x="${labelW}" y="14" fill="#3a434d">${fmtMonthYear(start)}</text>
<text x="${W - 10}" y="14" fill="#3a434d" text-anchor="end">${fmtMonthYear(end)}</text>
${years.map((y) => html`<line x1="${r1(x(y))}" y1="${top - 6}" x2="${r1(x(y))}" y2="${H}" stroke="#c9d1d9"/><text x="${r1(x(y)) + 3}" y="${top - 8}" fill="#3a434d">${y.slice(0, 4)}</text>`)}
${rows.map((r, i) => {
  const y = top + i * rowH;
  const ps = r.plannedStart ?? start;
  const pe = r.plannedEnd ?? end;
  const as = r.actualStart;
  const ae = r.actualEnd ?? (as ? pe : null);
  const done = as && ae ? x(as) + ((x(ae) - x(as)) * Math.max(0, Math.min(100, r.progress))) / 100 : null;
  return html`<g><text x="0" y="${y + 16}" fill="#1b1f24">${r.label}</text>
<rect x="${r1(x(ps))}" y="${y + 5}" width="${r1(Math.max(2, x(pe) - x(ps)))}" height="14" fill="#e4e8ec" stroke="#6b7785"><title>Planificat: ${fmtDate(ps)} – ${fmtDate(pe)}</title></rect>
${as && done !== null ? html`<rect x="${r1(x(as))}" y="${y + 8}" width="${r1(Math.max(2, done - x(as)))}" height="8" fill="#1d6b3a"><title>Realizat: ${r.progress} %</title></rect>` : ''}
${(r.milestones ?? []).map((m) => {
  const mx = r1(x(m.date));
  return html`<path d="M${mx} ${y + 4} l6 8 l-6 8 l-6 -8 z" fill="${m.done ? '#1d6b3a' : '#fff'}" stroke="#1b1f24"><title>Jalon ${m.done ? 'atins' : 'planificat'}: ${fmtDate(m.date)}</title></path>`;
})}</g>
`;
})}</svg>
<figcaption>${caption}. Dreptunghiul deschis arată perioada planificată, banda verde partea realizată, romburile jaloanele (pline: atinse).</figcaption>
</figure>`;
}
