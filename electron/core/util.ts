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
