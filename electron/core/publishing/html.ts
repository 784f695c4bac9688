/**
 * HTML for the public site: one tagged template that escapes every interpolated value unless it is
 * already SafeHtml, so a title `<script>alert(1)</script>` can only ever show as text. Formatting is
 * ro-RO and does not depend on the clock, so the same data gives the same bytes.
 */
import { asciiSlug } from '../../contract/text';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]);

export type Part = SafeHtml | string | number | null | undefined | false | Part[];

const render = (v: Part): string => {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return esc(String(v));
};

/** `html\`<p>${text}</p>\`` — text is escaped; SafeHtml (from another html`` or raw()) is kept as is. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Markup we wrote ourselves (never data). */
export const raw = (s: string) => new SafeHtml(s);

/** Free text with paragraphs: blank lines split paragraphs, single newlines become <br>. */
export function paragraphs(text: string): SafeHtml {
  const paras = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return html`${paras.map((p) => html`<p>${p.split('\n').map((l, i) => (i ? html`<br>${l}` : l))}</p>`)}`;
}

// ro-RO formatting without Intl's locale data differences between runtimes: fixed separators.
const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** 1234567.5 → "1.234.567,5" (up to `decimals` decimals, trailing zeros dropped). */
export function fmtNumber(n: number, decimals = 2): string {
  const neg = n < 0;
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac = ''] = fixed.split('.');
  const f = frac.replace(/0+$/, '');
  return `${neg ? '−' : ''}${group(int)}${f ? `,${f}` : ''}`;
}

/** Bani → "1.234.567,89 lei". */
export function fmtLei(bani: number): string {
  const neg = bani < 0;
  const abs = Math.abs(Math.round(bani));
  return `${neg ? '−' : ''}${group(String(Math.floor(abs / 100)))},${String(abs % 100).padStart(2, '0')}\u00a0lei`;
}

const MONTHS = ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'];

/** "2024-03-05" → "5 martie 2024"; null → "—". */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "2024-03" style short form for axis labels. */
export const fmtMonthYear = (iso: string) => {
  const [y, m] = iso.split('-').map(Number);
  return `${MONTHS[m - 1].slice(0, 3)}. ${y}`;
};

/** A file-system and URL safe slug of a code or name: "A1.2.1" → "a1-2-1". */
export function slug(s: string): string {
  const base = asciiSlug(s, { lower: true });
  return base.slice(0, 60) || 'x';
}
