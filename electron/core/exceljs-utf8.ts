import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * ExcelJS 4.4.0's streaming reader decodes every chunk of a part on its own (utils/parse-sax.js:
 * `new TextDecoder().decode(chunk)` without `{ stream: true }`), so a two-byte character that a chunk boundary
 * splits — ș ț ă î â in a big Romanian list — becomes two "�" and the import silently changes people's names
 * (exceljs issues #2084, #2316). Every part the reader parses goes through here first: one streaming
 * TextDecoder per part keeps the bytes of a split character until the next chunk, and the parser receives text,
 * which parse-sax passes on untouched.
 *
 * The fix is applied to the reader's prototype, not to parse-sax's module: ExcelJS captures parse-sax when it
 * loads, so replacing that module would only work if nothing had loaded ExcelJS yet — a load order neither the
 * bundled CLI (external packages are imported before bundled code runs) nor a test can promise. The prototype is
 * the same object in every process (CLI, server, workers, Electron main), whatever loaded first; every import
 * reads through {@link workbookReader} in excel-import.ts, which imports this module. The non-streaming
 * reader (`xlsx.readFile`) decodes each part whole and is not affected.
 */

type Chunk = Buffer | Uint8Array | string;

/** The text of a part, decoded across chunk boundaries. */
export async function* decodeUtf8(chunks: AsyncIterable<Chunk>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

interface ReaderInternals {
  _parseRels(entry: NodeJS.ReadableStream): unknown;
  _parseWorkbook(entry: NodeJS.ReadableStream): unknown;
  _parseStyles(entry: NodeJS.ReadableStream): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
  _parseWorksheet(iterator: AsyncIterable<Chunk>, sheetNo: string): unknown;
  _parseHyperlinks(iterator: AsyncIterable<Chunk>, sheetNo: string): unknown;
}

const PATCHED = Symbol.for('pla-desk.exceljs-utf8');

/** Applies the fix once per process (idempotent); returns true when it is in place. */
export function fixExcelJsUtf8(): boolean {
  const proto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals & { [PATCHED]?: true };
  if (proto[PATCHED]) return true;
  // Parts handed over as zip entries: the reader iterates them as streams, so it gets a stream of text.
  for (const name of ['_parseRels', '_parseWorkbook', '_parseStyles', '_parseSharedStrings'] as const) {
    const original = proto[name];
    if (typeof original !== 'function') return false;
    proto[name] = function (this: unknown, entry: NodeJS.ReadableStream) {
      return original.call(this, Readable.from(decodeUtf8(entry as AsyncIterable<Chunk>), { objectMode: true }));
    };
  }
  // Sheets (and their hyperlinks) are handed over as iterators of chunks (or a parked temporary file's stream).
  for (const name of ['_parseWorksheet', '_parseHyperlinks'] as const) {
    const original = proto[name];
    if (typeof original !== 'function') return false;
    proto[name] = function (this: unknown, iterator: AsyncIterable<Chunk>, sheetNo: string) {
      return original.call(this, decodeUtf8(iterator), sheetNo);
    };
  }
  proto[PATCHED] = true;
  return true;
}

fixExcelJsUtf8();
