import { riskLevel, type RiskLevel, type RiskListItem } from '../../../../electron/contract';

/** Data shaping of the 5×5 heat maps (probability × impact), kept pure so it is tested without a browser. */

export interface HeatCell {
  probability: number;
  impact: number;
  exposure: number;
  level: RiskLevel;
  aboveTolerance: boolean;
  riskIds: string[];
}

export interface HeatMap {
  kind: 'inherent' | 'residual';
  /** Rows from probability 5 (top) to 1; in each row, impact 1 to 5 (left to right). */
  rows: HeatCell[][];
  /** Risks counted in the map. */
  total: number;
  /** Open risks left out of the residual map because their residual score is not assessed yet. */
  unassessed: number;
}

type HeatRisk = Pick<RiskListItem, 'id' | 'status' | 'inherentProbability' | 'inherentImpact' | 'residualProbability' | 'residualImpact'>;

/** Open risks by inherent or residual probability × impact; closed risks are not on the map. */
export function heatMap(risks: readonly HeatRisk[], kind: 'inherent' | 'residual', toleranceLimit: number): HeatMap {
  const grid: HeatCell[][] = [];
  for (let p = 5; p >= 1; p--) {
    const row: HeatCell[] = [];
    for (let i = 1; i <= 5; i++) row.push({ probability: p, impact: i, exposure: p * i, level: riskLevel(p * i), aboveTolerance: p * i > toleranceLimit, riskIds: [] });
    grid.push(row);
  }
  let total = 0;
  let unassessed = 0;
  for (const r of risks) {
    if (r.status === 'closed') continue;
    const p = kind === 'inherent' ? r.inherentProbability : r.residualProbability;
    const i = kind === 'inherent' ? r.inherentImpact : r.residualImpact;
    if (p == null || i == null) {
      unassessed++;
      continue;
    }
    grid[5 - p][i - 1].riskIds.push(r.id);
    total++;
  }
  return { kind, rows: grid, total, unassessed };
}

/** The risks of one cell, in the order of the register. */
export function cellRisks<T extends { id: string }>(risks: readonly T[], cell: HeatCell | null): T[] {
  if (!cell) return [];
  const ids = new Set(cell.riskIds);
  return risks.filter((r) => ids.has(r.id));
}
