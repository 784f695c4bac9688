/**
 * ro-RO / en formatting helpers. Pure functions (no React), tested in tests/unit/renderer-format.test.ts.
 * Dates cross the API as `YYYY-MM-DD` (calendar dates) or ISO-8601 UTC timestamps; both are shown in the
 * user's language: 27.11.2026 in Romanian, 27/11/2026 in English (the office PCs are European).
 */
export type Lang = 'ro' | 'en';

const locale = (lang: Lang) => (lang === 'ro' ? 'ro-RO' : 'en-GB');
const DASH = '—';

/**
 * Building an Intl.NumberFormat costs far more than formatting with one, and lists format thousands of cells:
 * one formatter per (language, decimals) is kept.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, minDecimals: number, maxDecimals: number): Intl.NumberFormat {
  const key = `${lang}:${minDecimals}:${maxDecimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: minDecimals, maximumFractionDigits: maxDecimals, useGrouping: true });
    numberFormats.set(key, f);
  }
  return f;
}

const isoDateRe = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-11-27` → `27.11.2026` (ro) / `27/11/2026` (en). Calendar dates are never shifted by time zone. */
export function formatDate(value: string | null | undefined, lang: Lang = 'ro'): string {
  if (!value) return DASH;
  const m = isoDateRe.exec(value);
  if (m) return lang === 'ro' ? `${m[3]}.${m[2]}.${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(d.getDate())}`;
  const month = pad(d.getMonth() + 1);
  return lang === 'ro' ? `${day}.${month}.${d.getFullYear()}` : `${day}/${month}/${d.getFullYear()}`;
}

/** A timestamp in local time: `27.11.2026, 14:05`. */
export function formatDateTime(value: string | null | undefined, lang: Lang = 'ro'): string {
  if (!value) return DASH;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(value, lang)}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 1234.5 → `1.234,5` (ro) / `1,234.5` (en); at most `maxDecimals` decimals, no trailing zeros. */
export function formatNumber(value: number | null | undefined, lang: Lang = 'ro', maxDecimals = 2): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, 0, maxDecimals).format(value);
}

/** A percentage given in points (0–100): 24 → `24 %` (ro, with the usual space) / `24%` (en). */
export function formatPercent(value: number | null | undefined, lang: Lang = 'ro', maxDecimals = 0): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  const n = formatNumber(value, lang, maxDecimals);
  return lang === 'ro' ? `${n}\u00a0%` : `${n}%`;
}

/** Money is integer bani (1/100 leu): 123450 → `1.234,50 lei`. */
export function formatLei(bani: number | null | undefined, lang: Lang = 'ro'): string {
  if (bani == null || !Number.isFinite(bani)) return DASH;
  const n = numberFormat(lang, 2, 2).format(bani / 100);
  return `${n}\u00a0lei`;
}

/** Parses a number typed the Romanian way (`1.234,5`) or the English way (`1,234.5`); null if not a number. */
export function parseNumber(input: string, lang: Lang = 'ro'): number | null {
  let s = input.trim().replace(/[\s\u00a0]/g, '');
  if (!s) return null;
  if (lang === 'ro') s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  if (!/^[-+]?\d*\.?\d+$/.test(s) && !/^[-+]?\d+\.?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A value with its unit: `12 persoane`, `3 %` — joined by a no-break space, so a number never wraps away from its unit. */
export function formatValueUnit(value: number | null | undefined, unit: string, lang: Lang = 'ro'): string {
  if (value == null) return DASH;
  if (unit === '%') return formatPercent(value, lang, 2);
  return unit ? `${formatNumber(value, lang)}\u00a0${unit}` : formatNumber(value, lang);
}

/** Today as `YYYY-MM-DD` in local time (what a user means by "today"). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Bytes for people: `2,5 MB`. */
export function formatBytes(size: number, lang: Lang = 'ro'): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${formatNumber(size / 1024, lang, 1)} KB`;
  return `${formatNumber(size / (1024 * 1024), lang, 1)} MB`;
}
