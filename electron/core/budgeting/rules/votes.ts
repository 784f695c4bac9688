/**
 * The platform's votes CSV (one row per vote: voter id, proposal id, optional zone and time), read as a stream and
 * checked row by row. Every row ends up either accepted or counted under exactly one reject rule, checked in this
 * order: malformed → unknown proposal → ineligible proposal → zone mismatch → duplicate (same voter, same proposal)
 * → over the per-voter limit (file order: a voter's first `votesPerVoter` accepted votes count). Rejected rows do
 * not use up the voter's quota.
 *
 * Read on bytes (issue 16): the file is cut into fields without a string per field, and a voter, a proposal and a zone
 * are looked up by their bytes. The voters counted are kept as bytes too (Voters: keys, times, ballots in typed
 * arrays, ~50 bytes a voter of five votes), a string made only when asked for. A field with any byte
 * outside ASCII is compared as the text the string reader made of it (decoded, trimmed, encoded again), so both
 * readers accept and refuse the same rows with the same words.
 */
import { asciiSlug, searchKey } from '../../../contract/text';
import { ByteCsvSplitter, byteChunks, type ByteRecord } from './csv';
import { VoteFileError } from './errors';
import {
  VOTE_REJECT_RULES,
  type AcceptedVote,
  type Ballots,
  type VoteColumns,
  type VoteParseOptions,
  type VoteRejectRule,
  type VoteReport,
  type VoteSource,
  type VoterTable,
} from './types';

const ALIASES = {
  voter: [
    'voter_id',
    'voter',
    'user_id',
    'user',
    'votant',
    'id_votant',
    'cod_votant',
    'alegator',
    'id_alegator',
    'participant',
    'participant_id',
    'decidim_user_id',
  ],
  proposal: [
    'proposal_id',
    'proposal',
    'project_id',
    'project',
    'propunere',
    'id_propunere',
    'proiect',
    'id_proiect',
    'cod_proiect',
    'cod_propunere',
    'decidim_proposal_id',
  ],
  zone: ['zone', 'zona', 'zone_id', 'scope', 'scope_id', 'district', 'cartier'],
  time: ['time', 'timestamp', 'voted_at', 'created_at', 'date', 'data', 'data_vot', 'ora', 'data_ora', 'datetime'],
} as const;

/** `Dată vot` → `data_vot`: lower case, no diacritics, anything else → `_`. */
export const normaliseHeader = (h: string) => asciiSlug(h, { sep: '_', lower: true });

/** A zone, category or enum as people write it: no diacritics, lower case, single spaces ("Zona  Ș6 " → "zona s6"). */
export const foldName = searchKey;

export function resolveColumns(header: string[]) {
  const norm = header.map(normaliseHeader);
  const find = (names: readonly string[]) => {
    for (const n of names) {
      const i = norm.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const cols = { voter: find(ALIASES.voter), proposal: find(ALIASES.proposal), zone: find(ALIASES.zone), time: find(ALIASES.time) };
  if (cols.voter < 0 || cols.proposal < 0) {
    throw new VoteFileError(
      `The votes file needs a voter column (${ALIASES.voter.slice(0, 4).join(', ')} …) and a proposal column (${ALIASES.proposal.slice(0, 4).join(', ')} …); its header is: ${header.join(' | ')}`,
    );
  }
  return cols;
}

const TIME_RE = /^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[./]\d{1,2}[./]\d{4}( \d{1,2}:\d{2}(:\d{2})?)?)$/;

/** trim() only when needed (most fields have no surrounding space). */
const clean = (s: string) => (s.length && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) ? s.trim() : s);

/** `a`, or a copy with room for at least `min` (half as much again: the per-voter arrays keep less unused room than by doubling). */
function growInt32(a: Int32Array, min: number): Int32Array {
  if (a.length >= min) return a;
  const b = new Int32Array(Math.max(min, a.length + (a.length >> 1)));
  b.set(a);
  return b;
}

/** FNV-1a over a byte range. */
function hashBytes(src: Uint8Array, s: number, e: number) {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ src[i], 0x01000193);
  return h;
}

/**
 * A set of byte strings numbered 0, 1, … in the order added (open addressing). The keys' bytes lie one after another
 * in one arena, key k at `ends[k]` … `ends[k + 1]`: per key, its bytes, one number and its slots in the table
 * (a key's hash is worked out again when the table grows, not kept).
 */
class ByteKeys {
  private arena: Buffer = Buffer.alloc(1 << 12);
  private ends: Int32Array = new Int32Array(257);
  private table = new Int32Array(512);
  size = 0;

  find(src: Uint8Array, s: number, e: number, h: number): number {
    if (this.table.length === 0) throw new Error('ByteKeys: looked up after dropIndex');
    const mask = this.table.length - 1;
    const n = e - s;
    const { arena, ends, table } = this;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = table[slot] - 1;
      if (id < 0) return -1;
      const a = ends[id];
      if (ends[id + 1] - a !== n) continue;
      let k = 0;
      while (k < n && arena[a + k] === src[s + k]) k++;
      if (k === n) return id;
    }
  }

  /** Adds a key not yet in the set; its number. */
  add(src: Uint8Array, s: number, e: number, h: number): number {
    const n = e - s;
    const used = this.ends[this.size];
    if (used + n > this.arena.length) {
      const a = Buffer.alloc(Math.max(used + n, this.arena.length + (this.arena.length >> 1)));
      this.arena.copy(a, 0, 0, used);
      this.arena = a;
    }
    // A byte loop: keys are short, and a subarray per key (a Buffer object each) cost more than the copy.
    const arena = this.arena;
    for (let k = 0; k < n; k++) arena[used + k] = src[s + k];
    const id = this.size++;
    this.ends = growInt32(this.ends, id + 2);
    this.ends[id + 1] = used + n;
    if (this.size * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2);
      for (let k = 0; k < this.size; k++) this.place(k, hashBytes(arena, this.ends[k], this.ends[k + 1]));
    } else this.place(id, h);
    return id;
  }

  /** Frees the lookup table once no key is looked up or added any more (a third of a voter's bytes); the keys stay. */
  dropIndex() {
    this.table = new Int32Array(0);
  }

  /** Key `id` as text. */
  text(id: number): string {
    return this.arena.toString('utf8', this.ends[id], this.ends[id + 1]);
  }

  private place(id: number, h: number) {
    const mask = this.table.length - 1;
    let slot = h & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = id + 1;
  }
}

/** Time texts a voter table keeps made (a power of two). */
const TIME_CACHE = 4096;

/**
 * The voters counted so far (VoterTable), compact: their keys' bytes (ByteKeys), each voter's time as a number into
 * the distinct times met (kept as bytes once each), and, only once some vote has a time of its own, one number per
 * vote slot. Texts are made when asked for; the arrays of texts (VoteColumns.voterKeys / voterAt) only on first use.
 */
class Voters implements VoterTable {
  readonly keys = new ByteKeys();
  private readonly times = new ByteKeys();
  /** Each voter's time: its number in `times` + 1, 0 for none. */
  timeOf: Int32Array = new Int32Array(1024);
  /** Each counted vote's own time, at voter × limit + k: 0 the voter's, 1 none though the voter has one, t + 2 time t. */
  private voteTime: Int32Array | null = null;
  private keyTexts: string[] = [];
  private atTexts: Array<string | null> = [];
  /** The texts of the times last asked for, by time number modulo TIME_CACHE (many voters share a time). */
  private readonly timeCache = new Array<string | null>(TIME_CACHE).fill(null);
  private readonly timeCached = new Int32Array(TIME_CACHE).fill(-1);

  constructor(private readonly limit: number) {}

  get size() {
    return this.keys.size;
  }

  key(v: number): string {
    return this.keys.text(v);
  }

  at(v: number): string | null {
    const t = this.timeOf[v];
    return t === 0 ? null : this.timeText(t - 1);
  }

  private timeText(t: number): string {
    const i = t & (TIME_CACHE - 1);
    if (this.timeCached[i] === t) return this.timeCache[i]!;
    const text = this.times.text(t);
    this.timeCached[i] = t;
    this.timeCache[i] = text;
    return text;
  }

  hasVoteTimes(v: number): boolean {
    const vt = this.voteTime;
    if (!vt) return false;
    for (let k = v * this.limit, end = k + this.limit; k < end && k < vt.length; k++) if (vt[k] !== 0) return true;
    return false;
  }

  voteAt(v: number, k: number): string | null {
    const vt = this.voteTime;
    const i = v * this.limit + k;
    const c = vt && i < vt.length ? vt[i] : 0;
    return c === 0 ? null : c === 1 ? '' : this.timeText(c - 2);
  }

  /** A time's number (its bytes looked up, added when new). */
  timeNo(src: Uint8Array, s: number, e: number): number {
    const h = hashBytes(src, s, e);
    const t = this.times.find(src, s, e, h);
    return t >= 0 ? t : this.times.add(src, s, e, h);
  }

  /** The file is read: no voter or time is looked up any more, only their texts asked for. */
  done() {
    this.keys.dropIndex();
    this.times.dropIndex();
  }

  /** Notes the own time of the vote in `slot` (voter × limit + k): 1 none, t + 2 time t. */
  setVoteTime(slot: number, code: number) {
    this.voteTime = growInt32(this.voteTime ?? new Int32Array(Math.max(1024, this.timeOf.length * this.limit)), slot + 1);
    this.voteTime[slot] = code;
  }

  keyArray(): readonly string[] {
    for (let v = this.keyTexts.length; v < this.size; v++) this.keyTexts.push(this.key(v));
    return this.keyTexts;
  }

  atArray(): ReadonlyArray<string | null> {
    for (let v = this.atTexts.length; v < this.size; v++) this.atTexts.push(this.at(v));
    return this.atTexts;
  }
}

const isWs = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isDigitByte = (c: number) => c >= 48 && c <= 57;
/** `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` (space or T) on bytes: the common times without TIME_RE. */
function isPlainTime(b: Uint8Array, s: number, n: number) {
  if (n !== 10 && n !== 16 && n !== 19) return false;
  if (b[s + 4] !== 45 || b[s + 7] !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigitByte(b[s + i])) return false;
  if (n === 10) return true;
  const sep = b[s + 10];
  if ((sep !== 32 && sep !== 84) || b[s + 13] !== 58) return false;
  if (!isDigitByte(b[s + 11]) || !isDigitByte(b[s + 12]) || !isDigitByte(b[s + 14]) || !isDigitByte(b[s + 15])) return false;
  return n === 16 || (b[s + 16] === 58 && isDigitByte(b[s + 17]) && isDigitByte(b[s + 18]));
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** A field of the current row, trimmed as `clean` trims it, as a byte range of `src`. */
class Field {
  src: Buffer = Buffer.alloc(0);
  s = 0;
  e = 0;
  private own = Buffer.allocUnsafe(64);

  /**
   * Takes field `k` of the record. ASCII is trimmed on the bytes; a field with any other byte goes through the text
   * (decoded, cleaned, encoded again), so a key is compared as the string the string reader would have made.
   */
  take(r: ByteRecord, k: number) {
    let s = r.start[k];
    let e = r.end[k];
    const b = r.src;
    let high = 0;
    for (let i = s; i < e; i++) high |= b[i];
    if (high < 0x80) {
      while (s < e && isWs(b[s])) s++;
      while (e > s && isWs(b[e - 1])) e--;
      this.src = b;
      this.s = s;
      this.e = e;
      return;
    }
    const text = clean(utf8.decode(b.subarray(s, e)));
    if (this.own.length < text.length * 3) this.own = Buffer.allocUnsafe(text.length * 3);
    const { written } = encoder.encodeInto(text, this.own);
    this.src = this.own;
    this.s = 0;
    this.e = written;
  }

  get empty() {
    return this.e === this.s;
  }

  text() {
    return this.src.toString('utf8', this.s, this.e);
  }

  /** Same bytes as `o` (another field, kept). */
  sameAs(o: Uint8Array, n: number) {
    if (this.e - this.s !== n) return false;
    for (let i = 0; i < n; i++) if (this.src[this.s + i] !== o[i]) return false;
    return true;
  }

  /** Copies the bytes into `into` (grown when short); the buffer holding them. */
  copyTo(into: Uint8Array): Uint8Array {
    const n = this.e - this.s;
    const out = into.length >= n ? into : new Uint8Array(n * 2);
    const src = this.src;
    for (let k = 0; k < n; k++) out[k] = src[this.s + k];
    return out;
  }
}

/**
 * The checks of every row, on bytes: a voter, a proposal and a zone are looked up by their bytes (a voter's key is
 * kept as bytes, in `voters`), a time is checked on its bytes and made a string only when it differs from the row
 * before's (and looked up among the times met when a counted vote needs its number). Accepted votes gather in
 * column batches.
 */
class VoteChecker {
  readonly projectIds: string[];
  private readonly projects = new ByteKeys();
  private readonly eligible: Uint8Array;
  private readonly projZone: (string | null)[];
  private readonly projZoneLower: (string | null)[];
  private readonly zoneOf: VoteParseOptions['zoneOf'];
  private readonly zoneByName = new Map<string, string>();
  private readonly spellings = new ByteKeys();
  private readonly spellingText: string[] = [];
  private readonly spellingLower: string[] = [];
  private readonly spellingCode: (string | null)[] = [];
  readonly tally: Int32Array;
  readonly voters: Voters;
  /** Voter v's counted votes' proposals + 1 at v × limit …, 0 after the last. */
  slots: Int32Array;
  readonly rejectedBy: VoteReport['rejectedBy'];
  rows = 0;
  accepted = 0;
  rejected = 0;
  header: string[] = [];
  cols: ReturnType<typeof resolveColumns> | null = null;
  private need = 0;
  private vi = 0;
  private pi = 0;
  private zi = -1;
  private ti = -1;
  private readonly fVoter = new Field();
  private readonly fProposal = new Field();
  private readonly fZone = new Field();
  private readonly fTime = new Field();
  // The row before's voter (its number, −1 when not looked up) and time (its text, valid).
  private prevVoter: Uint8Array = new Uint8Array(64);
  private prevVoterLen = -1;
  private prevVoterNo = -1;
  private prevTime: Uint8Array = new Uint8Array(32);
  private prevTimeLen = -1;
  private prevTimeText = '';
  /** The row before's time's number in `voters` (−1 until a counted vote needs it). */
  private prevTimeNo = -1;
  private batch: VoteColumns | null = null;
  readonly ready: VoteColumns[] = [];
  private votersFrom = 0;

  constructor(
    private readonly options: VoteParseOptions,
    private readonly limit: number,
    private readonly batchSize: number,
    private readonly sampleRows: number,
  ) {
    this.projectIds = [...options.knownIds];
    for (const id of this.projectIds) {
      const b = encoder.encode(id);
      const h = hashBytes(b, 0, b.length);
      if (this.projects.find(b, 0, b.length, h) < 0) this.projects.add(b, 0, b.length, h);
      else this.projects.add(new Uint8Array(0), 0, 0, 0); // a repeated id (never in a Set) keeps the numbering
    }
    this.eligible = new Uint8Array(this.projectIds.length);
    this.projectIds.forEach((id, i) => (this.eligible[i] = options.eligibleIds.has(id) ? 1 : 0));
    this.zoneOf = options.zoneOf;
    this.projZone = this.projectIds.map((id) => this.zoneOf?.get(id) ?? null);
    this.projZoneLower = this.projZone.map((z) => (z === null ? null : z.trim().toLowerCase()));
    // A row's zone by code or name (folded) → the zone's code; each distinct spelling is folded once.
    for (const z of options.zones ?? []) {
      this.zoneByName.set(foldName(z.name), z.code);
      this.zoneByName.set(foldName(z.code), z.code);
    }
    this.tally = new Int32Array(this.projectIds.length);
    this.voters = new Voters(limit);
    this.slots = new Int32Array(4096 * limit);
    this.rejectedBy = Object.fromEntries(
      VOTE_REJECT_RULES.map((r) => [r, { count: 0, samples: [] as VoteReport['rejectedBy'][VoteRejectRule]['samples'] }]),
    ) as VoteReport['rejectedBy'];
  }

  /** Counts a refused row; the sample's texts are made only while samples are still kept. */
  private reject(rule: VoteRejectRule, row: number, sample: () => { detail: string; voter?: string; proposal?: string; value?: string }) {
    const r = this.rejectedBy[rule];
    r.count++;
    this.rejected++;
    if (r.samples.length < this.sampleRows) {
      const x = sample();
      r.samples.push({ row, detail: x.detail, voter: x.voter ?? '', proposal: x.proposal ?? '', value: x.value ?? '' });
    }
  }

  private zoneMismatch(line: number, zone: string, p: number) {
    const proposal = this.fProposal.text();
    const voter = this.fVoter.text();
    this.reject('zone_mismatch', line, () => ({
      detail: `zona «${zone}», dar propunerea «${proposal}» este în zona ${this.projZone[p]}`,
      voter,
      proposal,
      value: zone,
    }));
  }

  /** The zone spelling's number, its text, lower case and campaign code worked out once. */
  private spelling(f: Field): number {
    const h = hashBytes(f.src, f.s, f.e);
    let sp = this.spellings.find(f.src, f.s, f.e, h);
    if (sp < 0) {
      sp = this.spellings.add(f.src, f.s, f.e, h);
      const text = f.text();
      this.spellingText.push(text);
      this.spellingLower.push(text.toLowerCase());
      this.spellingCode.push(this.zoneByName.get(foldName(text)) ?? null);
    }
    return sp;
  }

  private newBatch(): VoteColumns {
    const n = this.batchSize;
    const voters = this.voters;
    return {
      count: 0,
      line: new Int32Array(n),
      voter: new Int32Array(n),
      project: new Int32Array(n),
      at: new Array<string | null>(n).fill(null),
      rowZone: null,
      votersFrom: this.votersFrom,
      votersTo: this.votersFrom,
      voters,
      get voterKeys() {
        return voters.keyArray();
      },
      get voterAt() {
        return voters.atArray();
      },
      projectIds: this.projectIds,
    };
  }

  /** Closes the batch being filled (if any) into `ready`. */
  flush() {
    const b = this.batch;
    if (!b || !b.count) return;
    b.votersTo = this.voters.size;
    this.votersFrom = b.votersTo;
    if (b.count < this.batchSize) {
      b.line = b.line.subarray(0, b.count);
      b.voter = b.voter.subarray(0, b.count);
      b.project = b.project.subarray(0, b.count);
      b.at.length = b.count;
      if (b.rowZone) b.rowZone.length = b.count;
    }
    this.ready.push(b);
    this.batch = null;
  }

  readonly onRow = (r: ByteRecord) => {
    if (!this.cols) {
      this.header = Array.from({ length: r.count }, (_, k) => utf8.decode(r.src.subarray(r.start[k], r.end[k])).trim());
      const cols = resolveColumns(this.header);
      this.cols = cols;
      [this.vi, this.pi, this.zi, this.ti] = [cols.voter, cols.proposal, cols.zone, cols.time];
      this.need = Math.max(this.vi, this.pi) + 1;
      return;
    }
    this.rows++;
    const line = r.line;
    const nf = r.count;
    if (nf < this.need) return this.reject('malformed', line, () => ({ detail: `rândul are ${nf} coloană(e); trebuie cel puțin ${this.need}` }));
    const fv = this.fVoter;
    const fp = this.fProposal;
    fv.take(r, this.vi);
    fp.take(r, this.pi);
    if (fv.empty) return this.reject('malformed', line, () => ({ detail: 'votantul lipsește', proposal: fp.text() }));
    if (fp.empty) return this.reject('malformed', line, () => ({ detail: 'propunerea lipsește', voter: fv.text() }));
    let at: string | null = null;
    if (this.ti >= 0 && this.ti < nf) {
      const ft = this.fTime;
      ft.take(r, this.ti);
      if (!ft.empty) {
        const n = ft.e - ft.s;
        if (n === this.prevTimeLen && ft.sameAs(this.prevTime, n)) at = this.prevTimeText;
        else {
          const t = ft.text();
          if (!isPlainTime(ft.src, ft.s, n) && !TIME_RE.test(t))
            return this.reject('malformed', line, () => ({ detail: `«${t}» nu este o dată`, voter: fv.text(), proposal: fp.text(), value: t }));
          this.prevTime = ft.copyTo(this.prevTime);
          this.prevTimeLen = n;
          this.prevTimeText = at = t;
          this.prevTimeNo = -1;
        }
      }
    }
    const p = this.projects.find(fp.src, fp.s, fp.e, hashBytes(fp.src, fp.s, fp.e));
    if (p < 0) {
      const proposal = fp.text();
      return this.reject('unknown_proposal', line, () => ({
        detail: `propunerea «${proposal}» nu este în campanie`,
        voter: fv.text(),
        proposal,
        value: proposal,
      }));
    }
    if (!this.eligible[p]) {
      const proposal = fp.text();
      return this.reject('ineligible_proposal', line, () => ({
        detail: `propunerea «${proposal}» nu este eligibilă`,
        voter: fv.text(),
        proposal,
        value: proposal,
      }));
    }
    let rowZone: string | null = null;
    if (this.zi >= 0 && this.zi < nf) {
      const fz = this.fZone;
      fz.take(r, this.zi);
      if (!fz.empty) {
        const sp = this.spelling(fz);
        const text = this.spellingText[sp];
        if (this.zoneByName.size) {
          const code = this.spellingCode[sp];
          if (code === null)
            return this.reject('unknown_zone', line, () => ({
              detail: `zona «${text}» nu este codul sau numele unei zone a campaniei`,
              voter: fv.text(),
              proposal: fp.text(),
              value: text,
            }));
          if (this.zoneOf && this.projZone[p] !== null && code !== this.projZone[p]) return this.zoneMismatch(line, text, p);
          rowZone = code;
        } else {
          if (this.zoneOf && this.projZoneLower[p] !== null && text !== this.projZone[p] && this.spellingLower[sp] !== this.projZoneLower[p])
            return this.zoneMismatch(line, text, p);
          rowZone = text;
        }
      }
    }
    const limit = this.limit;
    const voters = this.voters;
    let v: number;
    let first = false;
    const vn = fv.e - fv.s;
    if (this.prevVoterNo >= 0 && vn === this.prevVoterLen && fv.sameAs(this.prevVoter, vn)) v = this.prevVoterNo;
    else {
      const h = hashBytes(fv.src, fv.s, fv.e);
      v = voters.keys.find(fv.src, fv.s, fv.e, h);
      if (v < 0) {
        v = voters.keys.add(fv.src, fv.s, fv.e, h);
        voters.timeOf = growInt32(voters.timeOf, v + 1);
        first = true;
        this.slots = growInt32(this.slots, (v + 1) * limit);
      }
      this.prevVoter = fv.copyTo(this.prevVoter);
      this.prevVoterLen = vn;
      this.prevVoterNo = v;
    }
    const base = v * limit;
    const slots = this.slots;
    let c = 0;
    for (; c < limit; c++) {
      const s = slots[base + c];
      if (s === 0) break;
      if (s === p + 1)
        return this.reject('duplicate', line, () => {
          const voter = voters.key(v);
          return {
            detail: `votantul «${voter}» a votat deja propunerea «${fp.text()}»`,
            voter,
            proposal: fp.text(),
            value: voter,
          };
        });
    }
    if (c >= limit)
      return this.reject('over_limit', line, () => {
        const voter = voters.key(v);
        return {
          detail: `votantul «${voter}» are deja ${limit} ${limit === 1 ? 'vot' : 'voturi'}`,
          voter,
          proposal: fp.text(),
          value: voter,
        };
      });
    // The row's time as a number (its number in voters + 1, 0 for none), looked up once per time met.
    let atNo = 0;
    if (at !== null) {
      if (this.prevTimeNo < 0) this.prevTimeNo = voters.timeNo(this.prevTime, 0, this.prevTimeLen);
      atNo = this.prevTimeNo + 1;
    }
    if (first) voters.timeOf[v] = atNo;
    slots[base + c] = p + 1;
    this.tally[p]++;
    this.accepted++;
    const b = (this.batch ??= this.newBatch());
    const i = b.count++;
    b.line[i] = line;
    b.voter[i] = v;
    b.project[i] = p;
    if (atNo !== voters.timeOf[v]) {
      b.at[i] = at ?? '';
      voters.setVoteTime(base + c, atNo === 0 ? 1 : atNo + 1);
    }
    if (this.projZone[p] === null && rowZone !== null) (b.rowZone ??= new Array<string | null>(this.batchSize).fill(null))[i] = rowZone;
    if (b.count >= this.batchSize) this.flush();
  };
}

/**
 * The votes file read and checked (every row accepted or refused under one rule), its accepted votes yielded as
 * column batches; returns the report. The fast path of the import: no string and no object per row.
 */
export async function* parseVoteColumns(source: VoteSource, options: VoteParseOptions): AsyncGenerator<VoteColumns, VoteReport, void> {
  const limit = options.votesPerVoter;
  if (!Number.isInteger(limit) || limit < 1) throw new VoteFileError('votesPerVoter must be a whole number ≥ 1');
  const check = new VoteChecker(options, limit, options.batchSize ?? 10_000, options.sampleRows ?? 20);
  const splitter = new ByteCsvSplitter();
  for await (const chunk of byteChunks(source)) {
    splitter.push(chunk, check.onRow);
    while (check.ready.length) yield check.ready.shift() as VoteColumns;
  }
  splitter.end(check.onRow);
  check.flush();
  while (check.ready.length) yield check.ready.shift() as VoteColumns;
  if (!check.cols) throw new VoteFileError('The votes file is empty (no header row)');
  const c = check.cols as ReturnType<typeof resolveColumns>;
  const header = check.header;
  const { projectIds, voters, slots, tally } = check;
  voters.done();

  const tallyMap = new Map<string, number>();
  projectIds.forEach((id, i) => tallyMap.set(id, tally[i]));
  let ballots: Ballots | undefined;
  if (options.ballots !== false) {
    // The ballots' proposals gathered in place, over the slots (each written at or before where it is read).
    const n = voters.size;
    const offsets = new Int32Array(n + 1);
    let w = 0;
    for (let v = 0; v < n; v++) {
      for (let k = v * limit, end = k + limit; k < end; k++) {
        const s = slots[k];
        if (s === 0) break;
        slots[w++] = s - 1;
      }
      offsets[v + 1] = w;
    }
    ballots = {
      projectIds,
      voterCount: n,
      offsets,
      projects: slots.subarray(0, w),
      get voterKeys() {
        return voters.keyArray();
      },
    };
  }
  return {
    delimiter: splitter.delimiter ?? ',',
    columns: { voter: header[c.voter], proposal: header[c.proposal], zone: c.zone >= 0 ? header[c.zone] : null, time: c.time >= 0 ? header[c.time] : null },
    unusedColumns: header.filter((h, i) => h !== '' && i !== c.voter && i !== c.proposal && i !== c.zone && i !== c.time),
    rows: check.rows,
    accepted: check.accepted,
    rejected: check.rejected,
    rejectedBy: check.rejectedBy,
    voters: voters.size,
    tally: tallyMap,
    ...(ballots ? { ballots } : {}),
  };
}

/** A column batch as one object per vote. */
export function acceptedVotes(b: VoteColumns, zoneOf?: VoteParseOptions['zoneOf']): AcceptedVote[] {
  const out: AcceptedVote[] = new Array(b.count);
  for (let i = 0; i < b.count; i++) {
    const v = b.voter[i];
    const projectId = b.projectIds[b.project[i]];
    const at = b.at[i];
    out[i] = {
      row: b.line[i],
      voter: b.voterKeys[v],
      voterIndex: v,
      projectId,
      zone: zoneOf?.get(projectId) ?? b.rowZone?.[i] ?? null,
      at: at === null ? b.voterAt[v] : at === '' ? null : at,
    };
  }
  return out;
}

export async function* parseVotes(source: VoteSource, options: VoteParseOptions): AsyncGenerator<AcceptedVote[], VoteReport, void> {
  const gen = parseVoteColumns(source, options);
  for (;;) {
    const r = await gen.next();
    if (r.done) return r.value;
    yield acceptedVotes(r.value, options.zoneOf);
  }
}

/** Drives parseVoteColumns: awaits onBatch for every column batch of accepted votes, resolves to the report. */
export async function readVoteColumns(
  source: VoteSource,
  options: VoteParseOptions,
  onBatch?: (batch: VoteColumns) => void | Promise<void>,
): Promise<VoteReport> {
  const gen = parseVoteColumns(source, options);
  for (;;) {
    const r = await gen.next();
    if (r.done) return r.value;
    if (onBatch) await onBatch(r.value);
  }
}

/** Drives parseVotes: awaits onBatch for every batch of accepted votes, resolves to the report. */
export async function readVotes(source: VoteSource, options: VoteParseOptions, onBatch?: (batch: AcceptedVote[]) => void | Promise<void>): Promise<VoteReport> {
  return readVoteColumns(source, options, onBatch && ((b) => onBatch(acceptedVotes(b, options.zoneOf))));
}
