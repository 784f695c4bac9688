import { v7 as uuidv7 } from 'uuid';

export const newId = (): string => uuidv7();

/** ISO date (YYYY-MM-DD) of a Date, in UTC. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** A timestamp strictly later than `previous` (two saves in one millisecond still differ). */
export function nextTimestamp(now: Date, previous?: string | null): string {
  let t = now.getTime();
  if (previous) {
    const p = Date.parse(previous);
    if (!Number.isNaN(p) && p >= t) t = p + 1;
  }
  return new Date(t).toISOString();
}

export const parseJson = <T>(s: string | null | undefined, fallback: T): T => {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

/** Natural order of hierarchical codes: A1.2 < A1.2.1 < A1.10. */
export function compareCodes(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const d = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (d !== 0) return d;
  }
  return 0;
}
