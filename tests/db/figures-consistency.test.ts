import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureNumFmt, formatFigure, formatFigurePercent, NO_DATA_TEXT } from '../../electron/contract';
import type { Core } from '../../electron/core';
import { ASSESSMENT_SHEETS } from '../../electron/core/reports/assessments-excel';
import { freshCore, ok, signIn } from './helpers';

/**
 * One truth for every figure. A coordinator records a few updates on the seed plan (some actions late, one
 * at risk, one without a recent update, indicators measured by hand, computed from the training register,
 * or never measured at all); then every output that shows a figure — the API the dashboard and the progress
 * report draw, the plan export, the report pack, the OGP assessments workbook and the public site — must show
 * the same text for it, rounded by the one display rule. Each figure's row of the table below is printed.
 */

const NOW = new Date('2023-06-15T09:00:00Z');
const NO_DATA = NO_DATA_TEXT.ro;
type Conn = Awaited<ReturnType<typeof signIn>>;

async function plantPlan() {
  const env = await freshCore({ now: () => NOW });
  const { core } = env;
  const coord = await signIn(core, 'coordinator');
  const actions = await ok(core, 'plan.listActions', {}, coord);
  const action = (c: string) => actions.find((a) => a.code === c)!;
  const indicators = await ok(core, 'plan.listIndicators', {}, coord);
  const indicator = (c: string) => indicators.find((i) => i.code === c)!;
  const update = (code: string, date: string, progress: number) =>
    ok(core, 'plan.addProgressUpdate', { actionId: action(code).id, date, progress, note: `Actualizare ${code}` }, coord);

  // A2 ended on 2022-12-31: its unfinished actions are late; A2.1 was finished, A2.2 stopped at 35 %.
  await update('A2.1', '2023-05-02', 100);
  await update('A2.2', '2023-05-03', 35);
  // A1 runs to 2023-12-31 (about 69 % elapsed): A1.1 at 7 % is at risk, A1.3 at 72 % is on track.
  await update('A1.1', '2023-06-01', 7);
  await update('A1.3', '2023-06-05', 72);
  // A3.1 is ahead of schedule but its last update is five months old: no data.
  await update('A3.1', '2023-01-10', 90);
  await update('A4.3', '2023-06-10', 71);

  // Indicators measured by hand: fractions of their targets.
  const measure = (code: string, value: number, date: string) => ok(core, 'plan.addMeasurement', { indicatorId: indicator(code).id, date, value }, coord);
  await measure('I1.3', 1, '2023-06-02'); // 1 of 3 working groups: 33,3 %
  await measure('I1.4', 3500, '2023-06-03'); // 3,500 of 250,849 people = 1,395 % of a 3 % target: 46,5 %
  await measure('I2.1', 2, '2023-05-20');

  // Computed from the training register: one employee trained for A4.3 (I4.3); nobody yet for A1.2 (I1.2).
  const p = await ok(core, 'training.saveProgramme', { name: 'Guvernare deschisă', actionId: action('A4.3').id }, coord);
  const s = await ok(
    core,
    'training.saveSession',
    { programmeId: p.id, title: 'Modul 1', targetGroup: 'civil_servants', startDate: '2023-05-10', hours: 8, cost: 0 },
    coord,
  );
  const ana = await ok(core, 'training.savePerson', { name: 'Ana Popescu', category: 'civil_servant' }, coord);
  await ok(core, 'training.saveAttendance', { sessionId: s.id, personId: ana.id, hoursAttended: 8, completed: true }, coord);

  await ok(
    core,
    'publishing.saveSiteSettings',
    {
      siteUrl: '',
      contactEmail: 'transparenta@primariatm.example',
      publisher: 'Primăria Municipiului Timișoara',
      riskSummary: false,
      evidenceFiles: false,
      expectedUpdatedAt: null,
    },
    coord,
  );
  return { ...env, coord };
}

async function workbook(core: Core, dataDir: string, method: 'plan.exportExcel' | 'reports.exportExcel' | 'reports.assessments.exportExcel', conn: Conn) {
  const { jobId } = await ok(core, method, {}, conn);
  const job = await core.waitForJob(jobId);
  expect(job.status, job.error?.message).toBe('done');
  const { fileId } = job.result as { fileId: string };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dataDir, 'exports', `${fileId}.xlsx`));
  return wb;
}

/** A sheet read as the reader sees it: rows by the value of a key column, cells by header. */
function table(wb: ExcelJS.Workbook, name: string, key: string) {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = (h: string) => {
    const n = headers.indexOf(h);
    if (n < 1) throw new Error(`${name}: no column ${h} in ${headers.join(' | ')}`);
    return n;
  };
  const text = (v: ExcelJS.CellValue) => (v && typeof v === 'object' && 'text' in v ? String(v.text) : String(v ?? ''));
  const rows = new Map<string, ExcelJS.Row>();
  ws.eachRow((r, n) => {
    if (n > 1) rows.set(text(r.getCell(col(key)).value), r);
  });
  return {
    cell(k: string, h: string) {
      const r = rows.get(k);
      if (!r) throw new Error(`${name}: no row ${k}`);
      return r.getCell(col(h));
    },
  };
}

/** What a percent cell shows: its number in the app's words, and a format that prints it the same way. */
function percentCell(c: ExcelJS.Cell): string {
  if (c.value == null || c.value === '') return NO_DATA;
  const points = Number(c.value) * 100;
  expect(c.numFmt, `format of ${c.address}`).toBe(figureNumFmt(points, 'percent'));
  return formatFigurePercent(points);
}
function numberCell(c: ExcelJS.Cell): string {
  if (c.value == null || c.value === '') return NO_DATA;
  expect(c.numFmt, `format of ${c.address}`).toBe(figureNumFmt(Number(c.value), 'number'));
  return formatFigure(Number(c.value));
}

const strip = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, '\u00a0')
    .trim();

describe('every output shows the same figures', () => {
  it('the dashboard, the progress report, the plan export, the report pack, the OGP assessments and the public site agree', async () => {
    const { core, coord, dataDir } = await plantPlan();

    // ── the API: what the dashboard and the progress report draw
    const d = await ok(core, 'plan.dashboard', {}, coord);
    const r = await ok(core, 'reports.progress', {}, coord);
    const listed = await ok(core, 'plan.listIndicators', {}, coord);
    const assessments = await ok(core, 'reports.assessments', {}, coord);

    // ── the workbooks and the site
    const plan = await workbook(core, dataDir, 'plan.exportExcel', coord);
    const pack = await workbook(core, dataDir, 'reports.exportExcel', coord);
    const ogp = await workbook(core, dataDir, 'reports.assessments.exportExcel', coord);
    const { jobId } = await ok(core, 'publishing.buildSite', { publicationDate: '2023-06-15' }, coord);
    const built = await core.waitForJob(jobId);
    expect(built.status, built.error?.message).toBe('done');
    const site = (p: string) => fs.readFileSync(path.join(dataDir, 'site', p), 'utf8');
    const home = site('index.html');

    const planKey = table(plan, 'Cifre-cheie', 'Cifra');
    const packKey = table(pack, 'Cifre-cheie', 'Cifra');
    const rows: Array<[string, Record<string, string>]> = [];
    const figure = (name: string, outputs: Record<string, string>) => rows.push([name, outputs]);

    // Overall progress.
    const ariaOf = (html: string, label: string) => {
      const m = new RegExp(`aria-label="${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ([^"]+)"`).exec(html);
      return m ? m[1].replace(/ %$/, '\u00a0%') : `(not on the page: ${label})`;
    };
    figure('Progres general', {
      dashboard: formatFigurePercent(d.figures.overallProgress),
      'raport de progres': formatFigurePercent(r.overallProgress),
      'export plan': percentCell(planKey.cell('Progresul general al planului', 'Valoare')),
      'pachet raport': percentCell(packKey.cell('Progresul general al planului', 'Valoare')),
      site: ariaOf(home, 'Progresul planului'),
    });

    // Late, at risk, no data: the dashboard's tags, its sentence and its lists, the report, both workbooks, the site.
    const siteCount = (key: string) => new RegExp(`data-figure="${key}"><strong>(\\d+)</strong>`).exec(home)?.[1] ?? '(absent)';
    for (const [name, key, rag, label, siteKey] of [
      ['Întârziate', 'late', 'late', 'Acțiuni și indicatori întârziați', 'late'],
      ['La risc', 'atRisk', 'at_risk', 'Acțiuni și indicatori la risc', 'at_risk'],
      ['Fără date recente', 'noData', 'no_data', 'Acțiuni și indicatori fără date recente', 'no_data'],
    ] as const)
      figure(name, {
        'dashboard (etichetă)': String(d.figures.itemRag[rag]),
        'dashboard (text)': String(d.figures.counts[key]),
        'dashboard (listă)': String(d.figures[key].length),
        'raport de progres': String(r.counts[key]),
        'export plan': numberCell(planKey.cell(label, 'Valoare')),
        'pachet raport': numberCell(packKey.cell(label, 'Valoare')),
        site: siteCount(siteKey),
      });

    // Progress per commitment.
    const planC = table(plan, 'Angajamente', 'Cod');
    const packC = table(pack, 'Angajamente', 'Cod');
    const packSum = table(pack, 'Sumar', 'Cod');
    const ogpEnd = table(ogp, ASSESSMENT_SHEETS.end, 'Cod');
    for (const c of d.commitments)
      figure(`Progres ${c.code}`, {
        dashboard: formatFigurePercent(c.progress),
        'raport de progres': formatFigurePercent(r.commitments.find((x) => x.code === c.code)!.progress),
        'evaluări OGP (API)': formatFigurePercent(assessments.find((x) => x.code === c.code)!.end.progress),
        'export plan': percentCell(planC.cell(c.code, 'Progres')),
        'pachet raport': percentCell(packC.cell(c.code, 'Progres')),
        'pachet raport (Sumar)': percentCell(packSum.cell(c.code, '% din țintă')),
        'evaluări OGP (Excel)': percentCell(ogpEnd.cell(c.code, 'Progres')),
        site: ariaOf(home, `Progresul angajamentului ${c.code}`),
      });

    // Each indicator's value and % of target; an unmeasured one says "Fără date" everywhere.
    const planI = table(plan, 'Indicatori', 'Cod');
    const packI = table(pack, 'Indicatori', 'Cod');
    const siteFact = (html: string, dt: string) => {
      const m = new RegExp(`<dt>${dt}</dt><dd>(.*?)</dd>`, 's').exec(html);
      return m ? strip(m[1]) : `(no ${dt})`;
    };
    for (const i of d.indicators) {
      const page = site(`indicatori/${i.code.toLowerCase().replace(/\./g, '-')}.html`);
      const unitless = (s: string) =>
        s
          .replace(/ \(.*$/, '')
          .trim()
          .replace(new RegExp(` ${(listed.find((x) => x.id === i.id)!.unit || '\u0000').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), '');
      if (i.type !== 'milestone')
        figure(`Valoare ${i.code}`, {
          dashboard: formatFigure(i.value),
          'raport de progres': formatFigure(r.indicators.find((x) => x.code === i.code)!.current),
          'listă indicatori': formatFigure(listed.find((x) => x.id === i.id)!.latest?.comparable ?? null),
          'export plan': numberCell(planI.cell(i.code, 'Valoare curentă')),
          'pachet raport': numberCell(packI.cell(i.code, 'Valoare curentă')),
          'pachet raport (Sumar)': numberCell(packSum.cell(i.code, 'Valoare curentă')),
          site: unitless(siteFact(page, 'Ultima valoare')),
        });
      figure(`% din țintă ${i.code}`, {
        dashboard: formatFigurePercent(i.percentOfTarget),
        'raport de progres': formatFigurePercent(r.indicators.find((x) => x.code === i.code)!.percentOfTarget),
        'export plan': percentCell(planI.cell(i.code, '% din țintă')),
        'pachet raport': percentCell(packI.cell(i.code, '% din țintă')),
        'pachet raport (Sumar)': percentCell(packSum.cell(i.code, '% din țintă')),
        site: siteFact(page, 'Față de țintă'),
      });
    }

    // The table of figures → value in each output (printed for the record), then the agreement itself.
    const lines = rows.map(
      ([name, o]) =>
        `${name.padEnd(22)} ${Object.entries(o)
          .map(([k, v]) => `${k}: ${v}`)
          .join(' · ')}`,
    );
    console.log(`figures on ${d.today}\n${lines.join('\n')}`);
    const disagreements = rows.filter(([, o]) => new Set(Object.values(o)).size !== 1).map(([name, o]) => `${name}: ${JSON.stringify(o)}`);
    expect(disagreements).toEqual([]);

    // The planted situation is what the figures say (so agreement is not agreement on nothing).
    expect(d.figures.late.map((x) => x.code)).toEqual(expect.arrayContaining(['A2.2', 'A2.3']));
    expect(d.figures.late.map((x) => x.code)).not.toContain('A2.1');
    expect(d.figures.atRisk.map((x) => x.code)).toContain('A1.1');
    expect(d.figures.noData.map((x) => x.code)).toEqual(expect.arrayContaining(['A3.1', 'I1.2']));
    expect(formatFigurePercent(d.indicators.find((x) => x.code === 'I1.4')!.percentOfTarget)).toBe('46,5\u00a0%');
    expect(formatFigurePercent(d.indicators.find((x) => x.code === 'I1.3')!.percentOfTarget)).toBe('33,3\u00a0%');
    expect(d.figures.overallProgress % 1).not.toBe(0);
  });

  it('an indicator computed from a register with no record says "Fără date": no value, no date, not 0 measured today', async () => {
    const { core, coord, dataDir } = await plantPlan();
    const i12 = (await ok(core, 'plan.listIndicators', {}, coord)).find((i) => i.code === 'I1.2')!;
    expect(i12.latest).toBeNull();
    expect(i12.percentOfTarget).toBeNull();
    expect(i12.rag).toBe('no_data');
    const di = (await ok(core, 'plan.dashboard', {}, coord)).indicators.find((i) => i.code === 'I1.2')!;
    expect(di).toMatchObject({ value: null, percentOfTarget: null, lastDate: null, rag: 'no_data' });
    expect(formatFigure(di.value)).toBe('Fără date');
    const rec = await ok(core, 'plan.indicatorRecords', { id: i12.id }, coord);
    expect(rec).toMatchObject({ value: null, records: [] });

    // The computed indicator that has a record is dated by it, not by today.
    const i43 = (await ok(core, 'plan.listIndicators', {}, coord)).find((i) => i.code === 'I4.3')!;
    expect(i43.latest).toMatchObject({ value: 1, date: '2023-05-10' });

    // Every other source with no record at all: none shows 0.
    for (const code of ['I1.7', 'I2.6', 'I2.7', 'I3.3', 'I3.5', 'I4.5']) {
      const i = (await ok(core, 'plan.listIndicators', {}, coord)).find((x) => x.code === code)!;
      expect([code, i.latest]).toEqual([code, null]);
    }

    const plan = await workbook(core, dataDir, 'plan.exportExcel', coord);
    const row = table(plan, 'Indicatori', 'Cod');
    expect(row.cell('I1.2', 'Valoare curentă').value).toBeNull();
    expect(row.cell('I1.2', 'Data ultimei măsurători').value).toBeNull();
    expect(row.cell('I1.2', 'Stare').value).toBe('Fără date');
  });
});
