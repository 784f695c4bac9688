import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Random bytes for 256 ids at a time: one system call instead of one per id (an import makes ~200,000 ids). */
const pool = Buffer.alloc(16 * 256);
let poolAt = pool.length;
/** The last id's millisecond and counter: ids made in the same millisecond still sort in the order they were made. */
const v7State = { msecs: -Infinity, seq: 0 };

/** A UUIDv7 (RFC 9562: time-ordered, monotonic within a millisecond as uuid's own v7 makes them). */
export const newId = (): string => {
  if (poolAt === pool.length) {
    crypto.randomFillSync(pool);
    poolAt = 0;
  }
  const random = pool.subarray(poolAt, (poolAt += 16));
  const now = Date.now();
  if (now > v7State.msecs) {
    v7State.msecs = now;
    v7State.seq = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
  } else {
    v7State.seq = (v7State.seq + 1) | 0;
    if (v7State.seq === 0) v7State.msecs++;
  }
  return uuidv7({ random, msecs: v7State.msecs, seq: v7State.seq });
};

/**
 * The calendar day (YYYY-MM-DD) of a moment on this computer's clock: the day the user sees. (UTC would be a
 * day behind in Romania between midnight and 02:00/03:00, refusing a measurement dated "today" as future.)
 */
export const isoDay = (d: Date): string =>
  `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

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

/** Sort key of a hierarchical code: A1.2.10 → [1, 2, 10] (letters ignored). */
export function codeSortKey(code: string): number[] {
  const out: number[] = [];
  let n = -1;
  for (let i = 0; i < code.length; i++) {
    const d = code.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) n = n < 0 ? d : n * 10 + d;
    else if (n >= 0) {
      out.push(n);
      n = -1;
    }
  }
  if (n >= 0) out.push(n);
  return out;
}

export function compareSortKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Natural order of hierarchical codes: A1.2 < A1.2.1 < A1.10. */
export const compareCodes = (a: string, b: string): number => compareSortKeys(codeSortKey(a), codeSortKey(b)) || (a < b ? -1 : a > b ? 1 : 0);
