import { describe, expect, it } from 'vitest';
import { compareCodes, isoDay, nextTimestamp } from '../../electron/core/util';

describe('core utilities', () => {
  it('the day is the local calendar day the user sees', () => {
    const d = new Date(2026, 10, 27, 0, 30); // 00:30 local time
    expect(isoDay(d)).toBe('2026-11-27');
  });
  it('a save always gets a later timestamp than the one it replaces', () => {
    const now = new Date('2026-01-01T10:00:00.000Z');
    expect(nextTimestamp(now, '2026-01-01T10:00:00.000Z')).toBe('2026-01-01T10:00:00.001Z');
    expect(nextTimestamp(now, '2025-12-31T10:00:00.000Z')).toBe('2026-01-01T10:00:00.000Z');
  });
  it('orders hierarchical codes naturally', () => {
    expect(['A1.10', 'A1.2.1', 'A1.2', 'A2.1', 'A1.9'].sort(compareCodes)).toEqual(['A1.2', 'A1.2.1', 'A1.9', 'A1.10', 'A2.1']);
  });
});
