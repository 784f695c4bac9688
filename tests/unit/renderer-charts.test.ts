import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../electron/contract';
import { commitmentBars, compareCodes, indicatorBars, ragCounts, timeline } from '../../renderer/src/charts/dashboard';
import { buildCodeTree } from '../../renderer/src/charts/tree';
import { measurementSeries, yMax } from '../../renderer/src/charts/measurements';
import { RAG_COLORS } from '../../renderer/src/charts/rag';

type Ind = Dashboard['indicators'][number];
type Tl = Dashboard['timeline'][number];

const ind = (over: Partial<Ind>): Ind => ({
  id: over.code ?? 'x',
  code: 'I1.1',
  name: 'n',
  commitmentCode: 'A1',
  type: 'cumulative',
  unit: '',
  value: null,
  target: 50,
  percentOfTarget: null,
  rag: 'no_data',
  lastDate: null,
  ...over,
});

const act = (over: Partial<Tl>): Tl => ({
  id: over.code ?? 'a',
  code: 'A1.1',
  title: 't',
  commitmentCode: 'A1',
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  progress: 0,
  status: 'not_started',
  rag: 'not_started',
  ...over,
});

describe('compareCodes', () => {
  it('orders hierarchical codes naturally', () => {
    const codes = ['A1.10', 'A2', 'A1.2.1', 'A1', 'A1.2', 'A1.9', 'I1.10', 'I1.2'];
    expect([...codes].sort(compareCodes)).toEqual(['A1', 'A1.2', 'A1.2.1', 'A1.9', 'A1.10', 'A2', 'I1.2', 'I1.10']);
  });
});

describe('commitmentBars', () => {
  it('sorts by code, clamps to 0–100 and computes the gap to expected', () => {
    const bars = commitmentBars({
      commitments: [
        { id: '2', code: 'A2', title: 'B', progress: 40, expectedProgress: 70, rag: 'at_risk', completion: null, startDate: null, endDate: null },
        { id: '1', code: 'A1', title: 'A', progress: 120, expectedProgress: -5, rag: 'complete', completion: null, startDate: null, endDate: null },
      ],
    });
    expect(bars.map((b) => b.code)).toEqual(['A1', 'A2']);
    expect(bars[0]).toMatchObject({ actual: 100, expected: 0, gap: 100, color: RAG_COLORS.complete });
    expect(bars[1]).toMatchObject({ actual: 40, expected: 70, gap: -30, color: RAG_COLORS.at_risk });
  });
});

describe('indicatorBars', () => {
  it('shows 12 of 50 as 24 % of target', () => {
    const [b] = indicatorBars({ indicators: [ind({ value: 12, target: 50, percentOfTarget: 24, rag: 'at_risk' })] });
    expect(b).toMatchObject({ value: 12, target: 50, percent: 24, barPercent: 24, color: RAG_COLORS.at_risk });
  });

  it('shows the % of target core computed — never a second computation of its own — caps the bar at 100, keeps nulls as no data', () => {
    const bars = indicatorBars({
      indicators: [
        ind({ code: 'I1.2', value: 30, target: 20, percentOfTarget: 150 }),
        ind({ code: 'I1.1', value: null, percentOfTarget: null }),
        // A value the server did not turn into a % of target (e.g. no denominator) stays without one here too.
        ind({ code: 'I1.3', value: 5, target: 10, percentOfTarget: null }),
        ind({ code: 'I1.4', value: 1, target: 3, percentOfTarget: 100 / 3 }),
      ],
    });
    expect(bars.map((b) => b.code)).toEqual(['I1.1', 'I1.2', 'I1.3', 'I1.4']);
    expect(bars[0]).toMatchObject({ percent: null, barPercent: 0, color: RAG_COLORS.no_data });
    expect(bars[1]).toMatchObject({ percent: 150, barPercent: 100 });
    expect(bars[2]).toMatchObject({ percent: null, barPercent: 0 });
    // Unrounded: the text is rounded once, at display, by formatFigurePercent (33,3 %).
    expect(bars[3].percent).toBe(100 / 3);
  });

  it('sorts by commitment first, then by code', () => {
    const bars = indicatorBars({ indicators: [ind({ code: 'I2.1', commitmentCode: 'A2' }), ind({ code: 'I1.10' }), ind({ code: 'I1.2' })] });
    expect(bars.map((b) => b.code)).toEqual(['I1.2', 'I1.10', 'I2.1']);
  });
});

describe('timeline', () => {
  it('places planned bars, the done part and today on one axis', () => {
    const tl = timeline({
      today: '2022-07-01',
      timeline: [
        act({ code: 'A1.2', plannedStart: '2022-01-01', plannedEnd: '2022-12-31', progress: 50 }),
        act({ code: 'A1.1', plannedStart: '2022-01-01', plannedEnd: '2023-12-31' }),
        act({ code: 'A1.2.1', plannedStart: null, plannedEnd: null }),
      ],
    });
    expect(tl.start).toBe('2022-01-01');
    expect(tl.end).toBe('2023-12-31');
    expect(tl.rows.map((r) => r.code)).toEqual(['A1.1', 'A1.2', 'A1.2.1']);
    expect(tl.rows[0]).toMatchObject({ plannedOffset: 0, plannedWidth: 100, depth: 0 });
    expect(tl.rows[1].plannedOffset).toBe(0);
    expect(tl.rows[1].plannedWidth).toBeCloseTo(49.9, 0);
    expect(tl.rows[1].doneWidth).toBeCloseTo(25, 0);
    expect(tl.rows[2]).toMatchObject({ plannedOffset: null, depth: 1 });
    expect(tl.todayOffset).toBeCloseTo(24.8, 0);
    expect(tl.ticks).toEqual([
      { label: '2022', offset: 0 },
      { label: '2023', offset: expect.closeTo(49.9, 0) as unknown as number },
    ]);
  });

  it('has no axis without dates and hides today outside the range', () => {
    expect(timeline({ today: '2026-01-01', timeline: [act({})] })).toMatchObject({ start: null, todayOffset: null, ticks: [] });
    expect(timeline({ today: '2030-01-01', timeline: [act({ plannedStart: '2022-01-01', plannedEnd: '2022-12-31' })] }).todayOffset).toBeNull();
  });
});

describe('ragCounts', () => {
  it('counts items per status', () => {
    expect(ragCounts([{ rag: 'late' }, { rag: 'late' }, { rag: 'on_track' }])).toEqual({ late: 2, on_track: 1 });
  });
});

describe('buildCodeTree', () => {
  it('nests by parentId, falling back to the code prefix (A1.2 → A1.2.1)', () => {
    const tree = buildCodeTree([
      { id: 'c', code: 'A1.2.1', parentId: null },
      { id: 'a', code: 'A1.1', parentId: null },
      { id: 'b', code: 'A1.2', parentId: null },
      { id: 'd', code: 'A1.2.2', parentId: 'b' },
      { id: 'e', code: 'A1.10', parentId: null },
    ]);
    expect(tree.map((n) => n.code)).toEqual(['A1.1', 'A1.2', 'A1.10']);
    expect(tree[1].children?.map((n) => n.code)).toEqual(['A1.2.1', 'A1.2.2']);
    expect(tree[0].children).toBeUndefined();
  });
});

describe('measurementSeries', () => {
  it('sorts by date, drops deleted ones, and turns ratio numerators into percentages', () => {
    const pts = measurementSeries({ type: 'ratio', denominator: 200 }, [
      { date: '2026-03-01', value: 4, period: null, deletedAt: null },
      { date: '2026-01-01', value: 2, period: null, deletedAt: null },
      { date: '2026-02-01', value: 9, period: null, deletedAt: '2026-02-02T00:00:00Z' },
    ]);
    expect(pts).toEqual([
      { date: '2026-01-01', raw: 2, value: 1, period: null },
      { date: '2026-03-01', raw: 4, value: 2, period: null },
    ]);
    expect(measurementSeries({ type: 'cumulative', denominator: null }, [{ date: '2026-01-01', value: 12, period: null, deletedAt: null }])[0].value).toBe(12);
  });

  it('scales the y axis to the target or the data with headroom', () => {
    expect(yMax([], 50)).toBe(60);
    expect(yMax([{ date: 'd', raw: 120, value: 120, period: null }], 50)).toBe(200);
    expect(yMax([], 0)).toBe(1);
  });
});
