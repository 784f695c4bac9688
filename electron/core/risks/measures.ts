import { riskLevel, validationError, type RiskDetail, type RiskMeasure } from '../../contract';
import type { ServiceContext } from '../context';
import { newId } from '../util';
import { insertAudited, live, restoreRow, softDeleteRow, updateCurrent } from '../writes';
import { nextReview } from './rules';
import type { RiskMeasuresTable } from '../../../db/schema/risks';
import { getRisk, readRiskSettings, recordResidual, today, toMeasure, type In } from './service';

/** A risk's control measures and its reviews (each review records the residual score it leaves). */
// ───────────────────────────── measures

export async function saveMeasure(ctx: ServiceContext, input: In<'risks.saveMeasure'>): Promise<RiskMeasure> {
  return ctx.tx(async (trx) => {
    await live(trx, 'risks', input.riskId, 'risk').catch(() => {
      throw validationError('riskId', 'not_found', 'the risk does not exist');
    });
    const cols = {
      risk_id: input.riskId,
      description: input.description,
      owner: input.owner,
      deadline: input.deadline,
      status: input.status,
      notes: input.notes,
    };
    if (input.id) {
      const m = await live(trx, 'risk_measures', input.id, 'risk_measure');
      if (m.risk_id !== input.riskId) throw validationError('riskId', 'other_risk', 'a measure cannot move to another risk');
    }
    const r = input.id
      ? await updateCurrent(ctx, trx, 'risk_measures', 'risk_measure', input.id, input.expectedUpdatedAt, cols)
      : await insertAudited(ctx, trx, 'risk_measures', 'risk_measure', { id: newId(), ...cols });
    return toMeasure(r as unknown as RiskMeasuresTable);
  });
}

export async function deleteMeasure(ctx: ServiceContext, input: In<'risks.deleteMeasure'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'risk_measures', 'risk_measure', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restoreMeasure(ctx: ServiceContext, input: In<'risks.restoreMeasure'>) {
  await ctx.tx((trx) => restoreRow(ctx, trx, 'risk_measures', 'risk_measure', input.id));
  return null;
}

// ───────────────────────────── reviews

export async function addReview(ctx: ServiceContext, input: In<'risks.addReview'>): Promise<RiskDetail> {
  const day = today(ctx);
  await ctx.tx(async (trx) => {
    const risk = await live(trx, 'risks', input.riskId, 'risk').catch(() => {
      throw validationError('riskId', 'not_found', 'the risk does not exist');
    });
    if (input.date > day) throw validationError('date', 'future', 'a review cannot be dated in the future');
    if (input.date < risk.created_at.slice(0, 10)) throw validationError('date', 'before_recorded', 'a review cannot be dated before the risk was recorded');
    const settings = await readRiskSettings(trx);
    const residual =
      input.residualProbability === undefined
        ? { residual_probability: risk.residual_probability, residual_impact: risk.residual_impact, residual_exposure: risk.residual_exposure }
        : {
            residual_probability: input.residualProbability,
            residual_impact: input.residualImpact ?? null,
            residual_exposure: input.residualProbability != null && input.residualImpact != null ? input.residualProbability * input.residualImpact : null,
          };
    const status = input.decision === 'close' ? 'closed' : risk.status;
    const lastReview = risk.last_review_date && risk.last_review_date > input.date ? risk.last_review_date : input.date;
    const exposure = residual.residual_exposure ?? risk.inherent_exposure;
    const next = status === 'closed' ? null : nextReview(lastReview, risk.created_at.slice(0, 10), riskLevel(exposure), settings);
    await updateCurrent(ctx, trx, 'risks', 'risk', risk.id, input.expectedUpdatedAt, { ...residual, status, last_review_date: lastReview });
    const review = await insertAudited(ctx, trx, 'risk_reviews', 'risk_review', {
      id: newId(),
      risk_id: risk.id,
      date: input.date,
      reviewer: input.reviewer,
      decision: input.decision,
      note: input.note,
      ...residual,
      next_review_date: next,
    });
    // Every review records the residual score it left, so the history shows the trend review by review.
    await recordResidual(ctx, trx, risk.id, input.date, residual, 'review', review.id);
  });
  return getRisk(ctx, { id: input.riskId });
}
