/**
 * Column profiles for validation without a schema: per column, the share of its non-empty cells that read as a
 * number, a date or a boolean, counted over EVERY data row (not only the inference sample), and the warnings a person
 * reviews when a column is mostly one kind with a few outliers, or mixes notations.
 *
 * Why: frictionless infers a type only when 90 % of the sample reads as it; a column of amounts with "xx", decimal
 * commas beside decimal points, or dates in two formats becomes `string`, and every cell of a string column is valid.
 * The file was then "valid". These warnings do not change `valid` (a type the file never declared cannot be broken),
 * but the verdict becomes "valid, with N warnings to review".
 *
 * What is reported (documented in README and `datasets validate --help`):
 * - `mostly-number` / `mostly-date` / `mostly-boolean`: at least 80 % (MOSTLY) of the column's non-empty cells read as
 *   that kind, some do not, and the column's type is not already that kind (then the outliers are type-errors).
 *   The outliers' rows are listed (the first 10) with the first values.
 * - Decimal commas: a column whose numbers all use a decimal comma ("1.234,56") is inferred as a number with
 *   `decimalChar: ","` — Romanian notation, valid, and no warning. A column that writes some numbers with a decimal comma
 *   and others with a decimal point is `mixed-decimal`: the same text means different amounts, a person must decide.
 *   A number with only a group separator ("1.234", "1,234") is ambiguous and counts as neither.
 * - Mixed date formats: a column of dates written in two or more formats (ISO 2024-03-01, 01.03.2024, 01/03/2024, with
 *   or without a time) is `mixed-date-format`, with the count and first row of each format; a single non-ISO format
 *   is valid (the schema records it) and not a warning.
 * - A column where an integer has a leading zero ("007", postcodes, CNP) is a code column: no number warning.
 *
 * Per-row work is allocation-free: regular-expression tests and counters; row lists stop at 10 entries.
 */
import type { ColumnProfile, FieldType, ValidationWarning } from './types';

export const MOSTLY = 0.8;
const ROWS_KEPT = 10;
const EXAMPLES_KEPT = 3;
/** Fewer non-empty cells than this say nothing about a column. */
const MIN_CELLS = 3;

const INT = /^[+-]?\d+$/;
const LEADING_ZERO = /^[+-]?0\d/;
const GROUP_DOT = /^[+-]?\d{1,3}(?:\.\d{3})+$/;
const GROUP_COMMA = /^[+-]?\d{1,3}(?:,\d{3})+$/;
const DEC_COMMA = /^[+-]?(?:\d+|\d{1,3}(?:[. \u00a0]\d{3})+),\d+$/;
const DEC_POINT = /^[+-]?(?:\d*|\d{1,3}(?:[, \u00a0]\d{3})+)\.\d+(?:[eE][+-]?\d+)?$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const DATE_DOT = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const DATETIME_DOT = /^(\d{1,2})\.(\d{1,2})\.(\d{4}) \d{1,2}:\d{2}(?::\d{2})?$/;
const DATE_SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** The date formats told apart, as strptime patterns (what a schema would say). */
export const DATE_FORMATS = ['%Y-%m-%d', '%Y-%m-%dT%H:%M:%S', '%d.%m.%Y', '%d.%m.%Y %H:%M', '%d/%m/%Y'] as const;
const DATE_RES = [DATE_ISO, DATETIME_ISO, DATE_DOT, DATETIME_DOT, DATE_SLASH];
/** Whether the date's day/month/year groups are in d-m-Y order (else Y-m-d). */
const DMY = [false, false, true, true, true];

const digits = (s: string, a: number, b: number) => {
  let n = 0;
  for (let i = a; i < b; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Day and month in range, read from the text without allocating (positions from the pattern's shape). */
function realDate(s: string, dmy: boolean): boolean {
  let d: number;
  let m: number;
  let y: number;
  if (!dmy) {
    y = digits(s, 0, 4);
    m = digits(s, 5, 7);
    d = digits(s, 8, 10);
  } else {
    let p1 = 1;
    while (s.charCodeAt(p1) >= 48 && s.charCodeAt(p1) <= 57) p1++;
    let p2 = p1 + 1;
    while (s.charCodeAt(p2) >= 48 && s.charCodeAt(p2) <= 57) p2++;
    d = digits(s, 0, p1);
    m = digits(s, p1 + 1, p2);
    y = digits(s, p2 + 1, p2 + 5);
  }
  if (m < 1 || m > 12 || d < 1 || d > DAYS[m - 1]) return false;
  return !(m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)));
}

/** Which date format (index in DATE_FORMATS) the cell is written in, or -1. */
export function dateFormatOf(s: string): number {
  const c = s.charCodeAt(0);
  if (c < 48 || c > 57 || s.length < 8) return -1;
  for (let k = 0; k < DATE_RES.length; k++) if (DATE_RES[k].test(s)) return realDate(s, DMY[k]) ? k : -1;
  return -1;
}

const N_INT = 0;
const N_POINT = 1;
const N_COMMA = 2;
const N_GROUPED = 3;
const N_LEADING_ZERO = 4;
/** Which number notation the cell is written in, or -1. */
export function numberNotationOf(s: string): number {
  if (INT.test(s)) return LEADING_ZERO.test(s) ? N_LEADING_ZERO : N_INT;
  if (GROUP_DOT.test(s) || GROUP_COMMA.test(s)) return N_GROUPED;
  if (DEC_COMMA.test(s)) return N_COMMA;
  if (DEC_POINT.test(s)) return N_POINT;
  return -1;
}

/** The running counts of one column. */
class ColumnCounter {
  cells = 0;
  readonly notations = [0, 0, 0, 0, 0];
  readonly firstNotation = [0, 0, 0, 0, 0];
  readonly formats = [0, 0, 0, 0, 0];
  readonly firstFormat = [0, 0, 0, 0, 0];
  booleans = 0;
  /** Outliers per kind (number, date, boolean): the first rows and values that do not read as it. */
  readonly outRows: [number[], number[], number[]] = [[], [], []];
  readonly outCells: [string[], string[], string[]] = [[], [], []];
  private miss(kind: number, row: number, cell: string) {
    const rows = this.outRows[kind];
    if (rows.length < ROWS_KEPT) {
      rows.push(row);
      if (rows.length <= EXAMPLES_KEPT) this.outCells[kind].push(cell);
    }
  }
  see(cell: string, row: number) {
    this.cells++;
    const n = numberNotationOf(cell);
    if (n >= 0) {
      if (this.notations[n]++ === 0) this.firstNotation[n] = row;
    } else this.miss(0, row, cell);
    const f = n === N_INT || n === N_POINT ? -1 : dateFormatOf(cell);
    if (f >= 0) {
      if (this.formats[f]++ === 0) this.firstFormat[f] = row;
    } else this.miss(1, row, cell);
    if (BOOL.test(cell)) this.booleans++;
    else this.miss(2, row, cell);
  }
}

const NUMERIC: ReadonlySet<FieldType> = new Set(['integer', 'number', 'year']);
const TEMPORAL: ReadonlySet<FieldType> = new Set(['date', 'datetime']);

/** Counts the cells of every column, row by row; `finish` gives the profiles and the warnings. */
export class Profiler {
  private readonly cols: ColumnCounter[];
  constructor(
    private readonly names: string[],
    private readonly types: Array<FieldType | undefined>,
  ) {
    this.cols = names.map(() => new ColumnCounter());
  }

  /** One data row (not blank); empty cells are not counted. */
  row(cells: string[], rowNumber: number) {
    const n = Math.min(cells.length, this.cols.length);
    for (let c = 0; c < n; c++) {
      const v = cells[c];
      if (v !== '') this.cols[c].see(v, rowNumber);
    }
  }

  finish(): { columns: ColumnProfile[]; warnings: ValidationWarning[] } {
    const columns: ColumnProfile[] = [];
    const warnings: ValidationWarning[] = [];
    this.cols.forEach((k, i) => {
      const fieldName = this.names[i];
      const fieldNumber = i + 1;
      const type = this.types[i] ?? 'any';
      const numbers = k.notations.reduce((a, b) => a + b, 0);
      const dates = k.formats.reduce((a, b) => a + b, 0);
      const share = (x: number) => (k.cells ? x / k.cells : 0);
      columns.push({
        fieldName,
        fieldNumber,
        type,
        cells: k.cells,
        fits: { number: share(numbers), date: share(dates), boolean: share(k.booleans) },
        numbers: {
          integer: k.notations[N_INT],
          decimalPoint: k.notations[N_POINT],
          decimalComma: k.notations[N_COMMA],
          groupedOnly: k.notations[N_GROUPED],
          leadingZero: k.notations[N_LEADING_ZERO],
        },
        dateFormats: Object.fromEntries(DATE_FORMATS.map((f, j) => [f, k.formats[j]]).filter(([, n]) => n)),
      });
      if (k.cells < MIN_CELLS) return;
      const codes = k.notations[N_LEADING_ZERO] > 0;
      const kinds: Array<{ kind: 'number' | 'date' | 'boolean'; fit: number; already: boolean }> = [
        { kind: 'number', fit: codes ? 0 : numbers, already: NUMERIC.has(type) },
        { kind: 'date', fit: dates, already: TEMPORAL.has(type) },
        { kind: 'boolean', fit: k.booleans, already: type === 'boolean' },
      ];
      kinds.forEach(({ kind, fit, already }, j) => {
        if (already || fit === k.cells || fit / k.cells < MOSTLY) return;
        warnings.push({
          code: `mostly-${kind}`,
          fieldName,
          fieldNumber,
          params: {
            field: fieldName,
            percent: Math.floor((fit / k.cells) * 100),
            outliers: k.cells - fit,
            rows: k.outRows[j].slice(),
            cells: k.outCells[j].slice(),
            more: Math.max(0, k.cells - fit - k.outRows[j].length),
          },
        });
      });
      if (!codes && numbers / k.cells >= MOSTLY && k.notations[N_COMMA] > 0 && k.notations[N_POINT] > 0)
        warnings.push({
          code: 'mixed-decimal',
          fieldName,
          fieldNumber,
          params: {
            field: fieldName,
            comma: k.notations[N_COMMA],
            commaRow: k.firstNotation[N_COMMA],
            point: k.notations[N_POINT],
            pointRow: k.firstNotation[N_POINT],
          },
        });
      const used = DATE_FORMATS.map((f, j) => ({ format: f, count: k.formats[j], row: k.firstFormat[j] })).filter((x) => x.count > 0);
      if (dates / k.cells >= MOSTLY && used.length > 1)
        warnings.push({ code: 'mixed-date-format', fieldName, fieldNumber, params: { field: fieldName, formats: used } });
    });
    return { columns, warnings };
  }
}
