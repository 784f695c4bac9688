import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatLei,
  formatNumber,
  formatPercent,
  formatValueUnit,
  parseNumber,
  todayIso,
} from '../../renderer/src/ui/format';

const NBSP = '\u00a0';

describe('ro-RO / en formatting', () => {
  it('formats calendar dates without time-zone shifts', () => {
    expect(formatDate('2026-11-27', 'ro')).toBe('27.11.2026');
    expect(formatDate('2026-11-27', 'en')).toBe('27/11/2026');
    expect(formatDate('2026-01-01')).toBe('01.01.2026');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('')).toBe('—');
  });

  it('formats timestamps in local time', () => {
    const local = new Date(2026, 10, 27, 14, 5).toISOString();
    expect(formatDateTime(local, 'ro')).toBe('27.11.2026, 14:05');
    expect(formatDateTime(undefined)).toBe('—');
  });

  it('formats numbers the Romanian way: 1.234,5', () => {
    expect(formatNumber(1234.5, 'ro')).toBe('1.234,5');
    expect(formatNumber(1234567.891, 'ro')).toBe('1.234.567,89');
    expect(formatNumber(12, 'ro')).toBe('12');
    expect(formatNumber(0.5, 'ro')).toBe('0,5');
    expect(formatNumber(-1234.5, 'ro')).toBe('-1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('formats percentages with the Romanian space before %', () => {
    expect(formatPercent(24, 'ro')).toBe(`24${NBSP}%`);
    expect(formatPercent(24, 'en')).toBe('24%');
    expect(formatPercent(33.333, 'ro', 1)).toBe(`33,3${NBSP}%`);
    expect(formatPercent(null)).toBe('—');
  });

  it('formats bani as lei', () => {
    expect(formatLei(123450, 'ro')).toBe(`1.234,50${NBSP}lei`);
    expect(formatLei(50000000, 'ro')).toBe(`500.000,00${NBSP}lei`);
    expect(formatLei(5, 'ro')).toBe(`0,05${NBSP}lei`);
    expect(formatLei(123450, 'en')).toBe(`1,234.50${NBSP}lei`);
    expect(formatLei(null)).toBe('—');
  });

  it('parses numbers typed either way', () => {
    expect(parseNumber('1.234,5', 'ro')).toBe(1234.5);
    expect(parseNumber(' 12 ', 'ro')).toBe(12);
    expect(parseNumber('0,25', 'ro')).toBe(0.25);
    expect(parseNumber('1,234.5', 'en')).toBe(1234.5);
    expect(parseNumber('abc', 'ro')).toBeNull();
    expect(parseNumber('', 'ro')).toBeNull();
  });

  it('formats a value with its unit', () => {
    expect(formatValueUnit(12, 'funcționari', 'ro')).toBe(`12${NBSP}funcționari`);
    expect(formatValueUnit(3, '%', 'ro')).toBe(`3${NBSP}%`);
    expect(formatValueUnit(1500, '', 'ro')).toBe('1.500');
    expect(formatValueUnit(null, 'x')).toBe('—');
  });

  it('gives today as a local calendar date and sizes in KB/MB', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2.5 * 1024 * 1024, 'ro')).toBe('2,5 MB');
  });
});
