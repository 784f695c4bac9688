/**
 * Bounded-memory "have I seen this value?" for unique, primary-key and duplicate-row checks: values are reduced to
 * 64-bit hashes (two independent 32-bit hashes) kept in an open-addressing table of typed arrays — 12 bytes per
 * distinct value (plus the first row it was seen in), whatever the length of the values. A false "duplicate" needs
 * a 64-bit collision (about 1 in 10^7 at a billion values).
 */

/** Two 32-bit hashes of a string (FNV-1a and a multiplicative one with a different seed). */
export function hash64(s: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2, 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  return [h1 >>> 0, h2 >>> 0];
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
    const h = hash64(s);
    return this.addHash(h[0], h[1] || 1, row);
  }

  has(s: string): boolean {
    const h = hash64(s);
    return this.hasHash(h[0], h[1] || 1);
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
