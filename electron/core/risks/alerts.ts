import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/risks';
import type { RiskAlertsTable } from '../../../db/schema/risks';
import { validationError, type RiskAlert } from '../../contract';
import type { ServiceContext } from '../context';
import { newId } from '../util';
import { insertAudited, live, notFound, restoreRow, softDeleteRow, updateCurrent } from '../writes';
import { row, today, writeRisk, type In } from './service';

/** Risk alerts (the SCIM alert form) and the team's decision on each: an alert taken into the register becomes a risk. */

const toAlert = (a: RiskAlertsTable & { risk_code?: string | null }): RiskAlert => ({
  ...row(a),
  activity: a.activity,
  risk: a.risk,
  identifiedBy: a.identified_by,
  identifiedDate: a.identified_date,
  causes: a.causes,
  effects: a.effects,
  probability: a.probability,
  impact: a.impact,
  exposure: a.exposure,
  documentation: a.documentation,
  proposedMeasures: a.proposed_measures,
  decision: a.decision,
  decisionDate: a.decision_date,
  decisionNote: a.decision_note,
  riskId: a.risk_id,
  riskCode: a.risk_code ?? null,
});

// ───────────────────────────── alerts

export async function listAlerts(ctx: ServiceContext): Promise<RiskAlert[]> {
  return (await q.listAlerts(ctx.db)).map(toAlert);
}

async function alertById(db: DbOrTx, id: string): Promise<RiskAlert> {
  const a = (await q.listAlerts(db)).find((x) => x.id === id);
  if (!a) throw notFound('risk_alert', id);
  return toAlert(a);
}

export async function saveAlert(ctx: ServiceContext, input: In<'risks.saveAlert'>): Promise<RiskAlert> {
  const id = await ctx.tx(async (trx) => {
    if (input.identifiedDate > today(ctx)) throw validationError('identifiedDate', 'future', 'the identification date cannot be in the future');
    const cols = {
      activity: input.activity,
      risk: input.risk,
      identified_by: input.identifiedBy,
      identified_date: input.identifiedDate,
      causes: input.causes,
      effects: input.effects,
      probability: input.probability,
      impact: input.impact,
      exposure: input.probability * input.impact,
      documentation: input.documentation,
      proposed_measures: input.proposedMeasures,
    };
    if (input.id) {
      const a = await live(trx, 'risk_alerts', input.id, 'risk_alert');
      if (a.decision === 'register') throw validationError('decision', 'registered', 'this alert is already in the register; edit the risk instead');
      await updateCurrent(ctx, trx, 'risk_alerts', 'risk_alert', input.id, input.expectedUpdatedAt, cols);
      return input.id;
    }
    const r = await insertAudited(ctx, trx, 'risk_alerts', 'risk_alert', {
      id: newId(),
      ...cols,
      decision: null,
      decision_date: null,
      decision_note: '',
      risk_id: null,
    });
    return r.id;
  });
  return alertById(ctx.db, id);
}

export async function decideAlert(ctx: ServiceContext, input: In<'risks.decideAlert'>): Promise<RiskAlert> {
  await ctx.tx(async (trx) => {
    const a = await live(trx, 'risk_alerts', input.id, 'risk_alert');
    if (a.decision === 'register') throw validationError('decision', 'registered', 'this alert is already in the register');
    if (input.date > today(ctx)) throw validationError('date', 'future', 'a decision cannot be dated in the future');
    if (input.date < a.identified_date) throw validationError('date', 'before_alert', 'a decision cannot be dated before the alert');
    let riskId: string | null = null;
    if (input.decision === 'register') {
      const notes = [a.documentation && `Documentare: ${a.documentation}`, input.note && `Decizia echipei de gestionare a riscurilor: ${input.note}`]
        .filter(Boolean)
        .join('\n');
      riskId = (
        await writeRisk(
          ctx,
          trx,
          {
            area: input.area,
            objective: a.activity,
            description: a.risk,
            category: input.category,
            causes: a.causes,
            consequences: a.effects,
            owner: input.owner,
            inherentProbability: a.probability,
            inherentImpact: a.impact,
            strategy: 'treat',
            deadline: null,
            status: 'open',
            residualProbability: null,
            residualImpact: null,
            secondaryRisks: '',
            notes,
            commitmentIds: [],
            actionIds: input.actionIds,
          },
          { source: 'edit', alertId: a.id },
        )
      ).id;
      // The proposed measures become the risk's planned control measures, one per line.
      for (const line of a.proposed_measures
        .split(/\r?\n/)
        .map((s) => s.replace(/^\s*[-•*\d.)]+\s*/, '').trim())
        .filter(Boolean)) {
        await insertAudited(ctx, trx, 'risk_measures', 'risk_measure', {
          id: newId(),
          risk_id: riskId,
          description: line.slice(0, 2000),
          owner: input.owner || a.identified_by,
          deadline: null,
          status: 'planned',
          notes: '',
        });
      }
    }
    await updateCurrent(ctx, trx, 'risk_alerts', 'risk_alert', a.id, input.expectedUpdatedAt, {
      decision: input.decision,
      decision_date: input.date,
      decision_note: input.note,
      risk_id: riskId,
    });
  });
  return alertById(ctx.db, input.id);
}

export async function deleteAlert(ctx: ServiceContext, input: In<'risks.deleteAlert'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'risk_alerts', 'risk_alert', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restoreAlert(ctx: ServiceContext, input: In<'risks.restoreAlert'>) {
  await ctx.tx((trx) => restoreRow(ctx, trx, 'risk_alerts', 'risk_alert', input.id));
  return null;
}
