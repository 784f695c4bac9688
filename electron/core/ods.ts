import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../contract';
import { decodeUtf8 } from './exceljs-utf8';
import { zipEntryStream, type ZipEntry } from './zip';

/**
 * OpenDocument spreadsheets (.ods, LibreOffice's default format) read as the imports read .xlsx: sheet by
 * sheet, row by row, streamed from content.xml inside the zip (never the whole document in memory). Each row
 * comes as ExcelJS gives one — `{ number, values }` with 1-based cells — so every import reads both formats
 * through the same code (excel-import.ts). Cell values: text (paragraphs joined by line breaks, <text:s/> as
 * spaces, comments left out), numbers (float, percentage, currency), dates, booleans; a formula cell is
 * `{ formula, result }` so the imports refuse it as they refuse an Excel formula.
 *
 * ODF compresses empty space with repeat counts (`table:number-rows-repeated="1048553"` after the last row,
 * `table:number-columns-repeated="1020"` after the last cell): empty repeats only move the position; repeated
 * cells or rows with content are materialised within Excel's own bounds (16,384 columns, 1,048,576 rows), and
 * the reader's cell limit (MAX_CELLS) stops a file that repeats content to blow up.
 */

export const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;

export interface OdsRow {
  number: number;
  values: unknown[];
}

export interface OdsSheet extends AsyncIterable<OdsRow> {
  name: string;
}

type Item = { type: 'table'; name: string } | { type: 'row'; row: OdsRow } | { type: 'end' };
/** As parsed: a row with its repeat count, expanded one copy at a time when read (a repeat is never materialised ahead). */
type Parsed = Exclude<Item, { type: 'row' }> | { type: 'rows'; first: number; repeat: number; values: unknown[] };

interface Cell {
  repeat: number;
  type: string;
  attrs: Record<string, string>;
  text: string[];
  paragraphs: number;
  covered: boolean;
}

/** `2026-03-02` or `2026-03-02T10:30:00` (local time as written) → a Date whose UTC fields are those, as ExcelJS reads Excel dates. */
function odsDate(s: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?)?/.exec(s);
  if (!m) return s;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
}

function cellValue(c: Cell): unknown {
  const a = c.attrs;
  const text = c.text.join('');
  let v: unknown;
  switch (c.type) {
    case 'float':
    case 'percentage':
    case 'currency':
      v = a['office:value'] !== undefined ? Number(a['office:value']) : text;
      break;
    case 'date':
      v = a['office:date-value'] ? odsDate(a['office:date-value']) : text;
      break;
    case 'boolean':
      v = a['office:boolean-value'] === 'true';
      break;
    case 'string':
      v = a['office:string-value'] ?? text;
      break;
    default:
      v = text === '' ? null : text; // time, void, or none: the text as shown
  }
  if (v === '') v = null;
  const formula = a['table:formula'];
  if (formula) return { formula: formula.replace(/^[a-z]+:/i, '').replace(/^=/, ''), result: v ?? undefined };
  return v;
}

/** The items of content.xml (table start, non-empty rows, table end), in document order. */
async function* odsItems(file: string, entry: ZipEntry): AsyncGenerator<Item> {
  const parser = new SaxesParser();
  let error: Error | null = null;
  parser.on('error', (e) => (error ??= e));
  let queue: Parsed[] = [];
  let inTable = 0;
  let rowNumber = 0;
  let rowRepeat = 1;
  let values: unknown[] | null = null;
  let col = 0;
  let cell: Cell | null = null;
  let annotation = 0;
  parser.on('opentag', (t: SaxesTagPlain) => {
    const a = t.attributes as Record<string, string>;
    switch (t.name) {
      case 'table:table':
        inTable++;
        if (inTable === 1) {
          rowNumber = 0;
          queue.push({ type: 'table', name: a['table:name'] ?? '' });
        }
        return;
      case 'table:table-row':
        if (inTable !== 1) return;
        rowRepeat = Math.max(1, Math.min(MAX_ROWS, Number(a['table:number-rows-repeated'] ?? 1) || 1));
        values = [];
        col = 0;
        return;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (inTable !== 1 || !values) return;
        cell = {
          repeat: Math.max(1, Math.min(MAX_COLUMNS, Number(a['table:number-columns-repeated'] ?? 1) || 1)),
          type: a['office:value-type'] ?? '',
          attrs: a,
          text: [],
          paragraphs: 0,
          covered: t.name === 'table:covered-table-cell',
        };
        if (t.isSelfClosing) closeCell();
        return;
      case 'office:annotation':
        annotation++;
        return;
    }
    if (!cell || annotation) return;
    if (t.name === 'text:p' || t.name === 'text:h') {
      if (cell.paragraphs++ > 0) cell.text.push('\n');
    } else if (t.name === 'text:s') cell.text.push(' '.repeat(Math.min(1000, Number(a['text:c'] ?? 1) || 1)));
    else if (t.name === 'text:tab') cell.text.push('\t');
    else if (t.name === 'text:line-break') cell.text.push('\n');
  });
  function closeCell() {
    if (!cell || !values) return;
    const v = cell.covered ? null : cellValue(cell);
    if (v !== null && v !== undefined) for (let k = 0; k < cell.repeat && col + k < MAX_COLUMNS; k++) values[col + k + 1] = v;
    col += cell.repeat;
    cell = null;
  }
  parser.on('text', (text) => {
    if (cell && !annotation && cell.paragraphs > 0) cell.text.push(text);
  });
  parser.on('closetag', (t) => {
    switch (t.name) {
      case 'table:table':
        if (inTable === 1) queue.push({ type: 'end' });
        inTable--;
        return;
      case 'table:table-row': {
        if (inTable !== 1 || !values) return;
        const row = values;
        values = null;
        if (row.length === 0) {
          rowNumber += rowRepeat; // empty rows (often a million of them after the last one): only the position moves
          return;
        }
        const repeat = Math.min(rowRepeat, MAX_ROWS - rowNumber);
        if (repeat > 0) queue.push({ type: 'rows', first: rowNumber + 1, repeat, values: row });
        rowNumber += rowRepeat;
        return;
      }
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (!t.isSelfClosing) closeCell();
        return;
      case 'office:annotation':
        annotation--;
        return;
    }
  });
  function* expand(items: Parsed[]): Generator<Item> {
    for (const it of items) {
      if (it.type !== 'rows') yield it;
      else for (let k = 0; k < it.repeat; k++) yield { type: 'row', row: { number: it.first + k, values: k ? [...it.values] : it.values } };
    }
  }
  for await (const text of decodeUtf8(zipEntryStream(file, entry))) {
    parser.write(text);
    if (error) throw error;
    if (queue.length) {
      const out = queue;
      queue = [];
      yield* expand(out);
    }
  }
  parser.close();
  if (error) throw error;
  yield* expand(queue);
}

/** The sheets of an .ods file, each an async iterable of its non-empty rows (consume or skip each in turn). */
export async function* odsSheets(file: string, entries: ZipEntry[]): AsyncGenerator<OdsSheet> {
  const content = entries.find((e) => e.name === 'content.xml');
  if (!content)
    throw new AppError('VALIDATION', 'fișierul OpenDocument nu are conținut (content.xml); salvați-l din nou ca Excel 2007-365 (.xlsx)', {
      issues: [{ field: 'file', reason: 'unreadable', message: 'no content.xml' }],
    });
  const items = odsItems(file, content);
  let next = await items.next();
  while (!next.done) {
    const item = next.value;
    if (item.type !== 'table') {
      next = await items.next();
      continue;
    }
    let ended = false;
    const sheet: OdsSheet = {
      name: item.name,
      async *[Symbol.asyncIterator]() {
        while (!ended) {
          const n = await items.next();
          if (n.done || n.value.type !== 'row') {
            ended = true;
            return;
          }
          yield n.value.row;
        }
      },
    };
    yield sheet;
    while (!ended) {
      const n = await items.next();
      if (n.done || n.value.type === 'end') ended = true;
    }
    next = await items.next();
  }
}
