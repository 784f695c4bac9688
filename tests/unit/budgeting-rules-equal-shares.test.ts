/**
 * Method of Equal Shares on the published worked examples of equalshares.net ("Explanation of the Method of Equal
 * Shares", Example 1 and Example 2 (more complicated): 11 voters, budget 1,100, bike path 700, outdoor gym 400,
 * new park 250, new playground 200, library for kids 100), and cross-checked on random instances against a
 * straightforward per-voter transcription of the published algorithm (each voter's own budget, supporters sorted
 * by money left) — the library keeps voters in classes instead.
 */
import { describe, expect, it } from 'vitest';
import { BallotBuilder, computeWinners, type Ballots, type RuleInput, type RuleProject, type RuleResult } from '../../electron/core/budgeting/rules';
import { buildMesInstance, equalSharesAdd1, equalSharesFixedBudget } from '../../electron/core/budgeting/rules/equal-shares';

const lei = (n: number) => Math.round(n * 100);
const won = (r: RuleResult) =>
  r.decisions
    .filter((d) => d.won)
    .sort((a, b) => (a.selectionOrder ?? 0) - (b.selectionOrder ?? 0))
    .map((d) => d.projectId);

// voters 1…11; approvals as in the page's tables
const EXAMPLE_1: Record<string, number[]> = {
  bike: [1, 2, 3, 4, 5, 6, 11],
  gym: [1, 2, 3, 4, 5, 6],
  park: [2, 4, 5, 7, 10],
  playground: [7, 8, 9, 10],
  library: [7, 9, 10],
};
const EXAMPLE_2: Record<string, number[]> = { ...EXAMPLE_1, bike: [1, 2, 3, 4, 5, 6], gym: [1, 2, 3, 4, 5, 6, 11] };
const COSTS: Record<string, number> = { bike: 700, gym: 400, park: 250, playground: 200, library: 100 };

function instance(approvals: Record<string, number[]>) {
  const b = new BallotBuilder();
  for (const [project, voters] of Object.entries(approvals)) for (const v of voters) b.add(`v${v}`, project);
  const projects: RuleProject[] = Object.keys(approvals).map((id) => ({
    id,
    code: id,
    title: id,
    cost: lei(COSTS[id]),
    zone: null,
    votes: approvals[id].length,
    score: null,
    eligible: true,
  }));
  return { ballots: b.build(), projects };
}
const mes = (approvals: Record<string, number[]>, extra: Partial<RuleInput> = {}) => {
  const { ballots, projects } = instance(approvals);
  return computeWinners({ rule: 'equal_shares', totalBudget: lei(1_100), zones: [], tieBreak: ['cost_asc'], projects, ballots, completion: 'none', ...extra });
};

describe('Method of Equal Shares: equalshares.net worked examples', () => {
  it('Example 1: bike path, then the new playground, then the library for kids (not the gym that greedy would pick)', () => {
    const r = mes(EXAMPLE_1);
    expect(won(r)).toEqual(['bike', 'playground', 'library']);
    const d = (id: string) => r.decisions.find((x) => x.projectId === id)!;
    // bike: 7 supporters pay 100 each; playground: 4 pay 50; library: 3 pay 33.33
    expect(d('bike').reason).toEqual({ code: 'funded_equal_shares', params: { cost: lei(700), supporters: 7, maxShare: lei(100) } });
    expect(d('playground').reason.params).toMatchObject({ supporters: 4, maxShare: lei(50) });
    expect(d('library').reason.params).toMatchObject({ supporters: 3, maxShare: lei(33.33) });
    expect(d('library').text.ro).toBe(
      'câștigă prin Metoda părților egale: cei 3 susținători au acoperit costul de 100 lei din părțile lor egale (cel mult 33,33 lei fiecare)',
    );
    // the gym's supporters have nothing left
    expect(d('gym').reason).toEqual({ code: 'equal_shares_unaffordable', params: { cost: lei(400), supportersMoney: 0 } });
    expect(r.zones[0]).toMatchObject({ used: lei(1_000), remaining: lei(100) });
    // greedy by votes picks the two sports projects instead
    const g = computeWinners({ rule: 'greedy', totalBudget: lei(1_100), zones: [], tieBreak: [], projects: instance(EXAMPLE_1).projects });
    expect(g.decisions.filter((x) => x.won).map((x) => x.projectId)).toEqual(['bike', 'gym']);
  });

  it('Example 2: the gym first (400/7 each), then the new park with an effective vote count of about 4.1, then the playground; the library is not affordable', () => {
    const r = mes(EXAMPLE_2);
    expect(won(r)).toEqual(['gym', 'park', 'playground']);
    const d = (id: string) => r.decisions.find((x) => x.projectId === id)!;
    expect(d('gym').reason.params.maxShare).toBe(lei(57.14));
    // park: three supporters pay their 42.86 left, the two others split the rest: (250 − 3 × 42.857) / 2 = 60.71
    // (the page rounds the 42.86 to 43 and shows 60.5; effective vote count 250 / 60.71 ≈ 4.1)
    expect(d('park').reason.params).toMatchObject({ supporters: 5, maxShare: lei(60.71) });
    expect(250 / 60.71).toBeCloseTo(4.1, 1);
    // playground: effective vote count ≈ 3.2 → the two richest pay (200 − 2 × 39.29) / 2 = 60.71
    expect(d('playground').reason.params).toMatchObject({ supporters: 4, maxShare: lei(60.71) });
    expect(d('library').reason).toEqual({ code: 'equal_shares_unaffordable', params: { cost: lei(100), supportersMoney: lei(39.29) } });
    expect(d('bike').reason.code).toBe('equal_shares_unaffordable');
  });

  it('completion: Example 1 is already exhaustive (nothing else fits the 100 left); Example 2 with greedy completion adds the library', () => {
    expect(won(mes(EXAMPLE_1, { completion: 'add1_greedy' }))).toEqual(['bike', 'playground', 'library']);
    const r = mes(EXAMPLE_2, { completion: 'greedy' });
    expect(won(r)).toEqual(['gym', 'park', 'playground', 'library']);
    expect(r.decisions.find((x) => x.projectId === 'library')!.reason).toEqual({ code: 'funded_completion', params: { cost: lei(100), available: lei(250) } });
  });

  it('add1 (pabutools voter_budget_increment=1) never overspends and stops at the first exhaustive outcome or at the last budget that still fits', () => {
    const { ballots, projects } = instance(EXAMPLE_2);
    const r = computeWinners({ rule: 'equal_shares', totalBudget: lei(1_100), zones: [], tieBreak: [], projects, ballots, completion: 'add1' });
    const cost = r.zones[0].used;
    expect(cost).toBeLessThanOrEqual(lei(1_100));
    const costs = new Float64Array(projects.map((p) => p.cost));
    const inst = toInstance(
      ballots,
      projects.map((p) => p.id),
      costs,
    );
    const { virtualBudget, steps } = equalSharesAdd1(inst, lei(1_100));
    // each voter starts with 1,100 / 11 = 100 lei exactly and gains 1 leu a step
    expect(virtualBudget).toBe(lei(1_100) + steps * 11 * 100);
    const losers = r.decisions.filter((d) => !d.won);
    const exhaustive = losers.every((d) => projects.find((p) => p.id === d.projectId)!.cost > lei(1_100) - cost);
    // otherwise one more leu per voter would overspend
    if (!exhaustive) expect(equalSharesFixedBudget(inst, virtualBudget + 11 * 100).totalCost).toBeGreaterThan(lei(1_100));
    // and no earlier step was already exhaustive
    for (let k = 0; k < steps; k++) {
      const earlier = equalSharesFixedBudget(inst, lei(1_100) + k * 11 * 100);
      const left = lei(1_100) - earlier.totalCost;
      expect(projects.some((p, i) => !earlier.winners.includes(i) && p.cost <= left)).toBe(true);
    }
  });

  it('per zone: each zone’s voters share only that zone’s budget; votes for ineligible projects are ignored', () => {
    const b = new BallotBuilder();
    for (let v = 0; v < 10; v++) b.add(`n${v}`, 'n1');
    for (let v = 0; v < 4; v++) b.add(`n${v}`, 'n2');
    for (let v = 0; v < 3; v++) b.add(`s${v}`, 's1').add(`s${v}`, 'bad');
    const projects: RuleProject[] = [
      { id: 'n1', code: 'N1', title: '', cost: lei(600), zone: 'N', votes: 10, score: null, eligible: true },
      { id: 'n2', code: 'N2', title: '', cost: lei(400), zone: 'N', votes: 4, score: null, eligible: true },
      { id: 's1', code: 'S1', title: '', cost: lei(300), zone: 'S', votes: 3, score: null, eligible: true },
      { id: 'bad', code: 'X', title: '', cost: lei(10), zone: 'S', votes: 3, score: null, eligible: false },
    ];
    const r = computeWinners({
      rule: 'equal_shares',
      totalBudget: 0,
      zones: [
        { key: 'N', budget: lei(1_000) },
        { key: 'S', budget: lei(300) },
      ],
      tieBreak: [],
      projects,
      ballots: b.build(),
      completion: 'none',
    });
    // N: 10 voters × 100; n1 costs 60 each of the 10; n2's 4 supporters have 40 each = 160 < 400
    expect(r.decisions.filter((d) => d.won).map((d) => d.projectId)).toEqual(['n1', 's1']);
    expect(r.decisions.find((d) => d.projectId === 'n2')!.reason.params.supportersMoney).toBe(lei(160));
    expect(r.decisions.find((d) => d.projectId === 'bad')!.reason.code).toBe('ineligible');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Cross-check against a per-voter transcription of the published algorithm

function toInstance(ballots: Ballots, ids: string[], costs: Float64Array) {
  const idx = new Map(ids.map((id, i) => [id, i]));
  const vo = [0];
  const vp: number[] = [];
  for (let v = 0; v < ballots.voterCount; v++) {
    for (let j = ballots.offsets[v]; j < ballots.offsets[v + 1]; j++) vp.push(idx.get(ballots.projectIds[ballots.projects[j]])!);
    vo.push(vp.length);
  }
  return buildMesInstance(costs, Int32Array.from(ids.map((_, i) => i)), Int32Array.from(vo), Int32Array.from(vp));
}

function naiveMes(n: number, costs: number[], approvers: number[][], B: number): number[] {
  const budget = new Array<number>(n).fill(B / n);
  const remaining = new Map<number, number>();
  costs.forEach((c, i) => c > 0 && approvers[i].length > 0 && remaining.set(i, approvers[i].length));
  const winners: number[] = [];
  for (;;) {
    let best = -1;
    let bestEff = 0;
    const sorted = [...remaining.keys()].sort((a, b) => remaining.get(b)! - remaining.get(a)! || a - b);
    for (const c of sorted) {
      if (remaining.get(c)! < bestEff * (1 - 1e-9)) break;
      const money = approvers[c].reduce((s, i) => s + budget[i], 0);
      if (money < costs[c] * (1 - 1e-9)) {
        remaining.delete(c);
        continue;
      }
      const app = [...approvers[c]].sort((a, b) => budget[a] - budget[b]);
      let paid = 0;
      let denom = app.length;
      for (const i of app) {
        const maxPayment = (costs[c] - paid) / denom;
        if (maxPayment > budget[i] * (1 + 1e-9)) {
          paid += budget[i];
          denom--;
        } else {
          const eff = costs[c] / maxPayment;
          remaining.set(c, eff);
          if (best < 0 || eff > bestEff * (1 + 1e-9) || (eff >= bestEff * (1 - 1e-9) && c < best)) {
            best = c;
            bestEff = eff;
          }
          break;
        }
      }
    }
    if (best < 0) return winners;
    winners.push(best);
    remaining.delete(best);
    const p = costs[best] / bestEff;
    for (const i of approvers[best]) budget[i] = budget[i] > p ? budget[i] - p : 0;
  }
}

describe('Equal Shares: the class-based computation gives the per-voter algorithm’s outcome', () => {
  it('on 40 random instances (up to 400 voters, 25 projects, 1–5 approvals each)', () => {
    let seed = 12345;
    let winnersSeen = 0;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 40; t++) {
      const n = 20 + Math.floor(rnd() * 380);
      const m = 3 + Math.floor(rnd() * 22);
      const costs = Array.from({ length: m }, () => lei(1_000 + Math.floor(rnd() * 50) * 1_000));
      const approvers: number[][] = costs.map(() => []);
      const b = new BallotBuilder(costs.map((_, i) => `p${i}`));
      for (let v = 0; v < n; v++) {
        const k = 1 + Math.floor(rnd() * 5);
        const popular = Math.floor(rnd() * m);
        const chosen = new Set<number>();
        for (let q = 0; q < k; q++) chosen.add(rnd() < 0.4 ? (popular + q) % m : Math.floor(rnd() * m));
        for (const c of chosen) {
          approvers[c].push(v);
          b.add(`v${v}`, `p${c}`);
        }
      }
      const B = lei(100_000 + Math.floor(rnd() * 200_000));
      const inst = toInstance(
        b.build(),
        costs.map((_, i) => `p${i}`),
        new Float64Array(costs),
      );
      const expected = naiveMes(n, costs, approvers, B);
      winnersSeen += expected.length;
      expect(equalSharesFixedBudget(inst, B).winners, `instance ${t}`).toEqual(expected);
    }
    expect(winnersSeen).toBeGreaterThan(80); // the instances do elect several projects each
  });
});
