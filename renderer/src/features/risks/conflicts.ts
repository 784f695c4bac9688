import dayjs from 'dayjs';
import type { RiskAlert, RiskDetail } from '../../../../electron/contract';

/**
 * The conflict view of the two risk forms that add a step rather than edit fields (a decision on an alert, a review
 * of a risk): the record as saved now, as that form's values, so the view shows the colleague's step beside the
 * user's. Fields the colleague's save does not bear on keep the user's values, so only what differs is shown.
 */

/** The alert as saved now: its decision, decision date and note; the user's values for the rest (the new risk's). */
export function decisionAsValues(a: Pick<RiskAlert, 'decision' | 'decisionDate' | 'decisionNote'>, mine: Record<string, unknown>): Record<string, unknown> {
  return { ...mine, decision: a.decision, date: a.decisionDate ? dayjs(a.decisionDate) : null, note: a.decisionNote };
}

/**
 * The risk as saved now: the newest review a colleague added after `openedAt` (the version the form opened on), if
 * any, and the risk's residual score now when the user is changing it.
 */
export function reviewAsValues(
  r: Pick<RiskDetail, 'reviews' | 'residualProbability' | 'residualImpact'>,
  openedAt: string | null | undefined,
  mine: Record<string, unknown>,
): Record<string, unknown> {
  const theirs = r.reviews
    .filter((x) => !openedAt || x.createdAt > openedAt)
    .sort((x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0))[0];
  return {
    ...mine,
    ...(theirs ? { date: dayjs(theirs.date), reviewer: theirs.reviewer, decision: theirs.decision, note: theirs.note } : {}),
    ...(mine.changeResidual ? { residualProbability: r.residualProbability, residualImpact: r.residualImpact } : {}),
  };
}
