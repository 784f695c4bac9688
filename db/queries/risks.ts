import { sql } from 'kysely';
import { rawRows, type DbOrTx } from '../connection';
import type { RiskResidualHistoryTable, RiskSettingsTable, RisksTable } from '../schema/risks';

/** Every SQL statement of the risk register. Core calls these; nothing else writes SQL for risks. */

export const SETTINGS_ID = 'default';

const RISK_COLUMNS = [
  'id', 'created_at', 'updated_at', 'updated_by', 'deleted_at', 'code', 'area', 'objective', 'description', 'category', 'causes', 'consequences',
  'owner', 'inherent_probability', 'inherent_impact', 'inherent_exposure', 'strategy', 'deadline', 'last_review_date', 'status',
  'residual_probability', 'residual_impact', 'residual_exposure', 'secondary_risks', 'notes', 'alert_id',
] as const;

/**
 * Live risks in code order. Built as one plain literal per raw row: Kysely's row objects cost ~110 ms for the
 * 10,000-risk register, these ~15 ms (tests/bench/risks.ts).
 */
export function listRisks(db: DbOrTx, opts: { id?: string } = {}): Promise<RisksTable[]> {
  let q = db.selectFrom('risks').select(RISK_COLUMNS).where('deleted_at', 'is', null);
  if (opts.id) q = q.where('id', '=', opts.id);
  return rawRows(
    db,
    q.orderBy('code'),
    (v): RisksTable => ({
      id: v[0] as string,
      created_at: v[1] as string,
      updated_at: v[2] as string,
      updated_by: v[3] as string | null,
      deleted_at: v[4] as string | null,
      code: v[5] as string,
      area: v[6] as string,
      objective: v[7] as string,
      description: v[8] as string,
      category: v[9] as RisksTable['category'],
      causes: v[10] as string,
      consequences: v[11] as string,
      owner: v[12] as string,
      inherent_probability: v[13] as number,
      inherent_impact: v[14] as number,
      inherent_exposure: v[15] as number,
      strategy: v[16] as RisksTable['strategy'],
      deadline: v[17] as string | null,
      last_review_date: v[18] as string | null,
      status: v[19] as RisksTable['status'],
      residual_probability: v[20] as number | null,
      residual_impact: v[21] as number | null,
      residual_exposure: v[22] as number | null,
      secondary_risks: v[23] as string,
      notes: v[24] as string,
      alert_id: v[25] as string | null,
    }),
    RISK_COLUMNS,
  );
}

/** The columns of a register list row (see RiskListItem): no long texts, so 10,000 rows read in ~15 ms. */
export interface RiskListRow {
  id: string;
  updated_at: string;
  created_at: string;
  code: string;
  area: string;
  description: string;
  category: RisksTable['category'];
  owner: string;
  strategy: RisksTable['strategy'];
  status: RisksTable['status'];
  deadline: string | null;
  last_review_date: string | null;
  inherent_probability: number;
  inherent_impact: number;
  inherent_exposure: number;
  residual_probability: number | null;
  residual_impact: number | null;
  residual_exposure: number | null;
}
const LIST_COLUMNS = [
  'id', 'updated_at', 'created_at', 'code', 'area', 'description', 'category', 'owner', 'strategy', 'status', 'deadline', 'last_review_date',
  'inherent_probability', 'inherent_impact', 'inherent_exposure', 'residual_probability', 'residual_impact', 'residual_exposure',
] as const;

export function listRiskRows(db: DbOrTx): Promise<RiskListRow[]> {
  return rawRows(
    db,
    db.selectFrom('risks').select(LIST_COLUMNS).where('deleted_at', 'is', null).orderBy('code'),
    (v): RiskListRow => ({
      id: v[0] as string,
      updated_at: v[1] as string,
      created_at: v[2] as string,
      code: v[3] as string,
      area: v[4] as string,
      description: v[5] as string,
      category: v[6] as RisksTable['category'],
      owner: v[7] as string,
      strategy: v[8] as RisksTable['strategy'],
      status: v[9] as RisksTable['status'],
      deadline: v[10] as string | null,
      last_review_date: v[11] as string | null,
      inherent_probability: v[12] as number,
      inherent_impact: v[13] as number,
      inherent_exposure: v[14] as number,
      residual_probability: v[15] as number | null,
      residual_impact: v[16] as number | null,
      residual_exposure: v[17] as number | null,
    }),
    LIST_COLUMNS,
  );
}

/** Links of live risks (or of the given ones) to commitments and actions, with the linked codes (raw rows: the list reads them all). */
export async function listRiskLinks(db: DbOrTx, riskIds?: string[]) {
  type Link = { risk_id: string; id: string; code: string; deleted_at: string | null };
  if (riskIds && riskIds.length === 0) return { commitments: [] as Link[], actions: [] as Link[] };
  let c = db
    .selectFrom('risk_commitments as l')
    .innerJoin('commitments as c', 'c.id', 'l.commitment_id')
    .select(['l.risk_id', 'l.commitment_id as id', 'c.code', 'c.deleted_at']);
  let a = db.selectFrom('risk_actions as l').innerJoin('actions as a', 'a.id', 'l.action_id').select(['l.risk_id', 'l.action_id as id', 'a.code', 'a.deleted_at']);
  if (riskIds) {
    c = c.where('l.risk_id', 'in', riskIds);
    a = a.where('l.risk_id', 'in', riskIds);
  }
  const cols = ['risk_id', 'id', 'code', 'deleted_at'] as const;
  const build = (v: unknown[]): Link => ({ risk_id: v[0] as string, id: v[1] as string, code: v[2] as string, deleted_at: v[3] as string | null });
  return { commitments: await rawRows(db, c, build, cols), actions: await rawRows(db, a, build, cols) };
}

export async function replaceRiskLinks(db: DbOrTx, riskId: string, commitmentIds: string[], actionIds: string[]) {
  await db.deleteFrom('risk_commitments').where('risk_id', '=', riskId).execute();
  await db.deleteFrom('risk_actions').where('risk_id', '=', riskId).execute();
  if (commitmentIds.length) await db.insertInto('risk_commitments').values(commitmentIds.map((commitment_id) => ({ risk_id: riskId, commitment_id }))).execute();
  if (actionIds.length) await db.insertInto('risk_actions').values(actionIds.map((action_id) => ({ risk_id: riskId, action_id }))).execute();
}

/** Count of open (planned / in progress) live measures per risk. */
export const countOpenMeasures = (db: DbOrTx) =>
  rawRows(
    db,
    db
      .selectFrom('risk_measures')
      .select(['risk_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deleted_at', 'is', null)
      .where('status', 'in', ['planned', 'in_progress'])
      .groupBy('risk_id'),
    (v) => ({ risk_id: v[0] as string, n: v[1] as number }),
    ['risk_id', 'n'],
  );

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
