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

// ───────────────────────────── the same reader on bytes

/**
 * A record as byte ranges: field k is `src[start[k]]` … `src[end[k] - 1]` (`count` fields, read on the 1-based `line`).
 * Valid only during the callback: the arrays are reused, and a quoted record's fields live in a scratch buffer.
 */
export interface ByteRecord {
  src: Buffer;
  start: Int32Array;
  end: Int32Array;
  count: number;
  line: number;
}
export type ByteRowHandler = (record: ByteRecord) => void;

const BOM = [0xef, 0xbb, 0xbf];

function detectDelimiterBytes(b: Uint8Array, from: number, to: number): Delimiter {
  let c = 0;
  let s = 0;
  let t = 0;
  for (let i = from; i < to; i++) {
    const x = b[i];
    if (x === 44) c++;
    else if (x === 59) s++;
    else if (x === 9) t++;
  }
  if (s > c && s >= t) return ';';
  if (t > c && t > s) return '\t';
  return ',';
}

/**
 * CsvSplitter's reading (same records, same line numbers, same delimiter guess) on UTF-8 bytes, without a string
 * per field: a line without a quote is cut in one pass over its bytes; a quoted record is unescaped into a scratch
 * buffer. What a caller keeps it decodes itself (the votes import keeps a voter's key as bytes, decoded when written).
 */
export class ByteCsvSplitter {
  private carry: Buffer | null = null;
  private nextLine = 1;
  private started = false;
  private d = 0;
  private scratch = Buffer.allocUnsafe(1024);
  private readonly rec: ByteRecord = { src: Buffer.alloc(0), start: new Int32Array(16), end: new Int32Array(16), count: 0, line: 0 };
  delimiter: Delimiter | null = null;

  constructor(delimiter?: Delimiter) {
    if (delimiter) this.setDelimiter(delimiter);
  }

  private setDelimiter(d: Delimiter) {
    this.delimiter = d;
    this.d = d.charCodeAt(0);
  }

  push(chunk: Uint8Array, onRow: ByteRowHandler) {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry) buf = Buffer.concat([this.carry, buf]);
    this.carry = null;
    if (!this.started) {
      if (!buf.length) return;
      if (buf.length < 3 && buf.every((x, i) => x === BOM[i])) {
        this.carry = Buffer.from(buf);
        return;
      }
      this.started = true;
      if (buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2]) buf = buf.subarray(3);
    }
    const rest = this.consume(buf, onRow, false);
    // A copy: the rest must not keep the whole chunk alive.
    if (rest < buf.length) this.carry = Buffer.from(buf.subarray(rest));
  }

  end(onRow: ByteRowHandler) {
    if (this.carry?.length) {
      const b = Buffer.allocUnsafe(this.carry.length + 1);
      this.carry.copy(b);
      b[this.carry.length] = 10;
      this.consume(b, onRow, true);
    }
    this.carry = null;
  }

  private grow(n: number) {
    const r = this.rec;
    if (n < r.start.length) return;
    const s = new Int32Array(r.start.length * 2);
    const e = new Int32Array(r.start.length * 2);
    s.set(r.start);
    e.set(r.end);
    r.start = s;
    r.end = e;
  }

  /** Emits every complete record of `b`; returns where the unfinished rest begins. */
  private consume(b: Buffer, onRow: ByteRowHandler, final: boolean): number {
    const len = b.length;
    const rec = this.rec;
    let pos = 0;
    while (pos < len) {
      if (this.delimiter === null) {
        const nl = b.indexOf(10, pos);
        if (nl < 0) return pos;
        this.setDelimiter(detectDelimiterBytes(b, pos, nl > pos && b[nl - 1] === 13 ? nl - 1 : nl));
      }
      const d = this.d;
      let n = 0;
      let from = pos;
      let i = pos;
      let quote = false;
      for (; i < len; i++) {
        const c = b[i];
        if (c === 10) break;
        if (c === d) {
          if (n + 1 >= rec.start.length) this.grow(n + 1);
          rec.start[n] = from;
          rec.end[n++] = i;
          from = i + 1;
        } else if (c === 34) {
          quote = true;
          break;
        }
      }
      if (!quote) {
        if (i >= len) return pos;
        let lineEnd = i;
        if (lineEnd > from && b[lineEnd - 1] === 13) lineEnd--;
        if (n > 0 || lineEnd > pos) this.emit(b, n, from, lineEnd, onRow);
        this.nextLine++;
        pos = i + 1;
        continue;
      }
      const end = this.quoted(b, pos);
      if (end < 0) {
        if (!final) return pos;
        // An unterminated quote at the end of the file: the rest, cut at the delimiter, is the last record.
        let stop = len;
        if (stop > pos && b[stop - 1] === 10) stop--;
        if (stop > pos && b[stop - 1] === 13) stop--;
        n = 0;
        from = pos;
        for (let k = pos; k < stop; k++)
          if (b[k] === d) {
            this.grow(n + 1);
            rec.start[n] = from;
            rec.end[n++] = k;
            from = k + 1;
          }
        this.emit(b, n, from, stop, onRow);
        return len;
      }
      rec.line = this.nextLine;
      onRow(rec);
      this.nextLine += this.quotedLines;
      pos = end;
    }
    return pos;
  }

  /** Hands on the record of `n` fields cut so far plus its last one, `from` … `to` of `b`. */
  private emit(b: Buffer, n: number, from: number, to: number, onRow: ByteRowHandler) {
    const rec = this.rec;
    rec.start[n] = from;
    rec.end[n] = to;
    rec.src = b;
    rec.count = n + 1;
    rec.line = this.nextLine;
    onRow(rec);
  }

  private quotedLines = 1;

  /** Reads one record holding a quote from `start` into the scratch buffer; its end, or −1 when it does not end in `b`. */
  private quoted(b: Buffer, start: number): number {
    const len = b.length;
    if (this.scratch.length < len - start) this.scratch = Buffer.allocUnsafe(Math.max(len - start, this.scratch.length * 2));
    const out = this.scratch;
    const rec = this.rec;
    const d = this.d;
    let o = 0;
    let n = 0;
    let i = start;
    let lines = 1;
    for (;;) {
      const from = o;
      if (i < len && b[i] === 34) {
        i++;
        for (;;) {
          const q = b.indexOf(34, i);
          if (q < 0) return -1;
          for (; i < q; i++) {
            const c = b[i];
            if (c === 10) lines++;
            out[o++] = c;
          }
          if (q + 1 < len && b[q + 1] === 34) {
            out[o++] = 34;
            i = q + 2;
            continue;
          }
          if (q + 1 >= len) return -1;
          i = q + 1;
          break;
        }
      }
      while (i < len) {
        const c = b[i];
        if (c === d || c === 10) break;
        if (c !== 13 || (i + 1 < len && b[i + 1] !== 10)) out[o++] = c;
        i++;
      }
      if (i >= len) return -1;
      this.grow(n + 1);
      rec.start[n] = from;
      rec.end[n++] = o;
      if (b[i] === 10) {
        rec.src = out;
        rec.count = n;
        this.quotedLines = lines;
        return i + 1;
      }
      i++;
    }
  }
}

/** The bytes of a file path or of an async iterable of strings / bytes (strings encoded as UTF-8), chunk by chunk. */
export async function* byteChunks(source: string | AsyncIterable<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  const it: AsyncIterable<string | Uint8Array> = typeof source === 'string' ? fs.createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  const encoder = new TextEncoder();
  let high = ''; // a high surrogate cut from its pair at the end of a string chunk
  for await (const chunk of it) {
    if (typeof chunk !== 'string') {
      yield chunk;
      continue;
    }
    let s = high + chunk;
    high = '';
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      high = s.slice(-1);
      s = s.slice(0, -1);
    }
    if (s) yield encoder.encode(s);
  }
  if (high) yield encoder.encode(high);
}
