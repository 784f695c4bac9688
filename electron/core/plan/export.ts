import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/plan';
import { OGP_VALUES, type OgpValue, type OpenedGovernmentLevel, type Rag } from '../../contract';
import { sheetLink, writeWorkbook, type ColumnSpec, type Link, type WorkbookBuilder, type WriteResult } from '../excel';
import { PLAN_LABELS_RO as RO } from './labels';
import type { RagSettings } from './rag';
import { comparableValue } from './rag';
import { computePlanState, type PlanState } from './state';

/**
 * The coordinators' Excel report of the plan: one workbook, five sheets, Romanian headers and labels.
 * Figures come from computePlanState, so the workbook agrees with the lists and the dashboard.
 */

export const SHEETS = {
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

/** Whole counts without decimals, other values with up to three. */
const numberFormat = (v: number | null | undefined) => (v != null && !Number.isInteger(v) ? '#,##0.0##' : '#,##0');

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
  { key: 'progress', header: 'Progres', type: 'percent' },
  { key: 'expected', header: 'Progres așteptat', type: 'percent' },
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
  { key: 'progress', header: 'Progres', type: 'percent' },
  { key: 'expected', header: 'Progres așteptat', type: 'percent' },
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
  { key: 'current', header: 'Valoare curentă', type: 'decimal', width: 12, numFmt: (r) => numberFormat(r.current) },
  { key: 'target', header: 'Țintă', type: 'decimal', width: 10, numFmt: (r) => numberFormat(r.target) },
  { key: 'percent', header: '% din țintă', type: 'percent', width: 11 },
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
  { key: 'comparable', header: 'Valoare comparabilă', type: 'decimal', width: 12, numFmt: (r) => numberFormat(r.comparable) },
  { key: 'note', header: 'Notă', width: 40, wrap: true },
  { key: 'recordedAt', header: 'Înregistrat la', type: 'datetime' },
];

function openedGovernmentSummary(levels: Partial<Record<OgpValue, OpenedGovernmentLevel>>): string {
  return OGP_VALUES.filter((v) => levels[v])
    .map((v) => `${RO.ogpValue[v]}: ${RO.openedGovernment[levels[v]!] ?? levels[v]}`)
    .join('; ');
}

export async function exportPlanWorkbook(db: DbOrTx, outPath: string, opts: ExportPlanOptions): Promise<WriteResult> {
  const { signal, onProgress } = opts;
  const data = await loadPlanSheets(db, opts.today, opts.settings);
  signal?.throwIfAborted();

  // Progress: each of the five sheets is a fifth of the job, advancing with its rows.
  const sheetCount = 5;
  const step = (sheet: number, done: number, total: number, name: string) => {
    if (onProgress && (done % 200 === 0 || done === total)) onProgress((sheet + (total ? done / total : 1)) / sheetCount, name);
  };

  const write = opts.writer ?? writeWorkbook;
  return write(outPath, (wb) => writePlanSheets(wb, db, data, { signal, step }).then(() => undefined), { signal });
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
      progress: c.progress,
      expected: c.expectedProgress,
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
      progress: a.progress,
      expected: a.expectedProgress,
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
      current: i.latest?.comparable ?? null,
      target: i.target,
      percent: i.percentOfTarget,
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
        comparable: comparableValue(i, m.value),
        note: m.note,
        recordedAt: m.created_at,
      });
    }
    step(4, n + 1, state.indicators.length, SHEETS.measurements);
  }
  return { commitmentRow, actionRow, indicatorRow };
}
