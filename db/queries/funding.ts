import type { WriteTx } from '../access';
import { sql } from 'kysely';
import type { DbOrTx } from '../connection';

/** Every SQL statement of the funding module. Core calls these; nothing else writes SQL for funding. */

const ATTRACTED = ['approved', 'contracted', 'in_implementation', 'closed'] as const;
const FINAL = ['rejected', 'closed'] as const;

// ───────────────────────── calls

export function listCalls(db: DbOrTx, opts: { id?: string; includeDeleted?: boolean } = {}) {
  const counts = db
    .selectFrom('funding_applications')
    .select(['call_id', (eb) => eb.fn.countAll<number>().as('application_count')])
    .where('deleted_at', 'is', null)
    .groupBy('call_id')
    .as('n');
  let q = db.selectFrom('funding_calls as c').leftJoin(counts, 'n.call_id', 'c.id').selectAll('c').select('n.application_count');
  if (!opts.includeDeleted) q = q.where('c.deleted_at', 'is', null);
  if (opts.id) q = q.where('c.id', '=', opts.id);
  return q.orderBy('c.deadline', 'desc').orderBy('c.code').execute();
}

export function listCallActions(db: DbOrTx, callIds?: string[]) {
  let q = db.selectFrom('funding_call_actions').selectAll();
  if (callIds) {
    if (!callIds.length) return Promise.resolve([]);
    if (callIds.length < 500) q = q.where('call_id', 'in', callIds);
  }
  return q.execute();
}

export async function replaceCallActions(db: WriteTx, callId: string, actionIds: string[]) {
  await db.deleteFrom('funding_call_actions').where('call_id', '=', callId).execute();
  if (actionIds.length)
    await db
      .insertInto('funding_call_actions')
      .values(actionIds.map((action_id) => ({ call_id: callId, action_id })))
      .execute();
}

export async function callCodeTaken(db: DbOrTx, code: string, exceptId?: string) {
  let q = db.selectFrom('funding_calls').select('id').where('code', '=', code).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The codes of the live calls and their ids (an import checks new codes against them without a query per row). */
export const liveCallCodes = (db: DbOrTx) => db.selectFrom('funding_calls').select(['id', 'code']).where('deleted_at', 'is', null).execute();

export const findCallByCode = (db: DbOrTx, code: string) =>
  db.selectFrom('funding_calls').selectAll().where('code', '=', code).where('deleted_at', 'is', null).executeTakeFirst();

export async function countLiveApplications(db: DbOrTx, callId: string) {
  const r = await db
    .selectFrom('funding_applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('call_id', '=', callId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ───────────────────────── applications

export function listApplications(db: DbOrTx, opts: { id?: string; callId?: string } = {}) {
  let q = db
    .selectFrom('funding_applications as a')
    .innerJoin('funding_calls as c', 'c.id', 'a.call_id')
    .selectAll('a')
    .select(['c.code as call_code', 'c.title as call_title', 'c.programme', 'c.non_reimbursable'])
    .where('a.deleted_at', 'is', null);
  if (opts.id) q = q.where('a.id', '=', opts.id);
  if (opts.callId) q = q.where('a.call_id', '=', opts.callId);
  return q.orderBy('a.updated_at', 'desc').execute();
}

export function listApplicationActions(db: DbOrTx, applicationIds?: string[]) {
  let q = db.selectFrom('funding_application_actions').selectAll();
  if (applicationIds) {
    if (!applicationIds.length) return Promise.resolve([]);
    if (applicationIds.length < 500) q = q.where('application_id', 'in', applicationIds);
  }
  return q.execute();
}

export async function replaceApplicationActions(db: WriteTx, applicationId: string, actionIds: string[]) {
  await db.deleteFrom('funding_application_actions').where('application_id', '=', applicationId).execute();
  if (actionIds.length)
    await db
      .insertInto('funding_application_actions')
      .values(actionIds.map((action_id) => ({ application_id: applicationId, action_id })))
      .execute();
}

export async function applicationCodeTaken(db: DbOrTx, code: string, exceptId?: string) {
  let q = db.selectFrom('funding_applications').select('id').where('code', '=', code).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Live actions by id (links must point at live actions), and all live action codes (for the Excel columns). */
export const liveActions = (db: DbOrTx) => db.selectFrom('actions').select(['id', 'code']).where('deleted_at', 'is', null).execute();

// ───────────────────────── deadlines

/** Open calls whose deadline falls in [from, to]; or, with `before`, open calls whose deadline has passed. */
export function callDeadlines(db: DbOrTx, range: { from: string; to: string } | { before: string }) {
  let q = db.selectFrom('funding_calls').select(['id', 'code', 'title', 'deadline', 'status']).where('deleted_at', 'is', null).where('status', '=', 'open');
  q = 'before' in range ? q.where('deadline', '<', range.before) : q.where('deadline', '>=', range.from).where('deadline', '<=', range.to);
  return q.orderBy('deadline').execute();
}

/** Applications still in the pipeline whose next key date falls in [from, to] (or before `before`). */
export function applicationNextSteps(db: DbOrTx, range: { from: string; to: string } | { before: string }) {
  let q = db
    .selectFrom('funding_applications')
    .select(['id', 'code', 'title', 'next_step_on', 'next_step', 'status'])
    .where('deleted_at', 'is', null)
    .where('status', 'not in', FINAL);
  q = 'before' in range ? q.where('next_step_on', '<', range.before) : q.where('next_step_on', '>=', range.from).where('next_step_on', '<=', range.to);
  return q.orderBy('next_step_on').execute();
}

// ───────────────────────── indicator A4.5

/**
 * Applications that bring money in (approved, contracted, in implementation, closed) to non-reimbursable calls,
 * with what identifies their funding source (the programme; for "other", the managing body).
 */
export function attractedApplications(db: DbOrTx) {
  return db
    .selectFrom('funding_applications as a')
    .innerJoin('funding_calls as c', 'c.id', 'a.call_id')
    .select([
      'a.id',
      'a.code',
      'a.title',
      'a.status',
      'a.decision_on',
      'a.contract_signed_on',
      'a.implementation_start',
      'a.closed_on',
      'c.programme',
      'c.managing_body',
      'c.code as call_code',
    ])
    .where('a.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where('c.non_reimbursable', '=', 1)
    .where('a.status', 'in', ATTRACTED)
    .orderBy(sql`coalesce(a.decision_on, a.contract_signed_on, a.implementation_start, a.closed_on)`)
    .orderBy('a.id')
    .execute();
}
