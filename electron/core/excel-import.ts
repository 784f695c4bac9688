import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { AppError, foldText, isIssueCode, toFieldIssues } from '../contract';
import { cellErrorLine, cellErrorSummary, type CellError } from './cell-errors';
import { fixExcelJsUtf8 } from './exceljs-utf8';
import { unneutralizeText } from './neutralize';
import { ODS_MIME, odsSheets } from './ods';
import { checkZip, readZipEntry, zipEntryStream, type ZipEntry } from './zip';

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
  /**
   * A column whose value the app computes or checks itself (a risk's exposure = probability × impact): a
   * formula there is read as its cached result (none → empty) instead of being refused.
   */
  acceptsFormula?: boolean;
}

export type { CellError };
export { cellErrorLine, cellErrorSummary };

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
  /** Keys of the import columns the header row has (an optional column may be absent). */
  columns?: string[];
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
  return foldText(s)
    .replace(/[\s_]+/g, ' ')
    .replace(/^[\s.:*]+|[\s.:*]+$/g, '');
}

/**
 * Whether a header cell names a column: its text, or its text without a parenthesised note ("Absolvit (Da/Nu)",
 * "Ore (h)"), is one of the column's aliases.
 */
export function headerMatches(aliases: string[], header: string): boolean {
  const norm = normalizeHeader(header);
  if (aliases.includes(norm)) return true;
  const bare = normalizeHeader(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  return bare !== '' && aliases.includes(bare);
}

export { unneutralizeText };

/** A formula cell as ExcelJS gives it: `{ formula }` or `{ sharedFormula }`, with `result` when the file cached one. */
export function isFormulaValue(v: ExcelJS.CellValue | undefined): v is ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v);
}

/** The formula as a user typed it ("=1+1"), or "formulă partajată" for the cells sharing another cell's formula. */
export function formulaText(v: ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue): string {
  const f = 'formula' in v && v.formula ? v.formula : '';
  return f ? `=${f.replace(/^=/, '')}` : 'formulă partajată';
}

/**
 * An ExcelJS cell value (rich text, formula result, hyperlink, shared string …) → a plain value. A formula
 * gives its cached result, or null when the file cached none (openpyxl writes none) — never "[object Object]".
 */
export function plainValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v == null) return null;
  if (typeof v === 'string') {
    const t = unneutralizeText(v).trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return plainValue(v.richText.map((r) => r.text).join(''));
    if (isFormulaValue(v)) return 'result' in v && v.result !== undefined ? plainValue(v.result as ExcelJS.CellValue) : null;
    if ('result' in v) return plainValue(v.result as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return plainValue(v.text);
    if ('error' in v) return null;
    if ('sharedString' in v) return null;
  }
  return null;
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const zodMessage = (e: z.ZodError) =>
  toFieldIssues(e)
    .map((i) => i.message)
    .join('; ');
/**
 * The first issue's reason and params when the catalogues word it better than the message: a contract code
 * (`noCnp`), or a zod check that kept zod's own English text. A cell check with its own message keeps it.
 */
const zodReason = (e: z.ZodError): Pick<CellError, 'reason' | 'params'> => {
  const [first] = toFieldIssues(e);
  const zodOwn = (m: string) => /^(Too (small|big)|Invalid (input|option|string|number))/.test(m);
  return first && (isIssueCode(first.reason) || zodOwn(e.issues[0].message)) ? { reason: first.reason, ...(first.params ? { params: first.params } : {}) } : {};
};

/** Most cells one import reads (a 50,000-row, 40-column list is 2 million); beyond, the file is refused as it is read. */
export const MAX_CELLS = 5_000_000;

const ABSENT_SHARED_STRINGS = 'xl/sharedStrings.xml';

/** What to do with a file the imports cannot read, in the words of the spreadsheet's own menu. */
export const SAVE_AS_XLSX = 'salvați-l ca „Excel 2007-365 (.xlsx)” (Fișier → Salvare ca) și importați din nou';

const unreadable = (reason: string, message: string) => new AppError('VALIDATION', message, { issues: [{ field: 'file', reason, message }] });

export interface OpenedWorkbook {
  path: string;
  /** What the file is, whatever its name says (a renamed .ods is an .ods). */
  kind: 'xlsx' | 'ods';
  hasSharedStrings: boolean;
  entries: ZipEntry[];
  cleanup(): void;
}

/**
 * A workbook ready for reading, checked before anything is inflated (zip.ts: entry count, total size,
 * compression ratio) and recognised by its content, not its name: an .xlsx, or an OpenDocument spreadsheet
 * (.ods, LibreOffice's default). Its parts are then read one by one through the zip's central directory
 * ({@link workbookReader}), so the order a writer put them in does not matter and nothing is copied.
 * A file that is neither says what to do ({@link SAVE_AS_XLSX}).
 */
export function openWorkbookFile(file: string): OpenedWorkbook {
  const fd = fs.openSync(file, 'r');
  const magic = Buffer.alloc(8);
  fs.readSync(fd, magic, 0, 8, 0);
  fs.closeSync(fd);
  if (magic.toString('hex') === 'd0cf11e0a1b11ae1')
    throw unreadable('xls', `fișierul este în formatul vechi Excel 97-2003 (.xls), pe care importul nu îl citește; ${SAVE_AS_XLSX}`);
  if (magic.subarray(0, 4).toString('binary') !== 'PK\x03\x04')
    throw new AppError('VALIDATION', `the file is not an Excel workbook (.xlsx) or an OpenDocument spreadsheet (.ods); ${SAVE_AS_XLSX}`, {
      issues: [{ field: 'file', reason: 'not_xlsx', message: 'not an .xlsx file' }],
    });
  const entries = checkZip(file);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    const mimeEntry = entries.find((e) => e.name === 'mimetype');
    let mime = '';
    if (mimeEntry && mimeEntry.uncompressedSize < 200) {
      const mfd = fs.openSync(file, 'r');
      try {
        mime = readZipEntry(mfd, mimeEntry).toString('utf8').trim();
      } finally {
        fs.closeSync(mfd);
      }
    }
    if (mime === ODS_MIME && names.has('content.xml')) return { path: file, kind: 'ods', hasSharedStrings: false, entries, cleanup: () => {} };
    if (mime.startsWith('application/vnd.oasis.opendocument.'))
      throw unreadable(
        'not_spreadsheet',
        `fișierul este un document OpenDocument, dar nu o foaie de calcul (${mime.replace('application/vnd.oasis.opendocument.', '')}); deschideți tabelul în LibreOffice Calc și ${SAVE_AS_XLSX}`,
      );
    throw unreadable('not_xlsx', `fișierul este o arhivă zip, dar nu un registru Excel (.xlsx) sau o foaie OpenDocument (.ods); ${SAVE_AS_XLSX}`);
  }
  const hasSharedStrings = names.has(ABSENT_SHARED_STRINGS);
  return { path: file, kind: 'xlsx', hasSharedStrings, entries, cleanup: () => {} };
}

/** One sheet as the imports read it: its name, and its rows as ExcelJS gives them (1-based `values`). */
export interface SourceSheet extends AsyncIterable<{ number: number; values: unknown }> {
  name?: string;
}

/** The sheets of an opened workbook, in order, whatever its format. */
export function sheetsOf(opened: OpenedWorkbook): AsyncIterable<SourceSheet> {
  return opened.kind === 'ods' ? odsSheets(opened.path, opened.entries) : (workbookReader(opened) as unknown as AsyncIterable<SourceSheet>);
}

/** The reader's part parsers, driven here one part at a time (exceljs-utf8.ts wraps the same methods). */
interface ReaderParts {
  sharedStrings?: unknown[];
  workbookRels?: Array<{ Id?: string; Target: string }>;
  model?: { sheets?: Array<{ rId?: string }> };
  parse(): AsyncGenerator<{ eventType: string; value: unknown }>;
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * Opens one part of the zip as a stream of its inflated bytes (zip.ts: a part inflating past its declared size
 * is refused as a bomb). Every part a workbook read opens goes through here; a test counts them.
 */
export const partStreams = { open: (file: string, e: ZipEntry) => zipEntryStream(file, e) };

/**
 * The parts of an .xlsx in the order the reader needs them — relations, workbook, styles, shared strings, then
 * each sheet in the workbook's order — each streamed from its place in the file through the central directory.
 * ExcelJS's own pass reads the zip front to back and must park a sheet that comes before the shared strings
 * (Excel and ExcelJS write them last); here no part waits, none is held whole and nothing is copied.
 */
async function* partsInOrder(reader: ReaderParts, file: string, entries: ZipEntry[]): AsyncGenerator<{ eventType: string; value: unknown }> {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const open = (name: string) => {
    const e = byName.get(name);
    return e ? partStreams.open(file, e) : null;
  };
  const rels = open('xl/_rels/workbook.xml.rels');
  if (rels) await reader._parseRels(rels);
  const book = open('xl/workbook.xml');
  if (book) await reader._parseWorkbook(book);
  const styles = open('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);
  const strings = open(ABSENT_SHARED_STRINGS);
  if (strings) for await (const _s of reader._parseSharedStrings(strings)) void _s;
  else reader.sharedStrings = [];
  // Sheets in the workbook's order (through its relations), then any other sheet part in file order.
  const sheetParts = entries
    .filter((e) => SHEET_PART.test(e.name))
    .sort((a, b) => a.offset - b.offset)
    .map((e) => e.name);
  const target = new Map((reader.workbookRels ?? []).map((r) => [r.Id, `xl/${r.Target}`]));
  const ordered = (reader.model?.sheets ?? []).map((s) => target.get(s.rId)).filter((n): n is string => !!n && sheetParts.includes(n));
  for (const name of [...ordered, ...sheetParts.filter((n) => !ordered.includes(n))]) {
    const stream = open(name)!;
    try {
      yield* reader._parseWorksheet(stream as AsyncIterable<Buffer>, SHEET_PART.exec(name)![1]);
    } finally {
      stream.destroy(); // a sheet the caller did not read to the end
    }
  }
}

/**
 * ExcelJS's streaming reader over a file from {@link openWorkbookFile}, made to read what other writers write:
 * parts in any order ({@link partsInOrder}); relationship targets absolute (`/xl/worksheets/sheet1.xml`, as
 * openpyxl writes them) or relative; no shared strings at all (ours, openpyxl's inline strings).
 */
export function workbookReader(opened: { path: string; hasSharedStrings: boolean; entries: ZipEntry[] }): ExcelJS.stream.xlsx.WorkbookReader {
  fixExcelJsUtf8(); // ș ț ă split across two chunks stay whole (exceljs-utf8.ts)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(opened.path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  const inner = reader as unknown as ReaderParts;
  const parseRels = inner._parseRels.bind(reader);
  inner._parseRels = async (entry) => {
    await parseRels(entry);
    for (const rel of inner.workbookRels ?? []) {
      if (typeof rel.Target !== 'string') continue;
      const t = rel.Target.replace(/\\/g, '/');
      rel.Target = t.startsWith('/') ? path.posix.relative('/xl', t) : path.posix.normalize(t);
    }
  };
  inner.parse = () => partsInOrder(inner, opened.path, opened.entries);
  return reader;
}

function cellLimitError(): AppError {
  const message = `fișierul are peste ${MAX_CELLS.toLocaleString('ro-RO')} de celule, mai mult decât poate citi un import; împărțiți-l în fișiere mai mici; nu s-a scris nimic`;
  return new AppError('VALIDATION', message, { issues: [{ field: 'file', reason: 'too_many_cells', message }] });
}

/** Reads one sheet of an .xlsx file. Throws VALIDATION for a file that is not a readable workbook. */
export async function readSheet<T extends Record<string, unknown>>(
  file: string,
  columns: ImportColumn[],
  opts: ReadOptions & { onRow?: (sheet: ReadResult<T>, row: ImportedRow<T>) => void | Promise<void> } = {},
): Promise<ReadResult<T>> {
  const onRow = opts.onRow;
  const [r] = await readSheets<T>(file, [{ sheets: opts.sheets, columns }], { ...opts, onRow: onRow && ((_, sheet, row) => onRow(sheet, row)) });
  if (!r.found)
    r.errors.push({
      sheet: opts.sheets?.[0] ?? '',
      row: 0,
      column: '',
      value: null,
      message: `no sheet named ${opts.sheets?.map((s) => `"${s}"`).join(' or ')}`,
    });
  return r;
}

export interface SheetSpec {
  /** Sheet names (aliases), first match wins; none: the first sheet not taken by an earlier spec. */
  sheets?: string[];
  columns: ImportColumn[];
}

export type SheetsOptions<T> = Omit<ReadOptions, 'sheets'> & {
  /**
   * Each row as it is read, with the index of its spec and its sheet's result so far (name, errors), instead of
   * keeping it in the result: an import that writes as it reads holds no rows (those sheets come back without rows).
   * What it throws is passed on as it is.
   */
  onRow?: (spec: number, sheet: ReadResult<T> & { found: boolean }, row: ImportedRow<T>) => void | Promise<void>;
};

/**
 * Reads several sheets of one workbook in a single streaming pass (the stakeholder register's five sheets,
 * the training registry's four). Each result says whether its sheet was found; a missing sheet is the
 * caller's to report (it may be optional).
 */
export async function readSheets<T extends Record<string, unknown>>(
  file: string,
  specs: SheetSpec[],
  opts: SheetsOptions<T> = {},
): Promise<Array<ReadResult<T> & { found: boolean }>> {
  const opened = openWorkbookFile(file);
  try {
    return await readSheetsInOrder<T>(opened, specs, opts);
  } finally {
    opened.cleanup();
  }
}

/**
 * Reads every sheet of a workbook with the same columns (an attendance workbook with one sheet per session):
 * one result per sheet, in the workbook's order, each with the row its header was found on (null: none).
 */
export async function readAllSheets<T extends Record<string, unknown>>(
  file: string,
  columns: ImportColumn[],
  opts: Omit<ReadOptions, 'sheets'> & {
    /**
     * Each row as it is read (its sheet's result so far: name, header row, errors), instead of keeping it in
     * the result: an import that writes as it reads holds no rows (the results come back without rows).
     */
    onRow?: (sheet: ReadResult<T> & { headerRow: number | null }, row: ImportedRow<T>) => void | Promise<void>;
  } = {},
): Promise<Array<ReadResult<T> & { headerRow: number | null }>> {
  const opened = openWorkbookFile(file);
  const maxErrors = opts.maxErrors ?? 500;
  const counter = { cells: 0 };
  const results: Array<ReadResult<T> & { headerRow: number | null }> = [];
  const caller = callerRows(opts.onRow);
  try {
    for await (const ws of sheetsOf(opened)) {
      const r = { sheet: ws.name ?? '', rows: [], errors: [], ignoredColumns: [], headerRow: null } as ReadResult<T> & { headerRow: number | null };
      results.push(r);
      await readRows(ws, r.sheet, columns, r, { maxErrors, counter, signal: opts.signal, onProgress: opts.onProgress, onRow: caller.bind(r) });
    }
  } catch (e) {
    throw caller.failure(e);
  } finally {
    opened.cleanup();
  }
  return results;
}

/**
 * A caller's onRow as readRows takes it (bound to one sheet's result), remembering what the caller threw so that
 * it is passed on as it is rather than as an unreadable workbook.
 */
function callerRows<R, T>(onRow: ((sheet: R, row: ImportedRow<T>) => void | Promise<void>) | undefined) {
  let thrown = null as { error: unknown } | null;
  return {
    bind: (sheet: R) =>
      onRow &&
      (async (row: ImportedRow<T>) => {
        try {
          await onRow(sheet, row);
        } catch (error) {
          thrown = { error };
          throw error;
        }
      }),
    failure: (e: unknown) => (thrown ? thrown.error : readFailure(e)),
  };
}

function readFailure(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError('VALIDATION', `the workbook cannot be read: ${e instanceof Error ? e.message : String(e)}; ${SAVE_AS_XLSX}`, {
    issues: [{ field: 'file', reason: 'unreadable', message: 'the workbook cannot be read' }],
  });
}

async function readSheetsInOrder<T extends Record<string, unknown>>(
  opened: OpenedWorkbook,
  specs: SheetSpec[],
  opts: SheetsOptions<T>,
): Promise<Array<ReadResult<T> & { found: boolean }>> {
  const maxErrors = opts.maxErrors ?? 500;
  const results = specs.map(() => ({ sheet: '', rows: [], errors: [], ignoredColumns: [], found: false }) as ReadResult<T> & { found: boolean });
  const wanted = specs.map((s) => (s.sheets ?? []).map(normalizeHeader));
  const counter = { cells: 0 };
  const onRow = opts.onRow;
  const caller = callerRows<number, T>(onRow && ((n, row) => onRow(n, results[n], row)));
  try {
    for await (const ws of sheetsOf(opened)) {
      const name = (ws as unknown as { name?: string }).name ?? '';
      const n = specs.findIndex((_, i) => !results[i].found && (wanted[i].length ? wanted[i].includes(normalizeHeader(name)) : true));
      // A sheet no spec takes is not read: its part is closed unread (xlsx, partsInOrder) or skipped (ods, odsSheets).
      if (n < 0) continue;
      results[n].found = true;
      results[n].sheet = name;
      await readRows(ws, name, specs[n].columns, results[n], { maxErrors, counter, signal: opts.signal, onProgress: opts.onProgress, onRow: caller.bind(n) });
    }
  } catch (e) {
    throw caller.failure(e);
  }
  return results;
}

/** Rows searched for the header below a title block ("Listă de prezență — Sesiunea 1", a date, a blank line). */
export const HEADER_SCAN_ROWS = 30;

interface HeaderMatch {
  colOf: Map<string, number>;
  headerOf: Map<string, string>;
  missing: ImportColumn[];
  ignored: string[];
}

function matchHeader(values: ExcelJS.CellValue[], columns: ImportColumn[]): HeaderMatch | null {
  const headers = values.map((v, i) => [i, plainValue(v)] as const).filter(([, v]) => v != null);
  if (!headers.length) return null;
  const colOf = new Map<string, number>();
  const headerOf = new Map<string, string>();
  const claimed = new Set<number>();
  const missing: ImportColumn[] = [];
  for (const c of columns) {
    const aliases = c.headers.map(normalizeHeader);
    const hit = headers.find(([i, h]) => !claimed.has(i) && headerMatches(aliases, String(h)));
    if (hit) {
      colOf.set(c.key, hit[0]);
      headerOf.set(c.key, String(hit[1]));
      claimed.add(hit[0]);
    } else if (c.required) missing.push(c);
  }
  return { colOf, headerOf, missing, ignored: headers.filter(([i]) => !claimed.has(i)).map(([, h]) => String(h)) };
}

/**
 * Reads one sheet's rows into `result`: the header row is found by its labels (the first row, among the first
 * {@link HEADER_SCAN_ROWS} non-empty ones, that names every required column; a title block above it is skipped),
 * formulas are refused, each cell goes through its column's schema.
 */
async function readRows<T>(
  ws: AsyncIterable<{ number: number; values: unknown }>,
  name: string,
  columns: ImportColumn[],
  result: ReadResult<T> & { headerRow?: number | null },
  o: {
    maxErrors: number;
    counter: { cells: number };
    signal?: AbortSignal;
    onProgress?: (rows: number) => void;
    onRow?: (row: ImportedRow<T>) => void | Promise<void>;
  },
): Promise<void> {
  let rowsRead = 0;
  let colOf: Map<string, number> | null = null;
  let headerOf = new Map<string, string>();
  let skipping = false;
  let first: { row: number; match: HeaderMatch } | null = null;
  let scanned = 0;
  const missingErrors = (row: number, m: HeaderMatch) =>
    m.missing.map((c) => ({ sheet: name, row, column: c.headers[0], value: null, message: `missing column "${c.headers[0]}"` }));
  for await (const row of ws) {
    if (skipping) continue; // a missing column: drain the sheet, the import fails anyway
    if (o.signal?.aborted) throw new AppError('INTERNAL', 'cancelled');
    const values = row.values as ExcelJS.CellValue[];
    o.counter.cells += values.length;
    if (o.counter.cells > MAX_CELLS) throw cellLimitError();
    if (!colOf) {
      const m = matchHeader(values, columns);
      if (!m) continue;
      first ??= { row: row.number, match: m };
      scanned++;
      const found = m.missing.length === 0 && m.colOf.size > 0 ? m : scanned >= HEADER_SCAN_ROWS ? first.match : null;
      if (!found) continue;
      const at = found === m ? row.number : first.row;
      colOf = found.colOf;
      headerOf = found.headerOf;
      result.errors.push(...missingErrors(at, found));
      result.ignoredColumns = found.ignored;
      result.columns = [...colOf.keys()];
      result.headerRow = found.missing.length ? null : at;
      if (result.errors.length) skipping = true;
      continue;
    }
    const cols = colOf;
    const plain = columns.map((c) => (cols.has(c.key) ? plainValue(values[cols.get(c.key)!]) : null));
    const formulas = columns.map((c) => {
      const v = cols.has(c.key) ? values[cols.get(c.key)!] : undefined;
      return !c.acceptsFormula && isFormulaValue(v) ? v : null;
    });
    if (plain.every((v) => v == null) && formulas.every((f) => f == null)) continue; // blank line
    const parsed: Record<string, unknown> = {};
    columns.forEach((c, n) => {
      const ref = cols.has(c.key) ? `${columnLetter(cols.get(c.key)!)}${row.number}` : undefined;
      const f = formulas[n];
      if (f) {
        if (result.errors.length < o.maxErrors)
          result.errors.push({
            sheet: name,
            row: row.number,
            column: headerOf.get(c.key) ?? c.headers[0],
            ref,
            value: plain[n],
            reason: 'formula',
            message: `${name}!${ref}: celula conține o formulă (${formulaText(f)}); introduceți valoarea, nu formula`,
          });
        return;
      }
      const r = c.schema.safeParse(plain[n]);
      if (r.success) parsed[c.key] = r.data;
      else if (result.errors.length < o.maxErrors)
        result.errors.push({
          sheet: name,
          row: row.number,
          column: headerOf.get(c.key) ?? c.headers[0],
          ref,
          value: plain[n],
          message: zodMessage(r.error),
          ...zodReason(r.error),
        });
    });
    if (o.onRow) await o.onRow({ row: row.number, values: parsed as T });
    else result.rows.push({ row: row.number, values: parsed as T });
    if (++rowsRead % 1000 === 0) o.onProgress?.(rowsRead);
  }
  if (!colOf && first) {
    // No row names every required column: the first non-empty row was meant as the header.
    result.errors.push(...missingErrors(first.row, first.match));
    result.ignoredColumns = first.match.ignored;
    result.columns = [...first.match.colOf.keys()];
    result.headerRow = null;
  } else if (!colOf) result.errors.push({ sheet: name, row: 1, column: columns[0]?.headers[0] ?? '', value: null, message: 'the sheet is empty' });
}

/** Turns collected cell errors into one VALIDATION error whose details name every bad cell. */
export function cellErrors(errors: CellError[]): AppError {
  const shown = errors.slice(0, 20).map(cellErrorLine);
  return new AppError('VALIDATION', `${errors.length} bad cell(s); nothing was imported. ${shown.join('; ')}${errors.length > 20 ? ' …' : ''}`, {
    issues: errors.map((e) => ({ field: `${e.sheet}!${e.column}${e.row}`, reason: e.reason ?? 'bad_cell', message: e.message })),
    cells: errors,
  });
}

// ───────────────────────── cell helpers: schemas for the plain values of a cell (Romanian-friendly)

const ro = (msg: string) => ({ message: msg });
/** What a cell that matches none of a union's forms is told: "required" when empty, else what was expected. */
const expected = (what: string) => ({ error: (iss: { input?: unknown }) => (iss.input == null ? 'required' : what) });

/** Text; required unless `optional` (empty cell → null). */
export const cellText = (max = 2000) =>
  z.union([z.string(), z.number(), z.boolean()], expected('expected text')).transform(String).pipe(z.string().trim().min(1, 'required').max(max));
export const optText = (max = 2000) => z.union([z.null(), cellText(max)]).transform((v) => v ?? '');

/** Whole number (Excel stores numbers as floats; "12" as text is accepted). */
export const cellInt = (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) =>
  z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^\s*-?\d+\s*$/, ro('expected a whole number'))
          .transform(Number),
      ],
      expected('expected a whole number'),
    )
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
    .union(
      [
        z.date().transform((d) => d.toISOString().slice(0, 10)),
        z
          .string()
          .trim()
          .regex(/^(\d{1,2})[./](\d{1,2})[./](\d{4})$|^\d{4}-\d{2}-\d{2}$/, ro('expected a date such as 27.11.2026'))
          .transform((s) => {
            const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
            return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : s;
          }),
      ],
      expected('expected a date such as 27.11.2026'),
    )
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');
export const optDate = () => z.union([z.null(), cellDate()]);

/** Yes/no: da/nu, yes/no, x, 1/0, TRUE/FALSE. */
export const cellBool = () =>
  z.union(
    [
      z.boolean(),
      z
        .number()
        .refine((n) => n === 0 || n === 1, 'expected da/nu')
        .transform((n) => n === 1),
      z
        .string()
        .transform((s) => normalizeHeader(s))
        .refine((s) => ['da', 'nu', 'yes', 'no', 'x', 'true', 'false', 'adevarat', 'fals'].includes(s), 'expected da or nu')
        .transform((s) => ['da', 'yes', 'x', 'true', 'adevarat'].includes(s)),
    ],
    expected('expected da or nu'),
  );
export const optBool = (fallback = false) => z.union([z.null().transform(() => fallback), cellBool()]);

/** One of a fixed set, matched against labels (Romanian and English) and the stored value itself. */
export const cellEnum = <V extends string>(labels: Record<V, string[]>) => {
  const index = new Map<string, V>();
  for (const [v, ls] of Object.entries(labels) as Array<[V, string[]]>) for (const l of [v, ...ls]) index.set(normalizeHeader(l), v);
  const allowed = Object.values<string[]>(labels)
    .map((ls) => ls[0])
    .join(', ');
  return z
    .union([z.string(), z.number()], expected(`expected one of: ${allowed}`))
    .transform((s) => index.get(normalizeHeader(String(s))) ?? null)
    .refine((v) => v !== null, `expected one of: ${allowed}`)
    .transform((v) => v as V);
};
