/**
 * Small CSV helpers for text already in memory (reference tables of a few MB) and for writing the cleaned,
 * published files: RFC 4180, comma, double quotes, CRLF-or-LF input, LF output.
 */

export function parseCsvText(text: string, delimiter = ','): { header: string[]; rows: string[][] } {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      cell = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
  }
  const [header = [], ...data] = rows;
  return { header: header.map((h) => h.trim()), rows: data };
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV line (comma, quoted when needed), ending in LF. */
export const csvLine = (cells: readonly string[]) => `${cells.map((c) => (NEEDS_QUOTES.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\n`;
