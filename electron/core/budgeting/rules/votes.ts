/**
 * The platform's votes CSV (one row per vote: voter id, proposal id, optional zone and time), read as a stream and
 * checked row by row. Every row ends up either accepted or counted under exactly one reject rule, checked in this
 * order: malformed → unknown proposal → ineligible proposal → zone mismatch → duplicate (same voter, same proposal)
 * → over the per-voter limit (file order: a voter's first `votesPerVoter` accepted votes count). Rejected rows do
 * not use up the voter's quota.
 */
import { asciiSlug, searchKey } from '../../../contract/text';
import { CsvSplitter, textChunks } from './csv';
import { VoteFileError } from './errors';
import { VOTE_REJECT_RULES, type AcceptedVote, type Ballots, type VoteParseOptions, type VoteRejectRule, type VoteReport, type VoteSource } from './types';

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

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Fast path for `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` and `YYYY-MM-DD HH:MM:SS` (space or T); anything else goes to TIME_RE. */
function isTime(t: string) {
  const n = t.length;
  if (n === 10 || n === 16 || n === 19) {
    let ok = t.charCodeAt(4) === 45 && t.charCodeAt(7) === 45;
    for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) ok = ok && isDigit(t.charCodeAt(i));
    if (ok && n > 10) {
      const sep = t.charCodeAt(10);
      ok =
        (sep === 32 || sep === 84) &&
        t.charCodeAt(13) === 58 &&
        isDigit(t.charCodeAt(11)) &&
        isDigit(t.charCodeAt(12)) &&
        isDigit(t.charCodeAt(14)) &&
        isDigit(t.charCodeAt(15));
      if (ok && n === 19) ok = t.charCodeAt(16) === 58 && isDigit(t.charCodeAt(17)) && isDigit(t.charCodeAt(18));
    }
    if (ok) return true;
  }
  return TIME_RE.test(t);
}

/**
 * A string of its own: V8 keeps a substring of 13 characters or more as a view into the string it was cut from (here
 * a whole chunk of the file), so a key kept per voter would keep every chunk alive. Short strings are copies already.
 */
export const ownCopy = (s: string) => (s.length < 13 ? s : (' ' + s).slice(1));

function growInt32(a: Int32Array, min: number): Int32Array {
  if (a.length >= min) return a;
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

export async function* parseVotes(source: VoteSource, options: VoteParseOptions): AsyncGenerator<AcceptedVote[], VoteReport, void> {
  const limit = options.votesPerVoter;
  if (!Number.isInteger(limit) || limit < 1) throw new VoteFileError('votesPerVoter must be a whole number ≥ 1');
  const batchSize = options.batchSize ?? 10_000;
  const sampleRows = options.sampleRows ?? 20;
  const wantBallots = options.ballots !== false;

  const projectIds = [...options.knownIds];
  const projectIndex = new Map<string, number>();
  projectIds.forEach((id, i) => projectIndex.set(id, i));
  const eligible = new Uint8Array(projectIds.length);
  projectIds.forEach((id, i) => (eligible[i] = options.eligibleIds.has(id) ? 1 : 0));
  const zoneOf = options.zoneOf;
  const projZone: (string | null)[] = projectIds.map((id) => zoneOf?.get(id) ?? null);
  const projZoneLower = projZone.map((z) => (z === null ? null : z.trim().toLowerCase()));
  // A row's zone by code or name (folded) → the zone's code; each distinct spelling is folded once.
  const zoneByName = new Map<string, string>();
  for (const z of options.zones ?? []) {
    zoneByName.set(foldName(z.name), z.code);
    zoneByName.set(foldName(z.code), z.code);
  }
  const zoneSeen = new Map<string, string | null>();
  const zoneCode = (raw: string): string | null => {
    let c = zoneSeen.get(raw);
    if (c === undefined) {
      c = zoneByName.get(foldName(raw)) ?? null;
      zoneSeen.set(raw, c);
    }
    return c;
  };
  const tally = new Int32Array(projectIds.length);

  const voterIndex = new Map<string, number>();
  const voterKeys: string[] = [];
  let counts: Int32Array = new Int32Array(4096);
  let slots: Int32Array = new Int32Array(4096 * limit);

  const rejectedBy = Object.fromEntries(
    VOTE_REJECT_RULES.map((r) => [r, { count: 0, samples: [] as VoteReport['rejectedBy'][VoteRejectRule]['samples'] }]),
  ) as VoteReport['rejectedBy'];
  let rows = 0;
  let accepted = 0;
  let rejected = 0;
  const reject = (rule: VoteRejectRule, row: number, detail: () => string, voter = '', proposal = '', value = '') => {
    const r = rejectedBy[rule];
    r.count++;
    rejected++;
    if (r.samples.length < sampleRows) r.samples.push({ row, detail: detail(), voter, proposal, value });
  };

  let cols: ReturnType<typeof resolveColumns> | null = null;
  let header: string[] = [];
  let need = 0;
  let [vi, pi, zi, ti] = [0, 0, -1, -1];
  let batch: AcceptedVote[] = [];
  const ready: AcceptedVote[][] = [];

  const onRow = (f: string[], line: number) => {
    if (!cols) {
      header = f.map((h) => h.trim());
      cols = resolveColumns(header);
      [vi, pi, zi, ti] = [cols.voter, cols.proposal, cols.zone, cols.time];
      need = Math.max(vi, pi) + 1;
      return;
    }
    rows++;
    if (f.length < need) return reject('malformed', line, () => `rândul are ${f.length} coloană(e); trebuie cel puțin ${need}`);
    const voter = clean(f[vi]);
    const proposal = clean(f[pi]);
    if (!voter) return reject('malformed', line, () => 'votantul lipsește', '', proposal);
    if (!proposal) return reject('malformed', line, () => 'propunerea lipsește', voter);
    let at: string | null = null;
    if (ti >= 0 && ti < f.length) {
      const t = clean(f[ti]);
      if (t) {
        if (!isTime(t)) return reject('malformed', line, () => `«${t}» nu este o dată`, voter, proposal, t);
        at = t;
      }
    }
    const p = projectIndex.get(proposal);
    if (p === undefined) return reject('unknown_proposal', line, () => `propunerea «${proposal}» nu este în campanie`, voter, proposal, proposal);
    if (!eligible[p]) return reject('ineligible_proposal', line, () => `propunerea «${proposal}» nu este eligibilă`, voter, proposal, proposal);
    let rowZone: string | null = null;
    if (zi >= 0 && zi < f.length) rowZone = clean(f[zi]) || null;
    if (rowZone !== null && zoneByName.size) {
      const code = zoneCode(rowZone);
      if (code === null)
        return reject('unknown_zone', line, () => `zona «${rowZone}» nu este codul sau numele unei zone a campaniei`, voter, proposal, rowZone ?? '');
      if (zoneOf && projZone[p] !== null && code !== projZone[p])
        return reject(
          'zone_mismatch',
          line,
          () => `zona «${rowZone}», dar propunerea «${proposal}» este în zona ${projZone[p]}`,
          voter,
          proposal,
          rowZone ?? '',
        );
      rowZone = code;
    } else if (rowZone !== null && zoneOf && projZoneLower[p] !== null && rowZone !== projZone[p] && rowZone.toLowerCase() !== projZoneLower[p])
      return reject('zone_mismatch', line, () => `zona «${rowZone}», dar propunerea «${proposal}» este în zona ${projZone[p]}`, voter, proposal, rowZone ?? '');
    let v = voterIndex.get(voter);
    if (v === undefined) {
      v = voterKeys.length;
      // Kept for the whole file: a copy, not a slice that would keep the whole chunk of text it came from alive.
      const key = ownCopy(voter);
      voterIndex.set(key, v);
      voterKeys.push(key);
      counts = growInt32(counts, v + 1);
      slots = growInt32(slots, (v + 1) * limit);
    } else {
      const base = v * limit;
      const c = counts[v];
      for (let k = 0; k < c; k++)
        if (slots[base + k] === p) return reject('duplicate', line, () => `votantul «${voter}» a votat deja propunerea «${proposal}»`, voter, proposal, voter);
      if (c >= limit)
        return reject('over_limit', line, () => `votantul «${voter}» are deja ${limit} ${limit === 1 ? 'vot' : 'voturi'}`, voter, proposal, voter);
    }
    slots[v * limit + counts[v]] = p;
    counts[v]++;
    tally[p]++;
    accepted++;
    batch.push({ row: line, voter, voterIndex: v, projectId: proposal, zone: projZone[p] ?? rowZone, at });
    if (batch.length >= batchSize) {
      ready.push(batch);
      batch = [];
    }
  };

  const splitter = new CsvSplitter();
  for await (const chunk of textChunks(source)) {
    splitter.push(chunk, onRow);
    while (ready.length) yield ready.shift() as AcceptedVote[];
  }
  splitter.end(onRow);
  while (ready.length) yield ready.shift() as AcceptedVote[];
  if (batch.length) yield batch;
  if (!cols) throw new VoteFileError('The votes file is empty (no header row)');
  const c = cols as ReturnType<typeof resolveColumns>;

  const tallyMap = new Map<string, number>();
  projectIds.forEach((id, i) => tallyMap.set(id, tally[i]));
  let ballots: Ballots | undefined;
  if (wantBallots) {
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
    rows,
    accepted,
    rejected,
    rejectedBy,
    voters: voterKeys.length,
    tally: tallyMap,
    ...(ballots ? { ballots } : {}),
  };
}

/** Drives parseVotes: awaits onBatch for every batch of accepted votes, resolves to the report. */
export async function readVotes(source: VoteSource, options: VoteParseOptions, onBatch?: (batch: AcceptedVote[]) => void | Promise<void>): Promise<VoteReport> {
  const gen = parseVotes(source, options);
  for (;;) {
    const r = await gen.next();
    if (r.done) return r.value;
    if (onBatch) await onBatch(r.value);
  }
}
