import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { NUM_FMT, RAG_STYLES } from '../../electron/core/excel';
import { exportPlanWorkbook, SHEETS } from '../../electron/core/plan/export';
import { DEFAULT_RAG_SETTINGS } from '../../electron/core/plan/rag';

const TODAY = '2023-06-15';
const AT = '2023-01-01T08:00:00.000Z';
const row = (id: string) => ({ id, created_at: AT, updated_at: AT, updated_by: null, deleted_at: null });

async function seed(conn: Connection) {
  const { db } = conn;
  await db
    .insertInto('users')
    .values({ ...row('u1'), username: 'ana', display_name: 'Ana Popescu', role: 'member', password_hash: 'x', active: 1 })
    .execute();
  await db
    .insertInto('plans')
    .values({
      ...row('p1'),
      title: 'PLA Timișoara',
      vision: '',
      goal: '',
      strategic_directions: '[]',
      priorities: '[]',
      process: '',
      period_start: '2022-04-01',
      period_end: '2023-12-31',
    })
    .execute();
  const commitment = (id: string, code: string, title: string, start: string, end: string, extra: object = {}) => ({
    ...row(id),
    plan_id: 'p1',
    code,
    title,
    description: '',
    objective: '',
    problem: '',
    solution: '',
    actors: '',
    relevance_local: '',
    relevance_national: '',
    relevance_international: '',
    ogp_values: '[]',
    calendar_text: '',
    start_date: start,
    end_date: end,
    lead_institution: 'Primăria Timișoara',
    responsible_person: '',
    design_verifiable: null,
    design_potential: null,
    completion: null,
    opened_government: '{}',
    factors: '',
    lessons: '',
    weight: null,
    sort_order: Number(code.slice(1)),
    ...extra,
  });
  await db
    .insertInto('commitments')
    .values([
      commitment('c1', 'A1', 'Creșterea gradului de implicare civică', '2022-04-01', '2023-12-31', {
        completion: 'substantial',
        opened_government: JSON.stringify({ civic_participation: 'major', access_to_information: 'marginal' }),
      }),
      commitment('c2', 'A2', 'Transparență și date deschise', '2022-04-01', '2023-03-31'),
    ])
    .execute();
  const action = (
    id: string,
    commitment_id: string,
    code: string,
    start: string,
    end: string,
    status: 'in_progress' | 'done',
    progress: number,
    extra: object = {},
  ) => ({
    ...row(id),
    commitment_id,
    parent_id: null,
    code,
    title: `Acțiunea ${code}`,
    deliverable: '',
    planned_start: start,
    planned_end: end,
    actual_start: start,
    actual_end: status === 'done' ? end : null,
    responsible_org: 'Direcția Comunicare',
    responsible_person: '',
    status,
    progress,
    weight: null,
    blockers: '',
    sort_order: 0,
    ...extra,
  });
  await db
    .insertInto('actions')
    .values([
      action('a1', 'c1', 'A1.1', '2022-04-01', '2022-12-31', 'in_progress', 40), // end passed unfinished: late
      action('a2', 'c1', 'A1.2', '2023-01-01', '2023-12-31', 'in_progress', 50), // updated recently: on track
      action('a3', 'c2', 'A2.1', '2022-04-01', '2023-03-31', 'done', 100, { weight: 2.5 }), // complete
      action('a4', 'c2', 'A2.2', '2022-04-01', '2023-03-31', 'in_progress', 10, { deleted_at: AT }), // deleted: not exported
    ])
    .execute();
  const indicator = (id: string, commitment_id: string, code: string, type: 'ratio' | 'cumulative', target: number, extra: object = {}) => ({
    ...row(id),
    commitment_id,
    code,
    name: `Indicatorul ${code}`,
    unit: '',
    type,
    direction: 'increase' as const,
    baseline: null,
    baseline_date: null,
    target,
    denominator: null,
    denominator_source: '',
    denominator_year: null,
    counting_rule: `Regula ${code}`,
    data_source: '',
    frequency: '',
    responsible_department: '',
    sort_order: 0,
    ...extra,
  });
  await db
    .insertInto('indicators')
    .values([
      // 3 % of the population (250,000) take part: 5,000 people = 2 % = 66.7 % of the target.
      indicator('i1', 'c1', 'I1.1', 'ratio', 3, { denominator: 250_000, denominator_source: 'INS', denominator_year: 2021, unit: '%' }),
      indicator('i2', 'c2', 'I2.1', 'cumulative', 10, { unit: 'seturi de date' }),
    ])
    .execute();
  const m = (id: string, indicator_id: string, date: string, value: number) => ({ ...row(id), indicator_id, date, value, period: null, note: '' });
  await db
    .insertInto('measurements')
    .values([m('m1', 'i1', '2023-02-01', 2_500), m('m2', 'i1', '2023-05-01', 5_000), m('m3', 'i2', '2022-10-01', 4), m('m4', 'i2', '2023-03-01', 10)])
    .execute();
  await db
    .insertInto('progress_updates')
    .values({
      ...row('pu1'),
      created_at: '2023-06-01T09:15:00.000Z',
      action_id: 'a2',
      date: '2023-06-01',
      progress: 50,
      status: 'in_progress',
      note: 'Consultare publică încheiată',
      author_id: 'u1',
    })
    .execute();
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
/** Row whose first cell shows `code`. */
const rowOf = (ws: ExcelJS.Worksheet, code: string) => {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, 1).text === code) return ws.getRow(r);
  throw new Error(`no row ${code} in ${ws.name}`);
};
const cellBy = (ws: ExcelJS.Worksheet, r: ExcelJS.Row, header: string) => {
  const i = headers(ws).indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${ws.name}`);
  return r.getCell(i + 1);
};

let dir: string;
let conn: Connection;
let wb: ExcelJS.Workbook;
const progress: number[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-export-'));
  conn = openDatabase(path.join(dir, 'test.db'));
  await migrateToLatest(conn);
  await seed(conn);
  const out = path.join(dir, 'exports', 'plan.xlsx');
  await exportPlanWorkbook(conn.db, out, { today: TODAY, settings: DEFAULT_RAG_SETTINGS, onProgress: (f) => progress.push(f) });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
});
afterAll(async () => {
  await conn?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('exportPlanWorkbook', () => {
  it('writes the key figures, then the five plan sheets in order, each with a frozen header and a filter', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cifre-cheie', 'Angajamente', 'Acțiuni', 'Indicatori', 'Actualizări', 'Măsurători']);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toMatch(/^A1:[A-Z]+\d+$/);
    }
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('uses Romanian headers with comma-below ș and ț only', () => {
    const all = wb.worksheets.flatMap((ws) => headers(ws) as string[]).join('|');
    expect(all).not.toMatch(/[şţŞŢ]/);
    expect(headers(wb.getWorksheet(SHEETS.commitments)!).slice(0, 9)).toEqual([
      'Cod',
      'Angajament',
      'Început',
      'Sfârșit',
      'Progres',
      'Progres așteptat',
      'Stare',
      'Nivel de finalizare (IRM)',
      'A deschis guvernarea?',
    ]);
    expect(headers(wb.getWorksheet(SHEETS.actions)!).slice(0, 14)).toEqual([
      'Cod',
      'Acțiune',
      'Angajament',
      'Responsabil',
      'Început planificat',
      'Sfârșit planificat',
      'Început efectiv',
      'Sfârșit efectiv',
      'Stare',
      'Progres',
      'Progres așteptat',
      'Pondere',
      'Ultima actualizare',
      'RAG',
    ]);
    // The e2e test relies on this order.
    expect(headers(wb.getWorksheet(SHEETS.indicators)!).slice(0, 11)).toEqual([
      'Cod',
      'Indicator',
      'Angajament',
      'Tip',
      'Unitate',
      'Valoare curentă',
      'Țintă',
      '% din țintă',
      'Stare',
      'Data ultimei măsurători',
      'Regula de numărare',
    ]);
  });

  it('commitments: roll-up, RAG label and fill, IRM levels', () => {
    const ws = wb.getWorksheet(SHEETS.commitments)!;
    expect(ws.rowCount).toBe(3);
    const a1 = rowOf(ws, 'A1');
    expect(cellBy(ws, a1, 'Început').value).toEqual(new Date('2022-04-01T00:00:00Z'));
    expect(cellBy(ws, a1, 'Progres').value).toBeCloseTo(0.45, 10); // (40 + 50) / 2 points
    expect(cellBy(ws, a1, 'Progres').numFmt).toBe('0%'); // whole: printed without a decimal, as the app shows "45 %"
    const stare = cellBy(ws, a1, 'Stare');
    expect(stare.value).toBe('La risc'); // 45 % done, ~69 % of the time gone
    expect(fillOf(stare)).toBe(RAG_STYLES.at_risk.fill);
    expect(cellBy(ws, a1, 'Nivel de finalizare (IRM)').value).toBe('Substanțial');
    expect(cellBy(ws, a1, 'A deschis guvernarea?').value).toBe('Acces la informație: Marginal; Participare civică: Major');
    const a2 = rowOf(ws, 'A2');
    expect(cellBy(ws, a2, 'Stare').value).toBe('Finalizat');
    expect(fillOf(cellBy(ws, a2, 'Stare'))).toBe(RAG_STYLES.complete.fill);
  });

  it('actions: late action in red, status label, link to its commitment, deleted action left out', () => {
    const ws = wb.getWorksheet(SHEETS.actions)!;
    expect(ws.rowCount).toBe(4);
    expect(() => rowOf(ws, 'A2.2')).toThrow();
    const late = rowOf(ws, 'A1.1');
    const rag = cellBy(ws, late, 'RAG');
    expect(rag.value).toBe('Întârziat');
    expect(fillOf(rag)).toBe(RAG_STYLES.late.fill);
    expect(cellBy(ws, late, 'Stare').value).toBe('În desfășurare');
    expect(cellBy(ws, late, 'Progres').value).toBeCloseTo(0.4, 10);
    expect(cellBy(ws, late, 'Progres așteptat').value).toBe(1);
    expect(cellBy(ws, late, 'Sfârșit planificat').value).toEqual(new Date('2022-12-31T00:00:00Z'));
    expect(cellBy(ws, late, 'Sfârșit efectiv').value).toBeNull();
    const link = cellBy(ws, late, 'Angajament');
    expect(link.text).toBe('A1');
    expect(link.hyperlink).toBe("#'Angajamente'!A2");

    const onTrack = rowOf(ws, 'A1.2');
    expect(cellBy(ws, onTrack, 'RAG').value).toBe('Conform planului');
    expect(fillOf(cellBy(ws, onTrack, 'RAG'))).toBe(RAG_STYLES.on_track.fill);
    expect(cellBy(ws, onTrack, 'Ultima actualizare').value).toEqual(new Date('2023-06-01T00:00:00Z'));

    const done = rowOf(ws, 'A2.1');
    expect(cellBy(ws, done, 'Stare').value).toBe('Realizat');
    expect(cellBy(ws, done, 'Pondere').value).toBe(2.5);
    expect(cellBy(ws, done, 'Angajament').hyperlink).toBe("#'Angajamente'!A3");
  });

  it('indicators: a ratio shows the percentage as its current value', () => {
    const ws = wb.getWorksheet(SHEETS.indicators)!;
    const ratio = rowOf(ws, 'I1.1');
    expect(cellBy(ws, ratio, 'Tip').value).toBe('Raport (procent)');
    expect(cellBy(ws, ratio, 'Valoare curentă').value).toBe(2); // 5,000 / 250,000
    expect(cellBy(ws, ratio, 'Țintă').value).toBe(3);
    expect(cellBy(ws, ratio, '% din țintă').value).toBeCloseTo(0.667, 10); // 66,7 %: rounded once, as every output shows it
    expect(cellBy(ws, ratio, '% din țintă').numFmt).toBe(NUM_FMT.percent);
    expect(cellBy(ws, ratio, 'Stare').value).toBe('Conform planului');
    expect(fillOf(cellBy(ws, ratio, 'Stare'))).toBe(RAG_STYLES.on_track.fill);
    expect(cellBy(ws, ratio, 'Data ultimei măsurători').value).toEqual(new Date('2023-05-01T00:00:00Z'));
    expect(cellBy(ws, ratio, 'Regula de numărare').value).toBe('Regula I1.1');
    expect(cellBy(ws, ratio, 'Valoare măsurată').value).toBe(5000);

    const count = rowOf(ws, 'I2.1');
    expect(cellBy(ws, count, 'Valoare curentă').value).toBe(10);
    expect(cellBy(ws, count, 'Valoare curentă').numFmt).toBe('#,##0');
    expect(cellBy(ws, count, '% din țintă').value).toBe(1);
    expect(cellBy(ws, count, 'Stare').value).toBe('Finalizat');
    expect(fillOf(cellBy(ws, count, 'Stare'))).toBe(RAG_STYLES.complete.fill);
  });

  it('progress updates and the measurement history', () => {
    const us = wb.getWorksheet(SHEETS.updates)!;
    expect(us.rowCount).toBe(2);
    const u = us.getRow(2);
    expect(u.getCell(1).text).toBe('A1.2');
    expect(u.getCell(1).hyperlink).toBe("#'Acțiuni'!A3");
    expect(cellBy(us, u, 'Data').value).toEqual(new Date('2023-06-01T00:00:00Z'));
    expect(cellBy(us, u, 'Progres').value).toBeCloseTo(0.5, 10);
    expect(cellBy(us, u, 'Notă').value).toBe('Consultare publică încheiată');
    expect(cellBy(us, u, 'Autor').value).toBe('Ana Popescu');
    // 09:15 UTC in June is 12:15 in Timișoara (EEST)
    expect((cellBy(us, u, 'Înregistrat la').value as Date).toISOString()).toBe('2023-06-01T12:15:00.000Z');

    const ms = wb.getWorksheet(SHEETS.measurements)!;
    const rows = [2, 3, 4, 5].map((r) => ms.getRow(r));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(['I1.1', 'I1.1', 'I2.1', 'I2.1']);
    expect(rows.map((r) => (r.getCell(2).value as Date).toISOString().slice(0, 10))).toEqual(['2023-02-01', '2023-05-01', '2022-10-01', '2023-03-01']);
    expect(rows.map((r) => cellBy(ms, r, 'Valoare măsurată').value)).toEqual([2500, 5000, 4, 10]);
    expect(rows.map((r) => cellBy(ms, r, 'Valoare comparabilă').value)).toEqual([1, 2, 4, 10]);
  });

  it('a cancelled export leaves no file', async () => {
    const out = path.join(dir, 'exports', 'cancelled.xlsx');
    const ctl = new AbortController();
    const err = await exportPlanWorkbook(conn.db, out, {
      today: TODAY,
      settings: DEFAULT_RAG_SETTINGS,
      signal: ctl.signal,
      onProgress: (f) => f > 0.3 && ctl.abort(),
    }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  });
});
