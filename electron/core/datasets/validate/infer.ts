/**
 * A draft Table Schema from a sample of the file (frictionless' way: the first rows, a type wins when at least 90 %
 * of the column's non-empty cells read as it). Romanian conventions are candidates: decimal comma with "." groups,
 * `%d.%m.%Y` dates. Codes with leading zeros (postcodes, CNP, SIRUTA written 0…) stay strings.
 */
import { compileCast, INVALID } from './cast';
import { readRows, type SourceInfo } from './source';
import type { EncodingDecision, EncodingName, TableField, TableSchema } from './types';

export interface InferOptions {
  /** Data rows read (default 1000). */
  sampleRows?: number;
  /** Share of non-empty cells that must read as a type (default 0.9). */
  confidence?: number;
  encoding?: 'auto' | EncodingName;
  delimiter?: string;
  sheet?: string;
  signal?: AbortSignal;
}

export interface InferResult {
  schema: TableSchema;
  encoding: EncodingDecision | null;
  dialect: { delimiter: string | null };
  format: 'csv' | 'xlsx';
  rowsSampled: number;
}

type Candidate = Omit<TableField, 'name'>;
const CANDIDATES: Candidate[] = [
  { type: 'integer' },
  { type: 'number' },
  { type: 'number', decimalChar: ',' },
  { type: 'number', decimalChar: ',', groupChar: '.' },
  { type: 'boolean' },
  { type: 'date' },
  { type: 'date', format: '%d.%m.%Y' },
  { type: 'date', format: '%d/%m/%Y' },
  { type: 'datetime' },
  { type: 'datetime', format: '%Y-%m-%d %H:%M:%S' },
  { type: 'datetime', format: '%d.%m.%Y %H:%M' },
  { type: 'datetime', format: '%d.%m.%Y %H:%M:%S' },
  { type: 'time' },
  { type: 'year' },
];
const casts = CANDIDATES.map((c) => compileCast({ name: 'x', ...c }));
const leadingZero = /^[+-]?0\d/;

export function inferFields(header: string[], sample: string[][], confidence = 0.9): TableField[] {
  return header.map((label, col) => {
    const name = label.trim() === '' ? `field${col + 1}` : label;
    const values = sample.map((r) => r[col] ?? '').filter((v) => v !== '');
    if (!values.length) return { name, type: 'string' };
    const zeros = values.some((v) => leadingZero.test(v));
    for (let k = 0; k < CANDIDATES.length; k++) {
      const c = CANDIDATES[k];
      if (zeros && (c.type === 'integer' || c.type === 'number' || c.type === 'year')) continue;
      let ok = 0;
      for (const v of values) if (casts[k](v) !== INVALID) ok++;
      // integers and years also read as numbers: the narrower type is tried first; booleans need more than 0/1
      if (ok / values.length >= confidence) {
        if (c.type === 'boolean' && values.every((v) => v === '0' || v === '1')) continue;
        return { name, ...c };
      }
    }
    return { name, type: 'string' };
  });
}

export async function inferSchema(file: string, opts: InferOptions = {}): Promise<InferResult> {
  const limit = opts.sampleRows ?? 1000;
  let info: SourceInfo | null = null;
  let header: string[] | null = null;
  const sample: string[][] = [];
  for await (const rec of readRows(file, { encoding: opts.encoding, delimiter: opts.delimiter, sheet: opts.sheet, signal: opts.signal, onInfo: (i) => (info = i) })) {
    if (!header) {
      header = rec.cells;
      continue;
    }
    if (rec.cells.every((c) => c === '')) continue;
    sample.push(rec.cells);
    if (sample.length >= limit) break;
  }
  const i = info as SourceInfo | null;
  return {
    schema: { fields: inferFields(header ?? [], sample, opts.confidence), missingValues: [''] },
    encoding: i?.encoding ?? null,
    dialect: { delimiter: i?.delimiter ?? null },
    format: i?.format ?? 'csv',
    rowsSampled: sample.length,
  };
}
