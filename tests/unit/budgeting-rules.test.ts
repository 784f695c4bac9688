/**
 * Budgeting winner rules on hand-worked examples. Money in bani: `lei(n)` = n lei.
 */
import { describe, expect, it } from 'vitest';
import { computeWinners, RuleInputError, type Decision, type RuleInput, type RuleProject, type RuleResult } from '../../electron/core/budgeting/rules';

const lei = (n: number) => Math.round(n * 100);
const P = (code: string, costLei: number, votes: number, extra: Partial<RuleProject> = {}): RuleProject => ({
  id: `id-${code}`,
  code,
  title: `Proiect ${code}`,
  cost: lei(costLei),
  zone: null,
  votes,
  score: null,
  eligible: true,
  ...extra,
});
const run = (rule: RuleInput['rule'], projects: RuleProject[], extra: Partial<RuleInput> = {}) =>
  computeWinners({ rule, totalBudget: lei(500_000), zones: [], tieBreak: ['cost_asc', 'code'], projects, ...extra });
const dec = (r: RuleResult, code: string): Decision => {
  const d = r.decisions.find((x) => x.projectId === `id-${code}`);
  if (!d) throw new Error(`no decision for ${code}`);
  return d;
};
const winners = (r: RuleResult) => r.decisions.filter((d) => d.won).map((d) => d.projectId.slice(3));

// Budget 500,000 lei; ranked by votes: A 300k, B 250k, C 150k, D 60k.
const FOUR = [P('A', 300_000, 900), P('B', 250_000, 800), P('C', 150_000, 700), P('D', 60_000, 600)];

describe('greedy vs stop at first vs Timișoara top-up (one city-wide budget of 500,000 lei)', () => {
  it('greedy skips B (250,000 > 200,000 left) and goes on to fund C; D no longer fits', () => {
    const r = run('greedy', FOUR);
    expect(winners(r)).toEqual(['A', 'C']);
    expect(dec(r, 'B').reason).toEqual({ code: 'over_remaining', params: { cost: lei(250_000), available: lei(200_000) } });
    expect(dec(r, 'B').text.ro).toBe('nu încape în bugetul rămas: 250.000 lei necesari, 200.000 disponibili');
    expect(dec(r, 'B').text.en).toBe('does not fit in the remaining budget: 250,000 lei needed, 200,000 available');
    expect(dec(r, 'D').reason.params).toEqual({ cost: lei(60_000), available: lei(50_000) });
    expect(r.zones[0]).toMatchObject({ budget: lei(500_000), used: lei(450_000), remaining: lei(50_000), reserve: 0, topUp: 0, winners: 2 });
    expect(r.decisions.map((d) => d.rank)).toEqual([1, 2, 3, 4]);
  });

  it('stop at first funds only A: B stops the allocation, C and D are ranked after it, 200,000 lei become the reserve', () => {
    const r = run('stop_at_first', FOUR);
    expect(winners(r)).toEqual(['A']);
    expect(dec(r, 'B').reason.code).toBe('stop_first_unfit');
    expect(dec(r, 'B').text.ro).toBe(
      'nu încape în bugetul rămas: 250.000 lei necesari, 200.000 disponibili; alocarea se oprește aici și restul devine rezervă',
    );
    expect(dec(r, 'C').reason).toEqual({ code: 'after_stop', params: { stoppedAt: 'B' } });
    expect(dec(r, 'D').text.ro).toBe('clasat după B, la care alocarea s-a oprit');
    expect(r.zones[0]).toMatchObject({ used: lei(300_000), remaining: lei(200_000), reserve: lei(200_000), topUp: 0 });
  });

  it('Timișoara top-up funds B with a 50,000 lei top-up (≤ 100,000) and stops there', () => {
    const r = run('timisoara_topup', FOUR);
    expect(winners(r)).toEqual(['A', 'B']);
    expect(dec(r, 'B').reason).toEqual({
      code: 'funded_top_up',
      params: { cost: lei(250_000), available: lei(200_000), gap: lei(50_000), limit: lei(100_000) },
    });
    expect(dec(r, 'B').funded).toBe(lei(250_000));
    expect(dec(r, 'C').reason.code).toBe('after_stop');
    expect(r.zones[0]).toMatchObject({ used: lei(550_000), remaining: 0, reserve: 0, topUp: lei(50_000) });
    expect(r.totals).toMatchObject({ budget: lei(500_000), used: lei(550_000), topUp: lei(50_000), winners: 2 });
  });

  it('the issue’s sentence: 120,000 lei needed, 80,000 available', () => {
    const r = run('greedy', [P('X', 120_000, 10), P('Y', 120_000, 9)], { totalBudget: lei(200_000) });
    expect(dec(r, 'Y').text.ro).toBe('nu încape în bugetul rămas: 120.000 lei necesari, 80.000 disponibili');
    expect(dec(r, 'X').text.ro).toBe('câștigă: încape în bugetul rămas (120.000 lei necesari, 200.000 disponibili)');
  });
});

describe('Timișoara top-up at the limit', () => {
  // 500,000 lei; A takes 450,000, leaving 50,000; B costs 150,000 → gap 100,000 = the limit.
  it('a gap of exactly 100,000 lei is topped up', () => {
    const r = run('timisoara_topup', [P('A', 450_000, 10), P('B', 150_000, 9), P('C', 10_000, 8)]);
    expect(winners(r)).toEqual(['A', 'B']);
    expect(dec(r, 'B').reason.params.gap).toBe(lei(100_000));
    expect(dec(r, 'B').text.ro).toBe(
      'câștigă cu suplimentare: 150.000 lei necesari, 50.000 disponibili; diferența de 100.000 lei nu depășește limita de suplimentare de 100.000 lei',
    );
    expect(r.zones[0]).toMatchObject({ topUp: lei(100_000), reserve: 0 });
  });

  it('1 ban over the limit is not: the allocation stops and the 50,000 lei left become the reserve', () => {
    const b = P('B', 150_000, 9, { cost: lei(150_000) + 1 });
    const r = run('timisoara_topup', [P('A', 450_000, 10), b, P('C', 10_000, 8)]);
    expect(winners(r)).toEqual(['A']);
    expect(dec(r, 'B').reason).toEqual({
      code: 'stop_first_unfit',
      params: { cost: lei(150_000) + 1, available: lei(50_000), gap: lei(100_000) + 1, limit: lei(100_000) },
    });
    expect(dec(r, 'B').text.ro).toBe(
      'nu încape în bugetul rămas: 150.000,01 lei necesari, 50.000 disponibili; diferența de 100.000,01 lei depășește limita de suplimentare de 100.000 lei, alocarea se oprește aici și restul devine rezervă',
    );
    expect(dec(r, 'C').reason.code).toBe('after_stop');
    expect(r.zones[0]).toMatchObject({ used: lei(450_000), remaining: lei(50_000), reserve: lei(50_000), topUp: 0 });
  });

  it('the campaign’s own limit applies', () => {
    const r = run('timisoara_topup', [P('A', 450_000, 10), P('B', 150_000, 9)], { topUpLimit: lei(99_999.99) });
    expect(winners(r)).toEqual(['A']);
    expect(r.ruleText.ro).toContain('cel mult 99.999,99 lei');
  });
});

describe('ties', () => {
  const tied = [P('A', 80_000, 50, { submittedAt: '2024-06-02' }), P('B', 70_000, 50, { submittedAt: '2024-06-01' })];
  const budget = { totalBudget: lei(100_000) };

  it('equal votes: the campaign’s first tie-break that differs decides, and the decision says which', () => {
    const cheaper = run('greedy', tied, { ...budget, tieBreak: ['cost_asc', 'code'] });
    expect(winners(cheaper)).toEqual(['B']);
    expect(dec(cheaper, 'A')).toMatchObject({ rank: 2, tieBrokenBy: 'cost_asc', won: false });
    expect(dec(cheaper, 'B').tieBrokenBy).toBeUndefined();

    const byCode = run('greedy', tied, { ...budget, tieBreak: ['code', 'cost_asc'] });
    expect(winners(byCode)).toEqual(['A']);
    expect(dec(byCode, 'B').tieBrokenBy).toBe('code');

    const earlier = run('greedy', tied, { ...budget, tieBreak: ['score', 'submitted_at'] });
    expect(winners(earlier)).toEqual(['B']);
    expect(dec(earlier, 'A').tieBrokenBy).toBe('submitted_at');
    expect(earlier.tieBreakText.ro).toBe(
      'Ordine după numărul de voturi; la egalitate, în această ordine: 1. punctaj final mai mare, 2. depus mai devreme; apoi identificatorul intern.',
    );
  });

  it('when every campaign key is equal the id decides, so the result does not depend on the input order', () => {
    const same = [P('A', 50_000, 5), P('B', 50_000, 5), P('C', 50_000, 5)];
    const r1 = run('greedy', same, { totalBudget: lei(100_000), tieBreak: ['cost_asc'] });
    const r2 = run('greedy', [...same].reverse(), { totalBudget: lei(100_000), tieBreak: ['cost_asc'] });
    expect(winners(r1)).toEqual(['A', 'B']);
    expect(r2.decisions).toEqual(r1.decisions);
    expect(dec(r1, 'B').tieBrokenBy).toBe('id');
  });
});

describe('zones', () => {
  const zones = [
    { key: 'Z1', budget: lei(500_000), label: 'Zona 1' },
    { key: 'Z2', budget: lei(300_000), label: 'Zona 2' },
  ];
  const projects = [
    P('A', 400_000, 900, { zone: 'Z1' }),
    P('B', 200_000, 100, { zone: 'Z1' }),
    P('C', 350_000, 1_000, { zone: 'Z2' }), // larger than its zone (300,000)
    P('D', 200_000, 500, { zone: 'Z2' }),
    P('E', 90_000, 400, { zone: 'Z2' }),
    P('F', 10_000, 10_000, { zone: 'Z9' }),
  ];

  it('each zone is allocated from its own budget; a project larger than its zone is set aside and does not stop the zone', () => {
    const r = run('stop_at_first', projects, { zones });
    expect(winners(r)).toEqual(['A', 'D', 'E']);
    expect(dec(r, 'B').reason.code).toBe('stop_first_unfit');
    expect(dec(r, 'C').reason).toEqual({ code: 'over_zone_budget', params: { cost: lei(350_000), budget: lei(300_000) } });
    expect(dec(r, 'C').text.ro).toBe('costă mai mult decât întregul buget al zonei: 350.000 lei față de 300.000 lei');
    expect(dec(r, 'C').rank).toBe(1);
    expect(r.zones.map((z) => [z.key, z.used, z.remaining, z.reserve])).toEqual([
      ['Z1', lei(400_000), lei(100_000), lei(100_000)],
      ['Z2', lei(290_000), lei(10_000), lei(10_000)],
      [null, 0, 0, 0],
    ]);
    expect(r.totals).toMatchObject({ budget: lei(800_000), used: lei(690_000), reserve: lei(110_000), winners: 3 });
  });

  it('a project whose zone is not one of the campaign’s is reported, never funded from another zone', () => {
    const r = run('greedy', projects, { zones });
    expect(dec(r, 'F')).toMatchObject({ won: false, zone: 'Z9', reason: { code: 'unknown_zone', params: { zone: 'Z9' } } });
    expect(dec(r, 'F').text.ro).toBe('zona „Z9” nu este o zonă a campaniei');
  });

  it('with the top-up, a project up to 100,000 lei over its zone can still win first place', () => {
    const r = run('timisoara_topup', projects, { zones });
    expect(dec(r, 'C').reason).toEqual({
      code: 'funded_top_up',
      params: { cost: lei(350_000), available: lei(300_000), gap: lei(50_000), limit: lei(100_000) },
    });
    const big = run('timisoara_topup', [P('G', 400_000.01, 5, { zone: 'Z2' })], { zones });
    expect(dec(big, 'G').reason.code).toBe('over_zone_budget');
    expect(dec(big, 'G').text.ro).toBe('costă mai mult decât întregul buget al zonei plus suplimentarea: 400.000,01 lei față de 300.000 lei + 100.000 lei');
  });
});

describe('eligibility and votes', () => {
  it('an ineligible project never wins, even with the most votes, and is ranked after the eligible ones with its reason', () => {
    const r = run('greedy', [
      P('A', 100_000, 5_000, { eligible: false, ineligibleReason: 'generează costuri de funcționare semnificative' }),
      P('B', 100_000, 10),
      P('C', 100_000, 0),
    ]);
    expect(winners(r)).toEqual(['B']);
    expect(dec(r, 'A')).toMatchObject({ rank: 3, won: false, funded: 0, reason: { code: 'ineligible' } });
    expect(dec(r, 'A').text.ro).toBe('neeligibil: generează costuri de funcționare semnificative');
    expect(dec(r, 'C').reason.code).toBe('no_votes');
  });

  it('bad input is refused naming the field', () => {
    expect(() => run('greedy', [P('A', 1, 1), P('A', 1, 1)])).toThrow(RuleInputError);
    expect(() => run('greedy', [P('A', 1, 1, { cost: 10.5 })])).toThrow(/cost must be a whole number of bani/);
    expect(() => run('greedy', [], { tieBreak: ['votes', 'votes'] })).toThrow(/listed twice/);
    expect(() => run('equal_shares', [P('A', 1, 1)])).toThrow(/needs the ballots/);
    try {
      run('greedy', [], { zones: [{ key: 'Z', budget: -1 }] });
      expect.unreachable();
    } catch (e) {
      expect((e as RuleInputError).field).toBe('zones');
    }
  });
});

describe('grant calls: by final score ≥ minimum within the budget', () => {
  const G = (code: string, costLei: number, score: number | null) => P(code, costLei, 0, { score });
  it('funds by score, skips what no longer fits, refuses scores under the minimum (60 is enough) and unscored ones', () => {
    const r = run(
      'grant_score',
      [G('G1', 40_000, 85), G('G2', 50_000, 72), G('G3', 30_000, 70), G('G4', 5_000, 59.5), G('G5', 1_000, null), G('G6', 10_000, 60)],
      {
        totalBudget: lei(100_000),
        minScore: 60,
        tieBreak: ['cost_asc'],
      },
    );
    expect(winners(r)).toEqual(['G1', 'G2', 'G6']);
    expect(dec(r, 'G3').reason).toEqual({ code: 'over_remaining', params: { cost: lei(30_000), available: lei(10_000) } });
    expect(dec(r, 'G6').reason).toEqual({ code: 'funded_score', params: { cost: lei(10_000), available: lei(10_000), score: 60, minScore: 60 } });
    expect(dec(r, 'G4').text.ro).toBe('punctajul 59,5 este sub minimul de 60');
    expect(dec(r, 'G4').text.en).toBe('score 59.5 is below the minimum of 60');
    expect(dec(r, 'G5').reason.code).toBe('no_score');
    expect(r.decisions.map((d) => d.projectId.slice(3))).toEqual(['G1', 'G2', 'G3', 'G6', 'G4', 'G5']);
    expect(r.tieBreakText.en).toMatch(/^Ordered by final score/);
  });
});
