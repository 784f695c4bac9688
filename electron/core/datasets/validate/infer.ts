/**
 * A draft Table Schema from a sample of the file (frictionless' way: the first rows, a type wins when at least 90 %
 * of the column's non-empty cells read as it). Romanian conventions are candidates: decimal comma with "." groups,
 * `%d.%m.%Y` dates. Codes with leading zeros (postcodes, CNP, SIRUTA written 0…) stay strings.
 */
import { compileCast, INVALID } from './cast';
import { DIALECT_SAMPLE_ROWS, fieldNames, planRows, RowShaper } from './dialect';
import { readRows, type SourceInfo } from './source';
import type { Dialect, EncodingDecision, EncodingName, TableField, TableSchema } from './types';

/** frictionless' DEFAULT_SAMPLE_SIZE: the first 100 records of the file (the header among them) are the sample. */
export const DEFAULT_INFER_SAMPLE = 100;

export interface InferOptions {
  /** Records read from the start of the file, the header rows included, as frictionless' sample_size (default 100). */
  sampleRows?: number;
  /** Table Dialect: header rows, comments, quoting (dialect.ts). */
  dialect?: Dialect;
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
  /** Data rows the types were decided from. */
  rowsSampled: number;
  /** The header's labels (stripped; [] without a header row) and the record numbers they came from. */
  labels: string[];
  headerRows: number[];
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

/**
 * Fields from labels and sample rows: names as frictionless gives them (stripped, `field<N>` for a blank label,
 * `name2` for a repeat), `any` for a column with no value in the sample (frictionless' AnyField), else the first
 * candidate type that reads at least `confidence` of the non-empty cells. The candidates are ours on purpose: Romanian
 * decimal commas and `%d.%m.%Y` / `%d/%m/%Y` dates are types with their format, and codes with leading zeros stay text.
 */
export function inferFields(header: string[], sample: string[][], confidence = 0.9): TableField[] {
  const names = fieldNames(header);
  return header.map((_, col) => {
    const name = names[col];
    const values = sample.map((r) => r[col] ?? '').filter((v) => v !== '');
    if (!values.length) return { name, type: 'any' };
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
  const limit = opts.sampleRows ?? DEFAULT_INFER_SAMPLE;
  let info: SourceInfo | null = null;
  const records: string[][] = [];
  const numbers: number[] = [];
  for await (const rec of readRows(file, {
    encoding: opts.encoding,
    delimiter: opts.delimiter,
    sheet: opts.sheet,
    signal: opts.signal,
    dialect: opts.dialect,
    onInfo: (i) => (info = i),
  })) {
    records.push(rec.cells);
    numbers.push(rec.rowNumber);
    if (records.length >= Math.max(limit, DIALECT_SAMPLE_ROWS)) break;
  }
  // the header row is found in frictionless' 100-record sample; the types from the data rows of the first `limit` records
  const plan = planRows(opts.dialect, records.slice(0, DIALECT_SAMPLE_ROWS), numbers.slice(0, DIALECT_SAMPLE_ROWS));
  let labels: string[] = [];
  const sample: string[][] = [];
  const shaper = new RowShaper(
    plan,
    (l) => (labels = l),
    (cells) => {
      if (cells.every((c) => c === '')) return;
      sample.push(cells);
    },
  );
  for (let k = 0; k < records.length && k < limit; k++) shaper.push(records[k], numbers[k]);
  shaper.end();
  const names = shaper.hasHeader ? labels : new Array<string>(sample[0]?.length ?? 0).fill('');
  const i = info as SourceInfo | null;
  return {
    schema: { fields: inferFields(names, sample, opts.confidence), missingValues: [''] },
    encoding: i?.encoding ?? null,
    dialect: { delimiter: i?.delimiter ?? null },
    format: i?.format ?? 'csv',
    rowsSampled: sample.length,
    labels,
    headerRows: plan.headerRows,
  };
}
