import { createHash } from 'node:crypto';
import type { CleaningStep, StepLog, ValueCluster } from '../../contract';
import type { MessageRef } from '../../contract/datasets-messages';
import { stripMarks } from '../../contract/text';

/**
 * The cleaning steps as a streaming row transform: compiled once against the file's header, then applied to
 * one row at a time (bounded memory; only `dedupe` remembers a short key per row). Each step counts what it
 * changed, so a replay on next month's file says what it did. Pure: no I/O here.
 */

export class StepError extends Error {
  constructor(
    readonly index: number,
    readonly field: string,
    message: string,
    /** The same as a catalogue text (`step.*` in contract/datasets-messages.ts). */
    readonly ref?: MessageRef,
  ) {
    super(message);
  }
}

const noColumn = (i: number, field: string, op: string, column: string, header: string[]) =>
  new StepError(i, field, `step ${i + 1} (${op}): there is no column named "${column}" (columns: ${header.join(', ')})`, {
    key: 'step.no-column',
    params: { step: i + 1, op, column, columns: header.join(', ') },
  });
const columnExists = (i: number, field: string, op: string, column: string) =>
  new StepError(i, field, `step ${i + 1} (${op}): a column named "${column}" already exists`, {
    key: 'step.column-exists',
    params: { step: i + 1, op, column },
  });

// ───────────────────────── value functions (exported for tests and the export's normalisation)

const CEDILLA: Record<string, string> = { '\u015F': '\u0219', '\u015E': '\u0218', '\u0163': '\u021B', '\u0162': '\u021A' };
const CEDILLA_RE = /[\u015F\u015E\u0163\u0162]/g;

/** ş ţ Ş Ţ (cedilla) → ș ț Ș Ț (comma below), counting each letter replaced. */
export function fixCedilla(v: string, counts?: Record<string, number>): string {
  if (!CEDILLA_RE.test(v)) return v;
  CEDILLA_RE.lastIndex = 0;
  return v.replace(CEDILLA_RE, (c) => {
    const to = CEDILLA[c]!;
    if (counts) counts[`${c}→${to}`] = (counts[`${c}→${to}`] ?? 0) + 1;
    return to;
  });
}

export const trimValue = (v: string, collapse: boolean) => (collapse ? v.replace(/\s+/g, ' ').trim() : v.trim());

export function changeCase(v: string, mode: 'upper' | 'lower' | 'title'): string {
  if (mode === 'upper') return v.toLocaleUpperCase('ro');
  if (mode === 'lower') return v.toLocaleLowerCase('ro');
  return v.toLocaleLowerCase('ro').replace(/(^|[\s\-–/(.])(\p{L})/gu, (_m, sep: string, l: string) => sep + l.toLocaleUpperCase('ro'));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Reads a date written with a strptime pattern (%d %m %Y %y %H %M %S; single-digit day and month accepted)
 * and gives ISO 8601 (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS when the pattern has a time). Null when it does not fit.
 */
export function parseDate(v: string, format: string): string | null {
  let re = '';
  const parts: string[] = [];
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '%' && i + 1 < format.length) {
      const d = format[++i]!;
      if (d === 'Y') re += '(\\d{4})';
      else if (d === 'y') re += '(\\d{2})';
      else if ('dmHMS'.includes(d)) re += '(\\d{1,2})';
      else if (d === '%') {
        re += '%';
        continue;
      } else return null;
      parts.push(d);
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${re}$`).exec(v.trim());
  if (!m) return null;
  const f: Record<string, number> = {};
  parts.forEach((p, i) => (f[p] = Number(m[i + 1])));
  const year = f.Y ?? (f.y != null ? (f.y < 70 ? 2000 + f.y : 1900 + f.y) : NaN);
  const month = f.m ?? 1;
  const day = f.d ?? 1;
  const t = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(t.getTime()) || t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (f.H == null && f.M == null && f.S == null) return date;
  const [h, mi, s] = [f.H ?? 0, f.M ?? 0, f.S ?? 0];
  if (h > 23 || mi > 59 || s > 59) return null;
  return `${date}T${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/**
 * A number written with `decimalChar` and `groupChar` (Romanian: 1.234,56) as '.' decimal without grouping
 * (1234.56). Grouping must come in threes. Null when it is not such a number.
 */
export function parseNumber(v: string, decimalChar: string, groupChar: string): string | null {
  const s = v.trim().replace(/[\u00A0\u202F ]/g, groupChar === ' ' ? ' ' : '');
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const d = esc(decimalChar);
  const int = groupChar ? `(?:\\d{1,3}(?:${esc(groupChar)}\\d{3})+|\\d+)` : '\\d+';
  const m = new RegExp(`^([+-]?)(${int})(?:${d}(\\d+))?$`).exec(s);
  if (!m) {
    const bare = /^([+-]?)(\d*)(?:\.(\d+))?$/.exec(s);
    if (decimalChar !== '.' && bare && bare[2] && !groupChar.includes('.')) return s;
    return null;
  }
  const whole = groupChar ? m[2]!.split(groupChar).join('') : m[2]!;
  return `${m[1] === '-' ? '-' : ''}${whole}${m[3] ? `.${m[3]}` : ''}`;
}

/** The clustering key: lower case, no diacritics (ș/ş alike), no punctuation, words sorted (OpenRefine's fingerprint). */
export function fingerprint(v: string): string {
  return stripMarks(v)
    .toLocaleLowerCase('ro')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .filter((w, i, a) => a.indexOf(w) === i)
    .join(' ');
}

/** Groups of distinct values that share a fingerprint (at least two spellings), biggest first. */
export function clusterValues(counts: Map<string, number>): ValueCluster[] {
  const groups = new Map<string, Array<{ value: string; count: number }>>();
  for (const [value, count] of counts) {
    if (!value.trim()) continue;
    const k = fingerprint(value);
    if (!k) continue;
    const g = groups.get(k);
    if (g) g.push({ value, count });
    else groups.set(k, [{ value, count }]);
  }
  const out: ValueCluster[] = [];
  for (const [key, values] of groups) {
    if (values.length < 2) continue;
    // most frequent first; on a tie, a capitalised spelling with diacritics (Fabric before fabric, Piața before Piata)
    const care = (v: string) => (/^\p{Lu}/u.test(v) ? 2 : 0) + (/[^\x00-\x7F]/.test(v) ? 1 : 0);
    values.sort((a, b) => b.count - a.count || care(b.value) - care(a.value) || a.value.localeCompare(b.value, 'ro'));
    out.push({ key, suggestion: values[0]!.value, values });
  }
  return out.sort((a, b) => b.values.reduce((s, v) => s + v.count, 0) - a.values.reduce((s, v) => s + v.count, 0) || a.key.localeCompare(b.key));
}

// ───────────────────────── the compiled pipeline

type RowFn = (row: string[]) => string[] | null;

interface Compiled {
  header: string[];
  fn: RowFn;
  log: StepLog;
}

const indexes = (header: string[], fields: string[], i: number, op: string): number[] => {
  if (!fields.length) return header.map((_, n) => n);
  return fields.map((f) => {
    const n = header.indexOf(f);
    if (n < 0) throw noColumn(i, 'fields', op, f, header);
    return n;
  });
};

const one = (header: string[], f: string, i: number, op: string, field = 'field') => {
  const n = header.indexOf(f);
  if (n < 0) throw noColumn(i, field, op, f, header);
  return n;
};

/** Value steps touch only the cells a row has (a short row stays short, so validation still sees it). */
function valueStep(header: string[], cols: number[], log: StepLog, f: (v: string) => string | null): Compiled {
  return {
    header,
    log,
    fn: (row) => {
      for (const c of cols) {
        if (c >= row.length) continue;
        const v = row[c]!;
        const nv = f(v);
        if (nv === null) {
          log.skipped++;
          continue;
        }
        if (nv !== v) {
          row[c] = nv;
          log.cellsChanged++;
        }
      }
      return row;
    },
  };
}

/** Structural steps rebuild the row from the header positions (missing cells read as empty) and keep any extra cells at the end. */
function reshape(oldLen: number, build: (row: string[]) => string[]): RowFn {
  return (row) => {
    const out = build(row);
    if (row.length > oldLen) for (let k = oldLen; k < row.length; k++) out.push(row[k]!);
    return out;
  };
}

function compileStep(step: CleaningStep, i: number, header: string[]): Compiled {
  const log: StepLog = { index: i, op: step.op, cellsChanged: 0, rowsDropped: 0, details: {}, skipped: 0 };
  switch (step.op) {
    case 'trim':
      return valueStep(header, indexes(header, step.fields, i, step.op), log, (v) => trimValue(v, step.collapse));
    case 'case':
      return valueStep(header, indexes(header, step.fields, i, step.op), log, (v) => changeCase(v, step.mode));
    case 'cedilla':
      return valueStep(header, indexes(header, step.fields, i, step.op), log, (v) => fixCedilla(v, log.details));
    case 'date':
      return valueStep(header, indexes(header, step.fields, i, step.op), log, (v) => {
        if (!v.trim() || /^\d{4}-\d{2}-\d{2}(T[\d:]+)?$/.test(v.trim())) return v;
        return parseDate(v, step.format);
      });
    case 'number':
      return valueStep(header, indexes(header, step.fields, i, step.op), log, (v) => (v.trim() ? parseNumber(v, step.decimalChar, step.groupChar) : v));
    case 'map': {
      const col = one(header, step.field, i, step.op);
      const mapping = new Map(Object.entries(step.mapping));
      return valueStep(header, [col], log, (v) => {
        const to = mapping.get(v);
        if (to === undefined || to === v) return v;
        log.details[`${v}→${to}`] = (log.details[`${v}→${to}`] ?? 0) + 1;
        return to;
      });
    }
    case 'split': {
      const col = one(header, step.field, i, step.op);
      for (const n of step.into) if (header.includes(n) && n !== step.field) throw columnExists(i, 'into', 'split', n);
      const h = [...header.slice(0, col), ...step.into, ...header.slice(col + 1)];
      const k = step.into.length;
      return {
        header: h,
        log,
        fn: reshape(header.length, (row) => {
          const v = row[col] ?? '';
          const parts = v.split(step.separator);
          const pieces = parts.length > k ? [...parts.slice(0, k - 1), parts.slice(k - 1).join(step.separator)] : parts;
          while (pieces.length < k) pieces.push('');
          if (v) log.cellsChanged++;
          const out = header.map((_, n) => row[n] ?? '');
          out.splice(col, 1, ...pieces.map((p) => p.trim()));
          return out;
        }),
      };
    }
    case 'merge': {
      const cols = step.fields.map((f) => one(header, f, i, step.op, 'fields'));
      if (header.includes(step.into) && !step.fields.includes(step.into)) throw columnExists(i, 'into', 'merge', step.into);
      const first = Math.min(...cols);
      const keep = header.map((_, n) => n).filter((n) => !cols.includes(n));
      const h: string[] = [];
      for (let n = 0; n < header.length; n++) {
        if (n === first) h.push(step.into);
        else if (keep.includes(n)) h.push(header[n]!);
      }
      return {
        header: h,
        log,
        fn: reshape(header.length, (row) => {
          const merged = cols
            .map((c) => (row[c] ?? '').trim())
            .filter(Boolean)
            .join(step.separator);
          if (merged) log.cellsChanged++;
          const out: string[] = [];
          for (let n = 0; n < header.length; n++) {
            if (n === first) out.push(merged);
            else if (keep.includes(n)) out.push(row[n] ?? '');
          }
          return out;
        }),
      };
    }
    case 'drop': {
      const cols = new Set(step.fields.map((f) => one(header, f, i, step.op, 'fields')));
      const keep = header.map((_, n) => n).filter((n) => !cols.has(n));
      return {
        header: keep.map((n) => header[n]!),
        log,
        fn: reshape(header.length, (row) => {
          for (const c of cols) if ((row[c] ?? '') !== '') log.cellsChanged++;
          return keep.map((n) => row[n] ?? '');
        }),
      };
    }
    case 'rename': {
      const col = one(header, step.from, i, step.op, 'from');
      if (header.includes(step.to) && step.to !== step.from) throw columnExists(i, 'to', 'rename', step.to);
      const h = [...header];
      h[col] = step.to;
      return { header: h, log, fn: (row) => row };
    }
    case 'dedupe': {
      const cols = indexes(header, step.fields, i, step.op);
      const seen = new Set<string>();
      return {
        header,
        log,
        fn: (row) => {
          const parts = cols.map((c) => row[c] ?? '');
          if (parts.every((p) => p === '')) return row;
          let key = parts.join('\u0001');
          if (key.length > 40) key = createHash('sha1').update(key).digest('base64');
          if (seen.has(key)) {
            log.rowsDropped++;
            return null;
          }
          seen.add(key);
          return row;
        },
      };
    }
  }
}

export class StepRunner {
  readonly header: string[];
  private fns: RowFn[] = [];
  private logs: StepLog[] = [];
  rowsIn = 0;
  rowsOut = 0;

  /** Throws StepError when a step names a column that is not there at that point. */
  constructor(header: string[], steps: CleaningStep[]) {
    let h = [...header];
    steps.forEach((s, i) => {
      const c = compileStep(s, i, h);
      h = c.header;
      this.fns.push(c.fn);
      this.logs.push(c.log);
    });
    this.header = h;
  }

  /** One data row through every step; null when a step dropped it. */
  push(cells: string[]): string[] | null {
    this.rowsIn++;
    let row: string[] | null = [...cells];
    for (const fn of this.fns) {
      row = fn(row);
      if (!row) return null;
    }
    this.rowsOut++;
    return row;
  }

  log(): StepLog[] {
    return this.logs.map((l) => ({ ...l, details: { ...l.details } }));
  }
}
