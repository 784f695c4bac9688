import { describe, expect, it } from 'vitest';
import { cellRisks, heatMap } from '../../renderer/src/features/risks/heatmap';

const r = (id: string, ip: number, ii: number, rp: number | null = null, ri: number | null = null, status: 'open' | 'closed' = 'open') => ({
  id,
  status,
  inherentProbability: ip,
  inherentImpact: ii,
  residualProbability: rp,
  residualImpact: ri,
});

describe('risk heat maps', () => {
  const risks = [r('a', 4, 5, 2, 3), r('b', 4, 5), r('c', 1, 1, 1, 1), r('d', 5, 5, 5, 5, 'closed')];

  it('places open risks by inherent probability (rows, 5 at the top) and impact (columns, 1 at the left)', () => {
    const m = heatMap(risks, 'inherent', 12);
    expect(m.rows).toHaveLength(5);
    expect(m.rows.every((row) => row.length === 5)).toBe(true);
    expect(m.rows[0][0]).toMatchObject({ probability: 5, impact: 1 });
    // P4 × I5 → second row, last column.
    expect(m.rows[1][4]).toMatchObject({ probability: 4, impact: 5, exposure: 20, level: 'very_high', aboveTolerance: true, riskIds: ['a', 'b'] });
    expect(m.rows[4][0]).toMatchObject({ probability: 1, impact: 1, exposure: 1, level: 'low', riskIds: ['c'] });
    expect(m.total).toBe(3); // the closed risk is not on the map
    expect(m.rows.flat().reduce((n, c) => n + c.riskIds.length, 0)).toBe(3);
  });

  it('places residual scores and counts open risks not yet assessed', () => {
    const m = heatMap(risks, 'residual', 12);
    expect(m.rows[3][2]).toMatchObject({ probability: 2, impact: 3, exposure: 6, level: 'medium', aboveTolerance: false, riskIds: ['a'] });
    expect(m).toMatchObject({ total: 2, unassessed: 1 });
  });

  it('marks the cells above the tolerance limit and bands exposure 1–4 low, 5–9 medium, 10–15 high, 16–25 very high', () => {
    const m = heatMap([], 'inherent', 9);
    const cell = (p: number, i: number) => m.rows[5 - p][i - 1];
    expect([cell(2, 2).level, cell(1, 5).level, cell(3, 3).level, cell(2, 5).level, cell(3, 5).level, cell(4, 4).level]).toEqual(['low', 'medium', 'medium', 'high', 'high', 'very_high']);
    expect([cell(3, 3).aboveTolerance, cell(2, 5).aboveTolerance]).toEqual([false, true]);
  });

  it('lists the risks of a clicked cell in register order', () => {
    const m = heatMap(risks, 'inherent', 12);
    expect(cellRisks(risks, m.rows[1][4]).map((x) => x.id)).toEqual(['a', 'b']);
    expect(cellRisks(risks, null)).toEqual([]);
  });
});
