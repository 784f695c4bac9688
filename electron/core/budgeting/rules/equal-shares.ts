/**
 * Method of Equal Shares for approval ballots, as published at equalshares.net (explanation, "Completion") and in its
 * reference implementation (equalshares-compute-tool, methodOfEqualSharesWorker.js; the same rule as pabutools'
 * `method_of_equal_shares`):
 *
 *  1. the budget is split equally between the zone's voters;
 *  2. a project whose supporters together hold less than its cost is dropped;
 *  3. of the others, the one with the highest effective vote count wins (its cost split as equally as possible
 *     between its supporters: the ones who cannot pay the equal part pay all they have left); repeat.
 *
 * Ties on the effective vote count go to the project ranked higher by the campaign's order (votes, then the campaign's
 * tie-breaks). Completion "add1" (pabutools' `voter_budget_increment=1`): rerun with every voter's share raised by
 * 1 leu (100 bani) at a time, keeping the last outcome that still fits the real budget, and stopping as soon as the
 * outcome is exhaustive (no other candidate fits what is left) or the next step would overspend (see equalSharesAdd1).
 *
 * Speed: voters who approved the same set of winners always hold the same money (they paid the same parts), so
 * voters are kept in classes that share one budget, and each project keeps how many of its supporters are in each
 * class. An effective vote count is then computed over a handful of classes instead of sorting thousands of
 * supporters' budgets; choosing a winner moves its supporters to their next class (work ∝ their ballot lengths).
 * Floating point, with a relative tolerance of 1e-9 on affordability and ties.
 */

import type { EqualSharesUtility } from './types';

const EPS = 1e-9;
/** add1 step: 1 leu per voter, in bani. */
export const ADD1_STEP_BANI = 100;
const MAX_ADD1_STEPS = 200_000;

/**
 * One zone's instance in local indices. Voters with the same approvals are interchangeable in the method, so they
 * are kept once as a ballot type with a weight (how many voters cast it).
 */
export interface MesInstance {
  /** Cost (bani) per local project. */
  costs: Float64Array;
  /** Position in the campaign's ranking per local project (lower = ranked higher); breaks ties. */
  rankPos: Int32Array;
  /** Number of voters (sum of the weights): the budget is split between them. */
  voterCount: number;
  /** Number of distinct ballots. */
  typeCount: number;
  weights: Int32Array;
  /** CSR project → ballot types approving it. */
  approverOffsets: Int32Array;
  approvers: Int32Array;
  /** Supporters per project (weighted). */
  supporters: Int32Array;
  /** CSR ballot type → approved local projects. */
  voterOffsets: Int32Array;
  voterProjects: Int32Array;
  /** scratch: class of each ballot type during a run */
  cls: Int32Array;
}

export interface MesRun {
  /** Local project indices in the order they won. */
  winners: number[];
  /** For each winner (same order): supporters who paid something, and the largest part one of them paid (bani). */
  paid: { supporters: number; maxShare: number }[];
  /** Per local project: the money its supporters still held at the end (bani). */
  moneyBehind: Float64Array;
  totalCost: number;
}

/** Build the instance from per-voter approvals already mapped to local project indices (no repeats within a voter). */
export function buildMesInstance(costs: Float64Array, rankPos: Int32Array, voterOffsets: Int32Array, voterProjects: Int32Array): MesInstance {
  const p = costs.length;
  const voterCount = voterOffsets.length - 1;
  // merge identical ballots
  const typeOf = new Map<string, number>();
  const tOff: number[] = [0];
  const tItems: number[] = [];
  const w: number[] = [];
  let tmp = new Int32Array(16);
  for (let v = 0; v < voterCount; v++) {
    const len = voterOffsets[v + 1] - voterOffsets[v];
    if (len > tmp.length) tmp = new Int32Array(len * 2);
    // insertion sort (ballots are short), then a key of one character per project (a comma list for zones of 65,535+ projects)
    let key = '';
    for (let k = 0; k < len; k++) {
      const x = voterProjects[voterOffsets[v] + k];
      let i = k;
      while (i > 0 && tmp[i - 1] > x) {
        tmp[i] = tmp[i - 1];
        i--;
      }
      tmp[i] = x;
    }
    if (p < 0xffff) for (let k = 0; k < len; k++) key += String.fromCharCode(tmp[k] + 1);
    else key = tmp.subarray(0, len).join(',');
    const t = typeOf.get(key);
    if (t !== undefined) w[t]++;
    else {
      typeOf.set(key, w.length);
      w.push(1);
      for (let k = 0; k < len; k++) tItems.push(tmp[k]);
      tOff.push(tItems.length);
    }
  }
  const typeCount = w.length;
  const weights = Int32Array.from(w);
  const tOffsets = Int32Array.from(tOff);
  const tProjects = Int32Array.from(tItems);
  const counts = new Int32Array(p + 1);
  const supporters = new Int32Array(p);
  for (let t = 0; t < typeCount; t++)
    for (let j = tOffsets[t]; j < tOffsets[t + 1]; j++) {
      counts[tProjects[j] + 1]++;
      supporters[tProjects[j]] += weights[t];
    }
  for (let c = 0; c < p; c++) counts[c + 1] += counts[c];
  const approverOffsets = counts.slice();
  const approvers = new Int32Array(tProjects.length);
  const fill = counts.subarray(0, p).slice();
  for (let t = 0; t < typeCount; t++) for (let j = tOffsets[t]; j < tOffsets[t + 1]; j++) approvers[fill[tProjects[j]]++] = t;
  return {
    costs,
    rankPos,
    voterCount,
    typeCount,
    weights,
    approverOffsets,
    approvers,
    supporters,
    voterOffsets: tOffsets,
    voterProjects: tProjects,
    cls: new Int32Array(typeCount),
  };
}

/**
 * Equal Shares with a fixed total budget (bani) split equally between the instance's voters.
 * `utility`: 'cost' (default; equalshares.net, pabutools `Cost_Sat`): the project with the highest effective vote
 * count cost / maxPayment wins; 'approval' (pabutools `Cardinality_Sat`): every approved project is worth 1 to its
 * supporters, so the project whose supporters pay the least each (the lowest maxPayment) wins.
 */
export function equalSharesFixedBudget(inst: MesInstance, budget: number, utility: EqualSharesUtility = 'cost'): MesRun {
  const { costs, rankPos, voterCount: n, weights, approverOffsets, approvers, supporters: supportersOf, voterOffsets, voterProjects, cls } = inst;
  const p = costs.length;
  const moneyBehind = new Float64Array(p);
  if (n === 0) return { winners: [], paid: [], moneyBehind, totalCost: 0 };

  // Voter classes: class 0 = untouched (budget/n); classes are added as winners move supporters on.
  cls.fill(0);
  const classBudget: number[] = [budget / n];
  let transition = new Int32Array(64); // old class → new class, for the winner being charged
  let zeroClass = -1;
  // Per project × class: how many of the project's supporters are in that class (dense, grown by doubling).
  let cap = 64;
  let perClass = new Int32Array(p * cap);
  const newClass = (budgetLeft: number) => {
    const id = classBudget.length;
    classBudget.push(budgetLeft);
    if (id >= cap) {
      const grown = new Int32Array(p * cap * 2);
      for (let c = 0; c < p; c++) grown.set(perClass.subarray(c * cap, c * cap + cap), c * cap * 2);
      perClass = grown;
      cap *= 2;
    }
    return id;
  };
  const prevEff = new Float64Array(p);
  const alive = new Uint8Array(p);
  let remaining: number[] = [];
  for (let c = 0; c < p; c++) {
    const k = supportersOf[c];
    perClass[c * cap] = k;
    if (costs[c] > 0 && k > 0) {
      alive[c] = 1;
      // an upper bound of the key: supporters only lose money, so maxPayment only grows from cost / k
      prevEff[c] = utility === 'cost' ? k : k / costs[c];
      remaining.push(c);
    }
  }

  const groupsB: number[] = [];
  const groupsN: number[] = [];
  const order: number[] = [];
  const winners: number[] = [];
  const paid: { supporters: number; maxShare: number }[] = [];
  let totalCost = 0;

  for (;;) {
    remaining = remaining.filter((c) => alive[c]);
    remaining.sort((a, b) => prevEff[b] - prevEff[a] || rankPos[a] - rankPos[b]);
    let best = -1;
    let bestEff = 0;
    for (const c of remaining) {
      if (prevEff[c] < bestEff * (1 - EPS)) break; // effective vote counts only fall: c cannot beat the best
      const cost = costs[c];
      // the supporters' classes that still hold money
      groupsB.length = 0;
      groupsN.length = 0;
      let money = 0;
      const row = c * cap;
      for (let k = 0; k < classBudget.length; k++) {
        const cnt = perClass[row + k];
        const b = classBudget[k];
        if (cnt > 0 && b > 0) {
          groupsB.push(b);
          groupsN.push(cnt);
          money += b * cnt;
        }
      }
      if (money < cost * (1 - EPS)) {
        alive[c] = 0; // not affordable, now or later
        continue;
      }
      order.length = groupsB.length;
      for (let i = 0; i < order.length; i++) order[i] = i;
      order.sort((x, y) => groupsB[x] - groupsB[y]);
      let denominator = 0;
      for (let i = 0; i < groupsN.length; i++) denominator += groupsN[i];
      let paidSoFar = 0;
      let eff = 0;
      for (const g of order) {
        const maxPayment = (cost - paidSoFar) / denominator;
        if (maxPayment > groupsB[g] * (1 + EPS)) {
          paidSoFar += groupsB[g] * groupsN[g];
          denominator -= groupsN[g];
          if (denominator <= 0) break;
        } else {
          eff = utility === 'cost' ? cost / maxPayment : 1 / maxPayment;
          break;
        }
      }
      if (eff <= 0) {
        alive[c] = 0;
        continue;
      }
      prevEff[c] = eff;
      // highest effective vote count; equal ones (within the tolerance) go to the higher-ranked project
      if (best < 0 || eff > bestEff * (1 + EPS) || (eff >= bestEff * (1 - EPS) && rankPos[c] < rankPos[best])) {
        best = c;
        bestEff = eff;
      }
    }
    if (best < 0) break;

    // Charge the winner's supporters: everyone pays maxPayment, or all they have left.
    const maxPayment = utility === 'cost' ? costs[best] / bestEff : 1 / bestEff;
    let supporters = 0;
    if (transition.length < classBudget.length) transition = new Int32Array(classBudget.length * 2);
    transition.fill(-1, 0, classBudget.length);
    const classesBefore = classBudget.length;
    for (let j = approverOffsets[best]; j < approverOffsets[best + 1]; j++) {
      const v = approvers[j];
      const old = cls[v];
      const b = classBudget[old];
      if (b <= 0) continue;
      const wv = weights[v];
      supporters += wv;
      let next = old < classesBefore ? transition[old] : -1;
      if (next < 0) {
        const nb = b > maxPayment ? b - maxPayment : 0;
        if (nb === 0) {
          if (zeroClass < 0) zeroClass = newClass(0);
          next = zeroClass;
        } else next = newClass(nb);
        transition[old] = next;
      }
      cls[v] = next;
      for (let q = voterOffsets[v]; q < voterOffsets[v + 1]; q++) {
        const row = voterProjects[q] * cap;
        perClass[row + old] -= wv;
        perClass[row + next] += wv;
      }
    }
    winners.push(best);
    paid.push({ supporters, maxShare: maxPayment });
    totalCost += costs[best];
    alive[best] = 0;
  }

  for (let c = 0; c < p; c++) {
    let money = 0;
    for (let k = 0; k < classBudget.length; k++) money += classBudget[k] * perClass[c * cap + k];
    moneyBehind[c] = money;
  }
  return { winners, paid, moneyBehind, totalCost };
}

/**
 * add1 completion, as pabutools 1.2.x computes it (`method_of_equal_shares(..., voter_budget_increment=1)`,
 * pabutools/rules/mes/mes_rule.py `method_of_equal_shares_scheme`), with which the app agreed in 8 of 8 zones: each
 * voter's share starts at budget / n exactly (not rounded) and rises by ADD1_STEP_BANI (1 leu) at a time; after each
 * run, an outcome that overspends the real budget ends the loop with the previous outcome, and an outcome that is
 * exhaustive (no unfunded project with supporters and a cost fits what is left) is kept and ends it.
 * pabulib-checker's `equalshares/add1` verification starts from floor(budget / n) whole units and does not stop at
 * the first exhaustive outcome, so on some instances it expects other winners (see tests/unit/pabulib-checker.ts).
 * Returns that run and the virtual budget it used.
 */
export function equalSharesAdd1(
  inst: MesInstance,
  budget: number,
  utility: EqualSharesUtility = 'cost',
): { run: MesRun; virtualBudget: number; steps: number } {
  let run = equalSharesFixedBudget(inst, budget, utility);
  let virtualBudget = budget;
  let steps = 0;
  const n = inst.voterCount;
  if (n === 0) return { run, virtualBudget, steps };
  const won = new Uint8Array(inst.costs.length);
  for (;;) {
    won.fill(0);
    for (const w of run.winners) won[w] = 1;
    let exhaustive = true;
    for (let c = 0; c < inst.costs.length; c++) {
      if (!won[c] && inst.supporters[c] > 0 && inst.costs[c] > 0 && run.totalCost + inst.costs[c] <= budget) {
        exhaustive = false;
        break;
      }
    }
    if (exhaustive || steps >= MAX_ADD1_STEPS) break;
    const next = virtualBudget + n * ADD1_STEP_BANI;
    const nextRun = equalSharesFixedBudget(inst, next, utility);
    if (nextRun.totalCost > budget) break;
    run = nextRun;
    virtualBudget = next;
    steps++;
  }
  return { run, virtualBudget, steps };
}
