import { slug } from '../html';

/** One slug per row (from its code), unique in the list: a repeated one gets the end of the row's id. */
export function uniqueSlugs<T extends { id: string; code: string }>(rows: T[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const r of rows) {
    let s = slug(r.code);
    if (used.has(s)) s = `${s}-${r.id.slice(-8).toLowerCase()}`;
    used.add(s);
    out.set(r.id, s);
  }
  return out;
}

/** Appends `v` to the list kept under `k`. */
export const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
};
