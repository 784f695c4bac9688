import { z } from 'zod';
import type { WriteTx } from '../../../db/access';
import type { DbOrTx } from '../../../db/connection';
import { listAttachments } from '../../../db/queries/admin';
import { liveRowsIn } from '../../../db/queries/rows';
import * as q from '../../../db/queries/stakeholders';
import {
  ATTITUDES,
  IAP2_LEVELS,
  INTERACTION_KINDS,
  PARTNERSHIP_TYPES,
  PLA_ROLES,
  QUADRANTS,
  RACI_ROLES,
  SECTORS,
  STAKEHOLDER_TYPES,
  quadrantOf,
  type StakeholdersImportReport,
  type AuditEntity,
} from '../../contract';
import type { ServiceContext } from '../context';
import { writeWorkbook, type ColumnSpec, type WorkbookBuilder, type WriteResult } from '../excel';
import {
  cellBool,
  cellDate,
  cellEnum,
  cellErrors,
  cellText,
  optDate,
  optInt,
  optText,
  readSheets,
  type CellError,
  type ImportColumn,
  type ImportedRow,
  type ReadResult,
} from '../excel-import';
import { streamedImport } from '../import-batches';
import { insertAuditedMany, updateCurrent } from '../writes';
import { newId } from '../util';
import { partnershipActive } from './mappers';
import { stakeholderColumns } from './service';

/**
 * The register's workbook, both ways: five sheets with Romanian headers and labels, each row carrying its
 * id so that export → import matches rows and changes nothing. Import is all-or-nothing: every sheet is
 * read and checked (cells, references, the consent and one-Accountable rules) before one transaction
 * writes; rows left out of the file are kept, not deleted.
 */

export const SHEETS = {
  stakeholders: 'Părți interesate',
  raci: 'RACI',
  takeovers: 'Preluare acțiuni',
  partnerships: 'Parteneriate',
  interactions: 'Interacțiuni',
} as const;

type Labels<T extends string> = Record<T, string[]>;
const L = {
  type: { organisation: ['Organizație', 'organisation'], person: ['Persoană', 'person'] } satisfies Labels<(typeof STAKEHOLDER_TYPES)[number]>,
  sector: {
    public: ['Sector public'],
    ngo: ['ONG'],
    academia: ['Mediu academic'],
    business: ['Mediu de afaceri'],
    tech_community: ['Comunitate tech'],
    media: ['Mass-media'],
    informal_group: ['Grup informal'],
    citizen: ['Cetățean'],
    international: ['Organizație internațională'],
    other: ['Altul'],
  } satisfies Labels<(typeof SECTORS)[number]>,
  plaRole: {
    lead: ['Lider'],
    partner: ['Partener'],
    forum_member: ['Membru al forumului'],
    monitoring_body: ['Organism de monitorizare'],
    implementer: ['Implementator'],
    beneficiary: ['Beneficiar'],
    other: ['Altul'],
  } satisfies Labels<(typeof PLA_ROLES)[number]>,
  attitude: { supportive: ['Susținător'], neutral: ['Neutru'], resistant: ['Rezistent'], unknown: ['Necunoscută'] } satisfies Labels<
    (typeof ATTITUDES)[number]
  >,
  iap2: { inform: ['Informare'], consult: ['Consultare'], involve: ['Implicare'], collaborate: ['Colaborare'], empower: ['Împuternicire'] } satisfies Labels<
    (typeof IAP2_LEVELS)[number]
  >,
  quadrant: {
    manage_closely: ['Gestionare atentă'],
    keep_satisfied: ['Menținere mulțumită'],
    keep_informed: ['Menținere informată'],
    monitor: ['Monitorizare'],
  } satisfies Labels<(typeof QUADRANTS)[number]>,
  raci: {
    responsible: ['R — Responsabil', 'R', 'Responsabil'],
    accountable: ['A — Aprobă (răspunde)', 'A', 'Aprobă'],
    consulted: ['C — Consultat', 'C', 'Consultat'],
    informed: ['I — Informat', 'I', 'Informat'],
  } satisfies Labels<(typeof RACI_ROLES)[number]>,
  partnership: { tech_community: ['Comunitate tech'], academia: ['Mediu academic'], business: ['Mediu economic'], other: ['Altul'] } satisfies Labels<
    (typeof PARTNERSHIP_TYPES)[number]
  >,
  interaction: {
    meeting: ['Întâlnire'],
    email: ['E-mail'],
    phone: ['Telefon'],
    event: ['Eveniment'],
    consultation: ['Consultare'],
    letter: ['Scrisoare'],
    other: ['Altul'],
  } satisfies Labels<(typeof INTERACTION_KINDS)[number]>,
};
const label = <T extends string>(labels: Labels<T>, v: T | null) => (v == null ? null : labels[v][0]);
const optEnum = <V extends string>(labels: Labels<V>) => z.union([z.null(), cellEnum(labels)]);
const optId = z.union([
  z.null(),
  z
    .string()
    .trim()
    .pipe(z.uuid({ version: 'v7', message: 'not an id written by PLA Desk' })),
]);

// ───────────────────────────── columns (export and import share the headers)

const H = {
  id: 'ID',
  sid: 'ID parte interesată',
  sname: 'Parte interesată',
  action: 'Acțiune',
};

const stakeholderImport: ImportColumn[] = [
  { key: 'id', headers: [H.id], schema: optId },
  { key: 'type', headers: ['Tip'], required: true, schema: cellEnum(L.type) },
  { key: 'name', headers: ['Nume', 'Denumire'], required: true, schema: cellText(300) },
  { key: 'legalForm', headers: ['Formă juridică'], schema: optText(200) },
  { key: 'sector', headers: ['Sector'], required: true, schema: cellEnum(L.sector) },
  { key: 'contacts', headers: ['Contacte (intern)', 'Contacte'], schema: optText(2000) },
  { key: 'plaRole', headers: ['Rol în PLA'], schema: optEnum(L.plaRole) },
  { key: 'power', headers: ['Putere (1–5)', 'Putere'], schema: optInt(1, 5) },
  { key: 'interest', headers: ['Interes (1–5)', 'Interes'], schema: optInt(1, 5) },
  { key: 'attitude', headers: ['Atitudine'], schema: z.union([z.null().transform(() => 'unknown' as const), cellEnum(L.attitude)]) },
  { key: 'assessmentDate', headers: ['Data evaluării'], schema: optDate() },
  { key: 'iap2Level', headers: ['Nivel IAP2'], schema: optEnum(L.iap2) },
  { key: 'gdprNotes', headers: ['Note GDPR'], schema: optText(5000) },
  { key: 'consentDate', headers: ['Data consimțământului'], schema: optDate() },
  { key: 'consentScope', headers: ['Domeniul consimțământului'], schema: optText(1000) },
  { key: 'public', headers: ['Public'], schema: z.union([z.null().transform(() => false), cellBool()]) },
  { key: 'notes', headers: ['Note'], schema: optText(20_000) },
];
const refColumns: ImportColumn[] = [
  { key: 'id', headers: [H.id], schema: optId },
  { key: 'stakeholderId', headers: [H.sid], schema: optId },
  { key: 'stakeholderName', headers: [H.sname], schema: z.union([z.null(), cellText(300)]) },
];
const raciImport: ImportColumn[] = [
  ...refColumns,
  { key: 'actionCode', headers: [H.action, 'Cod acțiune'], required: true, schema: cellText(20) },
  { key: 'role', headers: ['Rol RACI', 'Rol'], required: true, schema: cellEnum(L.raci) },
];
const takeoverImport: ImportColumn[] = [
  ...refColumns,
  { key: 'actionCode', headers: [H.action, 'Cod acțiune'], required: true, schema: cellText(20) },
  { key: 'date', headers: ['Data'], required: true, schema: cellDate() },
  { key: 'note', headers: ['Notă'], schema: optText(2000) },
];
const partnershipImport: ImportColumn[] = [
  ...refColumns,
  { key: 'type', headers: ['Tip'], required: true, schema: cellEnum(L.partnership) },
  { key: 'title', headers: ['Titlu'], required: true, schema: cellText(300) },
  { key: 'startDate', headers: ['Data început'], required: true, schema: cellDate() },
  { key: 'endDate', headers: ['Data sfârșit'], schema: optDate() },
  { key: 'notes', headers: ['Note'], schema: optText(5000) },
];
const interactionImport: ImportColumn[] = [
  ...refColumns,
  { key: 'date', headers: ['Data'], required: true, schema: cellDate() },
  { key: 'kind', headers: ['Tip'], required: true, schema: cellEnum(L.interaction) },
  { key: 'summary', headers: ['Rezumat'], required: true, schema: cellText(5000) },
];

// ───────────────────────────── export

type Out = Record<string, string | number | null>;
const col = (key: string, header: string, extra: Partial<ColumnSpec<Out>> = {}): ColumnSpec<Out> => ({ key, header, ...extra });
const refOut = [col('id', H.id, { width: 38 }), col('stakeholderId', H.sid, { width: 38 }), col('stakeholderName', H.sname, { width: 40 })];

export async function exportStakeholdersWorkbook(
  db: DbOrTx,
  out: string,
  opts: { today: string; signal?: AbortSignal; onProgress?: (f: number, m?: string) => void },
): Promise<WriteResult> {
  const data = await loadStakeholderSheets(db);
  return writeWorkbook(out, (wb) => writeStakeholderSheets(wb, data, opts.today), {
    signal: opts.signal,
    onProgress: opts.onProgress,
    totalRows: stakeholderSheetRows(data),
  });
}

export type StakeholderSheetsData = Awaited<ReturnType<typeof loadStakeholderSheets>>;
export type StakeholderSheet = keyof typeof SHEETS;

export async function loadStakeholderSheets(db: DbOrTx) {
  const people = await q.listAllStakeholderRows(db);
  const names = new Map(people.map((s) => [s.id, s.name]));
  const raci = await q.listRaci(db);
  const takeovers = await q.listTakeovers(db);
  const partnerships = await q.listPartnerships(db);
  const docs = await listAttachments(
    db,
    'partnership',
    partnerships.map((p) => p.id),
  );
  const interactions = (await q.listInteractions(db)).filter((i) => names.has(i.stakeholder_id));
  return { people, names, raci, takeovers, partnerships, docs, interactions };
}

export const stakeholderSheetRows = (d: StakeholderSheetsData, only?: readonly StakeholderSheet[]) =>
  (!only || only.includes('stakeholders') ? d.people.length : 0) +
  (!only || only.includes('raci') ? d.raci.length : 0) +
  (!only || only.includes('takeovers') ? d.takeovers.length : 0) +
  (!only || only.includes('partnerships') ? d.partnerships.length : 0) +
  (!only || only.includes('interactions') ? d.interactions.length : 0);

/**
 * The registry's sheets (all, or `only` those named): this export and the coordinator's report pack (which
 * takes the stakeholders and partnerships) share them.
 */
export async function writeStakeholderSheets(wb: WorkbookBuilder, data: StakeholderSheetsData, today: string, only?: readonly StakeholderSheet[]) {
  const { people, names, raci, takeovers, partnerships, docs, interactions } = data;
  const want = (s: StakeholderSheet) => !only || only.includes(s);
  if (want('stakeholders')) {
    const s = wb.sheet<Out>({
      name: SHEETS.stakeholders,
      columns: [
        col('id', H.id, { width: 38 }),
        col('type', 'Tip', { width: 14 }),
        col('name', 'Nume', { width: 40 }),
        col('legalForm', 'Formă juridică', { width: 20 }),
        col('sector', 'Sector', { width: 20 }),
        col('contacts', 'Contacte (intern)', { width: 30, wrap: true }),
        col('plaRole', 'Rol în PLA', { width: 20 }),
        col('power', 'Putere (1–5)', { type: 'int' }),
        col('interest', 'Interes (1–5)', { type: 'int' }),
        col('quadrant', 'Cadran (calculat)', { width: 22 }),
        col('attitude', 'Atitudine', { width: 14 }),
        col('assessmentDate', 'Data evaluării', { type: 'date' }),
        col('iap2Level', 'Nivel IAP2', { width: 14 }),
        col('gdprNotes', 'Note GDPR', { width: 30, wrap: true }),
        col('consentDate', 'Data consimțământului', { type: 'date' }),
        col('consentScope', 'Domeniul consimțământului', { width: 30 }),
        col('public', 'Public', { width: 8 }),
        col('notes', 'Note', { width: 40, wrap: true }),
      ],
    });
    for (const r of people)
      await s.addRow({
        id: r.id,
        type: label(L.type, r.type),
        name: r.name,
        legalForm: r.legal_form,
        sector: label(L.sector, r.sector as never),
        contacts: r.contacts,
        plaRole: label(L.plaRole, r.pla_role as never),
        power: r.power,
        interest: r.interest,
        quadrant: label(L.quadrant, quadrantOf(r.power, r.interest)),
        attitude: label(L.attitude, r.attitude as never),
        assessmentDate: r.assessment_date,
        iap2Level: label(L.iap2, r.iap2_level as never),
        gdprNotes: r.gdpr_notes,
        consentDate: r.consent_date,
        consentScope: r.consent_scope,
        public: r.public ? 'da' : 'nu',
        notes: r.notes,
      });
  }
  if (want('raci')) {
    const rs = wb.sheet<Out>({ name: SHEETS.raci, columns: [...refOut, col('actionCode', H.action, { width: 10 }), col('role', 'Rol RACI', { width: 24 })] });
    for (const r of raci)
      await rs.addRow({
        id: r.id,
        stakeholderId: r.stakeholder_id,
        stakeholderName: r.stakeholder_name,
        actionCode: r.action_code,
        role: label(L.raci, r.role),
      });
  }
  if (want('takeovers')) {
    const ts = wb.sheet<Out>({
      name: SHEETS.takeovers,
      columns: [...refOut, col('actionCode', H.action, { width: 10 }), col('date', 'Data', { type: 'date' }), col('note', 'Notă', { width: 40, wrap: true })],
    });
    for (const r of takeovers)
      await ts.addRow({
        id: r.id,
        stakeholderId: r.stakeholder_id,
        stakeholderName: r.stakeholder_name,
        actionCode: r.action_code,
        date: r.date,
        note: r.note,
      });
  }
  if (want('partnerships')) {
    const ps = wb.sheet<Out>({
      name: SHEETS.partnerships,
      columns: [
        ...refOut,
        col('type', 'Tip', { width: 18 }),
        col('title', 'Titlu', { width: 40 }),
        col('startDate', 'Data început', { type: 'date' }),
        col('endDate', 'Data sfârșit', { type: 'date' }),
        col('notes', 'Note', { width: 40, wrap: true }),
        col('active', 'Activ azi (calculat)', { width: 10 }),
        col('documents', 'Documente (în aplicație)', { type: 'int' }),
      ],
    });
    for (const r of partnerships)
      await ps.addRow({
        id: r.id,
        stakeholderId: r.stakeholder_id,
        stakeholderName: r.stakeholder_name,
        type: label(L.partnership, r.type),
        title: r.title,
        startDate: r.start_date,
        endDate: r.end_date,
        notes: r.notes,
        active: partnershipActive(r, today) ? 'da' : 'nu',
        documents: docs.filter((d) => d.entity_id === r.id).length,
      });
  }
  if (want('interactions')) {
    const is = wb.sheet<Out>({
      name: SHEETS.interactions,
      columns: [...refOut, col('date', 'Data', { type: 'date' }), col('kind', 'Tip', { width: 14 }), col('summary', 'Rezumat', { width: 60, wrap: true })],
    });
    for (const r of interactions)
      await is.addRow({
        id: r.id,
        stakeholderId: r.stakeholder_id,
        stakeholderName: names.get(r.stakeholder_id) ?? '',
        date: r.date,
        kind: label(L.interaction, r.kind as never),
        summary: r.summary,
      });
  }
}

// ───────────────────────────── import

type V = Record<string, any>;
interface Planned {
  table: 'stakeholders' | 'stakeholder_raci' | 'stakeholder_takeovers' | 'partnerships' | 'stakeholder_interactions';
  entity: AuditEntity;
  id: string;
  /** Current updated_at for an update; null for a create. */
  expected: string | null;
  cols: Record<string, unknown>;
  /** Writes go in this order (RACI rows leaving the Accountable role before rows taking it). */
  order: number;
}

const same = (cols: Record<string, unknown>, row: Record<string, unknown>) => Object.entries(cols).every(([k, v]) => (row[k] ?? null) === (v ?? null));

function optionalRows(r: ReadResult<V>, errors: CellError[], ignored: string[]) {
  errors.push(...r.errors);
  ignored.push(...r.ignoredColumns.filter((c) => !/calculat|în aplicație/i.test(c)).map((c) => `${r.sheet}!${c}`));
  return r.rows;
}

/** The register's five sheets as read (parse): the link sheets' rows, every bad cell, and the columns no import column claims. */
interface ParsedRegister {
  main: ReadResult<V>;
  raci: Array<{ row: number; values: V }>;
  takeovers: Array<{ row: number; values: V }>;
  partnerships: Array<{ row: number; values: V }>;
  interactions: Array<{ row: number; values: V }>;
  errors: CellError[];
  ignored: string[];
}

/**
 * Parse: the register's five sheets in one streaming pass by the shared reader (excel-import.ts: zip limits,
 * formulas refused, files from openpyxl and LibreOffice), each cell through its column's schema. The stakeholders'
 * rows go to `onMain` as they are read (not kept); the link sheets' rows are kept (they are checked against the
 * register as the whole file leaves it).
 */
async function parseRegister(file: string, onMain: (sheet: ReadResult<V>, row: ImportedRow<V>) => Promise<void>): Promise<ParsedRegister> {
  const errors: CellError[] = [];
  const ignored: string[] = [];
  const [main, raci, takeovers, partnerships, interactions] = await readSheets<V>(
    file,
    [
      { sheets: [SHEETS.stakeholders, 'Stakeholders'], columns: stakeholderImport },
      { sheets: [SHEETS.raci], columns: raciImport },
      { sheets: [SHEETS.takeovers], columns: takeoverImport },
      { sheets: [SHEETS.partnerships], columns: partnershipImport },
      { sheets: [SHEETS.interactions], columns: interactionImport },
    ],
    { onRow: (n, sheet, row) => (n === 0 ? onMain(sheet, row) : void sheet.rows.push(row)) },
  );
  if (!main.found)
    main.errors.push({ sheet: SHEETS.stakeholders, row: 0, column: '', value: null, message: `no sheet named "${SHEETS.stakeholders}" or "Stakeholders"` });
  errors.push(...main.errors);
  ignored.push(...main.ignoredColumns.filter((c) => !/calculat/i.test(c)).map((c) => `${main.sheet}!${c}`));
  return {
    main,
    raci: optionalRows(raci, errors, ignored),
    takeovers: optionalRows(takeovers, errors, ignored),
    partnerships: optionalRows(partnerships, errors, ignored),
    interactions: optionalRows(interactions, errors, ignored),
    errors,
    ignored,
  };
}

type Tally = Map<string, { sheet: string; created: number; updated: number; unchanged: number }>;

/** Adds one name → id (or row) to a map whose value is one, or several when the name is not unique. */
function addTo<T extends string | number>(map: Map<string, T | T[]>, key: string, v: T) {
  const had = map.get(key);
  map.set(key, had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v]);
}
const countOf = <T>(v: T | T[] | undefined) => (v === undefined ? 0 : Array.isArray(v) ? v.length : 1);

/**
 * Validate and write the stakeholders as they are read: known ids, consent before publication; each row is
 * compared with the register and, unless the import has already failed or is a dry run, written (new rows in
 * batches, updates one by one with optimistic concurrency). Names must be unique among the rows the register will
 * hold: that is known when the sheet has been read (`finish`), which names every row sharing a name.
 */
async function stakeholderPlanner(
  db: DbOrTx,
  write: ((p: Omit<Planned, 'order'>) => Promise<void>) | null,
  bad: Bad,
  tally: (sheet: string, k: 'created' | 'updated' | 'unchanged') => void,
) {
  const existing = new Map((await q.listAllStakeholderRows(db)).map((s) => [s.id, s]));
  const byName = new Map<string, string | string[]>(); // the register's names as the file leaves them → ids
  for (const s of existing.values()) addTo(byName, s.name, s.id);
  const fileRows = new Map<string, number | number[]>(); // the file's names → rows (to name the rows sharing one)
  const renamed = new Map<string, string>(); // a registered stakeholder's id → the name the file gives it
  let sheet = '';
  return {
    byName,
    existingIds: existing,
    async take(read: ReadResult<V>, { row, values: v }: ImportedRow<V>) {
      sheet = read.sheet;
      const S = sheet;
      addTo(fileRows, v.name, row);
      if (v.id && !existing.has(v.id)) return bad(S, row, H.id, v.id, 'no live stakeholder has this id (leave it empty to add a new one)');
      const id = (v.id as string | null) ?? newId();
      const current = existing.get(id);
      if (current) {
        // the register's row now carries the file's name
        const was = renamed.get(id) ?? current.name;
        const ids = byName.get(was);
        if (Array.isArray(ids))
          byName.set(
            was,
            ids.filter((x) => x !== id),
          );
        else if (ids === id) byName.delete(was);
        renamed.set(id, v.name);
      }
      addTo(byName, v.name, id);
      if (v.type === 'person' && v.public && (!v.consentDate || !String(v.consentScope).trim()))
        bad(S, row, 'Public', 'da', 'a person can be public only after their consent is recorded (consent date and scope)');
      // the row's checked cells carry the save's field names: the same columns a save writes
      const cols = stakeholderColumns(v as Parameters<typeof stakeholderColumns>[0]);
      if (current && same(cols, current as never)) return tally(S, 'unchanged');
      tally(S, current ? 'updated' : 'created');
      await write?.({ table: 'stakeholders', entity: 'stakeholder', id, cols, expected: current ? current.updated_at : null });
    },
    /** Every file row whose name another stakeholder also has, in row order. */
    finish() {
      const shared: Array<{ row: number; name: string }> = [];
      for (const [name, rows] of fileRows) if (countOf(byName.get(name)) > 1) for (const row of Array.isArray(rows) ? rows : [rows]) shared.push({ row, name });
      for (const { row, name } of shared.sort((a, b) => a.row - b.row)) bad(sheet, row, 'Nume', name, `another stakeholder is also named "${name}"`);
    },
  };
}

type Bad = (sheet: string, row: number, column: string, value: unknown, message: string) => void;

/**
 * Validate the link sheets against the register as the file leaves it (known ids, one Accountable per action, one
 * take-over link per stakeholder and action, dates) into the writes to make; every problem is named by sheet, row
 * and column.
 */
async function planLinks(
  ctx: ServiceContext,
  db: DbOrTx,
  parsed: ParsedRegister,
  names: Map<string, string | string[]>,
  bad: Bad,
  tally: (sheet: string, k: 'created' | 'updated' | 'unchanged') => void,
): Promise<Planned[]> {
  const { raci: raciRows, takeovers: takeoverRows, partnerships: partnershipRows, interactions: interactionRows } = parsed;
  const today = ctx.now().toISOString().slice(0, 10);
  const planned: Planned[] = [];
  const plan = (sheet: string, p: Omit<Planned, 'expected' | 'order'> & { order?: number }, current: Record<string, unknown> | undefined) => {
    if (current && same(p.cols, current)) return tally(sheet, 'unchanged');
    planned.push({ ...p, expected: current ? (current.updated_at as string) : null, order: p.order ?? 0 });
    tally(sheet, current ? 'updated' : 'created');
  };
  const finalIds = new Set<string>();
  for (const ids of names.values()) for (const id of Array.isArray(ids) ? ids : [ids]) finalIds.add(id);

  const actions = new Map((await q.actionCodes(db)).map((a) => [a.code, a.id]));
  const codeOf = new Map([...actions].map(([c, i]) => [i, c]));
  /** The stakeholder a link row names: by id, or by its name when the id is empty. */
  const who = (sheet: string, row: number, v: V): string | null => {
    if (v.stakeholderId) {
      if (!finalIds.has(v.stakeholderId)) bad(sheet, row, H.sid, v.stakeholderId, 'no stakeholder has this id');
      return finalIds.has(v.stakeholderId) ? v.stakeholderId : null;
    }
    if (!v.stakeholderName) {
      bad(sheet, row, H.sname, null, 'name the stakeholder (or give its id)');
      return null;
    }
    const named = names.get(v.stakeholderName);
    const ids = named === undefined ? [] : Array.isArray(named) ? named : [named];
    if (ids.length !== 1)
      bad(sheet, row, H.sname, v.stakeholderName, ids.length ? 'several stakeholders have this name; give the id' : 'no stakeholder has this name');
    return ids.length === 1 ? ids[0] : null;
  };
  const action = (sheet: string, row: number, v: V): string | null => {
    const a = actions.get(v.actionCode);
    if (!a) bad(sheet, row, H.action, v.actionCode, 'no plan action has this code');
    return a ?? null;
  };
  async function known<T extends { id: string; deleted_at: string | null }>(sheet: string, rows: Array<{ row: number; values: V }>, table: Planned['table']) {
    const ids = rows.map((r) => r.values.id).filter(Boolean) as string[];
    const found = ids.length ? ((await liveRowsIn(db, table, ids)) as unknown as T[]) : [];
    const map = new Map(found.map((r) => [r.id, r]));
    for (const { row, values: v } of rows) if (v.id && !map.has(v.id)) bad(sheet, row, H.id, v.id, 'no live row has this id (leave it empty to add a new one)');
    return map;
  }

  // RACI: the final state of every action the file touches must have exactly one Accountable.
  const raciCurrent = new Map((await q.liveRaciRows(db)).map((r) => [r.id, r]));
  await known(SHEETS.raci, raciRows, 'stakeholder_raci');
  const raciFinal = new Map<string, { action: string; stakeholder: string; role: string; row?: number }>();
  for (const r of raciCurrent.values()) raciFinal.set(r.id, { action: r.action_id, stakeholder: r.stakeholder_id, role: r.role });
  const raciPlanned: Array<{ row: number; id: string; cols: Record<string, unknown> }> = [];
  for (const { row, values: v } of raciRows) {
    const sid = who(SHEETS.raci, row, v);
    const aid = action(SHEETS.raci, row, v);
    if (!sid || !aid || (v.id && !raciCurrent.has(v.id))) continue;
    const id = v.id ?? newId();
    raciFinal.set(id, { action: aid, stakeholder: sid, role: v.role, row });
    raciPlanned.push({ row, id, cols: { stakeholder_id: sid, action_id: aid, role: v.role } });
  }
  const touched = new Set(raciPlanned.map((p) => p.cols.action_id as string));
  for (const aid of touched) {
    const links = [...raciFinal.values()].filter((l) => l.action === aid);
    const as = links.filter((l) => l.role === 'accountable');
    const code = codeOf.get(aid) ?? aid;
    if (as.length > 1)
      for (const l of as.filter((x) => x.row))
        bad(SHEETS.raci, l.row!, 'Rol RACI', 'A', `action ${code} would have ${as.length} Accountables; an action has exactly one`);
    if (as.length === 0) {
      const first = links.find((l) => l.row);
      if (first) bad(SHEETS.raci, first.row!, 'Rol RACI', null, `action ${code} has no Accountable; add one row with role A for it`);
    }
    const seen = new Set<string>();
    for (const l of links) {
      const k = `${l.stakeholder}|${l.role}`;
      if (seen.has(k) && l.row) bad(SHEETS.raci, l.row, 'Rol RACI', l.role, `this stakeholder already has this role on action ${code}`);
      seen.add(k);
    }
  }
  for (const p of raciPlanned)
    plan(
      SHEETS.raci,
      { table: 'stakeholder_raci', entity: 'stakeholder_raci', id: p.id, cols: p.cols, order: p.cols.role === 'accountable' ? 2 : 1 },
      raciCurrent.get(p.id) as never,
    );

  // Able to take over: one link per stakeholder and action; dates not in the future.
  const tkCurrent = await known<{ id: string; deleted_at: string | null; stakeholder_id: string; action_id: string }>(
    SHEETS.takeovers,
    takeoverRows,
    'stakeholder_takeovers',
  );
  const tkAll = await q.liveTakeoverPairs(db);
  const tkKey = new Map(tkAll.map((t) => [`${t.stakeholder_id}|${t.action_id}`, t.id]));
  for (const { row, values: v } of takeoverRows) {
    const sid = who(SHEETS.takeovers, row, v);
    const aid = action(SHEETS.takeovers, row, v);
    if (v.date > today) bad(SHEETS.takeovers, row, 'Data', v.date, 'the date cannot be in the future');
    if (!sid || !aid || (v.id && !tkCurrent.has(v.id))) continue;
    const id = v.id ?? newId();
    const k = `${sid}|${aid}`;
    const holder = tkKey.get(k);
    if (holder && holder !== id) {
      bad(SHEETS.takeovers, row, H.action, v.actionCode, 'this stakeholder is already marked able to take over this action');
      continue;
    }
    tkKey.set(k, id);
    plan(
      SHEETS.takeovers,
      { table: 'stakeholder_takeovers', entity: 'stakeholder_takeover', id, cols: { stakeholder_id: sid, action_id: aid, date: v.date, note: v.note } },
      tkCurrent.get(id) as never,
    );
  }

  const pCurrent = await known<{ id: string; deleted_at: string | null }>(SHEETS.partnerships, partnershipRows, 'partnerships');
  for (const { row, values: v } of partnershipRows) {
    const sid = who(SHEETS.partnerships, row, v);
    if (v.endDate && v.endDate < v.startDate) bad(SHEETS.partnerships, row, 'Data sfârșit', v.endDate, 'end date is before start date');
    if (!sid || (v.id && !pCurrent.has(v.id))) continue;
    const id = v.id ?? newId();
    plan(
      SHEETS.partnerships,
      {
        table: 'partnerships',
        entity: 'partnership',
        id,
        cols: { stakeholder_id: sid, type: v.type, title: v.title, start_date: v.startDate, end_date: v.endDate, notes: v.notes },
      },
      pCurrent.get(id) as never,
    );
  }

  const iCurrent = await known<{ id: string; deleted_at: string | null }>(SHEETS.interactions, interactionRows, 'stakeholder_interactions');
  for (const { row, values: v } of interactionRows) {
    const sid = who(SHEETS.interactions, row, v);
    if (v.date > today) bad(SHEETS.interactions, row, 'Data', v.date, 'the date cannot be in the future');
    if (!sid || (v.id && !iCurrent.has(v.id))) continue;
    const id = v.id ?? newId();
    plan(
      SHEETS.interactions,
      {
        table: 'stakeholder_interactions',
        entity: 'stakeholder_interaction',
        id,
        cols: { stakeholder_id: sid, date: v.date, kind: v.kind, summary: v.summary },
      },
      iCurrent.get(id) as never,
    );
  }

  return planned;
}

/**
 * Write the link rows: in the planned order (RACI rows leaving the Accountable role before rows taking it).
 * Within each step the updates go first, one by one (optimistic concurrency), then the new rows in bulk, each
 * with its own audit entry (insertAuditedMany).
 */
async function writeLinks(ctx: ServiceContext, trx: WriteTx, planned: Planned[]): Promise<void> {
  const steps = new Map<string, Planned[]>();
  for (const p of [...planned].sort((a, b) => a.order - b.order)) {
    const key = `${p.order}|${p.table}`;
    const step = steps.get(key);
    if (step) step.push(p);
    else steps.set(key, [p]);
  }
  for (const step of steps.values()) {
    for (const p of step) if (p.expected) await updateCurrent(ctx, trx, p.table, p.entity, p.id, p.expected, p.cols);
    const creates = step.filter((p) => !p.expected);
    if (creates.length)
      await insertAuditedMany(
        ctx,
        trx,
        creates[0].table,
        creates[0].entity,
        creates.map((p) => ({ id: p.id, ...p.cols })),
      );
  }
}

/**
 * Reads, checks and (unless `dryRun`) writes the workbook in one transaction. The stakeholders are checked and
 * written as they are read (new ones in batches: import-batches.ts); the link sheets, checked against the register
 * as the file leaves it, after. A bad cell or row anywhere stops the writing, the reading goes on to name every
 * problem, and the transaction is rolled back: nothing is written.
 */
export async function importStakeholdersWorkbook(ctx: ServiceContext, file: string, dryRun: boolean): Promise<StakeholdersImportReport> {
  return streamedImport(ctx, !dryRun, async (batches, db) => {
    const errors: CellError[] = [];
    const bad: Bad = (sheet, row, column, value, message) => {
      errors.push({ sheet, row, column, value: (value ?? null) as never, message });
      batches?.halt();
    };
    const counts: Tally = new Map();
    const tally = (sheet: string, k: 'created' | 'updated' | 'unchanged') => {
      const c = counts.get(sheet) ?? { sheet, created: 0, updated: 0, unchanged: 0 };
      c[k]++;
      counts.set(sheet, c);
    };
    let failed = false;
    const write =
      batches &&
      (async (p: Omit<Planned, 'order'>) => {
        if (failed || errors.length) return; // the import fails: the rest is only read
        if (p.expected) await updateCurrent(ctx, batches.trx, p.table, p.entity, p.id, p.expected, p.cols);
        else await batches.create(p.table, p.entity, { id: p.id, ...p.cols });
      });
    const stakeholders = await stakeholderPlanner(db, write, bad, tally);
    const parsed = await parseRegister(file, async (sheet, row) => {
      if (sheet.errors.length && !failed) {
        failed = true; // a bad cell: the import fails on the cells alone
        batches?.halt();
      }
      if (!failed) await stakeholders.take(sheet, row);
    });
    if (parsed.errors.length) throw cellErrors(parsed.errors);
    stakeholders.finish();
    const planned = await planLinks(ctx, db, parsed, stakeholders.byName, bad, tally);
    if (errors.length) throw cellErrors(errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : 0)));
    if (batches) {
      await batches.flush(); // the stakeholders before the rows naming them
      await writeLinks(ctx, batches.trx, planned);
    }
    const S = parsed.main.sheet;
    return {
      dryRun,
      sheets: [SHEETS.stakeholders, SHEETS.raci, SHEETS.takeovers, SHEETS.partnerships, SHEETS.interactions].map(
        (s) => counts.get(s === SHEETS.stakeholders ? S : s) ?? { sheet: s, created: 0, updated: 0, unchanged: 0 },
      ),
      ignoredColumns: parsed.ignored,
    };
  });
}
