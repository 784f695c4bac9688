/**
 * Bounded-memory "have I seen this value?" for unique, primary-key and duplicate-row checks: values are reduced to
 * 64-bit hashes (two independent 32-bit hashes) kept in an open-addressing table of typed arrays — 12 bytes per
 * distinct value (plus the first row it was seen in), whatever the length of the values. A false "duplicate" needs
 * a 64-bit collision (about 1 in 10^7 at a billion values).
 */

/** The two halves of the last hash computed (no allocation per value). */
export const H = { a: 0, b: 0 };

const SEED1 = 0x811c9dc5;
const SEED2 = 0x9747b28c;
let s1 = SEED1;
let s2 = SEED2;

function feed(s: string) {
  let h1 = s1;
  let h2 = s2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  s1 = h1;
  s2 = h2;
}

function done() {
  let h1 = s1;
  let h2 = s2;
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2, 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  H.a = h1 >>> 0;
  H.b = h2 >>> 0 || 1; // 0 marks an empty slot
  s1 = SEED1;
  s2 = SEED2;
}

/** Two 32-bit hashes of a string (FNV-1a and a multiplicative one with another seed), left in H. */
export function hashString(s: string): void {
  feed(s);
  done();
}

/** The hash of a list of strings, as if joined with a separator no cell contains (U+001F), left in H. */
export function hashCells(cells: string[]): void {
  for (let i = 0; i < cells.length; i++) {
    if (i) {
      s1 = Math.imul(s1 ^ 31, 0x01000193);
      s2 = Math.imul(s2 ^ 31, 0x5bd1e995);
      s2 ^= s2 >>> 15;
    }
    feed(cells[i]);
  }
  done();
}

export function hash64(s: string): [number, number] {
  hashString(s);
  return [H.a, H.b];
}

export class HashSet64 {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private rows: Uint32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.rows = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  /** Adds the value; returns 0 when new, else the row it was first added with. */
  add(s: string, row: number): number {
    hashString(s);
    return this.addHash(H.a, H.b, row);
  }

  has(s: string): boolean {
    hashString(s);
    return this.hasHash(H.a, H.b);
  }

  hasHash(a: number, b: number): boolean {
    let i = a & this.mask;
    for (;;) {
      const lo = this.lo[i];
      if (lo === 0) return false;
      if (lo === b && this.hi[i] === a) return true;
      i = (i + 1) & this.mask;
    }
  }

  /** `b` must not be 0 (it marks an empty slot). */
  addHash(a: number, b: number, row: number): number {
    if ((this.size + 1) * 2 > this.lo.length) this.grow();
    let i = a & this.mask;
    for (;;) {
      const lo = this.lo[i];
      if (lo === 0) {
        this.lo[i] = b;
        this.hi[i] = a;
        this.rows[i] = row;
        this.size++;
        return 0;
      }
      if (lo === b && this.hi[i] === a) return this.rows[i] || 1;
      i = (i + 1) & this.mask;
    }
  }

  /** Sizes an empty table for about `n` values at once (no growing, and no old + new copies held together, later). */
  reserve(n: number) {
    if (this.size > 0) return;
    let cap = this.lo.length;
    while (cap < n * 2) cap *= 2;
    if (cap === this.lo.length) return;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.rows = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  /** Bytes held by the table. */
  get bytes() {
    return this.lo.byteLength * 3;
  }

  private grow() {
    const { hi, lo, rows } = this;
    const cap = lo.length * 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.rows = new Uint32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < lo.length; i++) if (lo[i] !== 0) this.addHash(hi[i], lo[i], rows[i]);
  }
}
