import type { Db, DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/risks';
import type { RisksTable } from '../../../db/schema/risks';
import type { RiskImportReport } from '../../contract';
import type { ServiceContext } from '../context';
import { writeWorkbook, type ColumnSpec, type WorkbookBuilder } from '../excel';
import { cellErrors, openWorkbookFile, type CellError, type ReadResult } from '../excel-import';
import { stampCreate } from '../writes';
import { newId } from '../util';
import { importCancelled, runInWorker, workerFileFor } from '../worker';
import { H, RO, type ImportValues } from './columns';
import { checkRiskKeys, liveLinkTargets, newRiskRows, registerState, riskColumns, today, writeRisk, type RiskColumns } from './service';
import { runStagedImport } from './staging';

/**
 * The register in Excel, in the column layout of the Romanian SCIM model (OSGG order 600/2018) with
 * Romanian headers. Import takes our export back (matching rows by the ID column, then by code) and
 * registers laid out with the usual SCIM headers (aliases below); all-or-nothing, every bad cell named.
 */

export const REGISTER_SHEET = 'Registrul riscurilor';
export const MEASURES_SHEET = 'Măsuri de control';

// ───────────────────────────── export

interface RegisterRow {
  id: string;
  code: string;
  area: string;
  objective: string;
  description: string;
  category: string;
  causes: string;
  consequences: string;
  owner: string;
  inherentProbability: number;
  inherentImpact: number;
  inherentExposure: number;
  strategy: string;
  measures: string;
  measureOwner: string;
  deadline: string | null;
  lastReviewDate: string | null;
  status: string;
  residualProbability: number | null;
  residualImpact: number | null;
  residualExposure: number | null;
  secondaryRisks: string;
  notes: string;
  commitments: string;
  actions: string;
  aboveTolerance: string;
  level: string;
  nextReview: string | null;
}

const REGISTER_COLUMNS: ColumnSpec<RegisterRow>[] = [
  { key: 'id', header: H.id[0], width: 38 },
  { key: 'code', header: H.code[0], width: 10 },
  { key: 'area', header: H.area[0], width: 24, wrap: true },
  { key: 'objective', header: H.objective[0], width: 30, wrap: true },
  { key: 'description', header: H.description[0], width: 45, wrap: true },
  { key: 'category', header: H.category[0], width: 18 },
  { key: 'causes', header: H.causes[0], width: 35, wrap: true },
  { key: 'consequences', header: H.consequences[0], width: 35, wrap: true },
  { key: 'owner', header: H.owner[0], width: 22 },
  { key: 'inherentProbability', header: H.inherentProbability[0], type: 'int', width: 12 },
  { key: 'inherentImpact', header: H.inherentImpact[0], type: 'int', width: 10 },
  { key: 'inherentExposure', header: H.inherentExposure[0], type: 'int', width: 10 },
  { key: 'strategy', header: H.strategy[0], width: 14 },
  { key: 'measures', header: H.measures[0], width: 45, wrap: true },
  { key: 'measureOwner', header: H.measureOwner[0], width: 22, wrap: true },
  { key: 'deadline', header: H.deadline[0], type: 'date' },
  { key: 'lastReviewDate', header: H.lastReviewDate[0], type: 'date', width: 14 },
  { key: 'status', header: H.status[0], width: 10 },
  { key: 'residualProbability', header: H.residualProbability[0], type: 'int', width: 13 },
  { key: 'residualImpact', header: H.residualImpact[0], type: 'int', width: 10 },
  { key: 'residualExposure', header: H.residualExposure[0], type: 'int', width: 11 },
  { key: 'secondaryRisks', header: H.secondaryRisks[0], width: 30, wrap: true },
  { key: 'notes', header: H.notes[0], width: 30, wrap: true },
  { key: 'commitments', header: H.commitments[0], width: 12 },
  { key: 'actions', header: H.actions[0], width: 14 },
  { key: 'aboveTolerance', header: H.aboveTolerance[0], width: 12 },
  { key: 'level', header: H.level[0], width: 14 },
  { key: 'nextReview', header: H.nextReview[0], type: 'date', width: 14 },
];

interface MeasureRow {
  riskCode: string;
  description: string;
  owner: string;
  deadline: string | null;
  status: string;
  notes: string;
}

const MEASURE_COLUMNS: ColumnSpec<MeasureRow>[] = [
  { key: 'riskCode', header: 'Cod risc', width: 10 },
  { key: 'description', header: 'Măsură de control', width: 50, wrap: true },
  { key: 'owner', header: 'Responsabil', width: 24 },
  { key: 'deadline', header: 'Termen', type: 'date' },
  { key: 'status', header: 'Stare', width: 14 },
  { key: 'notes', header: 'Observații', width: 30, wrap: true },
];

export async function exportRiskWorkbook(db: Db, out: string, opts: { today: string; signal?: AbortSignal; onProgress?: (f: number, m?: string) => void }) {
  const data = await loadRiskSheets(db, opts.today);
  return writeWorkbook(out, (wb) => writeRiskSheets(wb, data), { signal: opts.signal, onProgress: opts.onProgress, totalRows: riskSheetRows(data) });
}

export type RiskSheetsData = Awaited<ReturnType<typeof loadRiskSheets>>;

/** The register (with its computed columns) and every live measure, in the order the sheets show them. */
export async function loadRiskSheets(db: DbOrTx, today: string) {
  const { risks } = await registerState(db, today);
  const measures = await q.listLiveMeasures(db);
  return { risks, measures };
}

export const riskSheetRows = (d: RiskSheetsData) => d.risks.length + d.measures.length;

/** The register in the SCIM layout and its measures: this export and the coordinator's report pack share them. */
export async function writeRiskSheets(wb: WorkbookBuilder, { risks, measures }: RiskSheetsData) {
  const byRisk = new Map<string, typeof measures>();
  for (const m of measures) {
    let l = byRisk.get(m.risk_id);
    if (!l) byRisk.set(m.risk_id, (l = []));
    l.push(m);
  }
  const reg = wb.sheet({ name: REGISTER_SHEET, columns: REGISTER_COLUMNS });
  for (const r of risks) {
    const ms = byRisk.get(r.id) ?? [];
    await reg.addRow({
      id: r.id,
      code: r.code,
      area: r.area,
      objective: r.objective,
      description: r.description,
      category: RO.category[r.category][0],
      causes: r.causes,
      consequences: r.consequences,
      owner: r.owner,
      inherentProbability: r.inherentProbability,
      inherentImpact: r.inherentImpact,
      inherentExposure: r.inherentExposure,
      strategy: RO.strategy[r.strategy][0],
      measures: ms.map((m) => m.description).join('\n'),
      measureOwner: [...new Set(ms.map((m) => m.owner))].join(', '),
      deadline: r.deadline,
      lastReviewDate: r.lastReviewDate,
      status: RO.status[r.status][0],
      residualProbability: r.residualProbability,
      residualImpact: r.residualImpact,
      residualExposure: r.residualExposure,
      secondaryRisks: r.secondaryRisks,
      notes: r.notes,
      commitments: r.commitmentCodes.join(', '),
      actions: r.actionCodes.join(', '),
      aboveTolerance: r.aboveTolerance ? 'Da' : 'Nu',
      level: RO.level[r.level],
      nextReview: r.nextReviewDate,
    });
  }
  const ms = wb.sheet({ name: MEASURES_SHEET, columns: MEASURE_COLUMNS });
  for (const m of measures)
    await ms.addRow({
      riskCode: m.risk_code,
      description: m.description,
      owner: m.owner,
      deadline: m.deadline,
      status: RO.measureStatus[m.status],
      notes: m.notes,
    });
}

// ───────────────────────────── import

/** A plan action's code inside text: A1.4, a2.10 (not part of a longer word or number). */
const ACTION_CODE = /(?<![\p{L}\d.])A\d+\.\d+(?![\d.]*\d)/giu;

const measureLines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-•*]\s*|^\s*\d+[.)]\s*/, '').trim())
    .filter(Boolean);

/** The import's worker thread: read-worker.ts from the sources, risks-read-worker.js beside a bundle (both builds emit it). */
export const RISKS_READ_WORKER = 'risks-read-worker';

/**
 * Parses the register in a worker thread (read-worker.ts), so the other users' requests are answered meanwhile;
 * `onProgress` gets the rows read so far, and aborting `signal` stops the parse at once. A file that is not a
 * workbook, or a zip bomb, is refused here first from the zip's directory (microseconds), before a thread starts.
 */
export async function readRegister(file: string, opts: { signal?: AbortSignal; onProgress?: (rows: number) => void } = {}): Promise<ReadResult<ImportValues>> {
  openWorkbookFile(file).cleanup();
  return runInWorker<ReadResult<ImportValues>, number>(
    workerFileFor(import.meta.url, 'read-worker', RISKS_READ_WORKER),
    { file },
    { ...opts, cancelled: importCancelled },
  );
}

/** Reads, checks every row, then (unless a dry run) writes everything, staged: whole or not at all (staging.ts). */
export async function importRiskWorkbook(
  ctx: ServiceContext,
  file: string,
  opts: { dryRun: boolean; today: string; signal?: AbortSignal; onProgress?: (rows: number) => void },
): Promise<RiskImportReport> {
  const read = await readRegister(file, { signal: opts.signal, onProgress: opts.onProgress });
  const errors: CellError[] = [...read.errors];
  if (errors.length) throw cellErrors(errors);
  const sheet = read.sheet;
  const linkColumn = read.columns?.includes('actions') ?? false;
  const header = (key: keyof typeof H, found?: string) => found ?? H[key][0];
  const bad = (row: number, key: keyof typeof H, value: unknown, message: string) =>
    errors.push({ sheet, row, column: header(key), value: value as CellError['value'], message });

  // Only the risks the file names (by code or id) and their links are read, not the whole register.
  const named = (key: 'code' | 'id') => [...new Set(read.rows.map((r) => r.values[key]).filter((v): v is string => !!v))];
  const existing = await q.liveRisksNamed(ctx.db, named('code'), named('id'));
  const deletedIds = await q.deletedRisksAmong(ctx.db, named('id'));
  const byId = new Map(existing.map((r) => [r.id, r]));
  const byCode = new Map(existing.map((r) => [r.code, r]));
  const links = await q.listRiskLinks(
    ctx.db,
    existing.map((r) => r.id),
  );
  const linkOf = (rows: Array<{ risk_id: string; id: string; deleted_at: string | null }>) => {
    const m = new Map<string, string[]>();
    for (const r of rows) if (!r.deleted_at) m.set(r.risk_id, [...(m.get(r.risk_id) ?? []), r.id]);
    return m;
  };
  const cLinks = linkOf(links.commitments);
  const aLinks = linkOf(links.actions);
  const plan = await q.planCodes(ctx.db);
  const commitmentByCode = new Map(plan.commitments.map((c) => [c.code.toUpperCase(), c.id]));
  const actionByCode = new Map(plan.actions.map((a) => [a.code.toUpperCase(), a.id]));

  type Planned = {
    row: number;
    kind: 'create' | 'update' | 'unchanged';
    target: RisksTable | null;
    id: string | null;
    v: ImportValues;
    commitmentIds: string[];
    actionIds: string[];
  };
  const planned: Planned[] = [];
  const codesInFile = new Map<string, number>();
  const idsInFile = new Map<string, number>();

  for (const [n, { row, values: v }] of read.rows.entries()) {
    // Checking 2,000 rows is ~100 ms of JavaScript: other users' requests get the event loop between slices.
    if (n % 250 === 249) await new Promise((r) => setImmediate(r));
    let target: RisksTable | null = null;
    if (v.id) {
      if (idsInFile.has(v.id)) bad(row, 'id', v.id, `the same ID is on row ${idsInFile.get(v.id)}`);
      idsInFile.set(v.id, row);
      if (deletedIds.has(v.id)) bad(row, 'id', v.id, 'this risk was deleted; restore it in the app first');
      target = byId.get(v.id) ?? null;
    } else if (v.code) {
      target = byCode.get(v.code) ?? null;
    }
    if (v.code) {
      if (codesInFile.has(v.code)) bad(row, 'code', v.code, `the same code is on row ${codesInFile.get(v.code)}`);
      codesInFile.set(v.code, row);
      const holder = byCode.get(v.code);
      if (holder && holder.id !== (target?.id ?? v.id)) bad(row, 'code', v.code, `code ${v.code} is already used by another risk`);
      if (!/^[\p{L}\d][\p{L}\d.\-/ ]*$/u.test(v.code)) bad(row, 'code', v.code, 'letters, digits, dot, dash or slash');
    }
    if (v.inherentExposure != null && v.inherentExposure !== v.inherentProbability * v.inherentImpact)
      bad(row, 'inherentExposure', v.inherentExposure, `must be probability × impact = ${v.inherentProbability * v.inherentImpact}`);
    if ((v.residualProbability == null) !== (v.residualImpact == null)) {
      bad(
        row,
        v.residualProbability == null ? 'residualProbability' : 'residualImpact',
        null,
        'give both residual probability and residual impact, or neither',
      );
    } else if (v.residualProbability != null && v.residualImpact != null) {
      if (v.residualExposure != null && v.residualExposure !== v.residualProbability * v.residualImpact)
        bad(row, 'residualExposure', v.residualExposure, `must be probability × impact = ${v.residualProbability * v.residualImpact}`);
    } else if (v.residualExposure != null) {
      bad(row, 'residualExposure', v.residualExposure, 'a residual exposure needs the residual probability and impact');
    }
    if (v.lastReviewDate && v.lastReviewDate > opts.today) bad(row, 'lastReviewDate', v.lastReviewDate, 'a review cannot be dated in the future');
    const commitmentIds: string[] = [];
    for (const c of v.commitments) {
      const cid = commitmentByCode.get(c.toUpperCase());
      if (cid) commitmentIds.push(cid);
      else bad(row, 'commitments', v.commitments.join(', '), `no commitment with code ${c}`);
    }
    const actionIds: string[] = [];
    // A SCIM register has no link column: an objective that names a plan action ("A1.4 Publicarea …") links
    // to it. Our own export has the column, and then it alone says what is linked (so round trips are exact).
    if (!linkColumn)
      for (const code of v.objective.match(ACTION_CODE) ?? []) {
        const aid = actionByCode.get(code.toUpperCase());
        if (aid && !actionIds.includes(aid)) actionIds.push(aid);
      }
    for (const a of v.actions) {
      const aid = actionByCode.get(a.toUpperCase());
      if (aid) actionIds.push(aid);
      else bad(row, 'actions', v.actions.join(', '), `no action with code ${a}`);
    }
    if (!target && measureLines(v.measures).length && !(v.measureOwner || v.owner))
      bad(row, 'measureOwner', null, 'control measures need an owner (this column or the risk owner)');

    let kind: Planned['kind'] = target ? 'update' : 'create';
    if (target) {
      const cols: RiskColumns = {
        ...riskColumns({ ...toSaveInput(v, commitmentIds, actionIds), code: v.code || target.code }),
        last_review_date: v.lastReviewDate,
      };
      const same =
        (Object.keys(cols) as Array<keyof RiskColumns>).every((k) => target![k] === cols[k]) &&
        sameSet(cLinks.get(target.id) ?? [], commitmentIds) &&
        sameSet(aLinks.get(target.id) ?? [], actionIds);
      if (same) kind = 'unchanged';
    }
    planned.push({ row, kind, target, id: target?.id ?? v.id, v, commitmentIds, actionIds });
  }
  if (errors.length) throw cellErrors(errors);

  const report: RiskImportReport = {
    dryRun: opts.dryRun,
    sheet,
    rows: planned.length,
    created: planned.filter((p) => p.kind === 'create').length,
    updated: planned.filter((p) => p.kind === 'update').length,
    unchanged: planned.filter((p) => p.kind === 'unchanged').length,
    ignoredColumns: read.ignoredColumns,
  };
  if (opts.dryRun) return report;

  // Staged (staging.ts): new risks are written in short batches out of every reader's sight, then moved into the
  // register at once with the updates of existing risks, so other users' saves wait a batch, not the import.
  let lastNumber = 0;
  for (const c of codesInFile.keys()) {
    const m = /^R-(\d{1,15})$/.exec(c);
    if (m) lastNumber = Math.max(lastNumber, Number(m[1]));
  }
  // New risks without a code get the next free R-NNN, counted again at each batch under the write lock (with the
  // codes of other staged imports), so a save meanwhile never takes one of ours.
  const codeOf = (p: Planned) => p.v.code || p.target?.code || `R-${String(++lastNumber).padStart(3, '0')}`;
  const inputOf = (p: Planned, code: string) => ({ ...toSaveInput(p.v, p.commitmentIds, p.actionIds), id: p.target?.id ?? p.id ?? undefined, code });
  await runStagedImport(ctx, {
    signal: opts.signal,
    items: planned.filter((p) => p.kind === 'create'),
    // New risks: a batch's checks in three queries, its rows (risks, links, residual points, measures, audit entries)
    // staged with one multi-row statement per table; the same rows, ids and audit entries as one save per risk.
    stage: async (trx, importId, batch) => {
      lastNumber = Math.max(lastNumber, await q.maxRiskNumber(trx));
      const inputs = batch.map((p) => inputOf(p, codeOf(p)));
      const taken = await q.liveCodesAmong(
        trx,
        inputs.map((i) => i.code),
      );
      const live = await liveLinkTargets(
        trx,
        inputs.flatMap((i) => i.commitmentIds),
        inputs.flatMap((i) => i.actionIds),
      );
      const rows = q.noRiskRows();
      batch.forEach((p, n) => {
        const input = inputs[n];
        checkRiskKeys(input.code, taken.has(input.code), live, input.commitmentIds, input.actionIds);
        const rid = newRiskRows(ctx, rows, today(ctx), riskColumns(input, p.v.lastReviewDate), input, { source: 'import', newId: input.id });
        for (const line of measureLines(p.v.measures)) {
          const m = stampCreate(ctx, 'risk_measure', {
            id: newId(),
            risk_id: rid,
            description: line.slice(0, 2000),
            owner: (p.v.measureOwner || p.v.owner).slice(0, 200),
            deadline: p.v.deadline,
            status: 'planned' as const,
            notes: '',
          });
          rows.risk_measures.push(m.full);
          rows.audit_log.push(m.entry);
        }
      });
      await q.insertRiskRows(trx, rows, importId);
    },
    publish: async (trx) => {
      for (const p of planned)
        if (p.kind === 'update') await writeRisk(ctx, trx, inputOf(p, codeOf(p)), { source: 'import', lastReviewDate: p.v.lastReviewDate });
    },
  });
  return report;
}

const sameSet = (a: string[], b: string[]) => a.length === new Set(b).size && a.every((x) => b.includes(x));

function toSaveInput(v: ImportValues, commitmentIds: string[], actionIds: string[]) {
  return {
    area: v.area,
    objective: v.objective,
    description: v.description,
    category: v.category,
    causes: v.causes,
    consequences: v.consequences,
    owner: v.owner,
    inherentProbability: v.inherentProbability,
    inherentImpact: v.inherentImpact,
    strategy: v.strategy,
    deadline: v.deadline,
    status: v.status,
    residualProbability: v.residualProbability,
    residualImpact: v.residualImpact,
    secondaryRisks: v.secondaryRisks,
    notes: v.notes,
    commitmentIds: [...new Set(commitmentIds)],
    actionIds: [...new Set(actionIds)],
  };
}
