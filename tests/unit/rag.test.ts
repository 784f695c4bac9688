import { describe, expect, it } from 'vitest';
import { comparableValue, expectedProgress, monthsBefore, percentOfTarget, rollUp, scheduleRag } from '../../electron/core/plan/rag';

const base = { start: '2023-01-01', end: '2023-12-31', progress: 0, done: false, lastUpdate: '2023-06-01' };

describe('expected progress is the elapsed share of [start, end]', () => {
  it('is 0 before the start, 100 after the end, proportional between', () => {
    expect(expectedProgress('2023-01-01', '2023-12-31', '2022-12-01')).toBe(0);
    expect(expectedProgress('2023-01-01', '2023-12-31', '2024-01-01')).toBe(100);
    expect(expectedProgress('2023-01-01', '2023-01-10', '2023-01-06')).toBe(50);
    expect(expectedProgress(null, '2023-12-31', '2023-06-01')).toBe(0);
  });
});

describe('roll-up', () => {
  it('is a weighted average, a plain one without weights, and leaves cancelled items out', () => {
    expect(
      rollUp([
        { progress: 100, weight: 3 },
        { progress: 0, weight: 1 },
      ]),
    ).toBe(75);
    expect(
      rollUp([
        { progress: 100, weight: null },
        { progress: 0, weight: null },
      ]),
    ).toBe(50);
    expect(
      rollUp([
        { progress: 100, weight: null },
        { progress: 0, weight: null, status: 'cancelled' },
      ]),
    ).toBe(100);
    expect(rollUp([])).toBe(0);
  });
});

describe('RAG rules (DOMAIN.md)', () => {
  it('complete when done or at 100 %', () => {
    expect(scheduleRag({ ...base, done: true }, '2024-06-01').rag).toBe('complete');
    expect(scheduleRag({ ...base, progress: 100 }, '2024-06-01').rag).toBe('complete');
  });
  it('not started before the start date', () => {
    expect(scheduleRag(base, '2022-12-31').rag).toBe('not_started');
  });
  it('late when the end date passed unfinished', () => {
    expect(scheduleRag({ ...base, progress: 99 }, '2024-01-01')).toMatchObject({ rag: 'late', reason: 'end_passed' });
  });
  it('at risk when progress is more than 15 points behind expected (configurable)', () => {
    // 2023-07-02 is ~50 % through the year.
    expect(scheduleRag({ ...base, progress: 34 }, '2023-07-02').rag).toBe('at_risk');
    expect(scheduleRag({ ...base, progress: 36 }, '2023-07-02').rag).toBe('on_track');
    expect(scheduleRag({ ...base, progress: 36 }, '2023-07-02', { atRiskThreshold: 10, noDataMonths: 4 }).rag).toBe('at_risk');
  });
  it('at risk when a linked risk is above tolerance', () => {
    expect(scheduleRag({ ...base, progress: 60, riskAboveTolerance: true }, '2023-07-02')).toMatchObject({ rag: 'at_risk', reason: 'risk_above_tolerance' });
  });
  it('no data when the last update is older than four months (configurable)', () => {
    expect(scheduleRag({ ...base, progress: 50, lastUpdate: '2023-03-01' }, '2023-07-02').rag).toBe('no_data');
    expect(scheduleRag({ ...base, progress: 50, lastUpdate: '2023-03-01' }, '2023-07-02', { atRiskThreshold: 15, noDataMonths: 6 }).rag).toBe('on_track');
    expect(scheduleRag({ ...base, progress: 50, lastUpdate: null }, '2023-07-02').rag).toBe('no_data');
  });
  it('counts months on the calendar', () => {
    expect(monthsBefore('2023-07-02', 4)).toBe('2023-03-02');
    expect(monthsBefore('2023-06-30', 4)).toBe('2023-02-28');
    expect(monthsBefore('2023-02-15', 4)).toBe('2022-10-15');
  });
});

describe('indicator types', () => {
  const ind = { type: 'cumulative' as const, direction: 'increase' as const, baseline: null, target: 50, denominator: null };
  it('cumulative and per-period counts compare the value with the target', () => {
    expect(percentOfTarget({ ...ind, latestValue: 12 })).toBe(24);
    expect(percentOfTarget({ ...ind, type: 'per_period', target: 5, latestValue: 6 })).toBe(120);
    expect(percentOfTarget({ ...ind, latestValue: null })).toBeNull();
  });
  it('a ratio is numerator / denominator, in percent, against a percentage target', () => {
    const r = { ...ind, type: 'ratio' as const, target: 3, denominator: 250_849 };
    expect(comparableValue(r, 2508)).toBeCloseTo(1, 2);
    expect(percentOfTarget({ ...r, latestValue: 7525 })).toBeCloseTo(100, 0);
  });
  it('a milestone is done (1) or not (0)', () => {
    const m = { ...ind, type: 'milestone' as const, target: 1 };
    expect(percentOfTarget({ ...m, latestValue: 1 })).toBe(100);
    expect(percentOfTarget({ ...m, latestValue: 0 })).toBe(0);
  });
  it('a decreasing indicator measures progress from its baseline down to the target', () => {
    expect(percentOfTarget({ ...ind, direction: 'decrease', baseline: 100, target: 50, latestValue: 75 })).toBe(50);
  });
});
