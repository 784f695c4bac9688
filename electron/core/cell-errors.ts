/**
 * A bad cell found by an import, and how it is told to the user. No dependencies: the CLI prints these
 * without loading ExcelJS.
 */

export type CellValue = string | number | boolean | Date | null;

export interface CellError {
  sheet: string;
  /** 1-based, as Excel shows it. */
  row: number;
  /** The column's header as found in the file (or as expected, when missing). */
  column: string;
  value: CellValue;
  message: string;
  /** The cell's address (F4), when known. */
  ref?: string;
  /** Why: one of the shared reasons (`formula`), or a contract check's code (contract/issues.ts) for the reader's language. */
  reason?: string;
  /** The contract check's params (e.g. { maximum: 20000 }), with its code in `reason`. */
  params?: Record<string, string | number>;
}

/** One bad cell as a line: `Sheet!Column row N: what is wrong` (a formula's message already names its cell). */
export function cellErrorLine(e: CellError): string {
  return e.reason === 'formula' ? e.message : `${e.sheet}!${e.column} row ${e.row}: ${e.message}`;
}

/**
 * The bad cells grouped by reason, most frequent first, each with its first examples: what a user reads first
 * when a file is refused ("3 × celula conține o formulă …: Riscuri!F4, F5, F6"). Formulas are one reason
 * whatever the formula; other messages group by column and message.
 */
export function cellErrorSummary(errors: CellError[], examples = 3): string[] {
  const groups = new Map<string, { label: string; cells: string[] }>();
  for (const e of errors) {
    const key = e.reason === 'formula' ? 'formula' : `${e.sheet}\u0000${e.column}\u0000${e.message}`;
    const label =
      e.reason === 'formula'
        ? 'celule cu formule; introduceți valorile, nu formulele (copiere → lipire specială → valori)'
        : `${e.sheet}!${e.column}: ${e.message}`;
    const cell = e.ref ? `${e.sheet}!${e.ref}` : `rândul ${e.row}`;
    const g = groups.get(key);
    if (g) g.cells.push(cell);
    else groups.set(key, { label, cells: [cell] });
  }
  return [...groups.values()]
    .sort((a, b) => b.cells.length - a.cells.length)
    .map((g) => `${g.cells.length} × ${g.label} — de ex. ${g.cells.slice(0, examples).join(', ')}${g.cells.length > examples ? ' …' : ''}`);
}
