/**
 * OWASP's defence against CSV/formula injection, shared by every spreadsheet-bound export (excel.ts for xlsx,
 * the CSVs meant to be opened in a spreadsheet: the budgeting accountability CSV, the datasets' "for Excel"
 * copy). Text that a spreadsheet would read as a formula (= + - @) or that hides one behind a tab or CR gets an
 * apostrophe in front; text already beginning with apostrophes before such a character gets one more, so
 * {@link unneutralizeText} gives back exactly the original. Open-data CSVs keep their data verbatim.
 * No dependencies: the CSV writers load it without ExcelJS.
 */
export function neutralizeText(s: string): string {
  return /^'*[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The inverse of {@link neutralizeText}: the imports remove exactly the one apostrophe the exports added. */
export function unneutralizeText(s: string): string {
  return /^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}
