import { fmtDate, fmtLei, fmtNumber, html, paragraphs, raw, type Part, type SafeHtml } from './html';
import { formatFigure, formatFigurePercent, NO_DATA_TEXT } from '../../contract/figures';
import { comparableValue } from '../plan/rag';
import { RO, label } from './labels';
import { buildDcatDataset } from '../datasets/dcat';
import { siteIri } from './catalog';
import { progressBar, ragTag, timeline, type NavEntry } from './layout';
import type { PublicAction, PublicData, PublicFile, PublicIndicator } from './public-data';

/**
 * The site as a list of section builders, one per module. A section says whether it has anything to show,
 * which navigation entry it owns, and writes its pages through SiteOutput. Adding a module to the site is
 * one more entry in SITE_SECTIONS.
 */

export interface PageSpec {
  /** Path inside the site (forward slashes), e.g. `actiuni/a1-2.html`. */
  path: string;
  title: string;
  body: SafeHtml;
  /** The nav entry (its href) this page belongs to. */
  section?: string;
  crumbs?: Array<{ href: string; label: string }>;
}

export interface SiteOutput {
  page(p: PageSpec): void;
  /** A file written as is (UTF-8 for strings). */
  file(path: string, content: string | Buffer): void;
  /** A file copied from the data folder (evidence). */
  copy(path: string, source: string): void;
  /** Datasets contributed to the DCAT-AP catalogue (/catalog.jsonld), as JSON-LD nodes. */
  catalogue: { datasets: object[] };
}

export interface SiteSection {
  key: string;
  nav?: NavEntry;
  include(data: PublicData): boolean;
  build(data: PublicData, out: SiteOutput): void | Promise<void>;
}

const HOME = 'index.html';
const INDICATORS = 'indicatori.html';
const PARTNERS = 'parteneri.html';
const FUNDING = 'finantari.html';
const TRAINING = 'instruire.html';
const RISKS = 'riscuri.html';
export const ACCESSIBILITY = 'accesibilitate.html';

export const commitmentPath = (slug: string) => `angajamente/${slug}.html`;
export const actionPath = (slug: string) => `actiuni/${slug}.html`;
export const indicatorPath = (slug: string) => `indicatori/${slug}.html`;
/** The indicators of one commitment (the indicators list, split per commitment). */
export const indicatorListPath = (commitmentSlug: string) => `indicatori/angajamente/${commitmentSlug}.html`;

/** Lets other work run (the app's window, other calls) between pages of a long build: a macrotask every 100 pages. */
let pagesSinceBreath = 0;
const breathe = () => (++pagesSinceBreath % 100 === 0 ? new Promise<void>((r) => setImmediate(r)) : Promise.resolve());

const rel = (from: string, to: string) => '../'.repeat(from.split('/').length - 1) + to;

/** A value compared with the target (a ratio's percentage), rounded by the one display rule, as in the app and the workbooks. */
function valueText(i: PublicIndicator, v: number): string {
  if (i.type === 'milestone') return v >= 1 ? 'realizat' : 'nerealizat';
  return `${formatFigure(v)}${i.unit ? ` ${i.unit}` : ''}`;
}

/** An indicator nobody measured, or whose module has no record that counts. */
const NO_DATA = NO_DATA_TEXT.ro;

/** One fact of a `<dl class="facts">`: its term and, right after it, its value. */
// prettier-ignore
const fact = (term: string, value: Part) => html`<dt>${term}</dt><dd>${value}</dd>`;

function evidenceList(from: string, files: PublicFile[]): SafeHtml {
  if (!files.length) return html``;
  return html`<ul class="evidence">
    ${files.map((f) => html`<li><a href="${rel(from, f.sitePath)}">${f.name}</a> <span class="muted">(${fmtNumber(f.size / 1024, 0)} KB)</span></li>`)}
  </ul>`;
}

// ---- plan: home, commitments, actions --------------------------------------------------------------

const planSection: SiteSection = {
  key: 'plan',
  nav: { href: HOME, label: 'Acasă' },
  include: () => true,
  async build(d, out) {
    const actionsById = new Map(d.actions.map((a) => [a.id, a]));
    const indicatorsById = new Map(d.indicators.map((i) => [i.id, i]));
    const commitmentById = new Map(d.commitments.map((c) => [c.id, c]));
    const plan = d.plan;
    const doneActions = d.actions.filter((a) => a.status === 'done').length;

    out.page({
      path: HOME,
      title: plan?.title || 'Planul de acțiune local OGP',
      section: HOME,
      body: html` ${
          plan?.vision
            ? html`<section aria-labelledby="viziune">
                <h2 id="viziune">Viziunea</h2>
                ${paragraphs(plan.vision)}
              </section>`
            : ''
        }
        ${
          plan?.goal
            ? html`<section aria-labelledby="scop">
                <h2 id="scop">Scopul</h2>
                ${paragraphs(plan.goal)}
              </section>`
            : ''
        }
        <section aria-labelledby="progres">
          <h2 id="progres">Progresul general</h2>
          <p class="big">${progressBar(d.overallProgress, 'Progresul planului')}</p>
          <ul class="stats">
            <li><strong>${d.commitments.length}</strong> angajamente</li>
            <li><strong>${d.actions.length}</strong> acțiuni</li>
            <li><strong>${doneActions}</strong> acțiuni realizate</li>
            <li><strong>${d.indicators.length}</strong> indicatori</li>
          </ul>
          <ul class="stats" aria-label="De urmărit">
            <li data-figure="late"><strong>${d.attention.late}</strong> acțiuni și indicatori întârziați</li>
            <li data-figure="at_risk"><strong>${d.attention.atRisk}</strong> la risc</li>
            <li data-figure="no_data"><strong>${d.attention.noData}</strong> fără date recente</li>
          </ul>
          ${plan?.periodStart || plan?.periodEnd ? html`<p>Perioada planului: ${fmtDate(plan?.periodStart)} – ${fmtDate(plan?.periodEnd)}.</p>` : ''}
        </section>
        ${
          plan?.strategicDirections.length
            ? html`<section aria-labelledby="directii">
                <h2 id="directii">Direcții strategice</h2>
                <ol>
                  ${plan.strategicDirections.map((s) => html`<li>${s}</li>`)}
                </ol>
              </section>`
            : ''
        }
        <section aria-labelledby="angajamente">
          <h2 id="angajamente">Angajamente</h2>
          <ul class="cards">
            ${d.commitments.map(
              (c) =>
                html`<li>
                  <h3><a href="${commitmentPath(c.slug)}">${c.code}. ${c.title}</a></h3>
                  <p>${ragTag(c.rag)}</p>
                  <p>${progressBar(c.progress, `Progresul angajamentului ${c.code}`)}</p>
                  <p class="muted">${c.actionIds.length} acțiuni, ${c.indicatorIds.length} indicatori</p>
                </li>`,
            )}
          </ul>
        </section>
        <section aria-labelledby="publicare">
          <h2 id="publicare">Ultima publicare</h2>
          <p>
            Informațiile de pe acest site au fost publicate la <strong><time datetime="${d.publicationDate}">${fmtDate(d.publicationDate)}</time></strong
            >. Site-ul se actualizează cel puțin o dată la patru luni.
          </p>
        </section>`,
    });

    for (const c of d.commitments) {
      await breathe();
      const path = commitmentPath(c.slug);
      const acts = c.actionIds.map((id) => actionsById.get(id)!).filter(Boolean);
      const inds = c.indicatorIds.map((id) => indicatorsById.get(id)!).filter(Boolean);
      const og = Object.entries(c.openedGovernment) as Array<[keyof typeof RO.ogpValue, keyof typeof RO.openedGovernment]>;
      out.page({
        path,
        title: `${c.code}. ${c.title}`,
        section: HOME,
        crumbs: [{ href: HOME, label: 'Acasă' }],
        body: html` <dl class="facts">
            ${fact('Stare', ragTag(c.rag))} ${fact('Progres', progressBar(c.progress, 'Progres'))}
            ${fact('Perioada', html`${fmtDate(c.startDate)} – ${fmtDate(c.endDate)}`)} ${fact('Instituția responsabilă', c.leadInstitution || '—')}
            ${c.ogpValues.length ? fact('Valori OGP', c.ogpValues.map((v) => RO.ogpValue[v]).join(', ')) : ''}
            ${c.completion ? fact('Nivel de realizare', RO.completion[c.completion]) : ''}
            ${c.designPotential ? fact('Potențial de rezultate', label(RO.designPotential, c.designPotential)) : ''}
            ${c.designVerifiable != null ? fact('Verificabil', c.designVerifiable ? 'Da' : 'Nu') : ''}
          </dl>
          ${
            c.description
              ? html`<h2>Descriere</h2>
                  ${paragraphs(c.description)}`
              : ''
          }
          ${
            c.problem
              ? html`<h2>Problema abordată</h2>
                  ${paragraphs(c.problem)}`
              : ''
          }
          ${
            c.objective
              ? html`<h2>Obiectivul general</h2>
                  ${paragraphs(c.objective)}`
              : ''
          }
          ${
            c.solution
              ? html`<h2>Cum rezolvă problema</h2>
                  ${paragraphs(c.solution)}`
              : ''
          }
          ${
            c.actors
              ? html`<h2>Actori implicați</h2>
                  ${paragraphs(c.actors)}`
              : ''
          }
          ${
            og.length
              ? html`<h2>A deschis guvernarea?</h2>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Valoare OGP</th>
                        <th scope="col">Rezultat</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${og.map(
                        ([v, l]) =>
                          html`<tr>
                            <td>${label(RO.ogpValue, v)}</td>
                            <td>${label(RO.openedGovernment, l)}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
              : ''
          }
          <h2>Calendarul acțiunilor</h2>
          ${timeline(
            acts.map((a) => ({
              label: a.code,
              plannedStart: a.plannedStart,
              plannedEnd: a.plannedEnd,
              actualStart: a.actualStart,
              actualEnd: a.actualEnd,
              progress: a.progress,
            })),
            { start: c.startDate, end: c.endDate },
            `Calendarul acțiunilor angajamentului ${c.code}`,
          )}
          <h2>Acțiuni</h2>
          ${
            acts.length
              ? html`<table>
                  <thead>
                    <tr>
                      <th scope="col">Cod</th>
                      <th scope="col">Acțiune</th>
                      <th scope="col">Perioada planificată</th>
                      <th scope="col">Stare</th>
                      <th scope="col">Progres</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${acts.map(
                      (a) =>
                        html`<tr>
                          <td>${a.code}</td>
                          <td><a href="${rel(path, actionPath(a.slug))}">${a.title}</a></td>
                          <td>${fmtDate(a.plannedStart)} – ${fmtDate(a.plannedEnd)}</td>
                          <td>${RO.actionStatus[a.status]} ${ragTag(a.rag)}</td>
                          <td>${progressBar(a.progress, `Progresul acțiunii ${a.code}`)}</td>
                        </tr> `,
                    )}
                  </tbody>
                </table>`
              : html`<p>Angajamentul nu are încă acțiuni.</p>`
          }
          <h2>Indicatori</h2>
          ${inds.length ? indicatorTable(path, inds) : html`<p>Angajamentul nu are indicatori.</p>`}
          ${
            c.factors
              ? html`<h2>Factori care au influențat rezultatul</h2>
                  ${paragraphs(c.factors)}`
              : ''
          }
          ${
            c.lessons
              ? html`<h2>Lecții învățate</h2>
                  ${paragraphs(c.lessons)}`
              : ''
          }`,
      });
    }

    for (const a of d.actions) {
      await breathe();
      const path = actionPath(a.slug);
      const c = commitmentById.get(a.commitmentId)!;
      const parent = a.parentId ? actionsById.get(a.parentId) : undefined;
      const children = d.actions.filter((x) => x.parentId === a.id);
      const inds = a.indicatorIds.map((id) => indicatorsById.get(id)!).filter(Boolean);
      out.page({
        path,
        title: `${a.code}. ${a.title}`,
        section: HOME,
        crumbs: [
          { href: HOME, label: 'Acasă' },
          { href: commitmentPath(c.slug), label: `Angajamentul ${c.code}` },
          ...(parent ? [{ href: actionPath(parent.slug), label: `Acțiunea ${parent.code}` }] : []),
        ],
        body: actionBody(path, a, children, inds),
      });
    }
  },
};

function actionBody(path: string, a: PublicAction, children: PublicAction[], inds: PublicIndicator[]): SafeHtml {
  return html` <dl class="facts">
      ${fact('Stare', html`${RO.actionStatus[a.status]} ${ragTag(a.rag)}`)} ${fact('Progres', progressBar(a.progress, 'Progres'))}
      ${fact('Perioada planificată', html`${fmtDate(a.plannedStart)} – ${fmtDate(a.plannedEnd)}`)}
      ${fact('Perioada efectivă', a.actualStart ? html`${fmtDate(a.actualStart)} – ${a.actualEnd ? fmtDate(a.actualEnd) : 'în curs'}` : 'neîncepută')}
      ${fact('Organizația responsabilă', a.responsibleOrg || '—')} ${a.deliverable ? fact('Rezultat verificabil', a.deliverable) : ''}
    </dl>
    <h2>Calendar</h2>
    ${timeline(
      [
        {
          label: a.code,
          plannedStart: a.plannedStart,
          plannedEnd: a.plannedEnd,
          actualStart: a.actualStart,
          actualEnd: a.actualEnd,
          progress: a.progress,
          milestones: a.milestones.filter((m) => m.dueDate).map((m) => ({ date: m.dueDate!, done: m.done })),
        },
      ],
      { start: null, end: null },
      `Calendarul acțiunii ${a.code}`,
    )}
    ${
      a.milestones.length
        ? html`<h2>Jaloane</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Jalon</th>
                  <th scope="col">Termen</th>
                  <th scope="col">Atins</th>
                </tr>
              </thead>
              <tbody>
                ${a.milestones.map(
                  (m) =>
                    html`<tr>
                      <td>${m.title}</td>
                      <td>${fmtDate(m.dueDate)}</td>
                      <td>${m.done ? `da, ${fmtDate(m.doneDate)}` : 'nu'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }
    ${
      children.length
        ? html`<h2>Subacțiuni</h2>
            <ul>
              ${children.map((k) => html`<li><a href="${rel(path, actionPath(k.slug))}">${k.code}. ${k.title}</a> — ${RO.actionStatus[k.status]}, ${formatFigurePercent(k.progress)}</li>`)}
            </ul>`
        : ''
    }
    ${
      inds.length
        ? html`<h2>Indicatori legați</h2>
            <ul>
              ${inds.map((i) => html`<li><a href="${rel(path, indicatorPath(i.slug))}">${i.code}. ${i.name}</a></li>`)}
            </ul>`
        : ''
    }
    ${
      a.raci.length
        ? html`<h2>Cine contribuie</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Partener</th>
                  <th scope="col">Rol</th>
                </tr>
              </thead>
              <tbody>
                ${a.raci.map(
                  (r) =>
                    html`<tr>
                      <td>${r.partner}</td>
                      <td>${label(RO.raci, r.role)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }
    <h2>Actualizări și dovezi</h2>
    ${
      a.updates.length
        ? html`<ol reversed>
            ${a.updates.map(
              (u) =>
                html`<li>
                  <p><strong>${fmtDate(u.date)}</strong> — ${RO.actionStatus[u.status]}, progres ${u.progress} %</p>
                  ${u.note ? paragraphs(u.note) : ''}${evidenceList(path, u.evidence)}
                </li>`,
            )}
          </ol>`
        : html`<p>Nu există încă actualizări publicate.</p>`
    }`;
}

function indicatorTable(from: string, inds: PublicIndicator[]): SafeHtml {
  return html`<table>
    <thead>
      <tr>
        <th scope="col">Cod</th>
        <th scope="col">Indicator</th>
        <th scope="col" class="num">Valoare</th>
        <th scope="col" class="num">Țintă</th>
        <th scope="col">Față de țintă</th>
        <th scope="col">Stare</th>
      </tr>
    </thead>
    <tbody>
      ${inds.map(
        (i) =>
          html`<tr>
            <td>${i.code}</td>
            <td><a href="${rel(from, indicatorPath(i.slug))}">${i.name}</a></td>
            <td class="num">${i.latest ? valueText(i, i.latest.comparable) : NO_DATA}</td>
            <td class="num">${valueText(i, i.target)}</td>
            <td>${i.percentOfTarget == null ? NO_DATA : progressBar(i.percentOfTarget, `${i.code} față de țintă`)}</td>
            <td>${ragTag(i.rag)}</td>
          </tr> `,
      )}
    </tbody>
  </table>`;
}

// ---- indicators --------------------------------------------------------------------------------------

const indicatorsSection: SiteSection = {
  key: 'indicators',
  nav: { href: INDICATORS, label: 'Indicatori' },
  include: (d) => d.indicators.length > 0,
  async build(d, out) {
    const byCommitment = new Map(d.commitments.map((c) => [c.id, c]));
    const actionsById = new Map(d.actions.map((a) => [a.id, a]));
    const indicatorsById = new Map(d.indicators.map((i) => [i.id, i]));
    const withIndicators = d.commitments.filter((c) => c.indicatorIds.length);
    // The list is split per commitment: one new measurement changes one small list page, not a list of every
    // indicator (1.2 MB on a plan ×100). The index names only the commitments, so values never change it.
    out.page({
      path: INDICATORS,
      title: 'Indicatori și ținte',
      section: INDICATORS,
      body: html`<p class="lead">Indicatorii planului, pe angajamente: pentru fiecare, ultima valoare măsurată și ținta asumată.</p>
        <table>
          <thead>
            <tr>
              <th scope="col">Angajament</th>
              <th scope="col" class="num">Indicatori</th>
            </tr>
          </thead>
          <tbody>
            ${withIndicators.map(
              (c) =>
                html`<tr>
                  <td><a href="${indicatorListPath(c.slug)}">${c.code}. ${c.title}</a></td>
                  <td class="num">${c.indicatorIds.length}</td>
                </tr> `,
            )}
          </tbody>
        </table>`,
    });
    for (const c of withIndicators) {
      await breathe();
      const path = indicatorListPath(c.slug);
      out.page({
        path,
        title: `Indicatorii angajamentului ${c.code}`,
        section: INDICATORS,
        crumbs: [{ href: INDICATORS, label: 'Indicatori' }],
        body: html`<p class="lead"><a href="${rel(path, commitmentPath(c.slug))}">${c.code}. ${c.title}</a></p>
          ${indicatorTable(path, c.indicatorIds.map((id) => indicatorsById.get(id)!).filter(Boolean))}`,
      });
    }
    for (const i of d.indicators) {
      await breathe();
      const path = indicatorPath(i.slug);
      const c = byCommitment.get(i.commitmentId)!;
      const acts = i.actionIds.map((id) => actionsById.get(id)!).filter(Boolean);
      out.page({
        path,
        title: `${i.code}. ${i.name}`,
        section: INDICATORS,
        crumbs: [
          { href: INDICATORS, label: 'Indicatori' },
          { href: commitmentPath(c.slug), label: `Angajamentul ${c.code}` },
        ],
        body: html` <dl class="facts">
            ${fact('Stare', ragTag(i.rag))}
            ${fact(
              'Ultima valoare',
              i.latest
                ? // Text only (escaped by fact); a plain template, so the formatter keeps it on one line.
                  `${valueText(i, i.latest.comparable)}${i.type === 'ratio' && i.denominator ? ` (${fmtNumber(i.latest.value)} din ${fmtNumber(i.denominator)})` : ''} ${i.latest.date ? ` (${fmtDate(i.latest.date)}${i.latest.period ? `, perioada ${i.latest.period}` : ''})` : ''}`
                : NO_DATA,
            )}
            ${fact('Ținta', valueText(i, i.target))}
            ${fact('Față de țintă', i.percentOfTarget == null ? NO_DATA : progressBar(i.percentOfTarget, 'Față de țintă'))}
            ${i.baseline != null ? fact('Valoarea de pornire', html`${valueText(i, i.baseline)}${i.baselineDate ? ` (${fmtDate(i.baselineDate)})` : ''}`) : ''}
            ${fact('Tip', html`${RO.indicatorType[i.type]}${i.direction === 'decrease' ? ', descrescător' : ''}`)}
            ${i.type === 'ratio' && i.denominator != null ? fact('Numitor', html`${fmtNumber(i.denominator)}${i.denominatorSource ? ` — ${i.denominatorSource}` : ''}${i.denominatorYear ? ` (${i.denominatorYear})` : ''}`) : ''}
            ${i.countingRule ? fact('Cum se numără', i.countingRule) : ''} ${i.dataSource ? fact('Sursa datelor', i.dataSource) : ''}
            ${i.frequency ? fact('Frecvența', i.frequency) : ''} ${i.responsibleDepartment ? fact('Compartiment responsabil', i.responsibleDepartment) : ''}
            ${i.computed ? fact('Calcul', 'Valoarea se calculează automat din registrele administrației.') : ''}
          </dl>
          ${
            acts.length
              ? html`<h2>Acțiuni legate</h2>
                  <ul>
                    ${acts.map((a) => html`<li><a href="${rel(path, actionPath(a.slug))}">${a.code}. ${a.title}</a></li>`)}
                  </ul>`
              : ''
          }
          ${
            i.measurements.length
              ? html`<h2>Măsurători</h2>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Data</th>
                        <th scope="col">Perioada</th>
                        <th scope="col" class="num">Valoare</th>
                        <th scope="col">Dovezi</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${[...i.measurements].reverse().map(
                        (m) =>
                          html`<tr>
                            <td>${fmtDate(m.date)}</td>
                            <td>${m.period ?? '—'}</td>
                            <td class="num">${valueText(i, comparableValue(i, m.value))}</td>
                            <td>${m.evidence.length ? evidenceList(path, m.evidence) : '—'}</td>
                          </tr> `,
                      )}
                    </tbody>
                  </table>`
              : ''
          }`,
      });
    }
  },
};

// ---- evidence files -----------------------------------------------------------------------------------

const evidenceSection: SiteSection = {
  key: 'evidence',
  include: (d) => d.files.length > 0,
  build(d, out) {
    for (const f of d.files) out.copy(f.sitePath, f.source);
  },
};

// ---- partners and funding -------------------------------------------------------------------------------

const partnersSection: SiteSection = {
  key: 'partners',
  nav: { href: PARTNERS, label: 'Parteneri' },
  include: (d) => d.partners.length > 0,
  build(d, out) {
    const orgs = d.partners.filter((p) => p.kind === 'organisation');
    const people = d.partners.filter((p) => p.kind === 'person');
    const row = (p: (typeof d.partners)[number]) =>
      html`<tr>
        <td>${p.name}${p.legalForm ? html` <span class="muted">(${p.legalForm})</span>` : ''}</td>
        <td>${p.sector ? label(RO.sector, p.sector) : '—'}</td>
        <td>${label(RO.plaRole, p.plaRole)}</td>
        <td>${label(RO.iap2, p.iap2Level)}</td>
        <td>
          ${
            p.partnerships.length
              ? html`<ul>
                  ${p.partnerships.map((x) => html`<li>${x.title} (${label(RO.partnershipType, x.type)}, din ${fmtDate(x.startDate)}${x.endDate ? ` până la ${fmtDate(x.endDate)}` : ''})</li>`)}
                </ul>`
              : '—'
          }
        </td>
      </tr> `;
    const head = html`<thead>
      <tr>
        <th scope="col">Nume</th>
        <th scope="col">Sector</th>
        <th scope="col">Rol în plan</th>
        <th scope="col">Nivel de implicare</th>
        <th scope="col">Parteneriate</th>
      </tr>
    </thead>`;
    out.page({
      path: PARTNERS,
      title: 'Parteneri',
      section: PARTNERS,
      body: html`<p class="lead">Organizațiile care contribuie la planul de acțiune.</p>
        ${
          orgs.length
            ? html`<h2>Organizații</h2>
                <table>
                  ${head}
                  <tbody>
                    ${orgs.map(row)}
                  </tbody>
                </table>`
            : ''
        }
        ${
          people.length
            ? html`<h2>Persoane (cu acordul lor)</h2>
                <table>
                  ${head}
                  <tbody>
                    ${people.map(row)}
                  </tbody>
                </table>`
            : ''
        }`,
    });
  },
};

const fundingSection: SiteSection = {
  key: 'funding',
  nav: { href: FUNDING, label: 'Finanțări' },
  include: (d) => d.funding.length > 0,
  build(d, out) {
    const total = d.funding.reduce((s, f) => s + f.requestedAmount, 0);
    out.page({
      path: FUNDING,
      title: 'Finanțări obținute',
      section: FUNDING,
      body: html`<p class="lead">
          Proiectele aprobate sau contractate care finanțează acțiunile planului: ${d.funding.length} proiecte, ${fmtLei(total)} finanțare atrasă.
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Proiect</th>
              <th scope="col">Program și apel</th>
              <th scope="col">Solicitant</th>
              <th scope="col" class="num">Finanțare</th>
              <th scope="col" class="num">Contribuție proprie</th>
              <th scope="col" class="num">Valoare totală</th>
              <th scope="col">Stare</th>
            </tr>
          </thead>
          <tbody>
            ${d.funding.map(
              (f) =>
                html`<tr>
                  <td>${f.code ? `${f.code} — ` : ''}${f.title}</td>
                  <td>
                    ${label(RO.programme, f.programme)}: ${f.callCode ? `${f.callCode} ` : ''}${f.callTitle}${f.nonReimbursable ? ' (nerambursabil)' : ''}
                  </td>
                  <td>${f.applicant}</td>
                  <td class="num">${fmtLei(f.requestedAmount)}</td>
                  <td class="num">${fmtLei(f.ownContribution)}</td>
                  <td class="num">${fmtLei(f.totalAmount)}</td>
                  <td>${RO.applicationStatus[f.status]}${f.contractSignedOn ? `, contract din ${fmtDate(f.contractSignedOn)}` : ''}</td>
                </tr> `,
            )}
          </tbody>
        </table>`,
    });
  },
};

// ---- training (counts only) --------------------------------------------------------------------------

const trainingSection: SiteSection = {
  key: 'training',
  nav: { href: TRAINING, label: 'Instruire' },
  include: (d) => d.training.sessions > 0,
  build(d, out) {
    const t = d.training;
    const head = html`<thead>
      <tr>
        <th scope="col">%s</th>
        <th scope="col" class="num">Sesiuni</th>
        <th scope="col" class="num">Ore</th>
        <th scope="col" class="num">Participanți</th>
        <th scope="col" class="num">Au absolvit</th>
      </tr>
    </thead>`;
    const counts = (r: { sessions: number; hours: number; participants: number; completed: number }) =>
      html`<td class="num">${r.sessions}</td>
        <td class="num">${fmtNumber(r.hours, 1)}</td>
        <td class="num">${r.participants}</td>
        <td class="num">${r.completed}</td>`;
    out.page({
      path: TRAINING,
      title: 'Instruire',
      section: TRAINING,
      body: html`<p class="lead">Cifrele programelor de instruire legate de plan. Publicăm doar totaluri: niciun nume de participant.</p>
        <ul class="stats">
          <li><strong>${t.sessions}</strong> sesiuni</li>
          <li><strong>${fmtNumber(t.hours, 1)}</strong> ore de instruire</li>
          <li><strong>${t.participants}</strong> persoane instruite</li>
          <li><strong>${t.completed}</strong> persoane care au absolvit</li>
        </ul>
        <h2>Pe programe</h2>
        <table>
          ${raw(head.value.replace('%s', 'Program'))}
          <tbody>
            ${t.byProgramme.map(
              (p) =>
                html`<tr>
                  <td>${p.name}</td>
                  ${counts(p)}
                </tr> `,
            )}
          </tbody>
        </table>
        <h2>Pe grupuri țintă</h2>
        <table>
          ${raw(head.value.replace('%s', 'Grup țintă'))}
          <tbody>
            ${t.byTargetGroup.map(
              (g) =>
                html`<tr>
                  <td>${label(RO.targetGroup, g.targetGroup)}</td>
                  ${counts(g)}
                </tr> `,
            )}
          </tbody>
        </table>
        <p class="muted">O persoană este numărată o singură dată pe fiecare rând, oricâte sesiuni ar fi urmat.</p>`,
    });
  },
};

// ---- risks (redacted summary, only when chosen) ----------------------------------------------------------

const risksSection: SiteSection = {
  key: 'risks',
  nav: { href: RISKS, label: 'Riscuri' },
  include: (d) => d.risks !== null,
  build(d, out) {
    const r = d.risks!;
    out.page({
      path: RISKS,
      title: 'Rezumatul riscurilor',
      section: RISKS,
      body: html`<p class="lead">Un rezumat al registrului de riscuri al planului: doar numere, fără descrieri interne.</p>
        <ul class="stats">
          <li><strong>${r.open}</strong> riscuri deschise</li>
          <li><strong>${r.closed}</strong> riscuri închise</li>
          ${r.toleranceLimit != null ? html`<li><strong>${r.aboveTolerance}</strong> peste limita de toleranță (${r.toleranceLimit})</li>` : ''}
        </ul>
        <h2>Pe categorii</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Categorie</th>
              <th scope="col" class="num">Deschise</th>
              <th scope="col" class="num">Închise</th>
            </tr>
          </thead>
          <tbody>
            ${r.byCategory.map(
              (c) =>
                html`<tr>
                  <td>${label(RO.riskCategory, c.category)}</td>
                  <td class="num">${c.open}</td>
                  <td class="num">${c.closed}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <h2>Riscuri deschise pe niveluri de expunere</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Nivel</th>
              <th scope="col" class="num">Riscuri</th>
            </tr>
          </thead>
          <tbody>
            ${r.byLevel.map(
              (l) =>
                html`<tr>
                  <td>${label(RO.riskLevel, l.level)}</td>
                  <td class="num">${l.open}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${
          r.measures.length
            ? html`<h2>Măsuri de control</h2>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Stare</th>
                      <th scope="col" class="num">Măsuri</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${r.measures.map(
                      (m) =>
                        html`<tr>
                          <td>${label(RO.measureStatus, m.status)}</td>
                          <td class="num">${m.n}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
            : ''
        }`,
    });
  },
};

// ---- participatory budgeting ------------------------------------------------------------------------------

const BUDGET = 'bugetare.html';
export const campaignPath = (slug: string) => `bugetare/${slug}.html`;

const budgetingSection: SiteSection = {
  key: 'budgeting',
  nav: { href: BUDGET, label: 'Bugetare participativă' },
  include: (d) => d.campaigns.length > 0,
  build(d, out) {
    out.page({
      path: BUDGET,
      title: 'Bugetare participativă și granturi',
      section: BUDGET,
      body: html`<p class="lead">
          Edițiile bugetării participative și ale competițiilor de granturi: regula după care au fost aleși câștigătorii, de ce a câștigat sau nu fiecare
          proiect și cum avansează implementarea.
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Ediție</th>
              <th scope="col">Tip</th>
              <th scope="col" class="num">Buget</th>
              <th scope="col" class="num">Votanți</th>
              <th scope="col" class="num">Proiecte câștigătoare</th>
            </tr>
          </thead>
          <tbody>
            ${d.campaigns.map(
              (c) =>
                html`<tr>
                  <td><a href="${campaignPath(c.slug)}">${c.name}${c.edition ? ` (${c.edition})` : ''}</a></td>
                  <td>${label(RO.campaignKind, c.kind)}</td>
                  <td class="num">${fmtLei(c.totalBudget)}</td>
                  <td class="num">${c.result ? fmtNumber(c.result.voters, 0) : '—'}</td>
                  <td class="num">${c.result ? c.result.projects.filter((p) => p.won).length : '—'}</td>
                </tr> `,
            )}
          </tbody>
        </table>`,
    });
    for (const c of d.campaigns) {
      const r = c.result;
      const titleOf = new Map(c.proposals.map((p) => [p.id, p]));
      const ineligible = c.proposals.filter((p) => p.eligibility === 'ineligible');
      const withAuthor = c.proposals.filter((p) => p.author);
      out.page({
        path: campaignPath(c.slug),
        title: `${c.name}${c.edition ? ` (${c.edition})` : ''}`,
        section: BUDGET,
        crumbs: [{ href: BUDGET, label: 'Bugetare participativă' }],
        body: html`${c.description ? paragraphs(c.description) : ''}
          <dl class="facts">
            ${fact('Tip', label(RO.campaignKind, c.kind))} ${fact('Buget total', fmtLei(c.totalBudget))}
            ${c.capPerProject != null ? fact('Plafon pe proiect', fmtLei(c.capPerProject)) : ''}
            ${c.kind === 'pb' ? html`${fact('Voturi per votant', html`până la ${c.votesPerVoter}`)} ${fact('Vârsta minimă', html`${c.minimumAge} ani`)}` : ''}
            ${
              r
                ? html`${fact(
                    'Votanți',
                    `${fmtNumber(r.voters, 0)}${r.participationRate != null ? ` (${fmtNumber(r.participationRate, 2)} % din ${fmtNumber(r.population ?? 0, 0)} locuitori)` : ''}`,
                  )}
                  ${fact('Voturi numărate', fmtNumber(r.votesCounted, 0))}`
                : ''
            }
          </dl>
          ${
            c.zones.length
              ? html`<h2>Zone și bugete</h2>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Zonă</th>
                        <th scope="col" class="num">Buget</th>
                        ${
                          r
                            ? html`<th scope="col" class="num">Folosit</th>
                                <th scope="col" class="num">Rămas</th>
                                <th scope="col" class="num">Câștigători</th>`
                            : ''
                        }
                      </tr>
                    </thead>
                    <tbody>
                      ${c.zones.map((z) => {
                        const zr = r?.zones.find((x) => x.zoneCode === z.code);
                        return html`<tr>
                          <td>${z.name}</td>
                          <td class="num">${fmtLei(z.budget)}</td>
                          ${
                            r
                              ? html`<td class="num">${zr ? fmtLei(zr.used) : '—'}</td>
                                  <td class="num">${zr ? fmtLei(zr.remaining) : '—'}</td>
                                  <td class="num">${zr ? zr.winners : '—'}</td>`
                              : ''
                          }
                        </tr>`;
                      })}
                    </tbody>
                  </table>`
              : ''
          }
          ${
            r
              ? html`<h2>Regula de desemnare a câștigătorilor</h2>
                  ${paragraphs(r.ruleText)}${r.tieBreakText ? html`<p><strong>Departajare la egalitate:</strong> ${r.tieBreakText}</p>` : ''}
                  <h2>Rezultate: de ce a câștigat sau nu fiecare proiect</h2>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col" class="num">Loc</th>
                        <th scope="col">Proiect</th>
                        <th scope="col">Zonă</th>
                        <th scope="col" class="num">${c.kind === 'grant' ? 'Punctaj' : 'Voturi'}</th>
                        <th scope="col" class="num">Cost</th>
                        <th scope="col">Rezultat</th>
                        <th scope="col">Motivul</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${r.projects.map(
                        (p) =>
                          html`<tr>
                            <td class="num">${p.rank}</td>
                            <td>${p.code} — ${p.title}</td>
                            <td>${p.zoneCode == null ? '—' : (c.zones.find((z) => z.code === p.zoneCode)?.name ?? p.zoneCode)}</td>
                            <td class="num">${c.kind === 'grant' ? (p.score == null ? '—' : fmtNumber(p.score)) : fmtNumber(p.votes, 0)}</td>
                            <td class="num">${fmtLei(p.cost)}</td>
                            <td>
                              ${p.won ? html`<strong>Câștigător</strong>${p.funded && p.funded !== p.cost ? html`<br />finanțat: ${fmtLei(p.funded)}` : ''}` : 'Necâștigător'}
                            </td>
                            <td>${p.why}</td>
                          </tr> `,
                      )}
                    </tbody>
                  </table>`
              : c.resultsPending
                ? html`<p>Rezultatele nu sunt încă finale.</p>`
                : html`<p>Rezultatele nu au fost încă stabilite.</p>`
          }
          ${
            ineligible.length
              ? html`<h2>Propuneri neeligibile</h2>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Propunere</th>
                        <th scope="col">Motivul</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${ineligible.map(
                        (p) =>
                          html`<tr>
                            <td>${p.code} — ${p.title}</td>
                            <td>${p.rejectionReason || 'Nu îndeplinește criteriile de eligibilitate.'}</td>
                          </tr> `,
                      )}
                    </tbody>
                  </table>`
              : ''
          }
          ${
            c.implementation.length
              ? html`<h2>Implementarea proiectelor</h2>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Proiect</th>
                        <th scope="col">Stare</th>
                        <th scope="col">Progres</th>
                        <th scope="col" class="num">Planificat</th>
                        <th scope="col" class="num">Angajat</th>
                        <th scope="col" class="num">Plătit</th>
                        <th scope="col">Perioada</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${c.implementation.map((x) => {
                        const p = titleOf.get(x.proposalId);
                        return html`<tr>
                          <td>${p ? `${p.code} — ${p.title}` : '—'}</td>
                          <td>${label(RO.projectStatus, x.status)}</td>
                          <td>${progressBar(x.progress, `Progresul proiectului ${p?.code ?? ''}`)}</td>
                          <td class="num">${fmtLei(x.planned)}</td>
                          <td class="num">${fmtLei(x.committed)}</td>
                          <td class="num">${fmtLei(x.paid)}</td>
                          <td>${fmtDate(x.startDate)} – ${x.completedOn ? fmtDate(x.completedOn) : fmtDate(x.endDate)}</td>
                        </tr> `;
                      })}
                    </tbody>
                  </table>`
              : ''
          }
          ${
            withAuthor.length
              ? html`<h2>Autori (cu acordul lor)</h2>
                  <ul>
                    ${withAuthor.map((p) => html`<li>${p.code}: ${p.author}</li>`)}
                  </ul>`
              : ''
          }`,
      });
    }
  },
};

// ---- open data -----------------------------------------------------------------------------------------

const DATA = 'date-deschise.html';
export const datasetPath = (slug: string) => `date-deschise/${slug}/index.html`;

const datasetsSection: SiteSection = {
  key: 'datasets',
  nav: { href: DATA, label: 'Date deschise' },
  include: () => true,
  async build(d, out) {
    const kinds: Record<string, string> = { csv: 'CSV (UTF-8)', csv_excel: 'CSV pentru Excel (UTF-8 cu BOM)', schema: 'Schema tabelului (Table Schema, JSON)' };
    out.page({
      path: DATA,
      title: 'Date deschise',
      section: DATA,
      body: html`<p class="lead">Seturile de date deschise publicate în cadrul planului, cu fișierele de descărcat și descrierea lor standard.</p>
        <p>Catalogul complet, în format DCAT-AP (JSON-LD), pentru portaluri și programe: <a href="catalog.jsonld">catalog.jsonld</a>.</p>
        ${
          d.datasets.length
            ? html`<table>
                <thead>
                  <tr>
                    <th scope="col">Set de date</th>
                    <th scope="col">Deținător</th>
                    <th scope="col">Actualizare</th>
                    <th scope="col">Licență</th>
                    <th scope="col">Ultima versiune</th>
                  </tr>
                </thead>
                <tbody>
                  ${d.datasets.map(
                    (x) =>
                      html`<tr>
                        <td><a href="${datasetPath(x.slug)}">${x.name}</a></td>
                        <td>${x.holder}</td>
                        <td>${label(RO.frequency, x.frequency)}</td>
                        <td>${x.licence.id}</td>
                        <td>${fmtDate(x.modified)}</td>
                      </tr> `,
                  )}
                </tbody>
              </table>`
            : html`<p>Niciun set de date nu este publicat încă.</p>`
        }`,
    });
    for (const x of d.datasets) {
      await breathe();
      const path = datasetPath(x.slug);
      for (const f of x.files) out.copy(f.sitePath, f.source);
      out.file(x.datapackage.sitePath, x.datapackage.content);
      const schema = x.files.find((f) => f.kind === 'schema');
      out.page({
        path,
        title: x.name,
        section: DATA,
        crumbs: [{ href: DATA, label: 'Date deschise' }],
        body: html`${x.description ? paragraphs(x.description) : ''}
          <h2>Descărcări</h2>
          <ul>
            ${x.files.map(
              (f) =>
                html`<li>
                  <a href="${rel(path, f.sitePath)}">${f.name}</a> — ${kinds[f.kind]}, ${fmtNumber(f.bytes / 1024, 1)} KB<br /><span class="muted"
                    >SHA-256: <code>${f.sha256}</code></span
                  >
                </li>`,
            )}
            <li><a href="${rel(path, x.datapackage.sitePath)}">datapackage.json</a> — descrierea pachetului de date (Frictionless Data Package)</li>
          </ul>
          <h2>Despre setul de date</h2>
          <dl class="facts">
            ${fact('Deținător', x.holder || '—')} ${fact('Frecvența actualizării', label(RO.frequency, x.frequency))}
            ${fact('Licență', html`<a href="${x.licence.url}">${x.licence.title}</a>`)} ${fact('Ultima versiune', fmtDate(x.modified))}
            ${x.issued ? fact('Publicat prima dată', fmtDate(x.issued)) : ''} ${x.keywords.length ? fact('Cuvinte cheie', x.keywords.join(', ')) : ''}
            ${x.spatial ? fact('Acoperire geografică', x.spatial) : ''}
            ${x.temporalStart || x.temporalEnd ? fact('Perioada acoperită', html`${fmtDate(x.temporalStart)} – ${fmtDate(x.temporalEnd)}`) : ''}
            ${x.hvdCategory ? fact('Set de date cu valoare ridicată', html`${label(RO.hvd, x.hvdCategory)} (Regulamentul de punere în aplicare (UE) 2023/138)`) : ''}
            ${x.contactEmail ? fact('Contact', html`<a href="mailto:${x.contactEmail}">${x.contactEmail}</a>`) : ''}
          </dl>`,
      });
      const node = buildDcatDataset({
        id: siteIri(d.site.siteUrl, `${path}#dataset`),
        title: x.name,
        description: x.description,
        language: 'ro',
        publisher: { name: d.site.publisher },
        contactPoint: x.contactEmail ? { name: x.holder || d.site.publisher, email: x.contactEmail } : undefined,
        keywords: x.keywords,
        theme: x.theme,
        spatial: x.spatial ? { label: x.spatial } : undefined,
        temporal: { start: x.temporalStart, end: x.temporalEnd },
        accrualPeriodicity: x.frequency,
        issued: x.issued,
        modified: x.modified,
        landingPage: siteIri(d.site.siteUrl, path),
        conformsTo: schema ? siteIri(d.site.siteUrl, schema.sitePath) : undefined,
        hvdCategory: x.hvdCategory,
        distributions: x.files
          .filter((f) => f.kind !== 'schema')
          .map((f) => ({
            id: siteIri(d.site.siteUrl, `${f.sitePath}#distribution`),
            title: `${x.name} (${kinds[f.kind]})`,
            accessURL: siteIri(d.site.siteUrl, f.sitePath),
            downloadURL: siteIri(d.site.siteUrl, f.sitePath),
            format: 'CSV',
            mediaType: 'text/csv',
            byteSize: f.bytes,
            sha256: f.sha256,
            licenceId: x.licence.id,
            conformsTo: schema ? siteIri(d.site.siteUrl, schema.sitePath) : undefined,
            modified: x.modified,
          })),
      });
      out.catalogue.datasets.push(...((node['@graph'] as object[]) ?? []));
    }
  },
};

// ---- accessibility statement and feedback --------------------------------------------------------------

const accessibilitySection: SiteSection = {
  key: 'accessibility',
  nav: { href: ACCESSIBILITY, label: 'Accesibilitate' },
  include: () => true,
  build(d, out) {
    out.page({
      path: ACCESSIBILITY,
      title: 'Declarația de accesibilitate',
      section: ACCESSIBILITY,
      body: html`<p>
          ${d.site.publisher} se angajează să facă acest site accesibil, conform standardului european EN 301 549 și Ghidului de accesibilitate a conținutului
          web (WCAG) 2.1, nivelul AA.
        </p>
        <h2>Stadiul conformității</h2>
        <p>
          Site-ul este construit din pagini HTML simple, cu o singură foaie de stil, și funcționează fără JavaScript. Tipurile de pagini ale site-ului sunt
          verificate automat cu axe-core în testele aplicației care îl generează, fără încălcări grave sau critice. Calendarele sunt desenate ca imagini SVG cu
          descriere text, iar aceleași date apar și în tabele.
        </p>
        <h2>Conținut care poate să nu fie accesibil</h2>
        <p>
          Documentele publicate ca dovezi (de exemplu fișiere PDF sau imagini primite de la parteneri) pot să nu îndeplinească toate cerințele de
          accesibilitate. Le puteți cere într-un format accesibil la adresa de mai jos.
        </p>
        <h2>Feedback și contact</h2>
        <p>
          Dacă întâmpinați dificultăți în folosirea site-ului, observați o greșeală sau doriți informațiile într-un alt format, scrieți-ne la
          <a href="mailto:${d.site.contactEmail}">${d.site.contactEmail}</a>. Vă răspundem în cel mult 30 de zile.
        </p>
        <h2>Cum a fost întocmită declarația</h2>
        <p>
          Declarația a fost actualizată la publicarea din
          <time datetime="${d.publicationDate.slice(0, 7)}">${fmtDate(d.publicationDate).split(' ').slice(1).join(' ')}</time>, pe baza testelor automate și a
          verificării manuale a navigării cu tastatura.
        </p>`,
    });
  },
};

/**
 * Every section of the site, in navigation order.
 */
export const SITE_SECTIONS: SiteSection[] = [
  planSection,
  indicatorsSection,
  evidenceSection,
  partnersSection,
  fundingSection,
  trainingSection,
  budgetingSection,
  datasetsSection,
  risksSection,
  accessibilitySection,
];
