import { describe, expect, it } from 'vitest';
import type { RiskHeatCounts } from '../../electron/contract';
import { heatMap } from '../../renderer/src/features/risks/heatmap';

/** Counts as `risks.overview` gives them: counts[probability - 1][impact - 1]. */
const counts = (cells: Array<[number, number, number]>, unassessed = 0, map: 'inherent' | 'residual' = 'inherent'): RiskHeatCounts => {
  const c = [1, 2, 3, 4, 5].map(() => [0, 0, 0, 0, 0]);
  for (const [p, i, n] of cells) c[p - 1][i - 1] = n;
  return { map, counts: c, total: cells.reduce((s, x) => s + x[2], 0), unassessed };
};

describe('risk heat maps', () => {
  it('lays the counts out by probability (rows, 5 at the top) and impact (columns, 1 at the left)', () => {
    const m = heatMap(
      counts([
        [4, 5, 2],
        [1, 1, 1],
      ]),
      12,
    );
    expect(m.rows).toHaveLength(5);
    expect(m.rows.every((row) => row.length === 5)).toBe(true);
    expect(m.rows[0][0]).toMatchObject({ probability: 5, impact: 1, count: 0 });
    // P4 × I5 → second row, last column.
    expect(m.rows[1][4]).toMatchObject({ probability: 4, impact: 5, exposure: 20, level: 'very_high', aboveTolerance: true, count: 2 });
    expect(m.rows[4][0]).toMatchObject({ probability: 1, impact: 1, exposure: 1, level: 'low', count: 1 });
    expect(m).toMatchObject({ kind: 'inherent', total: 3, unassessed: 0 });
    expect(m.rows.flat().reduce((n, c) => n + c.count, 0)).toBe(3);
  });

  it('keeps the residual map and its open risks not yet assessed', () => {
    const m = heatMap(counts([[2, 3, 1]], 4, 'residual'), 12);
    expect(m.rows[3][2]).toMatchObject({ probability: 2, impact: 3, exposure: 6, level: 'medium', aboveTolerance: false, count: 1 });
    expect(m).toMatchObject({ kind: 'residual', total: 1, unassessed: 4 });
  });

  it('marks the cells above the tolerance limit and bands exposure 1–4 low, 5–9 medium, 10–15 high, 16–25 very high', () => {
    const m = heatMap(counts([]), 9);
    const cell = (p: number, i: number) => m.rows[5 - p][i - 1];
    expect([cell(2, 2).level, cell(1, 5).level, cell(3, 3).level, cell(2, 5).level, cell(3, 5).level, cell(4, 4).level]).toEqual([
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'very_high',
    ]);
    expect([cell(3, 3).aboveTolerance, cell(2, 5).aboveTolerance]).toEqual([false, true]);
  });
});
