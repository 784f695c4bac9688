/**
 * Axis ticks at round values, for every chart of the app: a reader compares a bar with 25 %, 50 %, 100 % or
 * with 250.000 lei, never with 40 % or 120 %. Pure functions, tested in tests/unit/renderer-chart-ticks.test.ts.
 */

/** The round steps a scale may use, per power of ten. */
const STEPS = [1, 2, 2.5, 5, 10];

/**
 * The smallest round step (1, 2, 2,5 or 5 × 10ⁿ) that covers [0, max] in at most `count` intervals.
 * Whole-number data (votes, people) never gets a fractional step.
 */
export function roundStep(max: number, count = 4, wholeNumbers = false): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const raw = max / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const s of STEPS) {
    const step = s * mag;
    if (wholeNumbers && !Number.isInteger(step)) continue;
    if (step >= raw - 1e-9) return step;
  }
  return 10 * mag;
}

/** Ticks from 0 up to the first round value at or above `max` (0 when there is nothing to show: [0, 1]). */
export function roundTicks(max: number, count = 4, wholeNumbers = false): number[] {
  const step = roundStep(max, count, wholeNumbers);
  const top = max > 0 && Number.isFinite(max) ? Math.ceil(max / step - 1e-9) * step : step;
  const out: number[] = [];
  for (let i = 0; i * step <= top + 1e-9; i++) out.push(Math.round(i * step * 1e6) / 1e6);
  return out;
}

/**
 * A percentage axis: every 25 points from 0 to 100, and beyond 100 only when a bar goes there (an indicator
 * above its target): 0 / 25 / 50 / 75 / 100 / 125 / 150.
 */
export function percentTicks(maxPercent: number): number[] {
  const top = Math.max(100, Math.ceil(Math.max(0, maxPercent) / 25 - 1e-9) * 25);
  const out: number[] = [];
  for (let v = 0; v <= top; v += 25) out.push(v);
  return out;
}

/** Money axis in bani, ticks at round amounts of lei (250.000 lei, not 249.999,99). */
export function moneyTicks(maxBani: number, count = 4): number[] {
  return roundTicks(maxBani / 100, count, true).map((lei) => lei * 100);
}
