import fs from 'node:fs';
import { z } from 'zod';
import * as q from '../../../db/queries/budgeting';
import type { ProposalImportReport } from '../../contract';
import type { ServiceContext } from '../context';
import {
  cellErrors,
  cellText,
  normalizeHeader,
  optBool,
  optDate,
  optInt,
  optLei,
  optText,
  readSheet,
  type CellError,
  type CellValue,
  type ImportColumn,
  type ImportedRow,
  type ReadResult,
} from '../excel-import';
import { streamedImport } from '../import-batches';
import { newId } from '../util';
import { updateCurrent } from '../writes';
import { checkProposal, getCampaign, nextCode, proposalCostWarnings, type ProposalFields } from './service';

/**
 * Proposals from a CSV or XLSX list — our own columns or the city platform's (Decidim) proposals export:
 * id, title, body, category, scope, address, latitude, longitude, state, votes … (multilingual Decidim
 * columns such as "title/ro" are accepted). All or nothing: every bad row is reported with its reason.
 */

/** A coordinate: a number, with a decimal point or comma. */
const coord = (lo: number, hi: number) =>
  z
    .union([
      z.null(),
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d+([.,]\d+)?$/, 'expected a number such as 45.7489')
        .transform((s) => Number(s.replace(',', '.'))),
    ])
    .refine((v) => v == null || (v >= lo && v <= hi), `must be between ${lo} and ${hi}`);

export const PROPOSAL_COLUMNS: ImportColumn[] = [
  {
    key: 'code',
    headers: ['Cod', 'id', 'code', 'reference', 'referinta'],
    schema: z.union([z.null().transform(() => ''), z.union([z.string(), z.number()]).transform((v) => String(v).trim())]),
  },
  { key: 'title', headers: ['Titlu', 'title', 'title/ro', 'title/en', 'titlu propunere'], required: true, schema: cellText(500) },
  { key: 'body', headers: ['Descriere', 'body', 'body/ro', 'description/ro', 'body/en', 'description/en', 'description'], schema: optText(20_000) },
  { key: 'category', headers: ['Categorie', 'category', 'category/name', 'category/name/ro', 'category/name/en'], schema: optText(200) },
  { key: 'zone', headers: ['Zonă', 'zone', 'scope', 'scope/name', 'scope/name/ro', 'scope/name/en', 'cartier'], schema: optText(200) },
  { key: 'address', headers: ['Adresă', 'address', 'locatie'], schema: optText(500) },
  { key: 'latitude', headers: ['Latitudine', 'latitude', 'lat'], schema: coord(-90, 90) },
  { key: 'longitude', headers: ['Longitudine', 'longitude', 'lng', 'lon'], schema: coord(-180, 180) },
  { key: 'state', headers: ['Stare platformă', 'state', 'stare'], schema: optText(100) },
  { key: 'votes', headers: ['Voturi platformă', 'votes', 'supports', 'proposal_votes_count', 'voturi'], schema: optInt(0) },
  {
    key: 'submittedOn',
    headers: ['Depusă la', 'published_at', 'submitted_on', 'data depunerii', 'created_at'],
    schema: z.union([
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}[T ]/)
        .transform((s) => s.slice(0, 10)),
      optDate(),
    ]),
  },
  { key: 'cost', headers: ['Cost estimat (lei)', 'cost', 'budget_amount', 'cost estimat', 'buget estimat'], schema: optLei() },
  { key: 'grantLine', headers: ['Linie de finanțare', 'grant_line', 'linie'], schema: optText(60) },
  { key: 'requested', headers: ['Sumă solicitată (lei)', 'requested_amount', 'suma solicitata'], schema: optLei() },
  { key: 'cofinancing', headers: ['Cofinanțare (lei)', 'cofinancing', 'cofinantare'], schema: optLei() },
  { key: 'authorName', headers: ['Autor', 'author/name', 'author', 'author_name', 'nume autor'], schema: optText(300) },
  { key: 'authorContact', headers: ['Contact autor', 'author/email', 'author_contact', 'contact'], schema: optText(300) },
  { key: 'authorOrganisation', headers: ['Organizație', 'author/organization', 'organization', 'organizatie'], schema: optText(300) },
  { key: 'authorConsent', headers: ['Acord publicare autor', 'author_consent', 'consent', 'acord'], schema: optBool(false) },
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Decidim's descriptions are HTML (`<p>…</p><ul><li>…`): kept as plain text with the paragraphs (blank lines),
 * line breaks and list items (`- `) a reader sees. Text without tags is returned as it is.
 */
export function htmlToText(s: string): string {
  if (!/<\/?[a-z][^>]*>/i.test(s)) return s;
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|h[1-6]|ul|ol|blockquote|table|tr)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
    )
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type Row = {
  code: string;
  title: string;
  body: string;
  category: string;
  zone: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  state: string;
  votes: number | null;
  submittedOn: string | null;
  cost: number | null;
  grantLine: string;
  requested: number | null;
  cofinancing: number | null;
  authorName: string;
  authorContact: string;
  authorOrganisation: string;
  authorConsent: boolean;
};

/** RFC 4180 CSV (quotes, doubled quotes, line breaks in quotes); the delimiter is guessed from the header (, ; tab). */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delim = counts.sort((a, b) => b[1] - a[1])[0][0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delim) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV table read like readSheet reads a sheet: header match by alias, each cell through its column's schema. */
export function readCsvTable<T>(text: string, columns: ImportColumn[], sheet = 'CSV'): ReadResult<T> {
  const table = parseCsv(text);
  const result: ReadResult<T> = { sheet, rows: [], errors: [], ignoredColumns: [] };
  const headerAt = table.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerAt < 0) {
    result.errors.push({ sheet, row: 1, column: columns[0]?.headers[0] ?? '', value: null, message: 'the file is empty' });
    return result;
  }
  const header = table[headerAt].map((h) => normalizeHeader(h));
  const colOf = new Map<string, number>();
  const claimed = new Set<number>();
  for (const c of columns) {
    const aliases = c.headers.map(normalizeHeader);
    const i = header.findIndex((h, n) => !claimed.has(n) && aliases.includes(h));
    if (i >= 0) {
      colOf.set(c.key, i);
      claimed.add(i);
    } else if (c.required) result.errors.push({ sheet, row: headerAt + 1, column: c.headers[0], value: null, message: `missing column "${c.headers[0]}"` });
  }
  result.ignoredColumns = table[headerAt].filter((h, i) => !claimed.has(i) && h.trim() !== '');
  if (result.errors.length) return result;
  for (let r = headerAt + 1; r < table.length; r++) {
    const cells = table[r];
    const plain: CellValue[] = columns.map((c) => {
      const i = colOf.get(c.key);
      const v = i == null ? '' : (cells[i] ?? '').trim();
      return v === '' ? null : v;
    });
    if (plain.every((v) => v == null)) continue;
    const parsed: Record<string, unknown> = {};
    columns.forEach((c, n) => {
      const res = c.schema.safeParse(plain[n]);
      if (res.success) parsed[c.key] = res.data;
      else
        result.errors.push({
          sheet,
          row: r + 1,
          column: table[headerAt][colOf.get(c.key) ?? -1] ?? c.headers[0],
          value: plain[n],
          message: res.error.issues.map((i) => i.message).join('; '),
        });
    });
    result.rows.push({ row: r + 1, values: parsed as T });
  }
  return result;
}

/**
 * The proposals of a CSV or a workbook: a workbook's rows are handed to `onRow` as they are read (not kept in the
 * result); a CSV is read whole and its rows handed on after.
 */
export async function readProposalFile(
  file: string,
  fileName: string,
  onRow: (sheet: ReadResult<Row>, row: ImportedRow<Row>) => void | Promise<void>,
): Promise<ReadResult<Row>> {
  if (/\.csv$/i.test(fileName)) {
    const csv = readCsvTable<Row>(fs.readFileSync(file, 'utf8'), PROPOSAL_COLUMNS);
    const rows = csv.rows;
    csv.rows = [];
    for (const r of rows) await onRow(csv, r);
    return csv;
  }
  const r = await readSheet<Row>(file, PROPOSAL_COLUMNS, { sheets: ['Propuneri', 'Proposals'], onRow });
  // No sheet by those names: the first sheet (a platform export names its sheet freely).
  if (!r.sheet && r.errors.length === 1) return readSheet<Row>(file, PROPOSAL_COLUMNS, { onRow });
  return r;
}

/** Columns only a Decidim export carries (beyond the ones imported). */
const DECIDIM_MARKERS = [
  'participatory_space/id',
  'component/id',
  'category/id',
  'scope/id',
  'url',
  'endorsements/total_count',
  'comments',
  'followers',
  'answer/ro',
  'is_amend',
].map(normalizeHeader);

/**
 * Imports the proposals as they are read, inside one transaction: each row is checked and matched by its code,
 * new proposals are written in batches (import-batches.ts), updates one by one (optimistic concurrency; a code
 * never changes). A bad row anywhere stops the writing, the reading goes on to name every problem, and nothing
 * is written (the transaction is rolled back); a dry run writes nothing.
 */
export async function importProposals(ctx: ServiceContext, campaignId: string, file: string, fileName: string, dryRun: boolean): Promise<ProposalImportReport> {
  const campaign = await getCampaign(ctx, { id: campaignId });
  return streamedImport(ctx, !dryRun, async (batches, db) => {
    const existing = await q.listProposals(db, { campaignId });
    const byCode = new Map(existing.map((p) => [p.code, p]));
    // the campaign's proposal costs as they would be after the import: the existing ones by code, the new ones apart
    const costByCode = new Map(existing.map((p) => [p.code, p.cost_estimate == null ? null : Number(p.cost_estimate)]));
    const newCosts: number[] = [];
    const seen = new Map<string, number>();
    // nextCode looks only at the highest P-number: `taken` keeps just the code that holds it, so a 50,000-row list
    // without codes stays linear (every code taken so far was rescanned for each row).
    let taken = existing.map((p) => p.code);
    taken = [`P-${Number(nextCode(taken).slice(2)) - 1}`];
    const errors: CellError[] = [];
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const header = (key: string) => PROPOSAL_COLUMNS.find((c) => c.key === key)!.headers[0];
    let source: 'decidim' | 'import' | null = null;
    let failed = false;
    const fail = () => {
      failed = true;
      batches?.halt();
    };
    const badRows = new Set<number>(); // rows with a bad cell: named already, not checked further
    let errorsSeen = 0;

    const take = async (read: ReadResult<Row>, { row, values: v }: ImportedRow<Row>) => {
      source ??= read.ignoredColumns.some((h) => DECIDIM_MARKERS.includes(normalizeHeader(h))) ? 'decidim' : 'import';
      if (read.errors.length) fail();
      for (; errorsSeen < read.errors.length; errorsSeen++) badRows.add(read.errors[errorsSeen].row);
      if (badRows.has(row)) return;
      let code = v.code;
      if (code && seen.has(code)) {
        errors.push({ sheet: read.sheet, row, column: header('code'), value: code, message: `code ${code} is also on row ${seen.get(code)}` });
        return fail();
      }
      if (!code) code = nextCode(taken);
      seen.set(code, row);
      if (nextCode([code, ...taken]) !== nextCode(taken)) taken = [code]; // a higher P-number
      const check = checkProposal(campaign, { zoneCode: v.zone || null, grantLine: v.grantLine, requestedAmount: v.requested, cofinancing: v.cofinancing });
      for (const p of check.problems)
        errors.push({
          sheet: read.sheet,
          row,
          column: header(p.field === 'zoneCode' ? 'zone' : p.field === 'requestedAmount' ? 'requested' : p.field),
          value: null,
          message: p.message,
        });
      if (check.problems.length) return fail();
      const cols = {
        code,
        title: v.title,
        body: htmlToText(v.body),
        category: v.category,
        zone_id: check.zoneId,
        address: v.address,
        latitude: v.latitude,
        longitude: v.longitude,
        submitted_on: v.submittedOn,
        cost_estimate: v.cost,
        grant_line: check.grantLine,
        requested_amount: v.requested,
        cofinancing: v.cofinancing,
        author_name: v.authorName,
        author_contact: v.authorContact,
        author_organisation: v.authorOrganisation,
        author_consent: v.authorConsent ? 1 : 0,
        external_state: v.state,
        external_votes: v.votes,
      } satisfies ProposalFields & { external_state: string; external_votes: number | null };
      const before = byCode.get(code);
      if (before) costByCode.set(code, cols.cost_estimate);
      else if (cols.cost_estimate != null) newCosts.push(cols.cost_estimate);
      if (!before) {
        counts.created++;
        await batches?.create('budgeting_proposals', 'budgeting proposal', { id: newId(), campaign_id: campaignId, source, ...cols });
        return;
      }
      const patch: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(cols)) {
        const old = (before as unknown as Record<string, unknown>)[k];
        if ((old == null ? null : typeof old === 'bigint' ? Number(old) : old) !== val) patch[k] = val;
      }
      if (!Object.keys(patch).length) return void counts.unchanged++;
      counts.updated++;
      if (batches && !failed) await updateCurrent(ctx, batches.trx, 'budgeting_proposals', 'budgeting proposal', before.id, before.updated_at, patch);
    };

    const read = await readProposalFile(file, fileName, take);
    const all = [...read.errors, ...errors];
    if (all.length) throw cellErrors(all.sort((a, b) => a.row - b.row));
    // the campaign's proposals as they would be after the import: their costs against the zone budgets (1/100 warning)
    const largest = campaign.zones.length ? Math.max(...campaign.zones.map((z) => z.budget)) : campaign.totalBudget;
    const warnings = proposalCostWarnings(largest, [...[...costByCode.values()].filter((c): c is number => c != null), ...newCosts]);
    return { dryRun, ...counts, ignoredColumns: read.ignoredColumns, warnings } satisfies ProposalImportReport;
  });
}
