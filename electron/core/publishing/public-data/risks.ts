import type { DbOrTx } from '../../../../db/connection';
import * as q from '../../../../db/queries/publishing-site';
import { RISK_LEVELS, riskLevel, type RiskLevel } from '../../../contract';
import type { RiskSummary } from './types';

/** The risk register as counts, published only when the coordinator chose to: banded by the contract's one `riskLevel`. */
export async function collectRisks(db: DbOrTx): Promise<RiskSummary> {
  const [rows, measures, tol] = await Promise.all([q.siteRiskCounts(db), q.siteRiskMeasureCounts(db), q.siteRiskTolerance(db)]);
  const tolerance = tol?.tolerance_limit ?? null;
  const cats = new Map<string, { category: string; open: number; closed: number }>();
  const levels = new Map<RiskLevel, number>();
  let open = 0;
  let closed = 0;
  let above = 0;
  for (const r of rows) {
    const n = Number(r.n);
    const c = cats.get(r.category) ?? { category: r.category, open: 0, closed: 0 };
    const exposure = r.residual_exposure ?? r.inherent_exposure;
    if (r.status === 'open') {
      c.open += n;
      open += n;
      const level = riskLevel(exposure);
      levels.set(level, (levels.get(level) ?? 0) + n);
      if (tolerance != null && exposure > tolerance) above += n;
    } else {
      c.closed += n;
      closed += n;
    }
    cats.set(r.category, c);
  }
  return {
    open,
    closed,
    toleranceLimit: tolerance,
    aboveTolerance: above,
    byCategory: [...cats.values()],
    // Highest band first.
    byLevel: [...RISK_LEVELS].reverse().map((level) => ({ level, open: levels.get(level) ?? 0 })),
    measures: measures.map((m) => ({ status: m.status, n: Number(m.n) })),
  };
}
