import type { ActionStatus, IndicatorType, Rag } from '../../contract';

/**
 * Pure status rules of DOMAIN.md "Roll-up and status". No I/O: tested directly. Figures are returned unrounded:
 * they are rounded once, at display (electron/contract/figures.ts), so a roll-up never sums rounded parts.
 */

export interface RagSettings {
  /** Points below expected progress before "at risk" (default 15). */
  atRiskThreshold: number;
  /** Months without an update before "no data" (default 4). */
  noDataMonths: number;
}
export const DEFAULT_RAG_SETTINGS: RagSettings = { atRiskThreshold: 15, noDataMonths: 4 };

const day = (s: string) => Date.parse(`${s}T00:00:00Z`);

/** Elapsed share of [start, end] at `today`, 0–100 (whole days, inclusive of the end day). */
export function expectedProgress(start: string | null, end: string | null, today: string): number {
  if (!start || !end) return 0;
  const s = day(start);
  const e = day(end) + 86_400_000;
  const t = day(today);
  if (t <= s) return 0;
  if (t >= e) return 100;
  return ((t - s) / (e - s)) * 100;
}

/** `today` minus n months, as YYYY-MM-DD (clamped to the month's last day). */
export function monthsBefore(today: string, n: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const total = y * 12 + (m - 1) - n;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface WeightedItem {
  progress: number;
  weight: number | null;
  status?: ActionStatus;
}

/** Weighted average of progress (plain average when no item has a weight); cancelled items are left out. */
export function rollUp(items: WeightedItem[]): number {
  const live = items.filter((i) => i.status !== 'cancelled');
  if (live.length === 0) return 0;
  const anyWeight = live.some((i) => i.weight != null && i.weight > 0);
  let sum = 0;
  let wsum = 0;
  for (const i of live) {
    const w = anyWeight ? (i.weight ?? 0) : 1;
    sum += i.progress * w;
    wsum += w;
  }
  return wsum === 0 ? 0 : sum / wsum;
}

export interface ScheduleInput {
  start: string | null;
  end: string | null;
  progress: number;
  done: boolean;
  /** Date of the latest progress update or measurement. */
  lastUpdate: string | null;
  /** A linked risk is above the register's tolerance (filled by the risk register). */
  riskAboveTolerance?: boolean;
}

export interface RagResult {
  rag: Rag;
  expected: number;
  reason: 'complete' | 'before_start' | 'end_passed' | 'risk_above_tolerance' | 'behind_expected' | 'no_update' | 'on_track';
}

/**
 * Complete → Not started (before start) → Late (end passed unfinished) → At risk (linked risk above tolerance,
 * or progress < expected − threshold) → No data (no update within the window) → On track.
 * `makeScheduler` fixes today and the settings once, so a plan of thousands of items parses each date once.
 */
export function makeScheduler(today: string, s: RagSettings = DEFAULT_RAG_SETTINGS): (x: ScheduleInput) => RagResult {
  const cutoff = monthsBefore(today, s.noDataMonths);
  const t = day(today);
  const ms = new Map<string, number>();
  const parse = (d: string) => {
    let v = ms.get(d);
    if (v === undefined) ms.set(d, (v = day(d)));
    return v;
  };
  const expectedOf = (start: string | null, end: string | null) => {
    if (!start || !end) return 0;
    const st = parse(start);
    const e = parse(end) + 86_400_000;
    if (t <= st) return 0;
    if (t >= e) return 100;
    return ((t - st) / (e - st)) * 100;
  };
  return (x) => {
    const expected = expectedOf(x.start, x.end);
    if (x.done || x.progress >= 100) return { rag: 'complete', expected, reason: 'complete' };
    if (x.start && today < x.start) return { rag: 'not_started', expected, reason: 'before_start' };
    if (x.end && today > x.end) return { rag: 'late', expected, reason: 'end_passed' };
    if (x.riskAboveTolerance) return { rag: 'at_risk', expected, reason: 'risk_above_tolerance' };
    if (x.progress < expected - s.atRiskThreshold) return { rag: 'at_risk', expected, reason: 'behind_expected' };
    if (!x.lastUpdate || x.lastUpdate < cutoff) return { rag: 'no_data', expected, reason: 'no_update' };
    return { rag: 'on_track', expected, reason: 'on_track' };
  };
}

export const scheduleRag = (x: ScheduleInput, today: string, s: RagSettings = DEFAULT_RAG_SETTINGS): RagResult => makeScheduler(today, s)(x);

export interface IndicatorInput {
  type: IndicatorType;
  direction: 'increase' | 'decrease';
  baseline: number | null;
  target: number;
  denominator: number | null;
  latestValue: number | null;
}

/** The value compared with the target: a ratio's numerator becomes a percentage of its denominator. */
export function comparableValue(i: Pick<IndicatorInput, 'type' | 'denominator'>, value: number): number {
  if (i.type === 'ratio') return i.denominator ? (value / i.denominator) * 100 : 0;
  return value;
}

/** Share of the target reached, in percent (not capped, so over-achievement shows). */
export function percentOfTarget(i: IndicatorInput): number | null {
  if (i.latestValue == null) return null;
  const v = comparableValue(i, i.latestValue);
  if (i.direction === 'decrease') {
    if (i.baseline != null && i.baseline !== i.target) return ((i.baseline - v) / (i.baseline - i.target)) * 100;
    return v <= i.target ? 100 : i.target === 0 ? 0 : (i.target / v) * 100;
  }
  if (i.target === 0) return 100;
  return (v / i.target) * 100;
}
