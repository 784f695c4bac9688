/**
 * The platform's votes CSV (one row per vote: voter id, proposal id, optional zone and time), read as a stream and
 * checked row by row. Every row ends up either accepted or counted under exactly one reject rule, checked in this
 * order: malformed → unknown proposal → ineligible proposal → zone mismatch → duplicate (same voter, same proposal)
 * → over the per-voter limit (file order: a voter's first `votesPerVoter` accepted votes count). Rejected rows do
 * not use up the voter's quota.
 *
 * Read on bytes (issue 16): the file is cut into fields without a string per field, and a voter, a proposal and a zone
 * are looked up by their bytes; a voter's key becomes a string once, when first counted. A field with any byte
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

function growInt32(a: Int32Array, min: number): Int32Array {
  if (a.length >= min) return a;
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/** FNV-1a over a byte range. */
function hashBytes(src: Uint8Array, s: number, e: number) {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ src[i], 0x01000193);
  return h;
}

/** A set of byte strings numbered 0, 1, … in the order added (open addressing; the keys' bytes kept in one arena). */
class ByteKeys {
  private arena: Uint8Array = new Uint8Array(1 << 12);
  private used = 0;
  private at: Int32Array = new Int32Array(256);
  private len: Int32Array = new Int32Array(256);
  private hashes: Int32Array = new Int32Array(256);
  private table = new Int32Array(512);
  size = 0;

  find(src: Uint8Array, s: number, e: number, h: number): number {
    const mask = this.table.length - 1;
    const n = e - s;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot] - 1;
      if (id < 0) return -1;
      if (this.hashes[id] !== h || this.len[id] !== n) continue;
      const a = this.at[id];
      let k = 0;
      while (k < n && this.arena[a + k] === src[s + k]) k++;
      if (k === n) return id;
    }
  }

  /** Adds a key not yet in the set; its number. */
  add(src: Uint8Array, s: number, e: number, h: number): number {
    const n = e - s;
    if (this.used + n > this.arena.length) {
      const a = new Uint8Array(Math.max(this.used + n, this.arena.length * 2));
      a.set(this.arena.subarray(0, this.used));
      this.arena = a;
    }
    // A byte loop: keys are short, and a subarray per key (a Buffer object each) cost more than the copy.
    const arena = this.arena;
    for (let k = 0; k < n; k++) arena[this.used + k] = src[s + k];
    const id = this.size++;
    this.at = growInt32(this.at, id + 1);
    this.len = growInt32(this.len, id + 1);
    this.hashes = growInt32(this.hashes, id + 1);
    this.at[id] = this.used;
    this.len[id] = n;
    this.hashes[id] = h;
    this.used += n;
    if (this.size * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2);
      for (let k = 0; k < this.size; k++) this.place(k);
    } else this.place(id);
    return id;
  }

  private place(id: number) {
    const mask = this.table.length - 1;
    let slot = this.hashes[id] & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = id + 1;
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
 * made a string once, when first counted), a time is checked on its bytes and made a string only when it differs
 * from the row before's. Accepted votes gather in column batches.
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
  private readonly voters = new ByteKeys();
  readonly voterKeys: string[] = [];
  readonly voterAt: (string | null)[] = [];
  counts: Int32Array = new Int32Array(4096);
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
    return {
      count: 0,
      line: new Int32Array(n),
      voter: new Int32Array(n),
      project: new Int32Array(n),
      at: new Array<string | null>(n).fill(null),
      rowZone: null,
      votersFrom: this.votersFrom,
      votersTo: this.votersFrom,
      voterKeys: this.voterKeys,
      voterAt: this.voterAt,
      projectIds: this.projectIds,
    };
  }

  /** Closes the batch being filled (if any) into `ready`. */
  flush() {
    const b = this.batch;
    if (!b || !b.count) return;
    b.votersTo = this.voterKeys.length;
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
    let v: number;
    const vn = fv.e - fv.s;
    if (this.prevVoterNo >= 0 && vn === this.prevVoterLen && fv.sameAs(this.prevVoter, vn)) v = this.prevVoterNo;
    else {
      const h = hashBytes(fv.src, fv.s, fv.e);
      v = this.voters.find(fv.src, fv.s, fv.e, h);
      if (v < 0) {
        v = this.voters.add(fv.src, fv.s, fv.e, h);
        this.voterKeys.push(fv.text());
        this.voterAt.push(at);
        this.counts = growInt32(this.counts, v + 1);
        this.slots = growInt32(this.slots, (v + 1) * limit);
      }
      this.prevVoter = fv.copyTo(this.prevVoter);
      this.prevVoterLen = vn;
      this.prevVoterNo = v;
    }
    const base = v * limit;
    const c = this.counts[v];
    for (let k = 0; k < c; k++)
      if (this.slots[base + k] === p) {
        const voter = this.voterKeys[v];
        return this.reject('duplicate', line, () => ({
          detail: `votantul «${voter}» a votat deja propunerea «${fp.text()}»`,
          voter,
          proposal: fp.text(),
          value: voter,
        }));
      }
    if (c >= limit) {
      const voter = this.voterKeys[v];
      return this.reject('over_limit', line, () => ({
        detail: `votantul «${voter}» are deja ${limit} ${limit === 1 ? 'vot' : 'voturi'}`,
        voter,
        proposal: fp.text(),
        value: voter,
      }));
    }
    this.slots[base + c] = p;
    this.counts[v] = c + 1;
    this.tally[p]++;
    this.accepted++;
    const b = (this.batch ??= this.newBatch());
    const i = b.count++;
    b.line[i] = line;
    b.voter[i] = v;
    b.project[i] = p;
    const own = this.voterAt[v];
    if (at !== own) b.at[i] = at ?? '';
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
  const { projectIds, voterKeys, counts, slots, tally } = check;

  const tallyMap = new Map<string, number>();
  projectIds.forEach((id, i) => tallyMap.set(id, tally[i]));
  let ballots: Ballots | undefined;
  if (options.ballots !== false) {
    const n = voterKeys.length;
    const offsets = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v] + counts[v];
    const projects = new Int32Array(offsets[n]);
    for (let v = 0; v < n; v++) projects.set(slots.subarray(v * limit, v * limit + counts[v]), offsets[v]);
    ballots = { projectIds, voterCount: n, offsets, projects, voterKeys };
  }
  return {
    delimiter: splitter.delimiter ?? ',',
    columns: { voter: header[c.voter], proposal: header[c.proposal], zone: c.zone >= 0 ? header[c.zone] : null, time: c.time >= 0 ? header[c.time] : null },
    unusedColumns: header.filter((h, i) => h !== '' && i !== c.voter && i !== c.proposal && i !== c.zone && i !== c.time),
    rows: check.rows,
    accepted: check.accepted,
    rejected: check.rejected,
    rejectedBy: check.rejectedBy,
    voters: voterKeys.length,
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
