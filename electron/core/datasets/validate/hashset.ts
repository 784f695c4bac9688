/**
 * Bounded-memory "have I seen this value?" for unique, primary-key and duplicate-row checks: values are reduced to
 * 64-bit hashes (two independent 32-bit hashes) kept in an open-addressing table of typed arrays — 12 bytes per
 * distinct value (plus the first row it was seen in), whatever the length of the values. A false "duplicate" needs
 * a 64-bit collision (about 1 in 10^7 at a billion values).
 *
 * HashSet64 is the in-memory table; KeySet bounds it (a budget of values, then a sorted run spilled to a temp file,
 * merged at the end), so a check's memory does not grow with the file. Foreign-key reference tables stay in a plain
 * HashSet64 (they are small lists: streets, SIRUTA codes).
 */
import fs from 'node:fs';
import path from 'node:path';

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
  /**
   * One slot = three neighbouring words: [b, a, first row] (b = 0: empty). One array, not three, so a probe touches one
   * cache line instead of three: on a million keys the table is 24 MB and nearly every insert misses the cache.
   */
  private t: Uint32Array;
  /** Slots − 1 (the slot count is a power of two). */
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.t = new Uint32Array(cap * 3);
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
    const t = this.t;
    const mask = this.mask;
    let i = a & mask;
    for (;;) {
      const lo = t[i * 3];
      if (lo === 0) return false;
      if (lo === b && t[i * 3 + 1] === a) return true;
      i = (i + 1) & mask;
    }
  }

  /** `b` must not be 0 (it marks an empty slot). */
  addHash(a: number, b: number, row: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const t = this.t;
    const mask = this.mask;
    let i = a & mask;
    for (;;) {
      const at = i * 3;
      const lo = t[at];
      if (lo === 0) {
        t[at] = b;
        t[at + 1] = a;
        t[at + 2] = row;
        this.size++;
        return 0;
      }
      if (lo === b && t[at + 1] === a) return t[at + 2] || 1;
      i = (i + 1) & mask;
    }
  }

  /** Sizes the table for about `n` values at once: no growing step by step later (a table already in use is rehashed once). */
  reserve(n: number) {
    let cap = this.mask + 1;
    while (cap < n * 2) cap *= 2;
    if (cap === this.mask + 1) return;
    if (this.size > 0) {
      this.grow(cap);
      return;
    }
    this.t = new Uint32Array(cap * 3);
    this.mask = cap - 1;
  }

  /** Bytes held by the table. */
  get bytes() {
    return this.t.byteLength;
  }

  /** Empties the table (keeps its array). */
  clear() {
    this.t.fill(0);
    this.size = 0;
  }

  /**
   * Sorts the entries by (a, b) with an LSD radix sort and hands them to `use` as (a[], b[], rows[], n); then empties
   * the table. No memory is taken: the entries (at most half the slots) are packed to the front, copied to the second
   * quarter… of the array, spread into three columns at its front, and the rest of the array is the sort's scratch.
   */
  drainSorted(use: (a: Uint32Array, b: Uint32Array, rows: Uint32Array, n: number) => void) {
    const t = this.t;
    const slots = this.mask + 1;
    let n = 0;
    for (let i = 0; i < slots; i++) {
      const at = i * 3;
      if (t[at] === 0) continue;
      const to = n * 3;
      t[to] = t[at];
      t[to + 1] = t[at + 1];
      t[to + 2] = t[at + 2];
      n++;
    }
    if (n * 2 > slots) throw new Error('HashSet64: load above 50 %');
    // packed triples at [0, 3n) → [3n, 6n) (6n ≤ 3 × slots), then columns a | b | rows at [0, n) [n, 2n) [2n, 3n)
    t.copyWithin(3 * n, 0, 3 * n);
    const hi = t.subarray(0, n);
    const lo = t.subarray(n, 2 * n);
    const rows = t.subarray(2 * n, 3 * n);
    for (let k = 0, at = 3 * n; k < n; k++, at += 3) {
      lo[k] = t[at];
      hi[k] = t[at + 1];
      rows[k] = t[at + 2];
    }
    radixSort(hi, lo, rows, n, t.subarray(3 * n, 4 * n), t.subarray(4 * n, 5 * n), t.subarray(5 * n, 6 * n));
    use(hi, lo, rows, n);
    this.clear();
  }

  private grow(cap = (this.mask + 1) * 2) {
    const old = this.t;
    this.t = new Uint32Array(cap * 3);
    this.mask = cap - 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at] !== 0) this.addHash(old[at + 1], old[at], old[at + 2]);
  }
}

const COUNTS = new Uint32Array(65536);

/** One stable counting pass on 16 bits of `key` (shift 0 or 16) of the triples (a, b, r), from src to dst. */
function pass(
  key: Uint32Array,
  shift: number,
  n: number,
  sa: Uint32Array,
  sb: Uint32Array,
  sr: Uint32Array,
  da: Uint32Array,
  db: Uint32Array,
  dr: Uint32Array,
) {
  COUNTS.fill(0);
  for (let i = 0; i < n; i++) COUNTS[(key[i] >>> shift) & 0xffff]++;
  let sum = 0;
  for (let d = 0; d < 65536; d++) {
    const c = COUNTS[d];
    COUNTS[d] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) {
    const j = COUNTS[(key[i] >>> shift) & 0xffff]++;
    da[j] = sa[i];
    db[j] = sb[i];
    dr[j] = sr[i];
  }
}

/**
 * Sorts n triples (a[i], b[i], r[i]) by the 64-bit key (a, b), unsigned, with four 16-bit LSD counting passes (no
 * comparator); x, y, z are scratch arrays of at least n. The result is back in a, b, r.
 */
export function radixSort(a: Uint32Array, b: Uint32Array, r: Uint32Array, n: number, x: Uint32Array, y: Uint32Array, z: Uint32Array) {
  pass(b, 0, n, a, b, r, x, y, z);
  pass(y, 16, n, x, y, z, a, b, r);
  pass(a, 0, n, a, b, r, x, y, z);
  pass(x, 16, n, x, y, z, a, b, r);
}

/** Records per read or write block in the run files: 4,096 × 12 bytes = 48 KB. */
const BLOCK = 4096;
/** Read buffers of the merge, all runs together, at most about this many bytes. */
const MERGE_BUFFER_BYTES = 4 << 20;

/** Least number of distinct values a KeySet keeps in memory before it spills a sorted run to disk (a 3 MB table). */
export const DEFAULT_KEY_BUDGET = 1 << 17;
/**
 * Distinct values all the key checks of one validation keep in memory together (2^20: a 24 MB table for one check),
 * shared out among them, each keeping at least DEFAULT_KEY_BUDGET: a file of up to a million keys is then checked
 * without spilling, and the memory stays bounded whatever the file's size.
 */
export const KEY_VALUES_IN_MEMORY = 1 << 20;

/** Each key check's budget when `checks` of them run in one validation. */
export function keyBudgetFor(checks: number): number {
  return Math.max(DEFAULT_KEY_BUDGET, Math.floor(KEY_VALUES_IN_MEMORY / Math.max(1, checks)));
}

/**
 * "Seen before?" with bounded memory, for one unique / primary-key / duplicate-row check. Values go into a HashSet64
 * of at most `budget` entries (2^17 by default: a 2^18-slot table, 3 MB); a repeat found there is answered at once
 * with the first row of the value in that table. When the table is full its entries are radix-sorted by hash and
 * written as a sorted run of 12-byte records (a, b, row) to a file in the spill folder, and the table starts empty.
 * `resolve()` then merges the runs (and what is left in the table) k-way, with small read buffers, and reports each
 * value met in more than one run: the row where a later run saw it first, and the row where it was seen first of all.
 * Memory: the table, plus 48 KB while writing, plus at most ~4 MB of read buffers while merging — not the file's size.
 */
export class KeySet {
  private readonly table: HashSet64;
  private fd = -1;
  private file = '';
  /** Run i is records [runStart[i], runStart[i + 1]) of the file. */
  private readonly runStart: number[] = [0];

  constructor(
    private readonly budget: number,
    /** The folder for the run file; called at the first spill. */
    private readonly spillDir: () => string,
    private readonly name: string,
  ) {
    if (!(budget >= 1)) throw new Error('the key budget must be at least 1');
    this.table = new HashSet64(Math.min(budget, 1024));
  }

  /** Number of sorted runs on disk. */
  get runs() {
    return this.runStart.length - 1;
  }

  /** Sizes the table for about n values at once (up to the budget), so it does not grow step by step. */
  reserve(n: number) {
    this.table.reserve(Math.min(n, this.budget));
  }

  /** Adds the hash (a, b) seen in `row`: 0 when not in memory now, else the row where the table got it first. */
  add(a: number, b: number, row: number): number {
    const first = this.table.addHash(a, b, row);
    if (first === 0 && this.table.size >= this.budget) this.spill();
    return first;
  }

  private spill() {
    if (this.fd < 0) {
      this.file = path.join(this.spillDir(), `${this.name}.run`);
      this.fd = fs.openSync(this.file, 'w+');
    }
    const out = new Uint32Array(BLOCK * 3);
    let at = this.runStart[this.runStart.length - 1];
    this.table.drainSorted((a, b, r, n) => {
      for (let i = 0; i < n;) {
        const k = Math.min(BLOCK, n - i);
        for (let j = 0; j < k; j++, i++) {
          out[3 * j] = a[i];
          out[3 * j + 1] = b[i];
          out[3 * j + 2] = r[i];
        }
        writeAll(this.fd, new Uint8Array(out.buffer, 0, k * 12), at * 12);
        at += k;
      }
    });
    this.runStart.push(at);
  }

  /**
   * Calls `later(row, firstRow)` for every value found in two or more runs (the in-memory rest is the last run), once
   * per later run, in hash order: `row` is where that run first saw it (its repeats within the run were answered by
   * add()), `firstRow` where the earliest run did. Nothing is called when nothing was spilled.
   */
  resolve(later: (row: number, firstRow: number) => void) {
    if (this.runs === 0) return;
    const m = this.runs;
    const per = Math.max(64, Math.min(BLOCK, Math.floor(MERGE_BUFFER_BYTES / 12 / (m + 1))));
    // sources 0…m-1: runs on disk; source m: the table's rest, sorted in place
    const bufs: Uint32Array[] = [];
    const pos = new Float64Array(m + 1); // next record to load (runs) / to take (table)
    const end = new Float64Array(m + 1);
    const len = new Int32Array(m + 1);
    const idx = new Int32Array(m + 1);
    const curA = new Uint32Array(m + 1);
    const curB = new Uint32Array(m + 1);
    const curR = new Uint32Array(m + 1);
    for (let s = 0; s < m; s++) {
      bufs.push(new Uint32Array(per * 3));
      pos[s] = this.runStart[s];
      end[s] = this.runStart[s + 1];
    }
    let restA: Uint32Array = new Uint32Array(0);
    let restB = restA;
    let restR = restA;
    const heap = new Int32Array(m + 1);
    let hn = 0;
    const less = (s: number, t: number) => curA[s] < curA[t] || (curA[s] === curA[t] && (curB[s] < curB[t] || (curB[s] === curB[t] && s < t)));
    const push = (s: number) => {
      let i = hn++;
      heap[i] = s;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!less(heap[i], heap[p])) break;
        const t = heap[p];
        heap[p] = heap[i];
        heap[i] = t;
        i = p;
      }
    };
    const siftDown = () => {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= hn) break;
        const r = l + 1;
        const c = r < hn && less(heap[r], heap[l]) ? r : l;
        if (!less(heap[c], heap[i])) break;
        const t = heap[c];
        heap[c] = heap[i];
        heap[i] = t;
        i = c;
      }
    };
    /** Loads the next record of source s into cur*; false when it has none left. */
    const next = (s: number): boolean => {
      if (s === m) {
        if (pos[s] >= end[s]) return false;
        const i = pos[s]++;
        curA[s] = restA[i];
        curB[s] = restB[i];
        curR[s] = restR[i];
        return true;
      }
      if (idx[s] >= len[s]) {
        const k = Math.min(per, end[s] - pos[s]);
        if (k <= 0) return false;
        readAll(this.fd, new Uint8Array(bufs[s].buffer, 0, k * 12), pos[s] * 12);
        pos[s] += k;
        len[s] = k;
        idx[s] = 0;
      }
      const j = 3 * idx[s]++;
      const buf = bufs[s];
      curA[s] = buf[j];
      curB[s] = buf[j + 1];
      curR[s] = buf[j + 2];
      return true;
    };
    const merge = () => {
      for (let s = 0; s <= m; s++) if (next(s)) push(s);
      let have = false;
      let pa = 0;
      let pb = 0;
      let first = 0;
      while (hn > 0) {
        const s = heap[0];
        const a = curA[s];
        const b = curB[s];
        if (have && a === pa && b === pb) later(curR[s], first);
        else {
          have = true;
          pa = a;
          pb = b;
          first = curR[s];
        }
        if (next(s)) siftDown();
        else {
          heap[0] = heap[--hn];
          siftDown();
        }
      }
    };
    this.table.drainSorted((a, b, r, n) => {
      restA = a;
      restB = b;
      restR = r;
      end[m] = n;
      merge();
    });
  }

  /** Closes and deletes the run file. */
  close() {
    if (this.fd >= 0) {
      try {
        fs.closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = -1;
      fs.rmSync(this.file, { force: true });
    }
  }
}

export function writeAll(fd: number, bytes: Uint8Array, position: number) {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
}

export function readAll(fd: number, bytes: Uint8Array, position: number) {
  let done = 0;
  while (done < bytes.length) {
    const got = fs.readSync(fd, bytes, done, bytes.length - done, position + done);
    if (got === 0) throw new Error('a sorted run of the key check ended early');
    done += got;
  }
}
