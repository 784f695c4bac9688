import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/plan';
import {
  figureNumFmt,
  OGP_VALUES,
  roundFigure,
  roundFigureOrNull,
  type OgpValue,
  type OpenedGovernmentLevel,
  type PlanFigures,
  type Rag,
} from '../../contract';
import { sheetLink, writeWorkbook, type ColumnSpec, type Link, type WorkbookBuilder, type WriteResult } from '../excel';
import { PLAN_LABELS_RO as RO } from './labels';
import type { RagSettings } from './rag';
import { comparableValue } from './rag';
import { computePlanState, type PlanState } from './state';

/**
 * The coordinators' Excel report of the plan: one workbook — the key figures, then five sheets — Romanian headers
 * and labels. Figures come from computePlanState (and its plan figures), rounded by the one display rule
 * (contract/figures.ts), so the workbook agrees with the dashboard, the report and the site.
 */

export const SHEETS = {
  figures: 'Cifre-cheie',
  commitments: 'Angajamente',
  actions: 'Acțiuni',
  indicators: 'Indicatori',
  updates: 'Actualizări',
  measurements: 'Măsurători',
} as const;

/** The plan's Romanian labels, the same in every export and on the public site (./labels). */
export { RO };

export interface ExportPlanOptions {
  /** YYYY-MM-DD: the day RAG and expected progress are computed for. */
  today: string;
  settings: RagSettings;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message?: string) => void;
  /** The workbook writer (default: the streaming one); the benchmark passes writeWorkbookInMemory as its baseline. */
  writer?: typeof writeWorkbook;
}

/** Whole counts without decimals, other values with up to three (values typed by hand: weights, raw measurements). */
const numberFormat = (v: number | null | undefined) => (v != null && !Number.isInteger(v) ? '#,##0.0##' : '#,##0');

/**
 * A plan figure's cell (progress, expected progress, an indicator's value and % of target): the displayed number
 * of the one rounding rule (contract/figures.ts) with the format that prints it as the app and the site do.
 */
export function figureColumn<T>(key: keyof T & string, header: string, kind: 'percent' | 'number', more: Partial<ColumnSpec<T>> = {}): ColumnSpec<T> {
  return { key, header, type: kind === 'percent' ? 'percent' : 'decimal', numFmt: (r) => figureNumFmt(r[key] as number | null, kind), ...more };
}
export { roundFigure, roundFigureOrNull };

interface CommitmentRow {
  code: string;
  title: string;
  start: string | null;
  end: string | null;
  progress: number;
  expected: number;
  ragLabel: string;
  rag: Rag;
  completion: string;
  openedGovernment: string;
  lead: string;
  actionCount: number;
  indicatorCount: number;
}

interface ActionRow {
  code: string;
  title: string;
  commitment: Link | string;
  responsible: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  status: string;
  progress: number;
  expected: number;
  weight: number | null;
  lastUpdate: string | null;
  ragLabel: string;
  rag: Rag;
  deliverable: string;
}

interface IndicatorRow {
  code: string;
  name: string;
  commitment: string;
  type: string;
  unit: string;
  current: number | null;
  target: number;
  percent: number | null;
  ragLabel: string;
  rag: Rag;
  lastDate: string | null;
  countingRule: string;
  measured: number | null;
  denominator: number | null;
  dataSource: string;
  frequency: string;
  department: string;
}

interface UpdateRow {
  action: Link | string;
  actionTitle: string;
  date: string;
  progress: number;
  status: string;
  note: string;
  author: string;
  recordedAt: string;
}

interface MeasurementRow {
  indicator: string;
  date: string;
  period: string;
  value: number;
  comparable: number;
  note: string;
  recordedAt: string;
}

const COMMITMENT_COLUMNS: ColumnSpec<CommitmentRow>[] = [
  { key: 'code', header: 'Cod', width: 8 },
  { key: 'title', header: 'Angajament', width: 50, wrap: true },
  { key: 'start', header: 'Început', type: 'date' },
  { key: 'end', header: 'Sfârșit', type: 'date' },
  figureColumn('progress', 'Progres', 'percent'),
  figureColumn('expected', 'Progres așteptat', 'percent'),
  { key: 'ragLabel', header: 'Stare', width: 18, rag: 'rag' },
  { key: 'completion', header: 'Nivel de finalizare (IRM)', width: 22 },
  { key: 'openedGovernment', header: 'A deschis guvernarea?', width: 40, wrap: true },
  { key: 'lead', header: 'Instituție responsabilă', width: 30 },
  { key: 'actionCount', header: 'Acțiuni', type: 'int', width: 9 },
  { key: 'indicatorCount', header: 'Indicatori', type: 'int', width: 10 },
];

const ACTION_COLUMNS: ColumnSpec<ActionRow>[] = [
  { key: 'code', header: 'Cod', width: 10 },
  { key: 'title', header: 'Acțiune', width: 50, wrap: true },
  { key: 'commitment', header: 'Angajament', width: 11 },
  { key: 'responsible', header: 'Responsabil', width: 30 },
  { key: 'plannedStart', header: 'Început planificat', type: 'date' },
  { key: 'plannedEnd', header: 'Sfârșit planificat', type: 'date' },
  { key: 'actualStart', header: 'Început efectiv', type: 'date' },
  { key: 'actualEnd', header: 'Sfârșit efectiv', type: 'date' },
  { key: 'status', header: 'Stare', width: 15 },
  figureColumn('progress', 'Progres', 'percent'),
  figureColumn('expected', 'Progres așteptat', 'percent'),
  { key: 'weight', header: 'Pondere', type: 'decimal', width: 9, numFmt: (r) => numberFormat(r.weight) },
  { key: 'lastUpdate', header: 'Ultima actualizare', type: 'date' },
  { key: 'ragLabel', header: 'RAG', width: 18, rag: 'rag' },
  { key: 'deliverable', header: 'Livrabil', width: 40, wrap: true },
];

/** The first nine columns are relied on by the e2e test: keep their order. */
const INDICATOR_COLUMNS: ColumnSpec<IndicatorRow>[] = [
  { key: 'code', header: 'Cod', width: 9 },
  { key: 'name', header: 'Indicator', width: 50, wrap: true },
  { key: 'commitment', header: 'Angajament', width: 11 },
  { key: 'type', header: 'Tip', width: 18 },
  { key: 'unit', header: 'Unitate', width: 14 },
  figureColumn('current', 'Valoare curentă', 'number', { width: 12 }),
  { key: 'target', header: 'Țintă', type: 'decimal', width: 10, numFmt: (r) => numberFormat(r.target) },
  figureColumn('percent', '% din țintă', 'percent', { width: 11 }),
  { key: 'ragLabel', header: 'Stare', width: 18, rag: 'rag' },
  { key: 'lastDate', header: 'Data ultimei măsurători', type: 'date', width: 14 },
  { key: 'countingRule', header: 'Regula de numărare', width: 50, wrap: true },
  { key: 'measured', header: 'Valoare măsurată', type: 'decimal', width: 12, numFmt: (r) => numberFormat(r.measured) },
  { key: 'denominator', header: 'Numitor (raport)', type: 'decimal', width: 12, numFmt: (r) => numberFormat(r.denominator) },
  { key: 'dataSource', header: 'Sursa datelor', width: 30 },
  { key: 'frequency', header: 'Frecvență', width: 12 },
  { key: 'department', header: 'Departament responsabil', width: 30 },
];

const UPDATE_COLUMNS: ColumnSpec<UpdateRow>[] = [
  { key: 'action', header: 'Acțiune', width: 10 },
  { key: 'actionTitle', header: 'Titlul acțiunii', width: 45 },
  { key: 'date', header: 'Data', type: 'date' },
  { key: 'progress', header: 'Progres', type: 'percent' },
  { key: 'status', header: 'Stare', width: 15 },
  { key: 'note', header: 'Notă', width: 50, wrap: true },
  { key: 'author', header: 'Autor', width: 22 },
  { key: 'recordedAt', header: 'Înregistrat la', type: 'datetime' },
];

const MEASUREMENT_COLUMNS: ColumnSpec<MeasurementRow>[] = [
  { key: 'indicator', header: 'Indicator', width: 10 },
  { key: 'date', header: 'Data', type: 'date' },
  { key: 'period', header: 'Perioadă', width: 10 },
  { key: 'value', header: 'Valoare măsurată', type: 'decimal', width: 12, numFmt: (r) => numberFormat(r.value) },
  figureColumn('comparable', 'Valoare comparabilă', 'number', { width: 12 }),
  { key: 'note', header: 'Notă', width: 40, wrap: true },
  { key: 'recordedAt', header: 'Înregistrat la', type: 'datetime' },
];

interface KeyFigureRow {
  figure: string;
  value: number;
  kind: 'percent' | 'number';
}

/** Percent rows hold fractions (0.014 shows 1,4 %), counts whole numbers, each with the one display rule's format. */
const KEY_FIGURE_COLUMNS: ColumnSpec<KeyFigureRow>[] = [
  { key: 'figure', header: 'Cifra', width: 55 },
  {
    key: 'value',
    header: 'Valoare',
    type: 'decimal',
    width: 14,
    numFmt: (r) => (r.kind === 'percent' ? figureNumFmt(r.value * 100, 'percent') : figureNumFmt(r.value, 'number')),
  },
];

/** The plan-level figures (core's plan/figures.ts) as the dashboard and the site show them: the same labels, the same numbers. */
export const KEY_FIGURES_RO = {
  overallProgress: 'Progresul general al planului',
  overallExpected: 'Progresul așteptat la această dată',
  late: 'Acțiuni și indicatori întârziați',
  atRisk: 'Acțiuni și indicatori la risc',
  noData: 'Acțiuni și indicatori fără date recente',
} as const;

export function keyFigureRows(f: PlanFigures): KeyFigureRow[] {
  return [
    { figure: KEY_FIGURES_RO.overallProgress, value: roundFigure(f.overallProgress) / 100, kind: 'percent' },
    { figure: KEY_FIGURES_RO.overallExpected, value: roundFigure(f.overallExpected) / 100, kind: 'percent' },
    { figure: KEY_FIGURES_RO.late, value: f.counts.late, kind: 'number' },
    { figure: KEY_FIGURES_RO.atRisk, value: f.counts.atRisk, kind: 'number' },
    { figure: KEY_FIGURES_RO.noData, value: f.counts.noData, kind: 'number' },
  ];
}

/** The "Cifre-cheie" sheet: first in the plan export, right after the summary in the report pack. */
export async function writeKeyFiguresSheet(wb: WorkbookBuilder, f: PlanFigures): Promise<void> {
  const sheet = wb.sheet({ name: SHEETS.figures, columns: KEY_FIGURE_COLUMNS });
  for (const r of keyFigureRows(f)) await sheet.addRow(r);
}

function openedGovernmentSummary(levels: Partial<Record<OgpValue, OpenedGovernmentLevel>>): string {
  return OGP_VALUES.filter((v) => levels[v])
    .map((v) => `${RO.ogpValue[v]}: ${RO.openedGovernment[levels[v]!] ?? levels[v]}`)
    .join('; ');
}

export async function exportPlanWorkbook(db: DbOrTx, outPath: string, opts: ExportPlanOptions): Promise<WriteResult> {
  const { signal, onProgress } = opts;
  const data = await loadPlanSheets(db, opts.today, opts.settings);
  signal?.throwIfAborted();

  // Progress: each of the five plan sheets is a fifth of the job, advancing with its rows (the key figures are instant).
  const sheetCount = 5;
  const step = (sheet: number, done: number, total: number, name: string) => {
    if (onProgress && (done % 200 === 0 || done === total)) onProgress((sheet + (total ? done / total : 1)) / sheetCount, name);
  };

  const write = opts.writer ?? writeWorkbook;
  return write(
    outPath,
    async (wb) => {
      await writeKeyFiguresSheet(wb, data.state.figures);
      await writePlanSheets(wb, db, data, { signal, step });
    },
    { signal },
  );
}

export interface PlanSheetsData {
  state: PlanState;
  updates: Awaited<ReturnType<typeof q.listProgressUpdates>>;
}

/** What the plan's sheets show: the plan state (as the lists compute it) and every progress update. */
export async function loadPlanSheets(db: DbOrTx, today: string, settings: RagSettings): Promise<PlanSheetsData> {
  const state = await computePlanState(db, today, settings);
  const updates = await q.listProgressUpdates(db);
  return { state, updates };
}

/**
 * The plan's five sheets (Angajamente, Acțiuni, Indicatori, Actualizări, Măsurători) into a workbook being
 * written: this export and the coordinator's report pack (electron/core/reports) share them. Returns the
 * row of each commitment, action and indicator, for links from other sheets.
 */
export async function writePlanSheets(
  wb: WorkbookBuilder,
  db: DbOrTx,
  { state, updates }: PlanSheetsData,
  opts: { signal?: AbortSignal; step?: (sheet: number, done: number, total: number, name: string) => void } = {},
): Promise<{ commitmentRow: Map<string, number>; actionRow: Map<string, number>; indicatorRow: Map<string, number> }> {
  const { signal } = opts;
  const step = opts.step ?? (() => {});
  const commitmentCode = new Map(state.commitments.map((c) => [c.id, c.code]));
  const commitmentRow = new Map<string, number>();
  const cs = wb.sheet({ name: SHEETS.commitments, columns: COMMITMENT_COLUMNS });
  for (const [n, c] of state.commitments.entries()) {
    const row = await cs.addRow({
      code: c.code,
      title: c.title,
      start: c.startDate,
      end: c.endDate,
      progress: roundFigure(c.progress),
      expected: roundFigure(c.expectedProgress),
      ragLabel: RO.rag[c.rag],
      rag: c.rag,
      completion: c.completion ? RO.completion[c.completion] : '',
      openedGovernment: openedGovernmentSummary(c.openedGovernment),
      lead: c.leadInstitution,
      actionCount: c.actionCount,
      indicatorCount: c.indicatorCount,
    });
    commitmentRow.set(c.id, row);
    step(0, n + 1, state.commitments.length, SHEETS.commitments);
  }

  const actionRow = new Map<string, number>();
  const as = wb.sheet({ name: SHEETS.actions, columns: ACTION_COLUMNS });
  for (const [n, a] of state.actions.entries()) {
    const code = commitmentCode.get(a.commitmentId) ?? '';
    const target = commitmentRow.get(a.commitmentId);
    const row = await as.addRow({
      code: a.code,
      title: a.title,
      commitment: target ? { text: code, hyperlink: sheetLink(SHEETS.commitments, target) } : code,
      responsible: a.responsiblePerson ? `${a.responsibleOrg} (${a.responsiblePerson})` : a.responsibleOrg,
      plannedStart: a.plannedStart,
      plannedEnd: a.plannedEnd,
      actualStart: a.actualStart,
      actualEnd: a.actualEnd,
      status: RO.actionStatus[a.status],
      progress: roundFigure(a.progress),
      expected: roundFigure(a.expectedProgress),
      weight: a.weight,
      lastUpdate: a.lastUpdateDate,
      ragLabel: RO.rag[a.rag],
      rag: a.rag,
      deliverable: a.deliverable,
    });
    actionRow.set(a.id, row);
    step(1, n + 1, state.actions.length, SHEETS.actions);
  }

  const indicatorRow = new Map<string, number>();
  const is = wb.sheet({ name: SHEETS.indicators, columns: INDICATOR_COLUMNS });
  for (const [n, i] of state.indicators.entries()) {
    const row = await is.addRow({
      code: i.code,
      name: i.name,
      commitment: commitmentCode.get(i.commitmentId) ?? '',
      type: RO.indicatorType[i.type],
      unit: i.type === 'ratio' && !i.unit ? '%' : i.unit,
      current: roundFigureOrNull(i.latest?.comparable),
      target: i.target,
      percent: roundFigureOrNull(i.percentOfTarget),
      ragLabel: RO.rag[i.rag],
      rag: i.rag,
      lastDate: i.latest?.date ?? null,
      countingRule: i.countingRule,
      measured: i.latest?.value ?? null,
      denominator: i.denominator,
      dataSource: i.dataSource,
      frequency: i.frequency,
      department: i.responsibleDepartment,
    });
    indicatorRow.set(i.id, row);
    step(2, n + 1, state.indicators.length, SHEETS.indicators);
  }

  const actionsById = new Map(state.actions.map((a) => [a.id, a]));
  const us = wb.sheet({ name: SHEETS.updates, columns: UPDATE_COLUMNS });
  for (const [n, u] of updates.entries()) {
    const a = actionsById.get(u.action_id);
    if (!a) continue; // an update of a deleted action is not part of the live plan
    await us.addRow({
      action: { text: a.code, hyperlink: sheetLink(SHEETS.actions, actionRow.get(a.id)!) },
      actionTitle: a.title,
      date: u.date,
      progress: u.progress,
      status: RO.actionStatus[u.status],
      note: u.note,
      author: u.author_name ?? '',
      recordedAt: u.created_at,
    });
    step(3, n + 1, updates.length, SHEETS.updates);
  }

  // One indicator at a time (an indexed query each): the history never sits in memory as a whole,
  // and it reads in the order of the Indicatori sheet, oldest measurement first. No hyperlink per row:
  // the writer keeps every link of a sheet until the sheet ends, and the history can be long.
  const ms = wb.sheet({ name: SHEETS.measurements, columns: MEASUREMENT_COLUMNS });
  for (const [n, i] of state.indicators.entries()) {
    signal?.throwIfAborted();
    const rows = await q.listMeasurements(db, i.id);
    for (let k = rows.length - 1; k >= 0; k--) {
      const m = rows[k];
      await ms.addRow({
        indicator: i.code,
        date: m.date,
        period: m.period ?? '',
        value: m.value,
        comparable: roundFigure(comparableValue(i, m.value)),
        note: m.note,
        recordedAt: m.created_at,
      });
    }
    step(4, n + 1, state.indicators.length, SHEETS.measurements);
  }
  return { commitmentRow, actionRow, indicatorRow };
}
