import type { Indicator, Measurement } from '../../../electron/contract';

export interface MeasurementPoint {
  date: string;
  /** What is compared with the target (ratio: numerator / denominator × 100). */
  value: number;
  raw: number;
  period: string | null;
}

/** The measurement history of an indicator as chart points, oldest first, comparable with the target. */
export function measurementSeries(
  ind: Pick<Indicator, 'type' | 'denominator'>,
  ms: Pick<Measurement, 'date' | 'value' | 'period' | 'deletedAt'>[],
): MeasurementPoint[] {
  return ms
    .filter((m) => !m.deletedAt)
    .map((m) => ({
      date: m.date,
      raw: m.value,
      value: ind.type === 'ratio' && ind.denominator ? Math.round((m.value / ind.denominator) * 100 * 1000) / 1000 : m.value,
      period: m.period,
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Y-axis upper bound: the larger of the target and the data, with a little headroom. */
export function yMax(points: MeasurementPoint[], target: number): number {
  const m = Math.max(target, ...points.map((p) => p.value), 0);
  if (m <= 0) return 1;
  const padded = m * 1.1;
  const mag = 10 ** Math.floor(Math.log10(padded));
  return Math.ceil(padded / mag) * mag;
}

/** A sensible default period for per-period indicators: the year of the date. */
export const defaultPeriod = (date: string) => date.slice(0, 4);
