import { z } from 'zod';
import * as q from '../../../db/queries/funding';
import { getRow } from '../../../db/queries/rows';
import {
  APPLICATION_STATUSES,
  AppError,
  CALL_STATUSES,
  CALL_TYPES,
  FUNDING_PROGRAMMES,
  saveApplicationInput,
  saveCallInput,
  toFieldIssues,
  validationError,
  type FundingImportReport,
} from '../../contract';
import type { ServiceContext } from '../context';
import { writeWorkbook, type ColumnSpec, type Link, type WorkbookBuilder, type WriteResult } from '../excel';
import {
  cellBool,
  cellDate,
  cellDecimal,
  cellEnum,
  cellErrors,
  cellInt,
  optText,
  cellText,
  readSheet,
  type CellError,
  type ImportColumn,
} from '../excel-import';
import { ImportBatches } from '../import-batches';
import { compareCodes, newId } from '../util';
import { APPLICATION_STATUS_RO, CALL_STATUS_RO, CALL_TYPE_RO, PROGRAMME_RO } from './labels';
import { applicationColumns, callColumns, listApplications, listCalls, writeApplication, writeCall } from './service';

/**
 * The funding workbook: sheet "Apeluri" (calls) and sheet "Cereri de finanțare" (applications), Romanian headers.
 * Export then import changes nothing: rows are matched by their ID column and unchanged rows are not rewritten.
 */
export const SHEETS = { calls: 'Apeluri', applications: 'Cereri de finanțare' } as const;

const enumLabels = <V extends string>(values: readonly V[], ro: Record<V, string>, en: (v: V) => string[] = () => []) =>
  Object.fromEntries(values.map((v) => [v, [ro[v], ...en(v)]])) as Record<V, string[]>;

const PROGRAMME_ALIASES: Partial<Record<(typeof FUNDING_PROGRAMMES)[number], string[]>> = {
  regio_vest: ['Regio Vest', 'PR Vest', 'Regional Programme Vest 2021-2027'],
  eea_norway: ['EEA and Norway Grants', 'Granturi SEE'],
  poca_peo: ['POCA', 'PEO'],
  local_budget: ['Local budget'],
  other: ['Other'],
};

/** An optional cell: empty → `empty`, otherwise the schema, with the schema's own message (not "Invalid input"). */
const orEmpty = <S extends z.ZodType>(schema: S, ...fallback: [unknown?]) =>
  z
    .custom<unknown>(() => true)
    .transform((v, ctx) => {
      if (v == null) return (fallback.length ? fallback[0] : null) as z.output<S>;
      const r = schema.safeParse(v);
      if (r.success) return r.data as z.output<S>;
      for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message });
      return z.NEVER;
    });

/** Lei (a number, or "1.234,50 lei") → integer bani; refuses a fraction of a ban and negative amounts. */
const cellLeiExact = () =>
  z
    .union([z.number(), z.string().transform((s) => s.replace(/\s*lei\s*$/i, ''))])
    .pipe(cellDecimal())
    .pipe(z.number().min(0, 'must not be negative'))
    .refine((lei) => Math.abs(lei * 100 - Math.round(lei * 100)) < 1e-6, 'at most two decimals (whole bani)')
    .transform((lei) => Math.round(lei * 100));
const optLeiExact = () => orEmpty(cellLeiExact());
const optDecimal = () => orEmpty(cellDecimal());
const idCell = z.union([z.null(), z.string().trim()]);
const codesCell = z.union([z.null(), z.string()]).transform((s) =>
  (s ?? '')
    .split(/[,;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean),
);

interface Col extends ImportColumn {
  /** The contract field whose issues this column shows. */
  field?: string;
}

const CALL_COLUMNS: Col[] = [
  { key: 'id', headers: ['ID'], schema: idCell },
  {
    key: 'programme',
    headers: ['Program', 'Programme'],
    required: true,
    schema: cellEnum(enumLabels(FUNDING_PROGRAMMES, PROGRAMME_RO, (v) => PROGRAMME_ALIASES[v] ?? [])),
  },
  { key: 'priority', headers: ['Prioritate / componentă', 'Prioritate', 'Priority'], schema: optText(500) },
  { key: 'managingBody', headers: ['Organism de management', 'Managing body'], schema: optText(300) },
  { key: 'code', headers: ['Cod apel', 'Call code'], required: true, schema: cellText(100) },
  { key: 'title', headers: ['Titlu apel', 'Titlu', 'Title'], required: true, schema: cellText(500) },
  { key: 'type', headers: ['Tip', 'Type'], schema: orEmpty(cellEnum(enumLabels(CALL_TYPES, CALL_TYPE_RO)), 'competitive') },
  { key: 'status', headers: ['Stare', 'Status'], schema: orEmpty(cellEnum(enumLabels(CALL_STATUSES, CALL_STATUS_RO)), 'planned') },
  { key: 'openingDate', headers: ['Data deschiderii', 'Opening date'], schema: orEmpty(cellDate()) },
  { key: 'deadline', headers: ['Termen limită', 'Deadline'], schema: orEmpty(cellDate()) },
  { key: 'budget', headers: ['Buget apel (lei)', 'Buget apel', 'Call budget'], schema: optLeiExact() },
  { key: 'eligibleApplicants', headers: ['Solicitanți eligibili', 'Eligible applicants'], schema: optText(5000) },
  { key: 'eligibleActivities', headers: ['Activități eligibile', 'Eligible activities'], schema: optText(5000) },
  { key: 'grantRate', headers: ['Rată grant (%)', 'Grant rate (%)'], schema: optDecimal() },
  { key: 'minGrant', headers: ['Grant minim (lei)', 'Min grant'], schema: optLeiExact() },
  { key: 'maxGrant', headers: ['Grant maxim (lei)', 'Max grant'], schema: optLeiExact() },
  { key: 'maxDurationMonths', headers: ['Durată maximă (luni)', 'Max duration (months)'], schema: orEmpty(cellInt()) },
  { key: 'guideUrl', headers: ['Ghidul solicitantului (link)', 'Ghid', 'Guide link'], schema: z.union([z.null(), z.string().trim()]) },
  { key: 'nonReimbursable', headers: ['Nerambursabil', 'Non-reimbursable'], required: true, schema: cellBool() },
  { key: 'actionCodes', headers: ['Acțiuni PLA', 'PLA actions'], field: 'actionIds', schema: codesCell },
];

const APP_COLUMNS: Col[] = [
  { key: 'id', headers: ['ID'], schema: idCell },
  {
    key: 'code',
    headers: ['Cod SMIS', 'SMIS code'],
    schema: z.union([z.null().transform(() => ''), z.union([z.string(), z.number()]).transform((v) => String(v).trim())]),
  },
  { key: 'title', headers: ['Titlu proiect', 'Project title'], required: true, schema: cellText(500) },
  { key: 'callCode', headers: ['Cod apel', 'Call code'], required: true, field: 'callId', schema: cellText(100) },
  { key: 'applicant', headers: ['Solicitant', 'Applicant'], required: true, schema: cellText(300) },
  { key: 'partners', headers: ['Parteneri', 'Partners'], schema: optText(2000) },
  { key: 'actionCodes', headers: ['Acțiuni PLA', 'PLA actions'], field: 'actionIds', schema: codesCell },
  { key: 'requestedAmount', headers: ['Suma solicitată (lei)', 'Requested amount'], required: true, schema: cellLeiExact() },
  { key: 'ownContribution', headers: ['Contribuție proprie (lei)', 'Own contribution'], schema: orEmpty(cellLeiExact(), 0) },
  { key: 'totalAmount', headers: ['Total (lei)', 'Total'], schema: orEmpty(cellLeiExact(), undefined) },
  { key: 'status', headers: ['Stare', 'Status'], schema: orEmpty(cellEnum(enumLabels(APPLICATION_STATUSES, APPLICATION_STATUS_RO)), undefined) },
  { key: 'submittedOn', headers: ['Depusă la', 'Submitted on'], schema: orEmpty(cellDate()) },
  { key: 'decisionOn', headers: ['Decizie la', 'Decision on'], schema: orEmpty(cellDate()) },
  { key: 'contractSignedOn', headers: ['Contract semnat la', 'Contract signed on'], schema: orEmpty(cellDate()) },
  { key: 'implementationStart', headers: ['Început implementare', 'Implementation start'], schema: orEmpty(cellDate()) },
  { key: 'closedOn', headers: ['Închisă la', 'Closed on'], schema: orEmpty(cellDate()) },
  { key: 'nextStep', headers: ['Pasul următor', 'Next step'], schema: optText(500) },
  { key: 'nextStepOn', headers: ['Data pasului următor', 'Next step on'], schema: orEmpty(cellDate()) },
  {
    key: 'councilDecisionNo',
    headers: ['Nr. HCL', 'Council decision no.'],
    schema: z.union([z.null().transform(() => ''), z.union([z.string(), z.number()]).transform((v) => String(v).trim())]),
  },
  { key: 'councilDecisionDate', headers: ['Data HCL', 'Council decision date'], schema: orEmpty(cellDate()) },
  { key: 'evaluationFeedback', headers: ['Feedback evaluare', 'Evaluation feedback'], schema: optText(20_000) },
];

// ───────────────────────────── export

interface CallSheetRow {
  id: string;
  programme: string;
  priority: string;
  managingBody: string;
  code: string;
  title: string;
  type: string;
  status: string;
  openingDate: string | null;
  deadline: string | null;
  budget: number | null;
  eligibleApplicants: string;
  eligibleActivities: string;
  grantRate: number | null;
  minGrant: number | null;
  maxGrant: number | null;
  maxDurationMonths: number | null;
  guideUrl: Link | null;
  nonReimbursable: string;
  actionCodes: string;
}

interface AppSheetRow {
  id: string;
  code: string;
  title: string;
  callCode: string;
  applicant: string;
  partners: string;
  actionCodes: string;
  requestedAmount: number;
  ownContribution: number;
  totalAmount: number;
  status: string;
  submittedOn: string | null;
  decisionOn: string | null;
  contractSignedOn: string | null;
  implementationStart: string | null;
  closedOn: string | null;
  nextStep: string;
  nextStepOn: string | null;
  councilDecisionNo: string;
  councilDecisionDate: string | null;
  evaluationFeedback: string;
}

const TYPE_OF: Record<string, ColumnSpec<never>['type']> = {
  openingDate: 'date',
  deadline: 'date',
  budget: 'lei',
  grantRate: 'decimal',
  minGrant: 'lei',
  maxGrant: 'lei',
  maxDurationMonths: 'int',
  requestedAmount: 'lei',
  ownContribution: 'lei',
  totalAmount: 'lei',
  submittedOn: 'date',
  decisionOn: 'date',
  contractSignedOn: 'date',
  implementationStart: 'date',
  closedOn: 'date',
  nextStepOn: 'date',
  councilDecisionDate: 'date',
};
const WRAP = new Set(['title', 'eligibleApplicants', 'eligibleActivities', 'evaluationFeedback', 'partners']);

const specOf = <T>(cols: Col[]): Array<ColumnSpec<T>> =>
  cols.map((c) => ({
    key: c.key as keyof T & string,
    header: c.headers[0],
    type: TYPE_OF[c.key] ?? 'text',
    width: c.key === 'id' ? 38 : WRAP.has(c.key) ? 40 : undefined,
    wrap: WRAP.has(c.key),
  }));

export async function exportFundingWorkbook(
  ctx: ServiceContext,
  out: string,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number, message?: string) => void } = {},
): Promise<WriteResult> {
  const data = await loadFundingSheets(ctx);
  return writeWorkbook(out, (wb) => writeFundingSheets(wb, data), { ...opts, totalRows: data.calls.length + data.apps.length });
}

export type FundingSheetsData = Awaited<ReturnType<typeof loadFundingSheets>>;

/** Calls and applications in sheet order, with their actions' codes. */
export async function loadFundingSheets(ctx: ServiceContext) {
  const [calls, apps, actions] = await Promise.all([listCalls(ctx), listApplications(ctx), q.liveActions(ctx.db)]);
  calls.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  apps.sort((a, b) => (a.callCode < b.callCode ? -1 : a.callCode > b.callCode ? 1 : a.createdAt < b.createdAt ? -1 : 1));
  return { calls, apps, codeOf: new Map(actions.map((a) => [a.id, a.code])) };
}

/** The calls and applications sheets: this export and the coordinator's report pack share them. */
export async function writeFundingSheets(wb: WorkbookBuilder, { calls, apps, codeOf }: FundingSheetsData) {
  const codes = (ids: string[]) =>
    ids
      .map((i) => codeOf.get(i))
      .filter((c): c is string => !!c)
      .sort(compareCodes)
      .join(', ');
  const cs = wb.sheet<CallSheetRow>({ name: SHEETS.calls, columns: specOf<CallSheetRow>(CALL_COLUMNS) });
  for (const c of calls)
    await cs.addRow({
      ...c,
      programme: PROGRAMME_RO[c.programme],
      type: CALL_TYPE_RO[c.type],
      status: CALL_STATUS_RO[c.status],
      guideUrl: c.guideUrl ? { text: c.guideUrl, hyperlink: c.guideUrl } : null,
      nonReimbursable: c.nonReimbursable ? 'da' : 'nu',
      actionCodes: codes(c.actionIds),
    });
  const as = wb.sheet<AppSheetRow>({ name: SHEETS.applications, columns: specOf<AppSheetRow>(APP_COLUMNS) });
  for (const a of apps) await as.addRow({ ...a, status: APPLICATION_STATUS_RO[a.status], actionCodes: codes(a.actionIds) });
}

// ───────────────────────────── import

class DryRun extends Error {}

type Values = Record<string, unknown>;

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null) || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);
const sameSet = (a: string[], b: string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

/**
 * Reads, checks and (unless dry run) writes the funding workbook in one transaction; any bad cell → nothing written.
 * The calls are read, checked and written as they come (new ones in batches: import-batches.ts; an update one by
 * one, after the waiting new calls are written), then the applications, which name calls by their code. A dry run
 * writes the same way and rolls back.
 */
export async function importFundingWorkbook(ctx: ServiceContext, file: string, opts: { dryRun: boolean }): Promise<FundingImportReport> {
  const report: FundingImportReport = {
    dryRun: opts.dryRun,
    calls: { created: 0, updated: 0, unchanged: 0 },
    applications: { created: 0, updated: 0, unchanged: 0 },
    ignoredColumns: [],
  };
  const errors: CellError[] = [];
  try {
    await ctx.tx(async (trx) => {
      const batches = new ImportBatches(ctx, trx);
      const actionByCode = new Map((await q.liveActions(trx)).map((a) => [a.code, a.id]));
      const codes = new Map((await q.liveCallCodes(trx)).map((c) => [c.code, c.id])); // live calls, the waiting new ones included
      let cellsBad = false;
      const streamRows = (
        sheets: string[],
        cols: Col[],
        handle: (v: Values, bad: (field: string, message: string) => void) => Promise<'created' | 'updated' | 'unchanged' | null>,
        counts: FundingImportReport['calls'],
      ) =>
        readSheet<Values>(file, cols, {
          sheets,
          onRow: async (read, r) => {
            if (read.errors.length && !cellsBad) {
              cellsBad = true; // the import fails on the cells alone: the rest is only read
              batches.halt();
            }
            if (cellsBad) return;
            const before = errors.length;
            const bad = (field: string, message: string) => {
              const top = field.split('.')[0];
              const col = cols.find((c) => (c.field ?? c.key) === top) ?? cols.find((c) => c.key === 'id')!;
              errors.push({ sheet: read.sheet, row: r.row, column: col.headers[0], value: (r.values[col.key] as never) ?? null, message });
            };
            const outcome = await handle(r.values, bad).catch((e: unknown) => {
              if (e instanceof AppError && e.code !== 'INTERNAL') {
                const issues = e.details?.issues ?? [{ field: 'id', message: e.message }];
                for (const i of issues) bad(i.field, i.message);
                return null;
              }
              throw e;
            });
            if (outcome && errors.length === before) counts[outcome]++;
          },
        });
      const actionIds = (v: Values, bad: (f: string, m: string) => void) =>
        (v.actionCodes as string[]).map((c) => {
          const aid = actionByCode.get(c);
          if (!aid) bad('actionIds', `no PLA action with code ${c}`);
          return aid ?? '';
        });

      const callsRead = await streamRows(
        [SHEETS.calls, 'Calls'],
        CALL_COLUMNS,
        async (v, bad) => {
          const ids = actionIds(v, bad);
          const existing = v.id ? await getRow(trx, 'funding_calls', v.id as string) : undefined;
          if (v.id && (!existing || existing.deleted_at)) return (bad('id', 'no live call has this ID (leave it empty to add a new call)'), null);
          const { actionCodes: _a, id: _i, ...fields } = v;
          const parsed = saveCallInput.safeParse({
            ...fields,
            actionIds: ids.filter(Boolean),
            ...(existing ? { id: existing.id, expectedUpdatedAt: existing.updated_at } : {}),
          });
          if (!parsed.success) return (toFieldIssues(parsed.error).forEach((i) => bad(i.field, i.message)), null);
          if (ids.some((x) => !x)) return null;
          const input = parsed.data;
          if (existing) {
            const cols = callColumns(input);
            const links = (await q.listCallActions(trx, [existing.id])).map((l) => l.action_id);
            if (Object.entries(cols).every(([k, x]) => same(x, (existing as unknown as Values)[k])) && sameSet(links, input.actionIds)) return 'unchanged';
            await batches.flush(); // the update sees the new calls before it (a code they took)
            await writeCall(ctx, trx, input);
            if (codes.get(existing.code) === existing.id) codes.delete(existing.code);
            codes.set(input.code, existing.id);
            return 'updated';
          }
          // A new call: what writeCall does, with the code checked against the codes so far and the rows batched.
          if (codes.has(input.code)) throw validationError('code', 'duplicate', `call code ${input.code} is already used`);
          const id = newId();
          codes.set(input.code, id);
          await batches.create('funding_calls', 'funding_call', { id, ...callColumns(input) });
          for (const action_id of new Set(input.actionIds)) await batches.link('funding_call_actions', { call_id: id, action_id });
          return 'created';
        },
        report.calls,
      );
      await batches.flush(); // the applications name the calls by code

      const appsRead = await streamRows(
        [SHEETS.applications, 'Cereri', 'Applications'],
        APP_COLUMNS,
        async (v, bad) => {
          const ids = actionIds(v, bad);
          const call = await q.findCallByCode(trx, v.callCode as string);
          if (!call) bad('callId', `no call with code ${String(v.callCode)} (in the database or the "${SHEETS.calls}" sheet)`);
          const existing = v.id ? await getRow(trx, 'funding_applications', v.id as string) : undefined;
          if (v.id && (!existing || existing.deleted_at)) return (bad('id', 'no live application has this ID (leave it empty to add a new application)'), null);
          if (!call) return null;
          const { actionCodes: _a, id: _i, callCode: _c, ...fields } = v;
          const parsed = saveApplicationInput.safeParse({
            ...fields,
            callId: call.id,
            actionIds: ids.filter(Boolean),
            ...(existing ? { id: existing.id, expectedUpdatedAt: existing.updated_at } : {}),
          });
          if (!parsed.success) return (toFieldIssues(parsed.error).forEach((i) => bad(i.field, i.message)), null);
          if (ids.some((x) => !x)) return null;
          if (existing) {
            const cols = applicationColumns(parsed.data, parsed.data.status ?? existing.status);
            const links = (await q.listApplicationActions(trx, [existing.id])).map((l) => l.action_id);
            if (Object.entries(cols).every(([k, x]) => same(x, (existing as unknown as Values)[k])) && sameSet(links, parsed.data.actionIds))
              return 'unchanged';
          }
          await writeApplication(ctx, trx, parsed.data);
          return existing ? 'updated' : 'created';
        },
        report.applications,
      );

      if (callsRead.errors.length || appsRead.errors.length) throw cellErrors([...callsRead.errors, ...appsRead.errors]);
      report.ignoredColumns = [
        ...callsRead.ignoredColumns.map((c) => `${callsRead.sheet}!${c}`),
        ...appsRead.ignoredColumns.map((c) => `${appsRead.sheet}!${c}`),
      ];
      if (errors.length) throw cellErrors(errors);
      if (opts.dryRun) throw new DryRun();
    });
  } catch (e) {
    if (e instanceof DryRun) return report;
    throw e;
  }
  return report;
}
