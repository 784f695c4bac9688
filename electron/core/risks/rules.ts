import { riskLevel, searchKey, type ReviewState, type RiskLevel, type RiskSettings } from '../../contract';

/** The register's pure rules: effective exposure, tolerance, next review and review state. No I/O. */

/** Residual exposure when the risk has been assessed after its controls, else the inherent one. */
export const effectiveExposure = (r: { inherent_exposure: number; residual_exposure: number | null }) => r.residual_exposure ?? r.inherent_exposure;

export const isAboveTolerance = (exposure: number, s: Pick<RiskSettings, 'toleranceLimit'>) => exposure > s.toleranceLimit;

/** What `risks.list` searches (risks.search_key, and the search typed): no diacritics (ș ş → s), case or extra spaces. */
export const riskSearchKey = searchKey;

const dayCache = new Map<string, string>();

/** `day` + n days, as YYYY-MM-DD. Memoised: a 10,000-risk list asks for the same few hundred dates. */
export function addDays(day: string, n: number): string {
  const key = `${day}|${n}`;
  let out = dayCache.get(key);
  if (out === undefined) {
    out = new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    if (dayCache.size > 50_000) dayCache.clear();
    dayCache.set(key, out);
  }
  return out;
}

/** Next review = last review (or the day the risk was recorded) + the cadence of its level. */
export function nextReview(lastReview: string | null, recordedOn: string, level: RiskLevel, s: Pick<RiskSettings, 'reviewDays'>): string {
  return addDays(lastReview ?? recordedOn, s.reviewDays[level]);
}

/** Overdue after the next review date; due within `dueSoonDays` before it; closed risks are not reviewed. */
export function reviewState(next: string | null, today: string, closed: boolean, s: Pick<RiskSettings, 'dueSoonDays'>): ReviewState {
  if (closed || !next) return 'closed';
  if (today > next) return 'overdue';
  if (today >= addDays(next, -s.dueSoonDays)) return 'due';
  return 'ok';
}

export { riskLevel };
