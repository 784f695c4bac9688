import { z } from 'zod';
import type { WriteTx } from '../../../db/access';
import type { Db, DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/risks';
import type { RisksTable } from '../../../db/schema/risks';
import { id as uuidV7, type MeasureStatus, type RiskCategory, type RiskImportReport, type RiskLevel, type RiskStatus, type RiskStrategy } from '../../contract';
import type { ServiceContext } from '../context';
import { writeWorkbook, type ColumnSpec, type WorkbookBuilder } from '../excel';
import { cellDate, cellEnum, cellErrors, cellText, optText, readSheet, type CellError, type ImportColumn } from '../excel-import';
import { insertAudited } from '../writes';
import { newId } from '../util';
import { registerState, riskColumns, writeRisk, type RiskColumns } from './service';
import { runStagedImport } from './staging';

/**
 * The register in Excel, in the column layout of the Romanian SCIM model (OSGG order 600/2018) with
 * Romanian headers. Import takes our export back (matching rows by the ID column, then by code) and
 * registers laid out with the usual SCIM headers (aliases below); all-or-nothing, every bad cell named.
 */

export const REGISTER_SHEET = 'Registrul riscurilor';
export const MEASURES_SHEET = 'Măsuri de control';

export const RO = {
  category: {
    strategic: ['Strategic', 'Strategică'],
    operational: ['Operațional', 'Operațională'],
    financial: ['Financiar', 'Financiară'],
    legal: ['Juridic / conformitate', 'Juridic', 'Legal', 'Conformitate', 'Juridică'],
    integrity: ['Integritate', 'Risc de integritate', 'Corupție', 'Anticorupție'],
    reputational: ['Reputațional', 'Reputațională', 'Imagine'],
    it: ['IT / securitate informatică', 'IT', 'Tehnologic', 'Securitate informatică'],
    human_resources: ['Resurse umane', 'Personal'],
    other: ['Altele', 'Alt tip', 'Other'],
  } satisfies Record<RiskCategory, string[]>,
  strategy: {
    tolerate: ['Tolerare', 'Acceptare', 'Acceptarea riscului', 'Tolerate'],
    treat: ['Tratare', 'Tratarea riscului', 'Treat'],
    transfer: ['Transfer', 'Transferare', 'Externalizare', 'Transferul riscului'],
    terminate: ['Terminare', 'Evitare', 'Eliminare', 'Evitarea riscului', 'Terminate'],
  } satisfies Record<RiskStrategy, string[]>,
  status: {
    open: ['Deschis', 'Activ', 'Open'],
    closed: ['Închis', 'Inactiv', 'Closed'],
  } satisfies Record<RiskStatus, string[]>,
  measureStatus: { planned: 'Planificată', in_progress: 'În curs', done: 'Implementată', cancelled: 'Anulată' } satisfies Record<MeasureStatus, string>,
  level: { low: 'Scăzut', medium: 'Mediu', high: 'Ridicat', very_high: 'Foarte ridicat' } satisfies Record<RiskLevel, string>,
};

/** Register columns: the first header is what our export writes; the others are the SCIM model's usual names. */
const H = {
  id: ['ID'],
  code: ['Cod risc', 'Cod', 'Cod risc identificat', 'Nr. crt.', 'Nr. crt', 'Nr.'],
  area: [
    'Compartiment / Domeniu',
    'Compartiment / activitate',
    'Compartimentul / activitatea',
    'Compartiment / activitatea',
    'Compartiment',
    'Compartimentul',
    'Structura',
    'Structura organizatorică',
    'Departament',
    'Domeniu',
    'Direcția',
  ],
  objective: ['Obiectiv / Acțiune asociată', 'Obiectiv', 'Obiective', 'Obiectivul specific', 'Obiective specifice', 'Activitate', 'Activități', 'Activitatea'],
  description: ['Descrierea riscului', 'Risc', 'Riscul', 'Riscuri identificate', 'Riscul identificat', 'Risc identificat', 'Denumirea riscului'],
  category: ['Categorie', 'Categoria riscului', 'Tipul riscului', 'Tip risc'],
  causes: ['Cauze', 'Cauzele riscului', 'Cauze care favorizează apariția riscului', 'Cauzele care favorizează apariția riscului'],
  consequences: ['Consecințe', 'Efecte', 'Consecințele materializării riscului', 'Efectele materializării riscului'],
  owner: ['Responsabil risc', 'Responsabil', 'Proprietarul riscului', 'Titularul riscului', 'Responsabil cu gestionarea riscului'],
  inherentProbability: ['Probabilitate inerentă', 'Probabilitate', 'Probabilitatea', 'P'],
  inherentImpact: ['Impact inerent', 'Impact', 'Impactul', 'I'],
  inherentExposure: ['Expunere inerentă', 'Expunere', 'Expunerea la risc', 'Expunere la risc', 'Scor'],
  strategy: ['Strategie de răspuns', 'Strategia adoptată', 'Strategia de răspuns', 'Răspuns la risc', 'Strategie'],
  measures: ['Măsuri de control', 'Măsuri de control intern', 'Măsuri', 'Măsuri de gestionare a riscului'],
  measureOwner: ['Responsabil măsuri', 'Responsabil cu implementarea măsurii', 'Responsabil cu implementarea măsurilor', 'Responsabil implementare'],
  deadline: ['Termen', 'Termen de implementare', 'Termen de realizare', 'Termen limită'],
  lastReviewDate: ['Data ultimei revizuiri', 'Data revizuirii', 'Ultima revizuire'],
  status: ['Stare', 'Stare risc', 'Starea riscului', 'Status'],
  residualProbability: ['Probabilitate reziduală', 'Probabilitate risc rezidual'],
  residualImpact: ['Impact rezidual', 'Impact risc rezidual'],
  residualExposure: ['Expunere reziduală', 'Risc rezidual', 'Expunere risc rezidual'],
  secondaryRisks: ['Riscuri secundare', 'Riscuri secundare identificate'],
  notes: ['Observații', 'Mențiuni', 'Note'],
  commitments: ['Angajamente', 'Angajamente PLA'],
  actions: ['Acțiuni asociate', 'Acțiuni PLA', 'Acțiuni'],
  aboveTolerance: ['Peste limita de toleranță'],
  level: ['Nivel de risc'],
  nextReview: ['Următoarea revizuire'],
} as const;

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

// Cell schemas with the message a person can act on (a bare union would only say "Invalid input").
const required = <T extends z.ZodType>(s: T) =>
  z
    .unknown()
    .refine((v) => v != null, 'required')
    .pipe(s as unknown as z.ZodType<z.output<T>, any>);
const opt = <T extends z.ZodType>(s: T) =>
  z.unknown().transform((v, ctx): z.output<T> | null => {
    if (v == null) return null;
    const r = s.safeParse(v);
    if (r.success) return r.data;
    for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message });
    return z.NEVER;
  });
const int = (min: number, max: number) =>
  z
    .unknown()
    .transform((v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v))
    .pipe(z.number({ error: 'expected a whole number' }).int('expected a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const score = () => required(int(1, 5));
const optScore = () => opt(int(1, 5));
const codes = () =>
  optText(2000).transform((s) =>
    s
      .split(/[,;\n]+/)
      .map((c) => c.trim())
      .filter(Boolean),
  );
const ignored = z.unknown();

const COLUMNS: ImportColumn[] = [
  {
    key: 'id',
    headers: [...H.id],
    schema: z
      .union([
        z.null(),
        z
          .string()
          .trim()
          .pipe(uuidV7.or(z.literal(''))),
      ])
      .transform((v) => v || null),
  },
  { key: 'code', headers: [...H.code], schema: optText(30) },
  { key: 'area', headers: [...H.area], schema: optText(300) },
  { key: 'objective', headers: [...H.objective], schema: optText(2000) },
  { key: 'description', headers: [...H.description], required: true, schema: required(cellText(4000)) },
  { key: 'category', headers: [...H.category], schema: opt(cellEnum(RO.category)).transform((v) => v ?? 'operational') },
  { key: 'causes', headers: [...H.causes], schema: optText(4000) },
  { key: 'consequences', headers: [...H.consequences], schema: optText(4000) },
  { key: 'owner', headers: [...H.owner], schema: optText(200) },
  { key: 'inherentProbability', headers: [...H.inherentProbability], required: true, schema: score() },
  { key: 'inherentImpact', headers: [...H.inherentImpact], required: true, schema: score() },
  { key: 'inherentExposure', headers: [...H.inherentExposure], schema: opt(int(1, 25)), acceptsFormula: true },
  { key: 'strategy', headers: [...H.strategy], schema: opt(cellEnum(RO.strategy)).transform((v) => v ?? 'treat') },
  { key: 'measures', headers: [...H.measures], schema: optText(20_000) },
  { key: 'measureOwner', headers: [...H.measureOwner], schema: optText(200) },
  { key: 'deadline', headers: [...H.deadline], schema: opt(cellDate()) },
  { key: 'lastReviewDate', headers: [...H.lastReviewDate], schema: opt(cellDate()) },
  { key: 'status', headers: [...H.status], schema: opt(cellEnum(RO.status)).transform((v) => v ?? 'open') },
  { key: 'residualProbability', headers: [...H.residualProbability], schema: optScore() },
  { key: 'residualImpact', headers: [...H.residualImpact], schema: optScore() },
  { key: 'residualExposure', headers: [...H.residualExposure], schema: opt(int(1, 25)), acceptsFormula: true },
  { key: 'secondaryRisks', headers: [...H.secondaryRisks], schema: optText(4000) },
  { key: 'notes', headers: [...H.notes], schema: optText(4000) },
  { key: 'commitments', headers: [...H.commitments], schema: codes() },
  { key: 'actions', headers: [...H.actions], schema: codes() },
  // Computed by the app; read so they are not reported as unknown, never written. A SCIM register often computes
  // them (and the exposures, which are checked against probability × impact) with formulas: those are accepted.
  { key: 'aboveTolerance', headers: [...H.aboveTolerance], schema: ignored, acceptsFormula: true },
  { key: 'level', headers: [...H.level], schema: ignored, acceptsFormula: true },
  { key: 'nextReview', headers: [...H.nextReview], schema: ignored, acceptsFormula: true },
];

type ImportValues = {
  id: string | null;
  code: string;
  area: string;
  objective: string;
  description: string;
  category: RiskCategory;
  causes: string;
  consequences: string;
  owner: string;
  inherentProbability: number;
  inherentImpact: number;
  inherentExposure: number | null;
  strategy: RiskStrategy;
  measures: string;
  measureOwner: string;
  deadline: string | null;
  lastReviewDate: string | null;
  status: RiskStatus;
  residualProbability: number | null;
  residualImpact: number | null;
  residualExposure: number | null;
  secondaryRisks: string;
  notes: string;
  commitments: string[];
  actions: string[];
};

/** A plan action's code inside text: A1.4, a2.10 (not part of a longer word or number). */
const ACTION_CODE = /(?<![\p{L}\d.])A\d+\.\d+(?![\d.]*\d)/giu;

const measureLines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-•*]\s*|^\s*\d+[.)]\s*/, '').trim())
    .filter(Boolean);

/** Reads, checks every row, then (unless a dry run) writes everything, staged: whole or not at all (staging.ts). */
export async function importRiskWorkbook(ctx: ServiceContext, file: string, opts: { dryRun: boolean; today: string }): Promise<RiskImportReport> {
  const read = await readSheet<ImportValues>(file, COLUMNS);
  const errors: CellError[] = [...read.errors];
  if (errors.length) throw cellErrors(errors);
  const sheet = read.sheet;
  const linkColumn = read.columns?.includes('actions') ?? false;
  const header = (key: keyof typeof H, found?: string) => found ?? H[key][0];
  const bad = (row: number, key: keyof typeof H, value: unknown, message: string) =>
    errors.push({ sheet, row, column: header(key), value: value as CellError['value'], message });

  const existing = await q.listRisks(ctx.db);
  const deletedIds = new Set(await q.deletedRiskIds(ctx.db));
  const byId = new Map(existing.map((r) => [r.id, r]));
  const byCode = new Map(existing.map((r) => [r.code, r]));
  const links = await q.listRiskLinks(ctx.db);
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
  const write = async (trx: WriteTx, p: Planned) => {
    const input = toSaveInput(p.v, p.commitmentIds, p.actionIds);
    const res = await writeRisk(
      ctx,
      trx,
      { ...input, id: p.target?.id ?? p.id ?? undefined, code: codeOf(p) },
      { source: 'import', newId: p.target ? undefined : (p.id ?? undefined), lastReviewDate: p.v.lastReviewDate },
    );
    if (p.kind === 'create') {
      for (const line of measureLines(p.v.measures))
        await insertAudited(ctx, trx, 'risk_measures', 'risk_measure', {
          id: newId(),
          risk_id: res.id,
          description: line.slice(0, 2000),
          owner: (p.v.measureOwner || p.v.owner).slice(0, 200),
          deadline: p.v.deadline,
          status: 'planned',
          notes: '',
        });
    }
  };
  await runStagedImport(ctx, {
    items: planned.filter((p) => p.kind === 'create'),
    batch: async (trx) => {
      lastNumber = Math.max(lastNumber, await q.maxRiskNumber(trx));
    },
    write,
    publish: async (trx) => {
      for (const p of planned) if (p.kind === 'update') await write(trx, p);
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
