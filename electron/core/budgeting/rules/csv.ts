/**
 * A small streaming CSV reader (RFC 4180 quoting, `,` `;` or tab, CRLF or LF, UTF-8 BOM), fed in chunks of any
 * size. Lines without a quote take a fast path (split); a quoted record may span lines and chunks.
 * Rows come to a callback with the 1-based physical line they start on (the header is line 1).
 */
import fs from 'node:fs';

export type Delimiter = ',' | ';' | '\t';
export type RowHandler = (fields: string[], line: number) => void;

/** Guess the delimiter from the header line: the most frequent of `,` `;` tab (ties: `,`). */
export function detectDelimiter(headerLine: string): Delimiter {
  const count = (ch: string) => headerLine.split(ch).length - 1;
  const c = count(',');
  const s = count(';');
  const t = count('\t');
  if (s > c && s >= t) return ';';
  if (t > c && t > s) return '\t';
  return ',';
}

export class CsvSplitter {
  private carry = '';
  private nextLine = 1;
  private started = false;
  delimiter: Delimiter | null;

  constructor(delimiter?: Delimiter) {
    this.delimiter = delimiter ?? null;
  }

  push(chunk: string, onRow: RowHandler) {
    let text = this.carry ? this.carry + chunk : chunk;
    if (!this.started) {
      if (!text.length) return;
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.carry = this.consume(text, onRow, false);
  }

  end(onRow: RowHandler) {
    if (this.carry.length) this.consume(this.carry + '\n', onRow, true);
    this.carry = '';
  }

  /** Emits every complete record of `text`; returns the unfinished rest. */
  private consume(text: string, onRow: RowHandler, final: boolean): string {
    let pos = 0;
    const len = text.length;
    while (pos < len) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) return text.slice(pos);
      let lineEnd = nl;
      if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      const line = text.slice(pos, lineEnd);
      if (this.delimiter === null) this.delimiter = detectDelimiter(line);
      if (line.indexOf('"') < 0) {
        if (line.length) onRow(line.split(this.delimiter), this.nextLine);
        this.nextLine++;
        pos = nl + 1;
        continue;
      }
      const rec = parseQuoted(text, pos, this.delimiter);
      if (!rec) {
        if (!final) return text.slice(pos);
        // unterminated quote at the end of the file: take the rest as the last field
        const rest = text.slice(pos).replace(/\r?\n$/, '');
        onRow(rest.split(this.delimiter), this.nextLine);
        return '';
      }
      onRow(rec.fields, this.nextLine);
      this.nextLine += rec.lines;
      pos = rec.end;
    }
    return '';
  }
}

/** Parses one record starting at `start` that contains quotes; null if it does not end (newline outside quotes) in `text`. */
function parseQuoted(text: string, start: number, delim: string): { fields: string[]; end: number; lines: number } | null {
  const fields: string[] = [];
  let field = '';
  let i = start;
  let lines = 1;
  const len = text.length;
  const d = delim.charCodeAt(0);
  for (;;) {
    if (i < len && text.charCodeAt(i) === 34) {
      // quoted field
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return null;
        const part = text.slice(i, q);
        for (let k = part.indexOf('\n'); k >= 0; k = part.indexOf('\n', k + 1)) lines++;
        field += part;
        if (q + 1 < len && text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
          continue;
        }
        if (q + 1 >= len) return null;
        i = q + 1;
        break;
      }
    }
    // unquoted rest of the field (or text after a closing quote) up to the delimiter or the end of line
    while (i < len) {
      const ch = text.charCodeAt(i);
      if (ch === d || ch === 10) break;
      if (ch !== 13 || (i + 1 < len && text.charCodeAt(i + 1) !== 10)) field += text[i];
      i++;
    }
    if (i >= len) return null;
    fields.push(field);
    field = '';
    if (text.charCodeAt(i) === 10) return { fields, end: i + 1, lines };
    i++; // delimiter
  }
}

/** The text of a file path or of an async iterable of strings / bytes, decoded as UTF-8, chunk by chunk. */
export async function* textChunks(source: string | AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const it: AsyncIterable<string | Uint8Array> = typeof source === 'string' ? fs.createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of it) {
    if (typeof chunk === 'string') yield chunk;
    else {
      const s = decoder.decode(chunk, { stream: true });
      if (s) yield s;
    }
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** Reads a whole CSV source, calling onRow for every non-blank row (header included). The baseline parser of the bench. */
export async function scanCsv(
  source: string | AsyncIterable<string | Uint8Array>,
  onRow: RowHandler,
  delimiter?: Delimiter,
): Promise<{ delimiter: Delimiter }> {
  const sp = new CsvSplitter(delimiter);
  for await (const chunk of textChunks(source)) sp.push(chunk, onRow);
  sp.end(onRow);
  return { delimiter: sp.delimiter ?? ',' };
}
