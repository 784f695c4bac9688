import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { neutralizeText } from './neutralize';
import { reorderZip, xlsxPartRank, type ZipEdits } from './zip';
import { RAG_PALETTE } from '../contract/palette';

/**
 * The one ExcelJS wrapper every export uses (ARCHITECTURE.md §3).
 *
 * - Streams: rows are committed as they are added, sheets are written one after another (starting a new
 *   sheet finishes the previous one), and the writer waits for the zip stream to drain, so memory stays
 *   bounded whatever the row count.
 * - Atomic: writes `<out>.partial` and renames it to `<out>` only on success; on error or cancel the
 *   partial file is deleted and the error is rethrown (an existing `<out>` is left untouched).
 * - Typed cells: numbers, dates and money are written as real numbers/dates with number formats; Excel
 *   renders the user's locale separators (ro-RO: 1.234,50), so the formats below use the neutral codes.
 * - Every sheet: bold filled header row, frozen below the header, an auto-filter over the data, column widths.
 *   Each auto-filter also gets the hidden, sheet-local defined name `_xlnm._FilterDatabase` Excel writes beside
 *   it: LibreOffice shows the filter buttons only when that name is there (ExcelJS does not write it).
 * - Safe to open: text beginning with = + - @, tab or CR gets an apostrophe in front ({@link neutralizeText}),
 *   so a copy saved as CSV never turns it into a live formula; the imports remove it (excel-import.ts).
 * - Readable part by part: the workbook parts come before the sheets in the zip (ExcelJS's streaming writer
 *   writes them last; the finished file's entries are moved, compressed as they are), so the imports stream
 *   the file instead of parking every sheet first.
 */

export { neutralizeText };

export type CellType = 'text' | 'int' | 'decimal' | 'percent' | 'date' | 'datetime' | 'lei';

/** A hyperlink cell. For a link inside the workbook use {@link sheetLink}. */
export interface Link {
  text: string;
  hyperlink: string;
}

export type CellInput = string | number | boolean | Date | Link | null | undefined;

/** RAG statuses that get a fill (same names as the contract's `Rag`). */
export type RagStatus = 'complete' | 'on_track' | 'at_risk' | 'late' | 'no_data' | 'not_started';

/** Fill (ARGB) and font colour per RAG status: the app's one status palette (contract/palette.ts), as on its tags. */
const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;
export const RAG_STYLES: Record<RagStatus, { fill: string; font: string }> = Object.fromEntries(
  Object.entries(RAG_PALETTE).map(([rag, c]) => [rag, { fill: argb(c.background), font: argb(c.text) }]),
) as Record<RagStatus, { fill: string; font: string }>;

/** Number formats per cell type. Neutral codes: Excel shows them with the reader's locale separators. */
export const NUM_FMT: Record<Exclude<CellType, 'text'>, string> = {
  int: '#,##0',
  decimal: '#,##0.00',
  /** Values are given in points (45.5 = 45.5 %) and written as fractions (0.455) so Excel sees a real percentage. */
  percent: '0.0%',
  date: 'dd.mm.yyyy',
  datetime: 'dd.mm.yyyy hh:mm',
  /** Values are given in integer bani and written in lei. */
  lei: '#,##0.00 "lei"',
};

export const HEADER_FILL = 'FFD9E1F2';
const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FF1F1F1F' } };
const MAX_TEXT = 32_767; // Excel's limit for one cell
const DEFAULT_TIME_ZONE = 'Europe/Bucharest';

export interface ColumnSpec<T> {
  key: keyof T & string;
  header: string;
  /** Width in characters (default from the type). */
  width?: number;
  /** Default 'text'. */
  type?: CellType;
  /** Overrides the type's number format; a function picks one per row (e.g. no decimals for whole counts). */
  numFmt?: string | ((row: T) => string | undefined);
  /** Wrap long text. */
  wrap?: boolean;
  /**
   * Fill the cell by a RAG status: `true` — the cell's own value is the status; a key — the status is read
   * from that field of the row (so the cell can show a translated label while the fill follows the code).
   */
  rag?: true | (keyof T & string);
}

export interface SheetSpec<T> {
  /** 1–31 characters, none of : \ / ? * [ ] */
  name: string;
  columns: ReadonlyArray<ColumnSpec<T>>;
}

export interface SheetWriter<T> {
  readonly name: string;
  /** Writes one row; returns its 1-based row number (the header is row 1). */
  addRow(row: T): Promise<number>;
}

export interface WorkbookBuilder {
  /** Starts a sheet; the previous sheet is finished and takes no more rows. */
  sheet<T>(spec: SheetSpec<T>): SheetWriter<T>;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** Called with a fraction 0…1 (rows written / `totalRows`) and the current sheet name; fits JobControl.progress. */
  onProgress?: (fraction: number, message?: string) => void;
  /** Rows the whole workbook will hold (for progress). */
  totalRows?: number;
  /** Time zone for 'datetime' cells (ISO instants are shown as wall-clock time there). Default Europe/Bucharest. */
  timeZone?: string;
  creator?: string;
}

export interface WriteResult {
  path: string;
  rows: number;
  sheets: string[];
}

/** `#'Sheet'!A2` — a link to a cell of another sheet of the same workbook. */
export function sheetLink(sheet: string, row: number, column = 'A'): string {
  return `#'${sheet.replace(/'/g, "''")}'!${column}${row}`;
}

/** The streaming writer: use this for every export. */
export function writeWorkbook(outPath: string, fill: (wb: WorkbookBuilder) => Promise<void>, opts: WriteOptions = {}): Promise<WriteResult> {
  return write(streamingEngine, outPath, fill, opts);
}

/** Same API on ExcelJS's in-memory Workbook. Only the benchmark's baseline uses it. */
export function writeWorkbookInMemory(outPath: string, fill: (wb: WorkbookBuilder) => Promise<void>, opts: WriteOptions = {}): Promise<WriteResult> {
  return write(inMemoryEngine, outPath, fill, opts);
}

// ---------------------------------------------------------------------------------------------------------
// Engines: the two ways ExcelJS can produce a file. Everything else (cells, styles, progress, cancel,
// partial file) is shared.

interface EngineSession {
  addWorksheet(name: string, options: Partial<ExcelJS.AddWorksheetOptions>): ExcelJS.Worksheet;
  /** Finishes a sheet: no more rows. */
  finishSheet(ws: ExcelJS.Worksheet): void;
  /** Waits while too much written data is buffered in front of the zip/file streams. */
  backpressure(ws: ExcelJS.Worksheet, signal?: AbortSignal): Promise<void>;
  commit(): Promise<void>;
  /** Stops writing and releases the file handle (the caller deletes the file). */
  abort(): Promise<void>;
}

interface Engine {
  open(file: string, creator: string): EngineSession;
}

const LOW_WATER = 1024 * 1024;

const streamingEngine: Engine = {
  open(file, creator) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    wb.creator = creator;
    // Internals of ExcelJS 4.4 (pinned): the archiver and the file stream, to see errors and wait for close.
    const inner = wb as unknown as { zip: NodeJS.EventEmitter & { abort(): void }; stream: fs.WriteStream };
    let failure: Error | null = null;
    const onError = (e: Error) => (failure ??= e);
    inner.zip.on('error', onError);
    inner.stream.on('error', onError);
    const closed = new Promise<void>((resolve) => {
      if (inner.stream.closed) resolve();
      else inner.stream.once('close', () => resolve());
    });

    /** Bytes written to the sheet but not yet taken by the zip: its own buffers plus what its pipe holds. */
    type Side = { length?: number };
    type Pipe = { writableLength?: number; readableLength?: number; _writableState?: Side; _readableState?: Side };
    const buffered = (ws: ExcelJS.Worksheet): number => {
      const s = (ws as unknown as { _stream?: { buffers?: unknown[]; pipes?: Pipe[] } })._stream;
      if (!s) return 0;
      let n = (s.buffers?.length ?? 0) * 65_536;
      for (const p of s.pipes ?? []) n += (p.writableLength ?? p._writableState?.length ?? 0) + (p.readableLength ?? p._readableState?.length ?? 0);
      return n;
    };

    return {
      addWorksheet: (name, options) => wb.addWorksheet(name, options),
      finishSheet: (ws) => ws.commit(),
      async backpressure(ws, signal) {
        if (failure) throw failure;
        // Rows are added in microtasks; without a turn of the event loop the zip and the file never run.
        await new Promise((r) => setImmediate(r));
        while (buffered(ws) > LOW_WATER) {
          await new Promise((r) => setTimeout(r, 2));
          if (failure) throw failure;
          signal?.throwIfAborted();
        }
      },
      async commit() {
        if (failure) throw failure;
        await wb.commit();
        await closed; // the handle is released before the rename (Windows refuses to rename an open file)
        if (failure) throw failure;
      },
      async abort() {
        try {
          inner.zip.abort();
        } catch {
          /* already finished */
        }
        inner.stream.destroy();
        await closed;
      },
    };
  },
};

const inMemoryEngine: Engine = {
  open(file, creator) {
    const wb = new ExcelJS.Workbook();
    wb.creator = creator;
    return {
      addWorksheet: (name, options) => wb.addWorksheet(name, options),
      finishSheet: () => {},
      backpressure: async () => {},
      commit: () => wb.xlsx.writeFile(file),
      abort: async () => {},
    };
  },
};

// ---------------------------------------------------------------------------------------------------------
// xl/workbook.xml additions ExcelJS cannot write, made while the finished file is copied (zip.ts, reorderZip).

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `'Sheet name'!$A$1:$I$10`, as a defined name refers to a range. */
export function absoluteRange(sheet: string, fromCol: number, fromRow: number, toCol: number, toRow: number): string {
  const col = (n: number) => {
    let t = '';
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) t = String.fromCharCode(65 + ((x - 1) % 26)) + t;
    return t;
  };
  return `'${sheet.replace(/'/g, "''")}'!$${col(fromCol)}$${fromRow}:$${col(toCol)}$${toRow}`;
}

export interface DefinedName {
  name: string;
  /** 0-based position of the sheet the name is local to. */
  localSheetId?: number;
  hidden?: boolean;
  ref: string;
}

/** Adds defined names to a workbook.xml (into its <definedNames>, or a new one after <sheets>). */
export function addDefinedNames(xml: string, names: DefinedName[]): string {
  if (!names.length) return xml;
  const items = names
    .map(
      (n) =>
        `<definedName name="${xmlEscape(n.name)}"${n.localSheetId === undefined ? '' : ` localSheetId="${n.localSheetId}"`}${n.hidden ? ' hidden="1"' : ''}>${xmlEscape(n.ref)}</definedName>`,
    )
    .join('');
  if (/<definedNames\s*\/>/.test(xml)) return xml.replace(/<definedNames\s*\/>/, `<definedNames>${items}</definedNames>`);
  if (xml.includes('</definedNames>')) return xml.replace('</definedNames>', `${items}</definedNames>`);
  if (!xml.includes('</sheets>')) throw new Error('workbook.xml without <sheets>');
  return xml.replace('</sheets>', `</sheets><definedNames>${items}</definedNames>`);
}

/**
 * Excel's password hash (ECMA-376 agile: SHA-512 of salt + UTF-16LE password, then `spinCount` rounds of
 * SHA-512(hash + round number)), as Excel and LibreOffice verify it.
 */
export function excelPasswordHash(password: string, salt: Buffer, spinCount: number): string {
  let h = crypto.createHash('sha512').update(salt).update(Buffer.from(password, 'utf16le')).digest();
  const round = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i++) {
    round.writeUInt32LE(i, 0);
    h = crypto.createHash('sha512').update(h).update(round).digest();
  }
  return h.toString('base64');
}

/**
 * Locks a workbook's structure with a password (sheets cannot be shown, hidden, added, renamed or deleted without
 * it): the <workbookProtection> element ExcelJS cannot write, placed where the schema wants it (after <workbookPr>).
 */
export function protectWorkbookStructure(xml: string, password: string, spinCount = 100_000): string {
  const salt = crypto.randomBytes(16);
  const el = `<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="${excelPasswordHash(password, salt, spinCount)}" workbookSaltValue="${salt.toString('base64')}" workbookSpinCount="${spinCount}" lockStructure="1"/>`;
  const pr = /<workbookPr\b[^>]*?(\/>|>[\s\S]*?<\/workbookPr>)/.exec(xml);
  if (pr) return xml.slice(0, pr.index + pr[0].length) + el + xml.slice(pr.index + pr[0].length);
  const fv = /<fileVersion\b[^>]*\/>/.exec(xml);
  if (fv) return xml.slice(0, fv.index + fv[0].length) + el + xml.slice(fv.index + fv[0].length);
  return xml.replace(/(<workbook\b[^>]*>)/, `$1${el}`);
}

/** The edit of xl/workbook.xml for {@link reorderZip}. */
export function workbookXmlEdit(edit: (xml: string) => string): ZipEdits {
  return { 'xl/workbook.xml': (data) => Buffer.from(edit(data.toString('utf8')), 'utf8') };
}

// ---------------------------------------------------------------------------------------------------------

const DEFAULT_WIDTH: Record<CellType, number> = { text: 24, int: 10, decimal: 12, percent: 10, date: 12, datetime: 17, lei: 16 };

function checkSheetName(name: string, used: Set<string>) {
  if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'"))
    throw new Error(`invalid sheet name: ${JSON.stringify(name)}`);
  if (used.has(name.toLocaleLowerCase('ro'))) throw new Error(`duplicate sheet name: ${name}`);
  used.add(name.toLocaleLowerCase('ro'));
}

const isLink = (v: unknown): v is Link => typeof v === 'object' && v !== null && !(v instanceof Date) && 'hyperlink' in v;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → a Date at UTC midnight (ExcelJS writes UTC, so the serial is a whole day). */
function toDay(v: string | Date): Date | string {
  if (v instanceof Date) return new Date(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate()));
  const m = ISO_DAY.exec(v.slice(0, 10));
  if (!m) return v;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** The wall-clock time of the instant `t` (ms) in `fmt`'s time zone, as ms since the epoch read as UTC, to the second. */
function wallFields(t: number, fmt: Intl.DateTimeFormat): number {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour === 24 ? 0 : p.hour, p.minute, p.second);
}

const QUARTER_HOUR = 15 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Instants → Dates whose UTC fields are the wall-clock time in `fmt`'s zone (Excel has no time zones). Asking the
 * zone for every cell cost about a twentieth of a big export, so its offset is kept per UTC day: a day whose two ends
 * have the same offset has it throughout (no zone changes its offset twice in a day); on a day with a change, per
 * quarter hour the same way (a change falls on a quarter hour in every zone in use), and inside a quarter hour
 * that holds one (historical offsets such as +01:44:24), each instant asks the zone itself. A few entries a year.
 */
function wallClockIn(fmt: Intl.DateTimeFormat) {
  const offsetAt = (t: number) => wallFields(t, fmt) - t;
  const sameOver = (from: number, span: number) => {
    const start = offsetAt(from);
    return start === offsetAt(from + span - 1000) ? start : null;
  };
  const byDay = new Map<number, number | null>();
  const byQuarter = new Map<number, number | null>(); // only inside the days with a change
  return (v: string | Date): Date | string => {
    const d = v instanceof Date ? v : new Date(v);
    const t = d.getTime();
    if (Number.isNaN(t)) return String(v);
    const day = Math.floor(t / DAY) * DAY;
    let offset = byDay.get(day);
    if (offset === undefined) byDay.set(day, (offset = sameOver(day, DAY)));
    if (offset === null) {
      const quarter = Math.floor(t / QUARTER_HOUR) * QUARTER_HOUR;
      offset = byQuarter.get(quarter);
      if (offset === undefined) byQuarter.set(quarter, (offset = sameOver(quarter, QUARTER_HOUR)));
    }
    return new Date(offset === null ? wallFields(t, fmt) : Math.floor(t / 1000) * 1000 + offset);
  };
}

/** Every header cell's style, one object for the reason in {@link columnLooks}. */
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: HEADER_FONT,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } },
  alignment: { vertical: 'middle', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF8EA9DB' } } },
};

/** Every data row's own style (none: its cells have theirs), one object for the reason in {@link columnLooks}. */
const ROW_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/** The fill and font of each RAG status, one object each (see {@link columnLooks}). */
const RAG_LOOKS = Object.fromEntries(
  Object.entries(RAG_STYLES).map(([rag, look]) => [
    rag,
    { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: look.fill } }, font: { color: { argb: look.font } } },
  ]),
) as Record<RagStatus, Pick<ExcelJS.Style, 'fill' | 'font'>>;

/**
 * The styles one column's cells take, one object per look: the column's own, with a link's font, a row's own number
 * format or a RAG status's fill and font. ExcelJS finds a style's index by the identity of the cell's style object
 * and otherwise renders the style to XML to look it up — for each cell, about a third of a big export's time — so
 * every cell of a look gets the same object (never changed once made: ExcelJS's cell setters change the cell's style
 * object in place, so the writer sets whole styles only). Without a number format the style also depends on the kind
 * of value (a number gets "General", a date ExcelJS's date format), so that is part of the look too.
 */
function columnLooks(base: Partial<ExcelJS.Style>) {
  const looks = new Map<string, Partial<ExcelJS.Style>>();
  return {
    of(value: ExcelJS.CellValue, link: boolean, numFmt: string | undefined, rag: RagStatus | undefined): Partial<ExcelJS.Style> {
      const kind = base.numFmt || numFmt ? '' : typeof value === 'number' ? 'n' : value instanceof Date ? 'd' : '';
      const key = `${link ? 'l' : ''}|${numFmt ?? ''}|${rag ?? ''}|${kind}`;
      let look = looks.get(key);
      if (!look) {
        look = { ...base };
        if (link) look.font = LINK_FONT;
        if (numFmt) look.numFmt = numFmt;
        if (rag) Object.assign(look, RAG_LOOKS[rag]);
        looks.set(key, look);
      }
      return look;
    },
  };
}

function toNumber(v: CellInput): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function cellValue(type: CellType, v: CellInput, wallClock: (v: string | Date) => Date | string): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (isLink(v)) return { text: neutralizeText(v.text.slice(0, MAX_TEXT - 1)), hyperlink: v.hyperlink };
  switch (type) {
    case 'text':
      return typeof v === 'string' ? neutralizeText(v.slice(0, MAX_TEXT - 1)) : v instanceof Date ? v.toISOString() : neutralizeText(String(v));
    case 'int': {
      const n = toNumber(v);
      return n === null ? null : Math.round(n);
    }
    case 'decimal':
      return toNumber(v);
    case 'percent': {
      const n = toNumber(v);
      return n === null ? null : n / 100;
    }
    case 'lei': {
      const n = toNumber(v);
      return n === null ? null : n / 100;
    }
    case 'date':
      return typeof v === 'string' || v instanceof Date ? (v === '' ? null : toDay(v)) : null;
    case 'datetime':
      return typeof v === 'string' || v instanceof Date ? (v === '' ? null : wallClock(v)) : null;
  }
}

async function write(engine: Engine, outPath: string, fill: (wb: WorkbookBuilder) => Promise<void>, opts: WriteOptions): Promise<WriteResult> {
  const { signal, onProgress, totalRows } = opts;
  signal?.throwIfAborted();
  const partial = `${outPath}.partial`;
  const ordered = `${outPath}.ordered.partial`;
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  const session = engine.open(partial, opts.creator ?? 'PLA Desk');
  const wallClock = wallClockIn(
    new Intl.DateTimeFormat('en-US', {
      timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }),
  );

  const usedNames = new Set<string>();
  const sheets: string[] = [];
  const filters: DefinedName[] = [];
  let current: { ws: ExcelJS.Worksheet; columns: number; nextRow: number } | null = null;
  let rows = 0;
  let lastReport = -1;

  const report = (name: string) => {
    if (!onProgress || rows - lastReport < 500) return;
    lastReport = rows;
    onProgress(totalRows ? Math.min(1, rows / totalRows) : 0, name);
  };

  const finishCurrent = () => {
    if (!current) return;
    const { ws, columns, nextRow } = current;
    // Set at the end so the filter covers every data row (Excel filters only inside the range).
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, nextRow - 1), column: columns } };
    filters.push({
      name: '_xlnm._FilterDatabase',
      localSheetId: sheets.length - 1,
      hidden: true,
      ref: absoluteRange(sheets.at(-1)!, 1, 1, columns, Math.max(1, nextRow - 1)),
    });
    session.finishSheet(ws);
    current = null;
  };

  const builder: WorkbookBuilder = {
    sheet<T>(spec: SheetSpec<T>): SheetWriter<T> {
      signal?.throwIfAborted();
      checkSheetName(spec.name, usedNames);
      if (spec.columns.length === 0) throw new Error(`sheet ${spec.name} has no columns`);
      finishCurrent();
      const ws = session.addWorksheet(spec.name, {
        views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
      });
      const cols = spec.columns.map((c) => {
        const type = c.type ?? 'text';
        const numFmt = typeof c.numFmt === 'string' ? c.numFmt : type === 'text' ? undefined : NUM_FMT[type];
        const style: Partial<ExcelJS.Style> = {};
        if (numFmt) style.numFmt = numFmt;
        style.alignment = c.wrap ? { vertical: 'top', wrapText: true } : { vertical: 'top' };
        return { spec: c, type, style, rowFmt: typeof c.numFmt === 'function' ? c.numFmt : undefined, looks: columnLooks(style) };
      });
      ws.columns = cols.map((c) => ({ key: c.spec.key, width: c.spec.width ?? DEFAULT_WIDTH[c.type], style: c.style }));

      const header = ws.addRow(spec.columns.map((c) => c.header));
      header.eachCell((cell) => (cell.style = HEADER_STYLE));
      header.commit();

      const state = { ws, columns: cols.length, nextRow: 2 };
      current = state;
      sheets.push(spec.name);
      const name = spec.name;

      return {
        name,
        async addRow(row: T): Promise<number> {
          signal?.throwIfAborted();
          if (current !== state) throw new Error(`sheet ${name} is finished; rows must be added before the next sheet starts`);
          const r = row as Record<string, CellInput>;
          const values = cols.map((c) => cellValue(c.type, r[c.spec.key], wallClock));
          const excelRow = ws.addRow(values);
          (excelRow as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE; // not in ExcelJS's types
          for (let i = 0; i < cols.length; i++) {
            const c = cols[i];
            const v = r[c.spec.key];
            const status = c.spec.rag ? ((c.spec.rag === true ? v : r[c.spec.rag]) as RagStatus | null | undefined) : undefined;
            excelRow.getCell(i + 1).style = c.looks.of(values[i], isLink(v), c.rowFmt?.(row) || undefined, status && RAG_STYLES[status] ? status : undefined);
          }
          excelRow.commit();
          const number = state.nextRow++;
          rows++;
          report(name);
          if ((rows & 255) === 0) await session.backpressure(ws, signal);
          return number;
        },
      };
    },
  };

  try {
    await fill(builder);
    signal?.throwIfAborted();
    finishCurrent();
    await session.commit();
    signal?.throwIfAborted();
    reorderZip(
      partial,
      ordered,
      xlsxPartRank,
      undefined,
      workbookXmlEdit((xml) => addDefinedNames(xml, filters)),
    );
    fs.rmSync(partial, { force: true });
    fs.renameSync(ordered, outPath);
  } catch (e) {
    await session.abort().catch(() => {});
    fs.rmSync(partial, { force: true });
    fs.rmSync(ordered, { force: true });
    throw e;
  }
  onProgress?.(1, sheets.at(-1));
  return { path: outPath, rows, sheets };
}
