/**
 * The pure part of the conflict view: which fields differ between the user's unsaved version ("yours") and
 * the one a colleague saved meanwhile ("theirs"), and the values to save once the user has chosen, field by
 * field. Form values may hold dates as dayjs objects and lists as arrays; they compare by what they show.
 */
import dayjs from 'dayjs';

export type Side = 'mine' | 'theirs';

export interface ConflictField {
  name: string;
  label: string;
  /** How a value reads on screen (enum labels, codes of linked records); default: plainValue. */
  format?: (value: unknown) => string;
}

/** A form value as comparable text: dayjs → YYYY-MM-DD, lists joined, empty → ''. */
export function plainValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(plainValue).join(', ');
  if (typeof v === 'object' && typeof (v as { format?: unknown }).format === 'function' && typeof (v as { isValid?: unknown }).isValid === 'function')
    return (v as { isValid(): boolean; format(f: string): string }).isValid() ? (v as { format(f: string): string }).format('YYYY-MM-DD') : '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Same value for the user: lists compare as sets (the order of picked links carries no meaning). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return plainValue([...a].map(plainValue).sort()) === plainValue([...b].map(plainValue).sort());
  if ((Array.isArray(a) && !a.length && (b === null || b === undefined)) || (Array.isArray(b) && !b.length && (a === null || a === undefined))) return true;
  return plainValue(a) === plainValue(b);
}

export function differingFields<F extends ConflictField>(fields: readonly F[], mine: Record<string, unknown>, theirs: Record<string, unknown>): F[] {
  return fields.filter((f) => !sameValue(mine[f.name], theirs[f.name]));
}

/** Theirs as the base, with yours wherever the choice says `mine` (fields without a choice keep yours). */
export function mergeVersions(
  fields: readonly ConflictField[],
  mine: Record<string, unknown>,
  theirs: Record<string, unknown>,
  choices: Record<string, Side>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...theirs };
  for (const f of fields) out[f.name] = (choices[f.name] ?? 'mine') === 'mine' ? mine[f.name] : theirs[f.name];
  return out;
}

/** A date-only text as the form holds it (DatePicker values are dayjs). */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDayjs = (v: unknown) => !!v && typeof v === 'object' && typeof (v as { isValid?: unknown }).isValid === 'function';

/**
 * A saved record as a form's values, without a per-form mapping: the form's fields only, and a date where the
 * form holds a date (or the field is empty and the saved value is a plain YYYY-MM-DD).
 */
export function recordAsValues(names: readonly string[], record: Record<string, unknown>, formValues: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const v = record[n];
    const asDate = isDayjs(formValues[n]) || ((formValues[n] === null || formValues[n] === undefined) && typeof v === 'string' && DAY.test(v));
    out[n] = asDate ? (typeof v === 'string' && v ? dayjs(v) : null) : v;
  }
  return out;
}

/** The record with this id in a freshly read list (a `load` for records the contract reads only as lists). */
export function byId<T extends { id: string }>(id: string) {
  return (xs: readonly T[]): T => {
    const x = xs.find((r) => r.id === id);
    if (!x) throw new Error('gone');
    return x;
  };
}

/** Linked records (ids in the form) as the user knows them: "code title" or the name; several joined. */
export function recordNames(list: readonly { id: string; code?: string; title?: string; name?: string }[]) {
  return (v: unknown): string =>
    (Array.isArray(v) ? v : v == null || v === '' ? [] : [v])
      .map((id) => {
        const r = list.find((x) => x.id === id);
        return r ? [r.code, r.title ?? r.name].filter(Boolean).join(' ') : String(id);
      })
      .join(', ');
}
