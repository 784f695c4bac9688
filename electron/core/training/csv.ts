import { AppError } from '../../contract';
import { normalizeHeader, type CellValue, type ImportColumn, type ReadResult } from '../excel-import';

/**
 * Attendance lists kept as CSV: UTF-8 (with or without BOM) or Windows-1250 (what Romanian Excel writes),
 * `;` or `,` between fields (the one found most often in the header line, outside quotes), fields quoted with
 * `"` and `""` inside quotes (RFC 4180), CRLF or LF. Parsed into the same rows and named bad cells as readSheet.
 */

/** Bytes → text: strict UTF-8 first (BOM dropped), Windows-1250 when the bytes are not valid UTF-8. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1250' } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Windows-1250 has only the cedilla letters ş ţ; Romanian writes them with a comma below (ș ț).
    const text = new TextDecoder('windows-1250').decode(body).replace(/[şŞţŢ]/g, (c) => ({ ş: 'ș', Ş: 'Ș', ţ: 'ț', Ţ: 'Ț' })[c]!);
    return { text, encoding: 'windows-1250' };
  }
}

/** The delimiter used most often in the first line, outside quotes (`;` wins a tie: Romanian Excel's choice). */
export function detectDelimiter(text: string): ';' | ',' {
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ';') semi++;
    else if (!quoted && c === ',') comma++;
  }
  return comma > semi ? ',' : ';';
}

/** Records of fields, each with its 1-based starting line number. Throws VALIDATION on an unclosed quote. */
export function parseCsv(text: string, delimiter: string): Array<{ line: number; fields: string[] }> {
  const out: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    out.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      recordLine = line;
    } else field += c;
    i++;
  }
  if (quoted)
    throw new AppError('VALIDATION', `the CSV file has an unclosed quote starting on line ${recordLine}`, {
      issues: [{ field: 'file', reason: 'bad_csv', message: `unclosed quote on line ${recordLine}` }],
    });
  if (field !== '' || fields.length) endRecord();
  return out;
}

/** Reads a CSV attendance list with the same columns, aliases, cell schemas and error shape as readSheet. */
export function readCsv<T extends Record<string, unknown>>(
  bytes: Uint8Array,
  columns: ImportColumn[],
  sheet = 'CSV',
  maxErrors = 500,
): ReadResult<T> & { encoding: string } {
  const { text, encoding } = decodeCsv(bytes);
  const records = parseCsv(text, detectDelimiter(text));
  const result: ReadResult<T> & { encoding: string } = { sheet, rows: [], errors: [], ignoredColumns: [], encoding };
  const plain = (s: string | undefined): CellValue => (s == null || s.trim() === '' ? null : s.trim());
  const headerAt = records.findIndex((r) => r.fields.some((f) => f.trim() !== ''));
  if (headerAt < 0) {
    result.errors.push({ sheet, row: 1, column: columns[0]?.headers[0] ?? '', value: null, message: 'the file is empty' });
    return result;
  }
  const header = records[headerAt];
  const colOf = new Map<string, number>();
  const headerOf = new Map<string, string>();
  const claimed = new Set<number>();
  for (const c of columns) {
    const aliases = c.headers.map(normalizeHeader);
    const hit = header.fields.findIndex((h, i) => !claimed.has(i) && aliases.includes(normalizeHeader(h)));
    if (hit >= 0) {
      colOf.set(c.key, hit);
      headerOf.set(c.key, header.fields[hit].trim());
      claimed.add(hit);
    } else if (c.required) result.errors.push({ sheet, row: header.line, column: c.headers[0], value: null, message: `missing column "${c.headers[0]}"` });
  }
  result.ignoredColumns = header.fields.filter((h, i) => !claimed.has(i) && h.trim() !== '').map((h) => h.trim());
  if (result.errors.length) return result;
  for (const rec of records.slice(headerAt + 1)) {
    const values = columns.map((c) => (colOf.has(c.key) ? plain(rec.fields[colOf.get(c.key)!]) : null));
    if (values.every((v) => v == null)) continue;
    const parsed: Record<string, unknown> = {};
    columns.forEach((c, n) => {
      const r = c.schema.safeParse(values[n]);
      if (r.success) parsed[c.key] = r.data;
      else if (result.errors.length < maxErrors)
        result.errors.push({
          sheet,
          row: rec.line,
          column: headerOf.get(c.key) ?? c.headers[0],
          value: values[n],
          message: r.error.issues.map((i) => i.message).join('; '),
        });
    });
    result.rows.push({ row: rec.line, values: parsed as T });
  }
  return result;
}
