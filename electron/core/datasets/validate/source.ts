/**
 * Opening a tabular file: format (CSV or XLSX, by content first), encoding and delimiter decisions, then the rows
 * streamed to a callback — never the whole file in memory. Problems that stop the reading are `SourceFailure`s
 * (frictionless' source-error / encoding-error); problems met while reading go to `onIssue` and reading goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { CsvParser, detectDelimiter } from './csv';
import { createDecoder, detectEncoding, EncodingFault, looksBinary, SAMPLE_BYTES, userEncoding } from './encoding';
import type { MessageRef } from '../../../contract/datasets-messages';
import type { Dialect, EncodingDecision, EncodingName, ErrorCode } from './types';

/** The file cannot be read at all (empty, binary, not a workbook, unreadable). */
export class SourceFailure extends Error {
  constructor(
    readonly code: Extract<ErrorCode, 'source-error' | 'encoding-error'>,
    message: string,
    /** The catalogue text (contract/datasets-messages.ts `source.*`) of the same message. */
    readonly ref?: MessageRef,
  ) {
    super(message);
  }
}

export interface SourceIssue {
  code: Extract<ErrorCode, 'source-error' | 'encoding-error'>;
  rowNumber: number | null;
  fieldNumber: number | null;
  message: string;
  ref?: MessageRef;
}

export interface OpenOptions {
  encoding?: 'auto' | EncodingName;
  delimiter?: string;
  maxCellChars?: number;
  sheet?: string;
  signal?: AbortSignal;
  /** Table Dialect: quoting and delimiter for CSV (header rows and comments are dialect.ts's). */
  dialect?: Dialect;
}

export interface SourceInfo {
  format: 'csv' | 'xlsx';
  bytes: number;
  encoding: EncodingDecision | null;
  delimiter: string | null;
  /** CSV: spaces after a delimiter are dropped (the dialect's, or detected from the first line). */
  skipInitialSpace?: boolean;
  sheet?: string;
}

export interface ScanCallbacks {
  /** Every record, the header included (rowNumber 1 for CSV; the sheet's row number for XLSX). */
  row(cells: string[], rowNumber: number): void;
  issue(i: SourceIssue): void;
  /** May return a promise to pause the reading (back-pressure). */
  progress?(bytesRead: number, rows: number): void | Promise<void>;
}

export const DEFAULT_MAX_CELL_CHARS = 1_000_000;
const CHUNK = 1 << 20;
/** Read 1 MB at a time, decoded and parsed 64 KB at a time: a slice's text (≤ 128 KB) stays a young-generation string that dies
 * in the next scavenge; 1 MB of text went to large-object space, which only a full GC frees, and the heap grew with the file
 * (peak RSS 211 MB on 1M rows vs 143 MB now, the same as on a quarter of it). */
const SLICE = 1 << 16;

const abortError = () => Object.assign(new Error('cancelled'), { name: 'AbortError' });

function readHead(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Looks at the file (format, encoding, delimiter) without reading it all. Throws SourceFailure. */
export function inspect(file: string, opts: OpenOptions = {}): SourceInfo {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === 'ENOENT'
      ? new SourceFailure('source-error', 'the file does not exist', { key: 'source.not-found' })
      : new SourceFailure('source-error', `the file cannot be opened: ${code ?? (e as Error).message}`, {
          key: 'source.cannot-open',
          params: { reason: code ?? (e as Error).message },
        });
  }
  if (stat.isDirectory()) throw new SourceFailure('source-error', 'this is a folder, not a file', { key: 'source.folder' });
  if (stat.size === 0) throw new SourceFailure('source-error', 'the file is empty (0 bytes)', { key: 'source.empty' });
  const head = readHead(file, SAMPLE_BYTES);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') {
    if (!isZip(head))
      throw new SourceFailure('source-error', 'the file is named .xlsx but is not an Excel workbook (not a zip archive); if it is a CSV, rename it to .csv', {
        key: 'source.xlsx-not-zip',
      });
    return { format: 'xlsx', bytes: stat.size, encoding: null, delimiter: null, sheet: opts.sheet };
  }
  if (ext === '.xls') throw new SourceFailure('source-error', 'old Excel .xls files are not read; save the sheet as .xlsx or CSV', { key: 'source.xls' });
  if (isZip(head))
    throw new SourceFailure('source-error', 'the file is a zip archive (an Excel workbook?), not a CSV text file; name it .xlsx to read it as a workbook', {
      key: 'source.zip-not-csv',
    });
  if (looksBinary(head))
    throw new SourceFailure('source-error', 'the file is binary (it has NUL or control bytes), not a CSV text file', { key: 'source.binary' });
  const decision = opts.encoding && opts.encoding !== 'auto' ? userEncoding(opts.encoding, head) : detectEncoding(head);
  let delimiter = opts.delimiter ?? opts.dialect?.delimiter ?? null;
  const dec = createDecoder(decision.encoding);
  dec.lenient();
  const text = dec.decode(head.subarray(0, Math.min(head.length, 65536)), false);
  if (!delimiter) {
    delimiter = detectDelimiter(text);
    if (!text.replace(/^\uFEFF/, '').trim())
      throw new SourceFailure('source-error', 'the file has no data (only blank space or a byte-order mark)', { key: 'source.blank' });
  }
  const skipInitialSpace = opts.dialect?.skipInitialSpace ?? detectInitialSpace(text, delimiter);
  return { format: 'csv', bytes: stat.size, encoding: decision, delimiter, ...(skipInitialSpace ? { skipInitialSpace } : {}) };
}

/**
 * Python's csv.Sniffer (which frictionless asks) sets skipinitialspace when every delimiter of the first line is
 * followed by a space ("id, name"): the spaces then are not part of the cells, and `"int", "number"` reads as quoted.
 * (The Sniffer's other path, through quoted cells, gives the same answer on such files; this is the line rule.)
 */
export function detectInitialSpace(text: string, delimiter: string): boolean {
  if (delimiter === ' ') return false;
  const nl = text.search(/\r|\n/);
  const first = (nl < 0 ? text : text.slice(0, nl)).replace(/^\uFEFF/, '');
  const all = first.split(delimiter).length - 1;
  return all > 0 && all === first.split(`${delimiter} `).length - 1;
}

/** Streams every record of the file to `cb`. */
export async function scan(file: string, info: SourceInfo, opts: OpenOptions, cb: ScanCallbacks): Promise<void> {
  if (info.format === 'xlsx') return scanXlsx(file, info, opts, cb);
  const maxCellChars = opts.maxCellChars ?? DEFAULT_MAX_CELL_CHARS;
  const d = opts.dialect;
  const parser = new CsvParser({
    delimiter: info.delimiter!,
    maxCellChars,
    quoteChar: d?.quoteChar,
    escapeChar: d?.escapeChar,
    // frictionless' CsvControl.to_python: doublequote = double_quote if escape_char else True
    doubleQuote: d?.escapeChar ? d.doubleQuote : true,
    skipInitialSpace: info.skipInitialSpace,
    onRow: (cells) => cb.row(cells, parser.rows),
    onLongCell: (row, column) => {
      cb.issue({
        code: 'source-error',
        rowNumber: row,
        fieldNumber: column,
        message: `the cell is longer than ${maxCellChars.toLocaleString('en-US')} characters; only the first ${maxCellChars.toLocaleString('en-US')} were kept`,
        ref: { key: 'source.long-cell', params: { max: maxCellChars } },
      });
    },
  });
  const decoder = createDecoder(info.encoding!.encoding);
  const fh = await fs.promises.open(file, 'r');
  const buf = Buffer.alloc(CHUNK);
  let bytesRead = 0;
  try {
    for (;;) {
      if (opts.signal?.aborted) throw abortError();
      const { bytesRead: got } = await fh.read(buf, 0, CHUNK, null);
      const final = got === 0;
      let off = 0;
      do {
        const stop = Math.min(got, off + SLICE);
        const bytes = buf.subarray(off, stop);
        let text: string;
        try {
          text = decoder.decode(bytes, final);
        } catch (e) {
          if (!(e instanceof EncodingFault)) throw e;
          cb.issue({
            code: 'encoding-error',
            rowNumber: parser.rows + 1,
            fieldNumber: null,
            message: `the bytes near row ${parser.rows + 1} (byte ${(bytesRead + off).toLocaleString('en-US')}…${(bytesRead + stop).toLocaleString('en-US')}) are not valid ${info.encoding!.encoding}; they were read as "\uFFFD". Try another --encoding (windows-1250, iso-8859-2, iso-8859-16)`,
            ref: { key: 'encoding-error', params: { row: parser.rows + 1, from: bytesRead + off, to: bytesRead + stop, encoding: info.encoding!.encoding } },
          });
          decoder.lenient();
          text = decoder.decode(bytes, final);
        }
        parser.push(text);
        off = stop;
      } while (off < got);
      bytesRead += got;
      const wait = cb.progress?.(bytesRead, parser.rows);
      if (wait) await wait;
      if (final) break;
    }
  } finally {
    await fh.close();
  }
  const end = parser.end();
  if (end.unclosedQuoteRow !== null)
    cb.issue({
      code: 'source-error',
      rowNumber: end.unclosedQuoteRow,
      fieldNumber: null,
      message: `a quote opened in row ${end.unclosedQuoteRow} never closes: everything after it, to the end of the file, was read as one cell (unbalanced quotes)`,
      ref: { key: 'source.unclosed-quote', params: { row: end.unclosedQuoteRow } },
    });
}

async function scanXlsx(file: string, info: SourceInfo, opts: OpenOptions, cb: ScanCallbacks): Promise<void> {
  const maxCellChars = opts.maxCellChars ?? DEFAULT_MAX_CELL_CHARS;
  // The shared reader (excel-import.ts): a zip bomb is refused from the zip directory before anything is inflated,
  // parts out of order are reordered, and other writers' shapes are read (openpyxl's absolute relationship targets).
  // (loaded here, not at the top: ExcelJS is not needed to read a CSV)
  const xl = await import('../../excel-import');
  let opened: ExcelOpened;
  try {
    opened = xl.openWorkbookFile(file);
  } catch (e) {
    throw new SourceFailure('source-error', e instanceof Error ? e.message : String(e));
  }
  if (opened.kind !== 'xlsx') {
    opened.cleanup();
    throw new SourceFailure('source-error', `the file is an OpenDocument spreadsheet (.ods), not an .xlsx workbook; ${xl.SAVE_AS_XLSX}`);
  }
  try {
    await scanWorkbook(xl, opened, info, opts, cb, maxCellChars);
  } finally {
    opened.cleanup();
  }
}

type ExcelImport = typeof import('../../excel-import');
type ExcelOpened = ReturnType<ExcelImport['openWorkbookFile']>;

async function scanWorkbook(xl: ExcelImport, opened: ExcelOpened, info: SourceInfo, opts: OpenOptions, cb: ScanCallbacks, maxCellChars: number): Promise<void> {
  const { columnLetter, formulaText, isFormulaValue, plainValue, workbookReader } = xl;
  const reader = workbookReader(opened);
  let found = false;
  let rows = 0;
  let width = 0;
  const cellText = (v: ExcelJS.CellValue | undefined): string => {
    const p = plainValue(v);
    if (p == null) return '';
    if (p instanceof Date) {
      const iso = p.toISOString();
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.000Z$/, 'Z');
    }
    return String(p);
  };
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      if (found || (opts.sheet && name !== opts.sheet)) {
        for await (const _row of ws) void _row; // the reader needs every entry consumed
        continue;
      }
      found = true;
      info.sheet = name;
      for await (const row of ws) {
        if (opts.signal?.aborted) throw abortError();
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) {
          const v = values[c];
          if (isFormulaValue(v)) {
            // A formula is not data: its value depends on what the file's reader computes (openpyxl caches none).
            const cell = `${columnLetter(c)}${row.number}`;
            const formula = formulaText(v);
            cb.issue({
              code: 'source-error',
              rowNumber: row.number,
              fieldNumber: c,
              message: `cell ${cell} holds a formula (${formula}); replace it with its value (Paste special → Values)`,
              ref: { key: 'source.formula', params: { cell, formula } },
            });
            cells.push('');
            continue;
          }
          let t = cellText(v);
          if (t.length > maxCellChars) {
            t = t.slice(0, maxCellChars);
            cb.issue({
              code: 'source-error',
              rowNumber: row.number,
              fieldNumber: c,
              message: `the cell is longer than ${maxCellChars} characters; only the first ${maxCellChars} were kept`,
              ref: { key: 'source.long-cell', params: { max: maxCellChars } },
            });
          }
          cells.push(t);
        }
        // Excel does not store empty cells at the end of a row: pad to the header's width.
        if (rows === 0) width = cells.length;
        while (cells.length < width) cells.push('');
        rows++;
        cb.row(cells, row.number);
        if (rows % 1000 === 0) {
          const wait = cb.progress?.(0, rows);
          if (wait) await wait;
        }
      }
    }
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new SourceFailure('source-error', `the workbook cannot be read: ${(e as Error).message}`, {
      key: 'source.workbook',
      params: { reason: (e as Error).message },
    });
  }
  if (!found)
    throw opts.sheet
      ? new SourceFailure('source-error', `the workbook has no sheet named "${opts.sheet}"`, { key: 'source.no-sheet', params: { sheet: opts.sheet } })
      : new SourceFailure('source-error', 'the workbook has no sheets', { key: 'source.no-sheets' });
  if (rows === 0) throw new SourceFailure('source-error', `the sheet "${info.sheet}" is empty`, { key: 'source.empty-sheet', params: { sheet: info.sheet } });
  cb.progress?.(info.bytes, rows);
}

export interface RowRecord {
  /** 1 = the header row (CSV: record number; XLSX: the sheet's row number). */
  rowNumber: number;
  cells: string[];
}

export interface ReadRowsOptions extends OpenOptions {
  /** Called once, before the first row, with what was decided about the file. */
  onInfo?(info: SourceInfo): void;
  /** Problems met while reading (encoding, long cells, unbalanced quotes); reading goes on. */
  onIssue?(issue: SourceIssue): void;
}

/**
 * Decoded records of a CSV or XLSX file, the header first, as an async iterator (for cleaning and export).
 * Reads ahead at most one chunk (~1 MB of text); stopping the loop early closes the file.
 * Throws SourceFailure when the file cannot be read.
 */
export async function* readRows(file: string, opts: ReadRowsOptions = {}): AsyncGenerator<RowRecord> {
  const info = inspect(file, opts);
  opts.onInfo?.(info);
  let queue: RowRecord[] = [];
  let wake: (() => void) | null = null;
  let resume: (() => void) | null = null;
  let done = false;
  let failure: unknown = null;
  const controller = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
  const run = scan(
    file,
    info,
    { ...opts, signal },
    {
      row(cells, rowNumber) {
        queue.push({ rowNumber, cells });
        wake?.();
      },
      issue: (i) => opts.onIssue?.(i),
      progress: () => {
        if (queue.length > 50_000) return new Promise<void>((r) => (resume = r));
      },
    },
  )
    .catch((e) => (failure = e))
    .finally(() => {
      done = true;
      wake?.();
    });
  try {
    for (;;) {
      if (queue.length) {
        const batch = queue;
        queue = [];
        const r = resume as (() => void) | null;
        resume = null;
        r?.();
        for (const rec of batch) yield rec;
        continue;
      }
      if (done) break;
      await new Promise<void>((r) => (wake = r));
      wake = null;
    }
    if (failure && !controller.signal.aborted) throw failure;
  } finally {
    controller.abort();
    const r = resume as (() => void) | null;
    r?.();
    await run;
  }
}
