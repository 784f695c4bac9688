/**
 * Table Dialect (https://datapackage.org/standard/table-dialect/) as frictionless-py 5 applies it to the records a
 * file yields: which records are the header (`header`, `headerRows`, joined with `headerJoin`), which are comments
 * (`commentChar`, `commentRows`) and which are data. The CSV properties (delimiter, quoteChar, doubleQuote,
 * escapeChar, skipInitialSpace) are the parser's (csv.ts, source.ts).
 *
 * Without `header` or `headerRows` the header row is found as frictionless' Detector.detect_dialect finds it: the
 * first record (of the first 100, comments skipped) whose width is within 10 % (at least 1) of the sample's average
 * width — so a title or a `# clean this data!` line above the header is skipped. Labels are stripped of surrounding
 * spaces (frictionless' helpers.stringify_label); with several header rows, each column's cells are joined with
 * headerJoin (default " "), a cell equal to the one above it (a merged cell) counted once (Dialect.read_labels).
 */
import type { Dialect } from './types';

/** frictionless' DEFAULT_SAMPLE_SIZE: the records the header row is looked for in. */
export const DIALECT_SAMPLE_ROWS = 100;

export interface RowPlan {
  /** Record numbers (1-based) of the header rows; empty: no header (fields are field1, field2 …). */
  headerRows: number[];
  headerJoin: string;
  commentChar: string | null;
  commentRows: Set<number>;
}

const isComment = (plan: RowPlan, cells: string[], rowNumber: number) =>
  (plan.commentChar !== null && cells.length > 0 && cells[0].startsWith(plan.commentChar)) || plan.commentRows.has(rowNumber);

/** Python's round(): halves go to the even neighbour (frictionless computes the average width with it). */
const pyRound = (x: number) => {
  const f = Math.floor(x);
  const d = x - f;
  return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
};

/** Checks a dialect's properties (throws an Error naming the wrong one). */
export function checkDialect(d: Dialect): void {
  const oneChar = (k: 'delimiter' | 'quoteChar' | 'escapeChar') => {
    const v = d[k];
    if (v !== undefined && (typeof v !== 'string' || [...v].length !== 1)) throw new Error(`dialect "${k}" must be one character`);
  };
  oneChar('delimiter');
  oneChar('quoteChar');
  oneChar('escapeChar');
  for (const k of ['header', 'doubleQuote', 'skipInitialSpace'] as const)
    if (d[k] !== undefined && typeof d[k] !== 'boolean') throw new Error(`dialect "${k}" must be true or false`);
  for (const k of ['headerRows', 'commentRows'] as const) {
    const v = d[k];
    if (v !== undefined && (!Array.isArray(v) || v.some((n) => !Number.isInteger(n) || n < 1)))
      throw new Error(`dialect "${k}" must be a list of row numbers (1, 2 …)`);
  }
  if (d.headerJoin !== undefined && typeof d.headerJoin !== 'string') throw new Error('dialect "headerJoin" must be text');
  if (d.commentChar !== undefined && (typeof d.commentChar !== 'string' || !d.commentChar)) throw new Error('dialect "commentChar" must be text');
}

/** The plan for a file given its first records (`sample`, at most DIALECT_SAMPLE_ROWS). */
export function planRows(d: Dialect | undefined, sample: string[][], rowNumbers?: number[]): RowPlan {
  const plan: RowPlan = {
    headerRows: d?.header === false ? [] : (d?.headerRows ?? [1]),
    headerJoin: d?.headerJoin ?? ' ',
    commentChar: d?.commentChar ?? null,
    commentRows: new Set(d?.commentRows ?? []),
  };
  if (d?.header !== undefined || d?.headerRows !== undefined || !sample.length) return plan;
  // a blank line is a record of width 0 to Python's csv reader (one empty cell to ours)
  const widths = sample.map((c) => (c.length === 1 && c[0] === '' ? 0 : c.length));
  const width = pyRound(widths.reduce((a, b) => a + b, 0) / widths.length);
  const drift = Math.max(pyRound(width * 0.1), 1);
  for (let i = 0; i < sample.length; i++) {
    const rowNumber = rowNumbers?.[i] ?? i + 1;
    if (isComment(plan, sample[i], rowNumber)) continue;
    if (widths[i] >= width - drift && widths[i] <= width + drift) {
      plan.headerRows = [rowNumber];
      break;
    }
  }
  return plan;
}

/**
 * Sorts records into header and data by a plan: `header(labels, rowNumbers)` once (also when the file has fewer
 * records than the header rows; labels [] when there is no header), then `row(cells, rowNumber)` for each data record.
 */
export class RowShaper {
  private readonly lists: string[][] = [];
  private headerDone = false;
  private readonly last: number;
  constructor(
    private readonly plan: RowPlan,
    private readonly onHeader: (labels: string[], rowNumbers: number[]) => void,
    private readonly onRow: (cells: string[], rowNumber: number) => void,
  ) {
    this.last = plan.headerRows.length ? plan.headerRows[plan.headerRows.length - 1] : 0;
    if (!plan.headerRows.length) this.finishHeader();
  }

  /** The header rows were all read (or there are none): the labels, as frictionless' Dialect.read_labels makes them. */
  private finishHeader() {
    this.headerDone = true;
    const labels: string[] = [];
    const prev = new Map<number, string>();
    for (const cells of this.lists)
      cells.forEach((raw, index) => {
        const cell = raw.trim();
        if (prev.get(index) === cell) return;
        prev.set(index, cell);
        if (labels.length <= index) labels.push(cell);
        else labels[index] = `${labels[index]}${this.plan.headerJoin}${cell}`;
      });
    this.onHeader(labels, this.plan.headerRows);
  }

  push(cells: string[], rowNumber: number): void {
    if (!this.headerDone) {
      if (isComment(this.plan, cells, rowNumber)) return;
      if (this.plan.headerRows.includes(rowNumber)) this.lists.push(cells);
      if (rowNumber >= this.last) this.finishHeader();
      return;
    }
    if (rowNumber <= this.last) return;
    if (isComment(this.plan, cells, rowNumber)) return;
    this.onRow(cells, rowNumber);
  }

  /** The file ended: a header not yet complete is given as it is. */
  end(): void {
    if (!this.headerDone) this.finishHeader();
  }

  get hasHeader(): boolean {
    return this.plan.headerRows.length > 0;
  }
}

/**
 * Field names from labels as frictionless' Detector.detect_schema makes them: newlines to spaces and stripped, a blank
 * label is `field<N>` (its position), and a repeated name gets its count: `name`, `name2`, `name3`.
 */
export function fieldNames(labels: string[]): string[] {
  const names = labels.map((l, i) => l.replace(/\n/g, ' ').trim() || `field${i + 1}`);
  if (new Set(names).size === names.length) return names;
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count > 1 ? `${name}${count}` : name;
  });
}
