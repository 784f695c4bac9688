/**
 * computeWinners: the campaign's rule applied per zone (or to one city-wide budget), with a decision and its
 * reason for every project.
 *
 * Common to every rule, in this order: an ineligible project never wins (`ineligible`); a project whose zone is not
 * one of the campaign's zones is reported (`unknown_zone`); vote rules skip projects without votes (`no_votes`);
 * grant_score needs a final score (`no_score`) of at least the minimum (`below_min_score`); a project that costs more
 * than its zone's whole budget (for timisoara_topup: more than budget + top-up limit) can never be funded, so it is
 * set aside (`over_zone_budget`) and does not stop a stop-at-first allocation.
 *
 * - greedy: in ranking order, fund what fits in what is left, skip what does not and go on (CONSUL's
 *   Budget::Result#calculate_winners).
 * - stop_at_first: fund in ranking order until the first project that does not fit; the rest is a reserve. A project
 *   that costs more than the zone's whole budget is skipped (`over_zone_budget`) and the allocation continues.
 * - timisoara_topup: as stop_at_first, but that first project is funded when the gap (cost − money left) is at most
 *   the top-up limit (gap = limit is funded, limit + 1 ban is not); the allocation ends there. Without a top-up
 *   the rest is a reserve.
 * - grant_score: by final score (then the tie-breaks), projects scoring at least the minimum, greedy within the budget.
 * - equal_shares: see equal-shares.ts; completion per `input.completion` (default add1 then greedy by votes).
 */
import { ADD1_STEP_BANI, buildMesInstance, equalSharesAdd1, equalSharesFixedBudget, type MesRun } from './equal-shares';
import { RuleInputError } from './errors';
import { rankProjects, type PrimaryKey } from './ranking';
import { reasonText, ruleText, tieBreakText } from './texts';
import {
  DEFAULT_TOP_UP_LIMIT,
  EQUAL_SHARES_COMPLETIONS,
  EQUAL_SHARES_UTILITIES,
  TIE_BREAK_KEYS,
  WINNER_RULES,
  type Ballots,
  type Decision,
  type EqualSharesCompletion,
  type EqualSharesUtility,
  type Reason,
  type RuleInput,
  type RuleProject,
  type RuleResult,
  type ZoneOutcome,
} from './types';

const isMoney = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function validate(input: RuleInput) {
  if (!WINNER_RULES.includes(input.rule)) throw new RuleInputError('rule', `Unknown winner rule '${String(input.rule)}'`);
  for (const k of input.tieBreak) if (!TIE_BREAK_KEYS.includes(k)) throw new RuleInputError('tieBreak', `Unknown tie-break key '${String(k)}'`);
  if (new Set(input.tieBreak).size !== input.tieBreak.length) throw new RuleInputError('tieBreak', 'A tie-break key is listed twice');
  if (!input.zones.length && !isMoney(input.totalBudget)) throw new RuleInputError('totalBudget', 'The total budget must be a whole number of bani ≥ 0');
  const zoneKeys = new Set<string>();
  for (const z of input.zones) {
    if (zoneKeys.has(z.key)) throw new RuleInputError('zones', `Zone '${z.key}' is listed twice`);
    zoneKeys.add(z.key);
    if (!isMoney(z.budget)) throw new RuleInputError('zones', `Zone '${z.key}': the budget must be a whole number of bani ≥ 0`);
  }
  if (input.topUpLimit !== undefined && !isMoney(input.topUpLimit))
    throw new RuleInputError('topUpLimit', 'The top-up limit must be a whole number of bani ≥ 0');
  if (input.minScore !== undefined && !Number.isFinite(input.minScore)) throw new RuleInputError('minScore', 'The minimum score must be a number');
  if (input.completion !== undefined && !EQUAL_SHARES_COMPLETIONS.includes(input.completion))
    throw new RuleInputError('completion', `Unknown completion '${String(input.completion)}'`);
  if (input.utility !== undefined && !EQUAL_SHARES_UTILITIES.includes(input.utility))
    throw new RuleInputError('utility', `Unknown utility '${String(input.utility)}'`);
  const ids = new Set<string>();
  for (const p of input.projects) {
    if (ids.has(p.id)) throw new RuleInputError('projects', `Project ${p.id} is listed twice`);
    ids.add(p.id);
    if (!isMoney(p.cost)) throw new RuleInputError('projects', `Project ${p.code}: the cost must be a whole number of bani ≥ 0`);
    if (!Number.isInteger(p.votes) || p.votes < 0) throw new RuleInputError('projects', `Project ${p.code}: votes must be a whole number ≥ 0`);
  }
  if (input.rule === 'equal_shares' && !input.ballots) throw new RuleInputError('ballots', 'The Method of Equal Shares needs the ballots (who voted for what)');
  if (input.ballots) {
    const b = input.ballots;
    if (b.offsets.length !== b.voterCount + 1 || b.offsets[b.voterCount] !== b.projects.length)
      throw new RuleInputError('ballots', 'Ballots: offsets do not match the voter count');
  }
}

interface Group {
  key: string | null;
  label: string;
  budget: number;
  projects: RuleProject[];
  /** false for the group of projects whose zone is unknown (nothing is allocated). */
  real: boolean;
}

interface Draft {
  project: RuleProject;
  rank: number;
  won: boolean;
  reason: Reason;
  selectionOrder?: number;
}

const reason = (code: Reason['code'], params: Reason['params'] = {}): Reason => ({ code, params });

export function computeWinners(input: RuleInput): RuleResult {
  validate(input);
  const rule = input.rule;
  const primary: PrimaryKey = rule === 'grant_score' ? 'score' : 'votes';
  const topUpLimit = input.topUpLimit ?? DEFAULT_TOP_UP_LIMIT;
  const minScore = input.minScore ?? 0;
  const completion = input.completion ?? 'add1_greedy';
  const utility = input.utility ?? 'cost';

  const groups: Group[] = [];
  if (!input.zones.length) {
    groups.push({ key: null, label: 'Buget unic / City-wide', budget: input.totalBudget, projects: [...input.projects], real: true });
  } else {
    const byKey = new Map<string, Group>();
    for (const z of input.zones) {
      const g: Group = { key: z.key, label: z.label ?? z.key, budget: z.budget, projects: [], real: true };
      byKey.set(z.key, g);
      groups.push(g);
    }
    const stray: RuleProject[] = [];
    for (const p of input.projects) {
      const g = p.zone === null ? undefined : byKey.get(p.zone);
      if (g) g.projects.push(p);
      else stray.push(p);
    }
    if (stray.length) groups.push({ key: null, label: 'Fără zonă validă / No valid zone', budget: 0, projects: stray, real: false });
  }

  const mes = rule === 'equal_shares' ? splitBallots(input.ballots as Ballots, groups) : null;

  const decisions: Decision[] = [];
  const zones: ZoneOutcome[] = [];
  groups.forEach((g, gi) => {
    const { sorted, brokenBy } = rankProjects(g.projects, primary, input.tieBreak);
    // eligible first (in ranking order), then the ineligible ones
    const ordered = [...sorted.filter((p) => p.eligible), ...sorted.filter((p) => !p.eligible)];
    const drafts: Draft[] = ordered.map((project, i) => ({ project, rank: i + 1, won: false, reason: reason('ineligible') }));
    const candidates: Draft[] = [];
    const ceiling = rule === 'timisoara_topup' ? g.budget + topUpLimit : g.budget;
    for (const d of drafts) {
      const p = d.project;
      if (!p.eligible) d.reason = reason('ineligible', p.ineligibleReason ? { reason: p.ineligibleReason } : {});
      else if (!g.real) d.reason = reason('unknown_zone', { zone: p.zone ?? '' });
      else if (rule === 'grant_score' && p.score === null) d.reason = reason('no_score');
      else if (rule === 'grant_score' && (p.score as number) < minScore) d.reason = reason('below_min_score', { score: p.score as number, minScore });
      else if (rule !== 'grant_score' && rule !== 'equal_shares' && p.votes === 0) d.reason = reason('no_votes');
      else if (p.cost > ceiling && rule !== 'equal_shares')
        d.reason = reason(
          'over_zone_budget',
          rule === 'timisoara_topup' ? { cost: p.cost, budget: g.budget, limit: topUpLimit } : { cost: p.cost, budget: g.budget },
        );
      else candidates.push(d);
    }

    let available = g.budget;
    let used = 0;
    const fund = (d: Draft, r: Reason) => {
      d.won = true;
      d.reason = r;
      used += d.project.cost;
      available -= d.project.cost;
    };
    if (g.real) {
      if (rule === 'greedy' || rule === 'grant_score') {
        for (const d of candidates) {
          const cost = d.project.cost;
          if (cost <= available)
            fund(
              d,
              rule === 'greedy'
                ? reason('funded', { cost, available })
                : reason('funded_score', { cost, available, score: d.project.score as number, minScore }),
            );
          else d.reason = reason('over_remaining', { cost, available });
        }
      } else if (rule === 'stop_at_first' || rule === 'timisoara_topup') {
        let stoppedAt: string | null = null;
        for (const d of candidates) {
          const cost = d.project.cost;
          if (stoppedAt !== null) d.reason = reason('after_stop', { stoppedAt });
          else if (cost <= available) fund(d, reason('funded', { cost, available }));
          else {
            const gap = cost - available;
            if (rule === 'timisoara_topup' && gap <= topUpLimit) fund(d, reason('funded_top_up', { cost, available, gap, limit: topUpLimit }));
            else d.reason = reason('stop_first_unfit', rule === 'timisoara_topup' ? { cost, available, gap, limit: topUpLimit } : { cost, available });
            stoppedAt = d.project.code;
          }
        }
      } else if (mes) {
        const r = allocateEqualShares(g, gi, candidates, mes, completion, utility);
        used = r.used;
        available = g.budget - used;
      }
    }

    const budget = g.real ? g.budget : 0;
    const topUp = Math.max(0, used - budget);
    const remaining = Math.max(0, budget - used);
    zones.push({
      key: g.key,
      label: g.label,
      budget,
      used,
      remaining,
      reserve: g.real && (rule === 'stop_at_first' || rule === 'timisoara_topup') ? remaining : 0,
      topUp,
      winners: drafts.filter((d) => d.won).length,
      projects: drafts.length,
    });
    for (const d of drafts) {
      const dec: Decision = {
        projectId: d.project.id,
        rank: d.rank,
        won: d.won,
        funded: d.won ? d.project.cost : 0,
        zone: d.project.zone,
        reason: d.reason,
        text: reasonText(d.reason),
      };
      const tb = brokenBy.get(d.project.id);
      if (tb && d.project.eligible) dec.tieBrokenBy = tb;
      if (d.selectionOrder) dec.selectionOrder = d.selectionOrder;
      decisions.push(dec);
    }
  });

  const real = zones.filter((z, i) => groups[i].real);
  const sum = (f: (z: ZoneOutcome) => number) => real.reduce((a, z) => a + f(z), 0);
  return {
    rule,
    ruleText: ruleText(rule, { topUpLimit, minScore, completion, utility }),
    tieBreak: [...input.tieBreak],
    tieBreakText: tieBreakText(primary, input.tieBreak),
    ...(rule === 'equal_shares' ? { completion, utility } : {}),
    decisions,
    zones,
    totals: {
      budget: sum((z) => z.budget),
      used: sum((z) => z.used),
      remaining: sum((z) => z.remaining),
      reserve: sum((z) => z.reserve),
      topUp: sum((z) => z.topUp),
      winners: sum((z) => z.winners),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Equal Shares per zone

interface SplitBallots {
  /** per group: voter CSR over the group's project list (index into group.projects) */
  voterOffsets: Int32Array[];
  voterProjects: Int32Array[];
}

/** Each voter's approvals split by zone and mapped to the zone's project index (two passes over typed arrays); repeats dropped. */
function splitBallots(b: Ballots, groups: Group[]): SplitBallots {
  const where = new Map<string, [number, number]>();
  groups.forEach((g, gi) => g.projects.forEach((p, li) => p.eligible && g.real && where.set(p.id, [gi, li])));
  const gOf = new Int32Array(b.projectIds.length).fill(-1);
  const lOf = new Int32Array(b.projectIds.length);
  b.projectIds.forEach((id, i) => {
    const w = where.get(id);
    if (w) [gOf[i], lOf[i]] = w;
  });
  const G = groups.length;
  const voters = new Int32Array(G);
  const items = new Int32Array(G);
  const last = new Int32Array(G).fill(-1);
  const { offsets, projects } = b;
  for (let v = 0; v < b.voterCount; v++) {
    for (let j = offsets[v]; j < offsets[v + 1]; j++) {
      const gi = gOf[projects[j]];
      if (gi < 0) continue;
      items[gi]++;
      if (last[gi] !== v) {
        last[gi] = v;
        voters[gi]++;
      }
    }
  }
  const vOff = Array.from({ length: G }, (_, gi) => new Int32Array(voters[gi] + 1));
  const vItems = Array.from({ length: G }, (_, gi) => new Int32Array(items[gi]));
  const w = new Int32Array(G);
  const nv = new Int32Array(G);
  last.fill(-1);
  for (let v = 0; v < b.voterCount; v++) {
    for (let j = offsets[v]; j < offsets[v + 1]; j++) {
      const gi = gOf[projects[j]];
      if (gi < 0) continue;
      const li = lOf[projects[j]];
      const list = vItems[gi];
      if (last[gi] !== v) {
        last[gi] = v;
        nv[gi]++;
      } else {
        let dup = false;
        for (let q = vOff[gi][nv[gi] - 1]; q < w[gi]; q++) if (list[q] === li) dup = true;
        if (dup) continue;
      }
      list[w[gi]++] = li;
      vOff[gi][nv[gi]] = w[gi];
    }
  }
  return { voterOffsets: vOff, voterProjects: vItems.map((list, gi) => list.subarray(0, w[gi])) };
}

function allocateEqualShares(
  g: Group,
  gi: number,
  candidates: Draft[],
  split: SplitBallots,
  completion: EqualSharesCompletion,
  utility: EqualSharesUtility,
): { used: number } {
  // MES runs over every eligible project of the zone that has supporters (as the published definition runs over all
  // projects on the ballot); what costs more than the zone can never be part of an outcome that fits.
  const localOf = new Map<string, number>();
  g.projects.forEach((p, i) => localOf.set(p.id, i));
  const costs = new Float64Array(g.projects.length);
  const rankPos = new Int32Array(g.projects.length).fill(1 << 30);
  g.projects.forEach((p, i) => (costs[i] = p.eligible ? p.cost : 0));
  candidates.forEach((d, pos) => (rankPos[localOf.get(d.project.id) as number] = pos));
  const inst = buildMesInstance(costs, rankPos, split.voterOffsets[gi], split.voterProjects[gi]);
  const supportersOf = (i: number) => inst.supporters[i];

  let run: MesRun;
  if (completion === 'add1' || completion === 'add1_greedy') run = equalSharesAdd1(inst, g.budget, utility).run;
  else run = equalSharesFixedBudget(inst, g.budget, utility);

  const draftOf = new Map<number, Draft>();
  for (const d of candidates) draftOf.set(localOf.get(d.project.id) as number, d);
  let used = 0;
  run.winners.forEach((w, k) => {
    const d = draftOf.get(w);
    if (!d) return; // cannot happen: a winner of an outcome that fits is a candidate
    d.won = true;
    d.selectionOrder = k + 1;
    d.reason = reason('funded_equal_shares', { cost: d.project.cost, supporters: run.paid[k].supporters, maxShare: Math.round(run.paid[k].maxShare) });
    used += d.project.cost;
  });
  let order = run.winners.length;
  const greedy = completion === 'greedy' || completion === 'add1_greedy';
  for (const d of candidates) {
    if (d.won) continue;
    const li = localOf.get(d.project.id) as number;
    const cost = d.project.cost;
    if (supportersOf(li) === 0) d.reason = reason('no_votes');
    else if (cost > g.budget) d.reason = reason('over_zone_budget', { cost, budget: g.budget });
    else if (greedy) {
      const available = g.budget - used;
      if (cost <= available) {
        d.won = true;
        d.selectionOrder = ++order;
        d.reason = reason('funded_completion', { cost, available });
        used += cost;
      } else d.reason = reason('over_remaining', { cost, available });
    } else d.reason = reason('equal_shares_unaffordable', { cost, supportersMoney: Math.round(run.moneyBehind[li]) });
  }
  return { used };
}

export { ADD1_STEP_BANI };
