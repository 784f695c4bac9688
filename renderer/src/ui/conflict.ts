/**
 * The pure part of the conflict view: which fields differ between the user's unsaved version ("yours") and
 * the one a colleague saved meanwhile ("theirs"), and the values to save once the user has chosen, field by
 * field. Form values may hold dates as dayjs objects and lists as arrays; they compare by what they show.
 */
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
