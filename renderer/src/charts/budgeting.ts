import type { CampaignResults } from '../../../electron/contract';
import { moneyTicks } from './ticks';

/**
 * A budgeting campaign's results as one chart per zone (pure; drawn by features/budgeting/ResultsChart.tsx):
 * the zone's projects in ranking order, each a bar as long as its cost that starts where the cost of the funded
 * projects ranked above it ends — funded ones stack up under the budget line, one that does not fit runs past
 * it. Tested in tests/unit/renderer-chart-budgeting.test.ts.
 */

export interface ResultBar {
  proposalId: string;
  code: string;
  title: string;
  rank: number;
  votes: number;
  /** Bani. */
  cost: number;
  won: boolean;
  /** Where the bar starts (bani): the cost of the funded projects ranked above it. */
  start: number;
}

export interface ZoneChart {
  key: string;
  zoneCode: string | null;
  label: string;
  budget: number;
  used: number;
  votes: number;
  funded: number;
  notFunded: number;
  bars: ResultBar[];
  /** Projects of the zone left out of the chart (beyond `limit`), still in the table. */
  hidden: number;
  /** Money axis (bani), round amounts of lei, from 0 past both the budget and the longest bar. */
  ticks: number[];
}

export function resultsByZone(r: Pick<CampaignResults, 'projects' | 'zones'>, limit = 20): ZoneChart[] {
  return r.zones.map((z) => {
    const projects = r.projects.filter((p) => (p.zoneCode ?? null) === (z.zoneCode ?? null)).sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
    let fundedSoFar = 0;
    const all: ResultBar[] = projects.map((p) => {
      const bar = { proposalId: p.proposalId, code: p.code, title: p.title, rank: p.rank, votes: p.votes, cost: p.cost, won: p.won, start: fundedSoFar };
      if (p.won) fundedSoFar += p.cost;
      return bar;
    });
    const bars = all.slice(0, limit);
    const reach = Math.max(z.budget, ...bars.map((b) => b.start + b.cost), 0);
    return {
      key: z.zoneCode ?? 'city',
      zoneCode: z.zoneCode,
      label: z.label,
      budget: z.budget,
      used: z.used,
      votes: projects.reduce((n, p) => n + p.votes, 0),
      funded: projects.filter((p) => p.won).length,
      notFunded: projects.filter((p) => !p.won).length,
      bars,
      hidden: all.length - bars.length,
      ticks: moneyTicks(reach),
    };
  });
}
