import { riskLevel, type HeatMapKind, type RiskHeatCounts, type RiskLevel } from '../../../../electron/contract';

/**
 * Shaping of the 5×5 heat maps (probability × impact) for the screen, kept pure so it is tested without a
 * browser. The counts come from `risks.overview` (SQL); a cell's risks from `risks.list` with its `heat` filter.
 */

export interface HeatCell {
  probability: number;
  impact: number;
  exposure: number;
  level: RiskLevel;
  aboveTolerance: boolean;
  /** Open risks in the cell. */
  count: number;
}

export interface HeatMap {
  kind: HeatMapKind;
  /** Rows from probability 5 (top) to 1; in each row, impact 1 to 5 (left to right). */
  rows: HeatCell[][];
  /** Risks counted in the map. */
  total: number;
  /** Open risks left out of the residual map because their residual score is not assessed yet. */
  unassessed: number;
}

/** The grid of a map's counts (`counts[p - 1][i - 1]`), each cell with its exposure, band and tolerance flag. */
export function heatMap(m: RiskHeatCounts, toleranceLimit: number): HeatMap {
  const rows: HeatCell[][] = [];
  for (let p = 5; p >= 1; p--) {
    const row: HeatCell[] = [];
    for (let i = 1; i <= 5; i++)
      row.push({
        probability: p,
        impact: i,
        exposure: p * i,
        level: riskLevel(p * i),
        aboveTolerance: p * i > toleranceLimit,
        count: m.counts[p - 1]?.[i - 1] ?? 0,
      });
    rows.push(row);
  }
  return { kind: m.map, rows, total: m.total, unassessed: m.unassessed };
}
