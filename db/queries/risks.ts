import { sql } from 'kysely';
import type { DbOrTx } from '../connection';
import type { RiskResidualHistoryTable, RiskSettingsTable } from '../schema/risks';

/** Every SQL statement of the risk register. Core calls these; nothing else writes SQL for risks. */

export const SETTINGS_ID = 'default';

export function listRisks(db: DbOrTx, opts: { id?: string } = {}) {
  let q = db.selectFrom('risks').selectAll().where('deleted_at', 'is', null);
  if (opts.id) q = q.where('id', '=', opts.id);
  return q.orderBy('code').execute();
}

/** Links of live risks (or of the given ones) to commitments and actions, with the linked codes. */
export async function listRiskLinks(db: DbOrTx, riskIds?: string[]) {
  if (riskIds && riskIds.length === 0) return { commitments: [], actions: [] };
  let c = db
    .selectFrom('risk_commitments as l')
    .innerJoin('commitments as c', 'c.id', 'l.commitment_id')
    .select(['l.risk_id', 'l.commitment_id as id', 'c.code', 'c.deleted_at']);
  let a = db.selectFrom('risk_actions as l').innerJoin('actions as a', 'a.id', 'l.action_id').select(['l.risk_id', 'l.action_id as id', 'a.code', 'a.deleted_at']);
  if (riskIds) {
    c = c.where('l.risk_id', 'in', riskIds);
    a = a.where('l.risk_id', 'in', riskIds);
  }
  return { commitments: await c.execute(), actions: await a.execute() };
}

export async function replaceRiskLinks(db: DbOrTx, riskId: string, commitmentIds: string[], actionIds: string[]) {
  await db.deleteFrom('risk_commitments').where('risk_id', '=', riskId).execute();
  await db.deleteFrom('risk_actions').where('risk_id', '=', riskId).execute();
  if (commitmentIds.length) await db.insertInto('risk_commitments').values(commitmentIds.map((commitment_id) => ({ risk_id: riskId, commitment_id }))).execute();
  if (actionIds.length) await db.insertInto('risk_actions').values(actionIds.map((action_id) => ({ risk_id: riskId, action_id }))).execute();
}

/** Count of open (planned / in progress) live measures per risk. */
export const countOpenMeasures = (db: DbOrTx) =>
  db
    .selectFrom('risk_measures')
    .select(['risk_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['planned', 'in_progress'])
    .groupBy('risk_id')
    .execute();

export const listMeasures = (db: DbOrTx, riskId: string) =>
  db.selectFrom('risk_measures').selectAll().where('risk_id', '=', riskId).where('deleted_at', 'is', null).orderBy('deadline').orderBy('created_at').execute();

/** Open measures of live risks, by owner and deadline. */
export const listOpenMeasures = (db: DbOrTx) =>
  db
    .selectFrom('risk_measures as m')
    .innerJoin('risks as r', 'r.id', 'm.risk_id')
    .selectAll('m')
    .select(['r.code as risk_code', 'r.description as risk_description'])
    .where('m.deleted_at', 'is', null)
    .where('r.deleted_at', 'is', null)
    .where('m.status', 'in', ['planned', 'in_progress'])
    .orderBy('m.owner')
    .orderBy(sql`m.deadline is null`)
    .orderBy('m.deadline')
    .execute();

export const listReviews = (db: DbOrTx, riskId: string) =>
  db.selectFrom('risk_reviews').selectAll().where('risk_id', '=', riskId).where('deleted_at', 'is', null).orderBy('date', 'desc').orderBy('id', 'desc').execute();

export const listResidualHistory = (db: DbOrTx, riskId: string) =>
  db.selectFrom('risk_residual_history').selectAll().where('risk_id', '=', riskId).where('deleted_at', 'is', null).orderBy('date').orderBy('id').execute();

export const insertResidualPoint = (db: DbOrTx, row: RiskResidualHistoryTable) => db.insertInto('risk_residual_history').values(row).execute();

export async function codeTaken(db: DbOrTx, code: string, exceptId?: string) {
  let q = db.selectFrom('risks').select('id').where('code', '=', code).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Every code in use (live or deleted), to give the next free R-NNN. */
export const allCodes = async (db: DbOrTx) => (await db.selectFrom('risks').select('code').execute()).map((r) => r.code);

export const findRiskByCode = (db: DbOrTx, code: string) => db.selectFrom('risks').selectAll().where('code', '=', code).where('deleted_at', 'is', null).executeTakeFirst();

export function listAlerts(db: DbOrTx) {
  return db
    .selectFrom('risk_alerts as a')
    .leftJoin('risks as r', 'r.id', 'a.risk_id')
    .selectAll('a')
    .select('r.code as risk_code')
    .where('a.deleted_at', 'is', null)
    .orderBy('a.identified_date', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

export const getSettingsRow = (db: DbOrTx) => db.selectFrom('risk_settings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirst();
export const insertSettingsRow = (db: DbOrTx, row: RiskSettingsTable) => db.insertInto('risk_settings').values(row).execute();

/** Live commitments and actions by code (import resolves the codes in the register's link columns). */
export async function planCodes(db: DbOrTx) {
  const c = await db.selectFrom('commitments').select(['id', 'code']).where('deleted_at', 'is', null).execute();
  const a = await db.selectFrom('actions').select(['id', 'code']).where('deleted_at', 'is', null).execute();
  return { commitments: c, actions: a };
}

export const liveIds = async (db: DbOrTx, table: 'commitments' | 'actions', ids: string[]) =>
  ids.length === 0 ? [] : (await db.selectFrom(table).select('id').where('id', 'in', ids).where('deleted_at', 'is', null).execute()).map((r) => r.id);

/**
 * Actions linked to an open live risk whose exposure (residual when assessed, else inherent) is above the
 * register's tolerance limit (`fallbackTolerance` until a coordinator sets one): the plan's RAG marks them at risk.
 */
export async function actionsAboveTolerance(db: DbOrTx, fallbackTolerance: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('risk_actions as l')
    .innerJoin('risks as r', 'r.id', 'l.risk_id')
    .select('l.action_id')
    .distinct()
    .where('r.deleted_at', 'is', null)
    .where('r.status', '=', 'open')
    .where(
      sql<boolean>`coalesce(r.residual_exposure, r.inherent_exposure) > coalesce((select s.tolerance_limit from risk_settings s where s.id = ${SETTINGS_ID}), ${fallbackTolerance})`,
    )
    .execute();
  return new Set(rows.map((r) => r.action_id));
}
