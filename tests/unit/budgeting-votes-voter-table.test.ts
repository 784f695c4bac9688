/**
 * The votes reader's voter table (VoteColumns.voters): the voters' keys and times kept as bytes, each text made when
 * asked for. It must give what the arrays of strings give (voterKeys / voterAt) and, per vote, the own time the
 * batches give (null: the voter's, '': none though the voter has one), for the k-th counted vote of each voter.
 */
import { describe, expect, it } from 'vitest';
import { readVoteColumns, type VoterTable } from '../../electron/core/budgeting/rules';

async function* once(text: string) {
  yield text;
}

describe('votes reader: the voter table', () => {
  it('gives each voter’s key and time, and each counted vote’s own time, as the batches do', async () => {
    const csv = [
      'voter;proposal;time',
      'v1;P1;2024-09-01 10:00',
      'v1;P2;',
      ' vă ;P1;2024-09-02',
      'v1;P3;2024-09-01 10:05',
      'v2;P1;',
      'v2;P2;2024-09-02',
      'vă;P2;2024-09-02',
      'v1;P1;2024-09-03', // a duplicate: refused, its time not the voter's
      'v1;P4;2024-09-01 10:00',
      'v3;P9;2024-09-04', // unknown proposal: v3 never counted
      '"v;4";P4;01.10.2024 08:00',
    ].join('\n');
    let table: VoterTable | undefined;
    const keys: string[] = [];
    const times: Array<string | null> = [];
    const own = new Map<number, Array<string | null>>();
    const r = await readVoteColumns(
      once(csv),
      { votesPerVoter: 5, knownIds: new Set(['P1', 'P2', 'P3', 'P4']), eligibleIds: new Set(['P1', 'P2', 'P3', 'P4']), batchSize: 3 },
      (b) => {
        table = b.voters;
        keys.push(...b.voterKeys.slice(b.votersFrom, b.votersTo));
        times.push(...b.voterAt.slice(b.votersFrom, b.votersTo));
        for (let i = 0; i < b.count; i++) {
          const list = own.get(b.voter[i]) ?? [];
          list.push(b.at[i]);
          own.set(b.voter[i], list);
        }
      },
    );
    expect(r.accepted).toBe(9);
    expect(keys).toEqual(['v1', 'vă', 'v2', 'v;4']);
    expect(times).toEqual(['2024-09-01 10:00', '2024-09-02', null, '01.10.2024 08:00']);
    const t = table!;
    expect(t.size).toBe(4);
    expect(Array.from({ length: t.size }, (_, v) => t.key(v))).toEqual(keys);
    expect(Array.from({ length: t.size }, (_, v) => t.at(v))).toEqual(times);
    const counts = Array.from({ length: t.size }, (_, v) => r.ballots!.offsets[v + 1] - r.ballots!.offsets[v]);
    expect(counts).toEqual([4, 2, 2, 1]);
    expect(Array.from({ length: t.size }, (_, v) => Array.from({ length: counts[v] }, (_, k) => t.voteAt(v, k)))).toEqual([
      [null, '', '2024-09-01 10:05', null],
      [null, null],
      [null, '2024-09-02'],
      [null],
    ]);
    expect(Array.from({ length: t.size }, (_, v) => own.get(v))).toEqual(
      Array.from({ length: t.size }, (_, v) => Array.from({ length: counts[v] }, (_, k) => t.voteAt(v, k))),
    );
    expect(Array.from({ length: t.size }, (_, v) => t.hasVoteTimes(v))).toEqual([true, false, true, false]);
    // The ballots' keys are the table's, and the ballots' proposals are each voter's counted votes in file order.
    expect(r.ballots!.voterKeys).toEqual(keys);
    expect([...r.ballots!.projects]).toEqual([0, 1, 2, 3, 0, 1, 0, 1, 3]);
  });

  it('has no voter when no vote is counted', async () => {
    let batches = 0;
    const r = await readVoteColumns(once('voter,proposal\nv1,P9\n'), { votesPerVoter: 2, knownIds: new Set(['P1']), eligibleIds: new Set(['P1']) }, () => {
      batches++;
    });
    expect(batches).toBe(0);
    expect(r.voters).toBe(0);
    expect(r.ballots).toMatchObject({ voterCount: 0 });
    expect(r.ballots!.voterKeys).toEqual([]);
  });
});
