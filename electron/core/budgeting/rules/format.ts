/**
 * Money and score formatting for the reason texts, independent of the platform's ICU data:
 * ro-RO `120.000 lei`, `1.234,50 lei`; en `120,000 lei`, `1,234.50 lei`. Bani decimals only when not zero.
 */
import type { Bani } from './types';

function group(int: string, sep: string): string {
  let out = '';
  for (let i = int.length; i > 0; i -= 3) out = (i > 3 ? sep : '') + int.slice(Math.max(0, i - 3), i) + out;
  return out;
}

/** Amount in lei without the unit: `120.000` / `120,000`, `1.234,50` / `1,234.50`. */
export function formatAmount(bani: Bani, lang: 'ro' | 'en'): string {
  const v = Math.round(bani);
  const neg = v < 0;
  const abs = Math.abs(v);
  const lei = Math.floor(abs / 100);
  const rest = abs % 100;
  const [thousands, decimal] = lang === 'ro' ? ['.', ','] : [',', '.'];
  const s = group(String(lei), thousands) + (rest ? decimal + String(rest).padStart(2, '0') : '');
  return neg ? `-${s}` : s;
}

/** `120.000 lei` / `120,000 lei`. */
export const formatLei = (bani: Bani, lang: 'ro' | 'en') => `${formatAmount(bani, lang)} lei`;

/** Whole number with grouping: `1.234` / `1,234`. */
export const formatCount = (n: number, lang: 'ro' | 'en') => group(String(Math.round(n)), lang === 'ro' ? '.' : ',');

/** Score with at most 2 decimals: `78,5` / `78.5`. */
export function formatScore(score: number, lang: 'ro' | 'en'): string {
  const s = String(Math.round(score * 100) / 100);
  return lang === 'ro' ? s.replace('.', ',') : s;
}
