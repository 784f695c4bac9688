import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { z } from 'zod';
import { AppError, isIssueCode, toFieldIssues, type FieldIssue } from '../contract';

/**
 * The one workbook reader every import uses: streams the rows of one sheet (ExcelJS's streaming reader,
 * so a 50,000-row attendance list never sits in memory as a workbook), matches columns by their header
 * (case, diacritics and spacing ignored, several aliases per column), parses each cell with the column's
 * zod schema, and collects every bad cell as { sheet, row, column, message } — an import then writes
 * nothing if any cell is bad (all-or-nothing is the caller's transaction).
 */

export type CellValue = string | number | boolean | Date | null;

export interface ImportColumn {
  key: string;
  /** Header texts that name this column (the first one is what our own export writes). */
  headers: string[];
  required?: boolean;
  /** Parses the cell's plain value (see the cell helpers below); its message is what the user reads. */
  schema: z.ZodType;
}

export interface CellError {
  sheet: string;
  /** 1-based, as Excel shows it. */
  row: number;
  /** The column's header as found in the file (or as expected, when missing). */
  column: string;
  value: CellValue;
  message: string;
  /** When the cell failed a contract check: its reason code and params (contract/issues.ts), for the reader's language. */
  reason?: string;
  params?: FieldIssue['params'];
}

export interface ImportedRow<T> {
  row: number;
  values: T;
}

export interface ReadResult<T> {
  sheet: string;
  rows: Array<ImportedRow<T>>;
  errors: CellError[];
  /** Columns found in the header row that no import column claims (reported, not an error). */
  ignoredColumns: string[];
}

export interface ReadOptions {
  /** Sheet names to look for, first match wins (aliases, e.g. "Riscuri" / "Registrul riscurilor"); default: the first sheet. */
  sheets?: string[];
  /** Stop collecting errors after this many (the import fails anyway). */
  maxErrors?: number;
  signal?: AbortSignal;
  onProgress?: (rows: number) => void;
}

/** Header text → comparable key: lower case, no diacritics (ș ş → s), single spaces, no punctuation at the ends. */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .replace(/^[\s.:*]+|[\s.:*]+$/g, '');
}

/** An ExcelJS cell value (rich text, formula result, hyperlink, shared string …) → a plain value. */
export function plainValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v == null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return plainValue(v.richText.map((r) => r.text).join(''));
    if ('result' in v) return plainValue(v.result as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return plainValue(v.text);
    if ('error' in v) return null;
  }
  return String(v);
}

const zodMessage = (e: z.ZodError) => toFieldIssues(e).map((i) => i.message).join('; ');
/**
 * The first issue's reason and params when the catalogues word it better than the message: a contract code
 * (`noCnp`), or a zod check that kept zod's own English text. A cell check with its own message keeps it.
 */
const zodReason = (e: z.ZodError): Pick<CellError, 'reason' | 'params'> => {
  const [first] = toFieldIssues(e);
  const zodOwn = (m: string) => /^(Too (small|big)|Invalid (input|option|string|number))/.test(m);
  return first && (isIssueCode(first.reason) || zodOwn(e.issues[0].message)) ? { reason: first.reason, ...(first.params ? { params: first.params } : {}) } : {};
};

/**
 * ExcelJS's streaming reader needs the workbook part, its relations and the shared strings before the sheets.
 * Streaming writers (ours included) put the sheets first and may have no shared strings at all; such a file
 * is rewritten, in a temporary copy, with the parts in the order the reader needs. Returns the path to read
 * and a cleanup function.
 */
async function readableCopy(file: string): Promise<{ path: string; cleanup(): void }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(fs.readFileSync(file));
  } catch {
    return { path: file, cleanup: () => {} }; // not a zip: readSheet reports it
  }
  const names = Object.keys(zip.files);
  const firstSheet = names.findIndex((n) => n.startsWith('xl/worksheets/'));
  const before = (n: string) => names.indexOf(n) >= 0 && names.indexOf(n) < firstSheet;
  if (zip.file('xl/sharedStrings.xml') && before('xl/workbook.xml') && before('xl/_rels/workbook.xml.rels')) return { path: file, cleanup: () => {} };
  const out = new JSZip();
  const front = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];
  for (const n of front) {
    const f = zip.file(n);
    if (f) out.file(n, await f.async('uint8array'));
    else if (n === 'xl/sharedStrings.xml')
      out.file(n, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');
  }
  for (const n of names) if (!front.includes(n) && !zip.files[n].dir) out.file(n, await zip.file(n)!.async('uint8array'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-import-'));
  const copy = path.join(dir, 'workbook.xlsx');
  fs.writeFileSync(copy, await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { path: copy, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Reads one sheet of an .xlsx file. Throws VALIDATION for a file that is not a readable workbook. */
export async function readSheet<T extends Record<string, unknown>>(file: string, columns: ImportColumn[], opts: ReadOptions = {}): Promise<ReadResult<T>> {
  const readable = await readableCopy(file);
  try {
    return await readSheetInOrder<T>(readable.path, columns, opts);
  } finally {
    readable.cleanup();
  }
}

async function readSheetInOrder<T extends Record<string, unknown>>(file: string, columns: ImportColumn[], opts: ReadOptions): Promise<ReadResult<T>> {
  const maxErrors = opts.maxErrors ?? 500;
  const fd = fs.openSync(file, 'r');
  const magic = Buffer.alloc(4);
  fs.readSync(fd, magic, 0, 4, 0);
  fs.closeSync(fd);
  if (magic.toString('binary') !== 'PK\x03\x04') throw new AppError('VALIDATION', 'the file is not an Excel workbook (.xlsx)', { issues: [{ field: 'file', reason: 'not_xlsx', message: 'not an .xlsx file' }] });

  const wanted = (opts.sheets ?? []).map(normalizeHeader);
  const result: ReadResult<T> = { sheet: '', rows: [], errors: [], ignoredColumns: [] };
  let found = false;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      if (found || (wanted.length && !wanted.includes(normalizeHeader(name)))) {
        for await (const _row of ws) void _row; // drain: the reader needs every entry consumed
        continue;
      }
      found = true;
      result.sheet = name;
      let colOf: Map<string, number> | null = null;
      let headerOf = new Map<string, string>();
      for await (const row of ws) {
        if (opts.signal?.aborted) throw new AppError('INTERNAL', 'cancelled');
        const values = row.values as ExcelJS.CellValue[];
        if (!colOf) {
          // The first non-empty row is the header.
          const headers = values.map((v, i) => [i, plainValue(v)] as const).filter(([, v]) => v != null);
          if (!headers.length) continue;
          colOf = new Map();
          headerOf = new Map();
          const claimed = new Set<number>();
          for (const c of columns) {
            const aliases = c.headers.map(normalizeHeader);
            const hit = headers.find(([i, h]) => !claimed.has(i) && aliases.includes(normalizeHeader(String(h))));
            if (hit) {
              colOf.set(c.key, hit[0]);
              headerOf.set(c.key, String(hit[1]));
              claimed.add(hit[0]);
            } else if (c.required) {
              result.errors.push({ sheet: name, row: row.number, column: c.headers[0], value: null, message: `missing column "${c.headers[0]}"` });
            }
          }
          result.ignoredColumns = headers.filter(([i]) => !claimed.has(i)).map(([, h]) => String(h));
          if (result.errors.length) return result;
          continue;
        }
        const plain = columns.map((c) => (colOf!.has(c.key) ? plainValue(values[colOf!.get(c.key)!]) : null));
        if (plain.every((v) => v == null)) continue; // blank line
        const parsed: Record<string, unknown> = {};
        columns.forEach((c, n) => {
          const r = c.schema.safeParse(plain[n]);
          if (r.success) parsed[c.key] = r.data;
          else if (result.errors.length < maxErrors)
            result.errors.push({ sheet: name, row: row.number, column: headerOf.get(c.key) ?? c.headers[0], value: plain[n], message: zodMessage(r.error), ...zodReason(r.error) });
        });
        result.rows.push({ row: row.number, values: parsed as T });
        if (result.rows.length % 1000 === 0) opts.onProgress?.(result.rows.length);
      }
      if (!colOf) result.errors.push({ sheet: name, row: 1, column: columns[0]?.headers[0] ?? '', value: null, message: 'the sheet is empty' });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', `the workbook cannot be read: ${e instanceof Error ? e.message : String(e)}`, {
      issues: [{ field: 'file', reason: 'unreadable', message: 'the workbook cannot be read' }],
    });
  }
  if (!found) {
    result.errors.push({ sheet: opts.sheets?.[0] ?? '', row: 0, column: '', value: null, message: `no sheet named ${opts.sheets?.map((s) => `"${s}"`).join(' or ')}` });
  }
  return result;
}

/** Turns collected cell errors into one VALIDATION error whose details name every bad cell. */
export function cellErrors(errors: CellError[]): AppError {
  const shown = errors.slice(0, 20).map((e) => `${e.sheet}!${e.column} row ${e.row}: ${e.message}`);
  return new AppError('VALIDATION', `${errors.length} bad cell(s); nothing was imported. ${shown.join('; ')}${errors.length > 20 ? ' …' : ''}`, {
    issues: errors.map((e) => ({ field: `${e.sheet}!${e.column}${e.row}`, reason: 'bad_cell', message: e.message })),
    cells: errors,
  });
}

// ───────────────────────── cell helpers: schemas for the plain values of a cell (Romanian-friendly)

const ro = (msg: string) => ({ message: msg });
/** What a cell that matches none of a union's forms is told: "required" when empty, else what was expected. */
const expected = (what: string) => ({ error: (iss: { input?: unknown }) => (iss.input == null ? 'required' : what) });

/** Text; required unless `optional` (empty cell → null). */
export const cellText = (max = 2000) => z.union([z.string(), z.number(), z.boolean()], expected('expected text')).transform(String).pipe(z.string().trim().min(1, 'required').max(max));
export const optText = (max = 2000) => z.union([z.null(), cellText(max)]).transform((v) => v ?? '');

/** Whole number (Excel stores numbers as floats; "12" as text is accepted). */
export const cellInt = (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) =>
  z
    .union([z.number(), z.string().regex(/^\s*-?\d+\s*$/, ro('expected a whole number')).transform(Number)], expected('expected a whole number'))
    .pipe(z.number().int('expected a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
export const optInt = (min?: number, max?: number) => z.union([z.null(), cellInt(min, max)]);

/** Decimal: a number, or text with a decimal comma and "." thousands ("1.234,5"). */
export const cellDecimal = () =>
  z.union(
    [
      z.number(),
      z
        .string()
        .regex(/^\s*-?[\d.\s]*\d(,\d+)?\s*$/, ro('expected a number'))
        .transform((s) => Number(s.replace(/[.\s]/g, '').replace(',', '.'))),
    ],
    expected('expected a number'),
  );

/** Lei (a number, or "1.234,50" / "1.234,50 lei") → integer bani. */
export const cellLei = () =>
  z
    .union([z.number(), z.string().transform((s) => s.replace(/\s*lei\s*$/i, ''))], expected('expected an amount in lei'))
    .pipe(cellDecimal())
    .pipe(z.number().min(0, 'must not be negative'))
    .transform((lei) => Math.round(lei * 100));
export const optLei = () => z.union([z.null(), cellLei()]);

/** Date: an Excel date, "27.11.2026", or "2026-11-27" → "YYYY-MM-DD". */
export const cellDate = () =>
  z
    .union([
      z.date().transform((d) => d.toISOString().slice(0, 10)),
      z
        .string()
        .trim()
        .regex(/^(\d{1,2})[./](\d{1,2})[./](\d{4})$|^\d{4}-\d{2}-\d{2}$/, ro('expected a date such as 27.11.2026'))
        .transform((s) => {
          const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
          return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : s;
        }),
    ], expected('expected a date such as 27.11.2026'))
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');
export const optDate = () => z.union([z.null(), cellDate()]);

/** Yes/no: da/nu, yes/no, x, 1/0, TRUE/FALSE. */
export const cellBool = () =>
  z.union([
    z.boolean(),
    z.number().refine((n) => n === 0 || n === 1, 'expected da/nu').transform((n) => n === 1),
    z
      .string()
      .transform((s) => normalizeHeader(s))
      .refine((s) => ['da', 'nu', 'yes', 'no', 'x', 'true', 'false', 'adevarat', 'fals'].includes(s), 'expected da or nu')
      .transform((s) => ['da', 'yes', 'x', 'true', 'adevarat'].includes(s)),
  ], expected('expected da or nu'));
export const optBool = (fallback = false) => z.union([z.null().transform(() => fallback), cellBool()]);

/** One of a fixed set, matched against labels (Romanian and English) and the stored value itself. */
export const cellEnum = <V extends string>(labels: Record<V, string[]>) => {
  const index = new Map<string, V>();
  for (const [v, ls] of Object.entries(labels) as Array<[V, string[]]>) for (const l of [v, ...ls]) index.set(normalizeHeader(l), v);
  const allowed = Object.values<string[]>(labels).map((ls) => ls[0]).join(', ');
  return z
    .union([z.string(), z.number()], expected(`expected one of: ${allowed}`))
    .transform((s) => index.get(normalizeHeader(String(s))) ?? null)
    .refine((v) => v !== null, `expected one of: ${allowed}`)
    .transform((v) => v as V);
};
