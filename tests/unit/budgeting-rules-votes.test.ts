/**
 * Votes CSV from the platform: read as a stream, every row accepted or counted under one rule with its row number.
 * Fixture tests/fixtures/budgeting-rules/votes-semicolon.csv: BOM, `;`, CRLF, Romanian headers, a quoted voter id,
 * a blank line, and one row for each way a vote can be refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ByteCsvSplitter,
  CsvSplitter,
  parseVotes,
  readVoteColumns,
  readVotes,
  scanCsv,
  tallyBallots,
  toPabulib,
  VoteFileError,
  type AcceptedVote,
  type RuleProject,
  type VoteParseOptions,
} from '../../electron/core/budgeting/rules';

const FIXTURE = path.join(__dirname, '../fixtures/budgeting-rules/votes-semicolon.csv');
const OPTIONS: VoteParseOptions = {
  votesPerVoter: 2,
  knownIds: new Set(['P1', 'P2', 'P3', 'P4', 'P9']),
  eligibleIds: new Set(['P1', 'P2', 'P3', 'P4']),
  zoneOf: new Map([
    ['P1', 'Z1'],
    ['P2', 'Z1'],
    ['P3', 'Z2'],
    ['P4', 'Z2'],
    ['P9', 'Z2'],
  ]),
};

async function* chunked(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('votes import checks', () => {
  it('counts every refused vote by rule, with row numbers, and accepts the rest', async () => {
    const batches: AcceptedVote[][] = [];
    const r = await readVotes(FIXTURE, { ...OPTIONS, batchSize: 2 }, (b) => {
      batches.push(b);
    });
    expect(r.delimiter).toBe(';');
    expect(r.columns).toEqual({ voter: 'ID votant', proposal: 'Cod proiect', zone: 'Zonă', time: 'Dată vot' });
    expect(r.rows).toBe(13);
    expect(r.accepted).toBe(5);
    expect(r.rejected).toBe(8);
    expect(r.accepted + r.rejected).toBe(r.rows); // nothing silently dropped
    const by = Object.fromEntries(Object.entries(r.rejectedBy).map(([k, v]) => [k, v.samples.map((s) => s.row)]));
    expect(by).toEqual({
      malformed: [8, 11, 15],
      unknown_proposal: [7],
      ineligible_proposal: [6],
      unknown_zone: [],
      zone_mismatch: [9],
      duplicate: [4],
      over_limit: [5],
    });
    expect(r.rejectedBy.malformed.samples.map((s) => s.detail)).toEqual([
      'votantul lipsește',
      '«ieri» nu este o dată',
      'rândul are 1 coloană(e); trebuie cel puțin 2',
    ]);
    expect(r.rejectedBy.over_limit.samples[0].detail).toBe('votantul «v1» are deja 2 voturi');
    expect(r.rejectedBy.zone_mismatch.samples[0].detail).toBe('zona «Z2», dar propunerea «P1» este în zona Z1');

    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batches.flat()).toEqual([
      { row: 2, voter: 'v1', voterIndex: 0, projectId: 'P1', zone: 'Z1', at: '2024-09-01 10:00' },
      { row: 3, voter: 'v1', voterIndex: 0, projectId: 'P2', zone: 'Z1', at: '2024-09-01 10:01' },
      { row: 10, voter: 'v3', voterIndex: 1, projectId: 'P2', zone: 'Z1', at: null },
      { row: 12, voter: 'v;5', voterIndex: 2, projectId: 'P3', zone: 'Z2', at: '2024-09-04T08:00:00Z' },
      { row: 14, voter: 'v2', voterIndex: 3, projectId: 'P1', zone: 'Z1', at: null },
    ]);
    expect(r.voters).toBe(4);
    expect(Object.fromEntries(r.tally)).toEqual({ P1: 2, P2: 2, P3: 1, P4: 0, P9: 0 });
    expect(tallyBallots(r.ballots!)).toEqual(r.tally);
    expect(r.ballots!.voterKeys).toEqual(['v1', 'v3', 'v;5', 'v2']);
  });

  it('gives the same report however the text is cut into chunks (a quoted field or a CRLF split across chunks)', async () => {
    const text = fs.readFileSync(FIXTURE, 'utf8');
    const whole = await readVotes(FIXTURE, OPTIONS);
    for (const size of [1, 3, 7, 64]) {
      const r = await readVotes(chunked(text, size), OPTIONS);
      expect({ ...r, tally: [...r.tally] }, `chunks of ${size}`).toEqual({ ...whole, tally: [...whole.tally] });
    }
    const bytes = fs.readFileSync(FIXTURE);
    async function* byteChunks() {
      for (let i = 0; i < bytes.length; i += 5) yield new Uint8Array(bytes.subarray(i, i + 5)); // cuts inside ă
    }
    expect((await readVotes(byteChunks(), OPTIONS)).columns.zone).toBe('Zonă');
  });

  it('reads a comma file with English headers and quoted line breaks; without zoneOf the row zone is kept as written', async () => {
    const csv = 'voter_id,proposal_id,scope\nu1,P1,"Zona\nNord"\nu2,P3,\n';
    const r = await readVotes(chunked(csv, 4), { votesPerVoter: 5, knownIds: new Set(['P1', 'P3']), eligibleIds: new Set(['P1', 'P3']) }, () => undefined);
    expect(r.delimiter).toBe(',');
    expect(r.accepted).toBe(2);
    const gen = parseVotes(chunked(csv, 4), { votesPerVoter: 5, knownIds: new Set(['P1', 'P3']), eligibleIds: new Set(['P1', 'P3']) });
    const first = await gen.next();
    expect(first.value).toEqual([
      { row: 2, voter: 'u1', voterIndex: 0, projectId: 'P1', zone: 'Zona\nNord', at: null },
      { row: 4, voter: 'u2', voterIndex: 1, projectId: 'P3', zone: null, at: null },
    ]);
  });

  it('refuses a file without voter and proposal columns, or an empty file, naming what it needs', async () => {
    await expect(readVotes(chunked('a;b\n1;2\n', 10), OPTIONS)).rejects.toThrow(/needs a voter column .* its header is: a \| b/);
    await expect(readVotes(chunked('', 10), OPTIONS)).rejects.toBeInstanceOf(VoteFileError);
  });

  it('the baseline parser sees the same rows', async () => {
    let n = 0;
    const { delimiter } = await scanCsv(FIXTURE, () => n++);
    expect(delimiter).toBe(';');
    expect(n).toBe(14); // header + 13 rows (the blank line is skipped)
  });
});

describe('votes read on bytes', () => {
  /** A small seeded generator: the same cases on every run. */
  const lcg = (seed: number) => () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;

  it('the byte reader gives the text reader’s records and line numbers, however the bytes are cut', () => {
    const rnd = lcg(7);
    const pieces = ['a', 'ă', 'Ș', '\u00a0', ' ', ';', ',', '\t', '"', '""', '\n', '\r\n', '\r', 'x"y', '😀'];
    for (let t = 0; t < 400; t++) {
      let text = rnd() < 0.2 ? '\ufeff' : '';
      const n = Math.floor(rnd() * 80);
      for (let i = 0; i < n; i++) text += pieces[Math.floor(rnd() * pieces.length)];
      const want: Array<[number, string[]]> = [];
      const sp = new CsvSplitter();
      sp.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, (f, line) => want.push([line, f]));
      sp.end((f, line) => want.push([line, f]));
      const bytes = Buffer.from(text);
      const size = 1 + Math.floor(rnd() * 9);
      const got: Array<[number, string[]]> = [];
      const bp = new ByteCsvSplitter();
      const onRow = (r: { src: Buffer; start: Int32Array; end: Int32Array; count: number; line: number }) =>
        got.push([r.line, Array.from({ length: r.count }, (_, k) => r.src.toString('utf8', r.start[k], r.end[k]))]);
      for (let i = 0; i < bytes.length; i += size) bp.push(new Uint8Array(bytes.subarray(i, i + size)), onRow);
      bp.end(onRow);
      expect(got, JSON.stringify(text)).toEqual(want);
      expect(bp.delimiter).toBe(sp.delimiter);
    }
  });

  it('a voter, proposal or zone with spaces, diacritics or bytes that are not UTF-8 is the one its text names', async () => {
    const file = Buffer.concat([
      Buffer.from('votant;proiect;zona\n v1 ;P1;Z1\nv1;P1;z1\n\u00a0v1;P1;Z1\nvă;Ș9;Z2\n"vă ";Ș9;Z2\n \u00a0vă;P1;Z1\na'),
      Buffer.from([0xff]),
      Buffer.from(';P1;Z1\na'),
      Buffer.from([0xfe]),
      Buffer.from(';P1;Z1\n'),
    ]);
    async function* bytes() {
      yield new Uint8Array(file);
    }
    const r = await readVotes(bytes(), {
      votesPerVoter: 3,
      knownIds: new Set(['P1', 'Ș9']),
      eligibleIds: new Set(['P1', 'Ș9']),
      zoneOf: new Map([
        ['P1', 'Z1'],
        ['Ș9', 'Z2'],
      ]),
    });
    // " v1 " and "v1" are one voter; a non-breaking space at the start is kept ("\u00a0v1" is another voter), but trimmed
    // with the space before it; the two bytes that are not UTF-8 both read as U+FFFD: one voter, a duplicate.
    expect(r.ballots!.voterKeys).toEqual(['v1', '\u00a0v1', 'vă', 'a\ufffd']);
    expect(Object.fromEntries(Object.entries(r.rejectedBy).map(([k, v]) => [k, v.samples.map((s) => [s.row, s.detail])]))).toMatchObject({
      duplicate: [
        [3, 'votantul «v1» a votat deja propunerea «P1»'],
        [6, 'votantul «vă» a votat deja propunerea «Ș9»'],
        [9, 'votantul «a\ufffd» a votat deja propunerea «P1»'],
      ],
    });
    expect(r.accepted).toBe(5);
  });

  it('gives the accepted votes as columns: each voter once with the time of their first vote, a vote’s own time only where it differs', async () => {
    const csv = 'voter,proposal,time\nv1,P1,2024-09-01 10:00\nv1,P2,\nv1,P3,2024-09-01 10:05\nv2,P1,\nv2,P2,2024-09-02\nv1,P4,2024-09-01 10:00\n';
    const batches: Array<{ voter: number[]; project: number[]; at: Array<string | null>; voters: string[]; times: Array<string | null> }> = [];
    const r = await readVoteColumns(
      (async function* () {
        yield csv;
      })(),
      { votesPerVoter: 5, knownIds: new Set(['P1', 'P2', 'P3', 'P4']), eligibleIds: new Set(['P1', 'P2', 'P3', 'P4']), batchSize: 4 },
      (b) => {
        batches.push({
          voter: [...b.voter],
          project: [...b.project],
          at: [...b.at],
          voters: b.voterKeys.slice(b.votersFrom, b.votersTo),
          times: b.voterAt.slice(b.votersFrom, b.votersTo),
        });
      },
    );
    expect(r.accepted).toBe(6);
    expect(batches).toEqual([
      { voter: [0, 0, 0, 1], project: [0, 1, 2, 0], at: [null, '', '2024-09-01 10:05', null], voters: ['v1', 'v2'], times: ['2024-09-01 10:00', null] },
      { voter: [1, 0], project: [1, 3], at: ['2024-09-02', null], voters: [], times: [] },
    ]);
  });
});

describe('Pabulib export', () => {
  it('writes META, PROJECTS and VOTES for one zone, in lei, with the winners marked', async () => {
    const r = await readVotes(FIXTURE, OPTIONS);
    const P = (id: string, cost: number, title: string): RuleProject => ({ id, code: id, title, cost, zone: 'Z1', votes: 0, score: null, eligible: true });
    const pb = toPabulib({
      description: 'Timișoara Decide! 2024 — Zona 1',
      instance: '2024',
      subunit: 'Zona 1',
      budget: 50_000_000,
      maxLength: 5,
      rule: 'timisoara_topup',
      dateBegin: '2024-08-23',
      dateEnd: '2024-09-23',
      projects: [P('P1', 12_000_050, 'Parc; alei'), P('P2', 30_000_000, 'Loc de joacă "Soarelui"')],
      selected: new Set(['P1']),
      ballots: r.ballots!,
    });
    expect(pb).toBe(
      [
        'META',
        'key;value',
        'description;Timișoara Decide! 2024 — Zona 1',
        'country;Romania',
        'unit;Timișoara',
        'subunit;Zona 1',
        'instance;2024',
        'num_projects;2',
        'num_votes;3',
        'budget;500000',
        'vote_type;approval',
        'rule;greedy-custom',
        'date_begin;23.08.2024',
        'date_end;23.09.2024',
        'min_length;1',
        'max_length;5',
        'language;ro',
        'currency;RON',
        'fully_funded;1',
        'comment;#1: Timisoara rule (PLA Desk timisoara_topup): in order of votes until the first project that does not fit, which is funded with a top-up above the budget when the gap is at most 100000 RON, and the allocation ends there. A project marked selected=3 was funded with such a top-up.',
        'PROJECTS',
        'project_id;cost;votes;name;selected',
        'P1;120000.50;2;"Parc; alei";1',
        'P2;300000;2;"Loc de joacă ""Soarelui""";0',
        'VOTES',
        'voter_id;vote',
        'v1;P1,P2',
        'v3;P2',
        'v2;P1',
        '',
      ].join('\n'),
    );
  });

  it('numbers the projects when codes cannot be used in a vote list', () => {
    const pb = toPabulib({
      description: 'x',
      budget: 100,
      maxLength: 1,
      projects: [{ id: 'a', code: 'A,1', title: 'T', cost: 100, zone: null, votes: 1, score: null, eligible: true }],
      ballots: { projectIds: ['a'], voterCount: 1, offsets: Int32Array.from([0, 1]), projects: Int32Array.from([0]) },
    });
    expect(pb).toContain('PROJECTS\nproject_id;cost;votes;name\n1;1;1;A,1 T\nVOTES\nvoter_id;vote\n1;1\n');
  });
});

describe('votes from a temp file on disk', () => {
  it('reads a file path as a stream', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-votes-'));
    try {
      const f = path.join(dir, 'v.csv');
      fs.writeFileSync(f, 'voter,proposal\n' + Array.from({ length: 30_000 }, (_, i) => `v${i % 9_000},P${i % 4}`).join('\n'));
      const r = await readVotes(f, {
        votesPerVoter: 3,
        knownIds: new Set(['P0', 'P1', 'P2', 'P3']),
        eligibleIds: new Set(['P0', 'P1', 'P2', 'P3']),
        ballots: false,
      });
      // voter v_k votes for P(k mod 4), P((k+9000) mod 4) … : 9000 ≡ 0 (mod 4), so every repeat is a duplicate
      expect(r.accepted).toBe(9_000);
      expect(r.rejectedBy.duplicate.count).toBe(21_000);
      expect(r.rejectedBy.duplicate.samples).toHaveLength(20);
      expect(r.ballots).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
