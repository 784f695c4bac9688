/**
 * How a plan figure is SHOWN — the one rule for the dashboard, the progress report, the Excel workbooks (plan
 * export, report pack, OGP assessments) and the public site. Core computes every figure once, unrounded
 * (electron/core/plan/figures.ts); each output rounds it here, at display, and nowhere else. Pure: no I/O, no
 * Intl (the same bytes in Node, Chromium and Electron), so the renderer may import it like the rest of the contract.
 *
 * The rule, in the plan's terms:
 *  - Progress (of an action, a commitment, the whole plan), expected progress, an indicator's value and its
 *    share of the target are shown with at most ONE decimal, rounded half away from zero: 1.44 → "1,4 %",
 *    25 → "25 %" (no ",0"). A count of people, datasets or projects is a whole number and shows as one.
 *  - "100 %" means done (a commitment complete, a target reached): a figure just under 100 is shown as 99,9 %,
 *    never rounded up to 100 %. Likewise "0 %" means nothing done yet: a figure just above 0 shows as 0,1 %.
 *  - An indicator nobody has measured (no measurement, or no record in the module that computes it) has no
 *    value: it shows "Fără date", never 0, and has no date of last measurement.
 *  - Counts of late, at-risk and no-data items are counts of actions and indicators (the things a coordinator
 *    updates), the same lists the dashboard and the report name one by one.
 */

export type FigureLang = 'ro' | 'en';

/** What an unmeasured indicator shows in place of a value. */
export const NO_DATA_TEXT: Record<FigureLang, string> = { ro: 'Fără date', en: 'No data' };

/** The displayed number of a figure (points for percentages): one decimal, with the 0 % / 100 % guards above. */
export function roundFigure(v: number): number {
  if (!Number.isFinite(v)) return v;
  const sign = v < 0 ? -1 : 1;
  const a = Math.abs(v);
  let r = Math.round(a * 10 + 1e-9) / 10;
  if (r === 100 && a < 100) r = 99.9;
  if (r === 0 && a > 0) r = 0.1;
  return sign * r;
}

const group = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/** A figure as text without unit: "1.234,5" (ro) / "1,234.5" (en); null → "Fără date". */
export function formatFigure(v: number | null | undefined, lang: FigureLang = 'ro'): string {
  if (v == null || !Number.isFinite(v)) return NO_DATA_TEXT[lang];
  const r = roundFigure(v);
  const [int, frac] = Math.abs(r).toFixed(1).split('.');
  const dec = frac === '0' ? '' : `${lang === 'ro' ? ',' : '.'}${frac}`;
  return `${r < 0 ? '−' : ''}${group(int, lang === 'ro' ? '.' : ',')}${dec}`;
}

/** A percentage given in points (0–100): "1,4 %" (ro, no-break space) / "1.4%" (en); null → "Fără date". */
export function formatFigurePercent(v: number | null | undefined, lang: FigureLang = 'ro'): string {
  if (v == null || !Number.isFinite(v)) return NO_DATA_TEXT[lang];
  const n = formatFigure(v, lang);
  return lang === 'ro' ? `${n}\u00a0%` : `${n}%`;
}

/**
 * The same figure in an Excel cell: the cell holds the displayed number (roundFigure) and a format that prints
 * it as the app does — no decimal when whole, one otherwise. `percent` cells hold fractions (0.014 → 1,4 %).
 */
export function figureNumFmt(v: number | null | undefined, kind: 'percent' | 'number'): string {
  const whole = v == null || !Number.isFinite(v) || Number.isInteger(roundFigure(v));
  if (kind === 'percent') return whole ? '0%' : '0.0%';
  return whole ? '#,##0' : '#,##0.0';
}

/** roundFigure that keeps null (an unmeasured value stays empty, it never becomes 0). */
export const roundFigureOrNull = (v: number | null | undefined): number | null => (v == null ? null : roundFigure(v));
