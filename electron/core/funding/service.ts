import type { WriteTx } from '../../../db/access';
import type { Tx } from '../../../db/connection';
import { listAttachments } from '../../../db/queries/admin';
import * as q from '../../../db/queries/funding';
import { getRow } from '../../../db/queries/rows';
import type { FundingApplicationsTable, FundingCallsTable } from '../../../db/schema';
import {
  APPLICATION_TRANSITIONS,
  STATUS_DATE_FIELD,
  validationError,
  type ApplicationStatus,
  type FundingApplication,
  type FundingApplicationDetail,
  type FundingCall,
  type FundingDeadline,
  type FundingDeadlines,
  type MethodName,
  type ParsedInputOf,
} from '../../contract';
import { prepareUploads, storeAttachments, toAttachment } from '../attachments';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { isoDay, newId } from '../util';
import { insertAudited, live, notFound, restoreRow, softDeleteRow, updateCurrent } from '../writes';

type In<K extends MethodName> = ParsedInputOf<K>;

const today = (ctx: ServiceContext) => isoDay(ctx.now());

// ───────────────────────────── mappers

const num = (v: number | bigint | null) => (v == null ? null : Number(v));

export const toCall = (c: FundingCallsTable, actionIds: string[], applicationCount: number): FundingCall => ({
  id: c.id,
  createdAt: c.created_at,
  updatedAt: c.updated_at,
  updatedBy: c.updated_by,
  deletedAt: c.deleted_at,
  programme: c.programme,
  priority: c.priority,
  managingBody: c.managing_body,
  code: c.code,
  title: c.title,
  type: c.type,
  status: c.status,
  openingDate: c.opening_date,
  deadline: c.deadline,
  budget: num(c.budget),
  eligibleApplicants: c.eligible_applicants,
  eligibleActivities: c.eligible_activities,
  grantRate: c.grant_rate,
  minGrant: num(c.min_grant),
  maxGrant: num(c.max_grant),
  maxDurationMonths: c.max_duration_months,
  guideUrl: c.guide_url,
  nonReimbursable: c.non_reimbursable === 1,
  actionIds,
  applicationCount,
});

type ApplicationRow = FundingApplicationsTable & { call_code: string; call_title: string; programme: FundingCall['programme']; non_reimbursable: number };

export const toApplication = (a: ApplicationRow, actionIds: string[]): FundingApplication => ({
  id: a.id,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
  updatedBy: a.updated_by,
  deletedAt: a.deleted_at,
  code: a.code,
  title: a.title,
  callId: a.call_id,
  callCode: a.call_code,
  callTitle: a.call_title,
  programme: a.programme,
  nonReimbursable: a.non_reimbursable === 1,
  applicant: a.applicant,
  partners: a.partners,
  actionIds,
  requestedAmount: Number(a.requested_amount),
  ownContribution: Number(a.own_contribution),
  totalAmount: Number(a.total_amount),
  status: a.status,
  allowedNext: [...APPLICATION_TRANSITIONS[a.status]],
  submittedOn: a.submitted_on,
  decisionOn: a.decision_on,
  contractSignedOn: a.contract_signed_on,
  implementationStart: a.implementation_start,
  closedOn: a.closed_on,
  nextStep: a.next_step,
  nextStepOn: a.next_step_on,
  councilDecisionNo: a.council_decision_no,
  councilDecisionDate: a.council_decision_date,
  evaluationFeedback: a.evaluation_feedback,
});

const group = (links: Array<{ action_id: string }>, keyOf: (l: never) => string) => {
  const m = new Map<string, string[]>();
  for (const l of links) {
    const k = keyOf(l as never);
    const list = m.get(k);
    if (list) list.push(l.action_id);
    else m.set(k, [l.action_id]);
  }
  return m;
};

// ───────────────────────────── calls

export async function listCalls(ctx: ServiceContext, input: { includeDeleted?: boolean; id?: string } = {}): Promise<FundingCall[]> {
  const rows = await q.listCalls(ctx.db, input);
  const links = group(await q.listCallActions(ctx.db, input.id ? rows.map((r) => r.id) : undefined), (l: { call_id: string }) => l.call_id);
  return rows.map((r) => toCall(r, links.get(r.id) ?? [], Number(r.application_count ?? 0)));
}

export async function getCall(ctx: ServiceContext, input: { id: string }): Promise<FundingCall> {
  const [c] = await listCalls(ctx, { id: input.id });
  if (!c) throw notFound('funding call', input.id);
  return c;
}

export const callColumns = (i: In<'funding.saveCall'>) => ({
  programme: i.programme,
  priority: i.priority,
  managing_body: i.managingBody,
  code: i.code,
  title: i.title,
  type: i.type,
  status: i.status,
  opening_date: i.openingDate,
  deadline: i.deadline,
  budget: i.budget,
  eligible_applicants: i.eligibleApplicants,
  eligible_activities: i.eligibleActivities,
  grant_rate: i.grantRate,
  min_grant: i.minGrant,
  max_grant: i.maxGrant,
  max_duration_months: i.maxDurationMonths,
  guide_url: i.guideUrl,
  non_reimbursable: i.nonReimbursable ? 1 : 0,
});

async function checkActions(trx: Tx, actionIds: string[]) {
  for (const [n, aid] of actionIds.entries()) {
    const a = await getRow(trx, 'actions', aid);
    if (!a || a.deleted_at) throw validationError(`actionIds.${n}`, 'not_found', 'the linked action does not exist');
  }
}

/** The write of one call inside the caller's transaction (the service and the Excel import share it). */
export async function writeCall(ctx: ServiceContext, trx: WriteTx, input: In<'funding.saveCall'>): Promise<string> {
  if (await q.callCodeTaken(trx, input.code, input.id)) throw validationError('code', 'duplicate', `call code ${input.code} is already used`);
  await checkActions(trx, input.actionIds);
  let id: string;
  if (input.id) {
    await updateCurrent(ctx, trx, 'funding_calls', 'funding_call', input.id, input.expectedUpdatedAt, callColumns(input));
    id = input.id;
  } else {
    id = (await insertAudited(ctx, trx, 'funding_calls', 'funding_call', { id: newId(), ...callColumns(input) })).id;
  }
  await q.replaceCallActions(trx, id, [...new Set(input.actionIds)]);
  return id;
}

export async function saveCall(ctx: ServiceContext, input: In<'funding.saveCall'>): Promise<FundingCall> {
  const id = await ctx.tx((trx) => writeCall(ctx, trx, input));
  return getCall(ctx, { id });
}

export async function deleteCall(ctx: ServiceContext, input: In<'funding.deleteCall'>) {
  await ctx.tx(async (trx) => {
    const n = await q.countLiveApplications(trx, input.id);
    if (n > 0) throw validationError('id', 'has_applications', `the call has ${n} application(s); delete them first`);
    await softDeleteRow(ctx, trx, 'funding_calls', 'funding_call', input.id, input.expectedUpdatedAt);
  });
  return null;
}

export async function restoreCall(ctx: ServiceContext, input: In<'funding.restoreCall'>) {
  await ctx.tx(async (trx) => {
    const c = await getRow(trx, 'funding_calls', input.id);
    if (c?.deleted_at && (await q.callCodeTaken(trx, c.code, c.id))) throw validationError('code', 'duplicate', `call code ${c.code} is used by another call`);
    if (!(await restoreRow(ctx, trx, 'funding_calls', 'funding_call', input.id)) && !c) throw notFound('funding call', input.id);
  });
  return null;
}

// ───────────────────────────── applications

export async function listApplications(ctx: ServiceContext, input: { callId?: string; id?: string } = {}): Promise<FundingApplication[]> {
  const rows = (await q.listApplications(ctx.db, input)) as ApplicationRow[];
  const links = group(
    await q.listApplicationActions(ctx.db, input.id || input.callId ? rows.map((r) => r.id) : undefined),
    (l: { application_id: string }) => l.application_id,
  );
  return rows.map((r) => toApplication(r, links.get(r.id) ?? []));
}

export async function getApplication(ctx: ServiceContext, input: { id: string }): Promise<FundingApplicationDetail> {
  const [a] = await listApplications(ctx, { id: input.id });
  if (!a) throw notFound('funding application', input.id);
  const files = await listAttachments(ctx.db, 'funding_application', [a.id]);
  return { ...a, documents: files.map(toAttachment) };
}

const transitionError = (from: ApplicationStatus, to: ApplicationStatus) => {
  const next = APPLICATION_TRANSITIONS[from];
  return validationError(
    'status',
    'transition',
    `an application cannot go from ${from} to ${to}; ${next.length ? `from ${from} it can go to ${next.join(' or ')}` : `${from} is a final status`}`,
  );
};

export const applicationColumns = (i: In<'funding.saveApplication'>, status: ApplicationStatus) => ({
  call_id: i.callId,
  code: i.code,
  title: i.title,
  applicant: i.applicant,
  partners: i.partners,
  requested_amount: i.requestedAmount,
  own_contribution: i.ownContribution,
  total_amount: i.requestedAmount + i.ownContribution,
  status,
  submitted_on: i.submittedOn,
  decision_on: i.decisionOn,
  contract_signed_on: i.contractSignedOn,
  implementation_start: i.implementationStart,
  closed_on: i.closedOn,
  next_step: i.nextStep,
  next_step_on: i.nextStepOn,
  council_decision_no: i.councilDecisionNo,
  council_decision_date: i.councilDecisionDate,
  evaluation_feedback: i.evaluationFeedback,
});

const DATE_COLUMN = {
  submittedOn: 'submitted_on',
  decisionOn: 'decision_on',
  contractSignedOn: 'contract_signed_on',
  implementationStart: 'implementation_start',
  closedOn: 'closed_on',
} as const;

/** Checks an application against its call (live, grant limits, grant rate). */
async function checkAgainstCall(trx: Tx, input: In<'funding.saveApplication'>) {
  const call = await getRow(trx, 'funding_calls', input.callId);
  if (!call || call.deleted_at) throw validationError('callId', 'not_found', 'the call does not exist');
  const { min_grant: min, max_grant: max, grant_rate: rate } = call;
  if (min != null && input.requestedAmount < Number(min))
    throw validationError('requestedAmount', 'below_min_grant', `the requested amount is below the call's minimum grant (${Number(min) / 100} lei)`);
  if (max != null && input.requestedAmount > Number(max))
    throw validationError('requestedAmount', 'above_max_grant', `the requested amount is above the call's maximum grant (${Number(max) / 100} lei)`);
  const total = input.requestedAmount + input.ownContribution;
  if (rate != null && total > 0 && input.requestedAmount * 100 > rate * total)
    throw validationError(
      'ownContribution',
      'below_co_financing',
      `the call funds at most ${rate}% of the total; the own contribution must be at least ${Math.round((100 - rate) * 100) / 100}%`,
    );
}

/** The write of one application inside the caller's transaction (the service and the Excel import share it). */
export async function writeApplication(ctx: ServiceContext, trx: WriteTx, input: In<'funding.saveApplication'>): Promise<string> {
  await checkAgainstCall(trx, input);
  if (input.code && (await q.applicationCodeTaken(trx, input.code, input.id)))
    throw validationError('code', 'duplicate', `application code ${input.code} is already used`);
  await checkActions(trx, input.actionIds);
  const files = prepareUploads(input.documents, 'documents');
  let id: string;
  let at: string;
  if (input.id) {
    const before = await live(trx, 'funding_applications', input.id, 'funding application');
    const status = input.status ?? before.status;
    if (status !== before.status && !APPLICATION_TRANSITIONS[before.status].includes(status)) throw transitionError(before.status, status);
    const cols = applicationColumns(input, status);
    const field = STATUS_DATE_FIELD[status];
    if (status !== before.status && field && !cols[DATE_COLUMN[field]]) cols[DATE_COLUMN[field]] = today(ctx);
    const after = await updateCurrent(ctx, trx, 'funding_applications', 'funding_application', input.id, input.expectedUpdatedAt, cols);
    id = input.id;
    at = after.updated_at as string;
  } else {
    const status = input.status ?? 'idea';
    const cols = applicationColumns(input, status);
    const row = await insertAudited(ctx, trx, 'funding_applications', 'funding_application', { id: newId(), ...cols });
    id = row.id;
    at = row.created_at;
  }
  await q.replaceApplicationActions(trx, id, [...new Set(input.actionIds)]);
  const stored = await storeAttachments(trx, ctx.dataDir, files, 'funding_application', id, at, ctx.actor.id);
  for (const f of stored)
    await audit(trx, ctx.actor, f.created_at, 'attachment', f.id, 'create', null, {
      file_name: f.file_name,
      sha256: f.sha256,
      entity: f.entity,
      entity_id: f.entity_id,
    });
  return id;
}

export async function saveApplication(ctx: ServiceContext, input: In<'funding.saveApplication'>): Promise<FundingApplicationDetail> {
  const id = await ctx.tx((trx) => writeApplication(ctx, trx, input));
  return getApplication(ctx, { id });
}

export async function moveApplication(ctx: ServiceContext, input: In<'funding.moveApplication'>): Promise<FundingApplicationDetail> {
  await ctx.tx(async (trx) => {
    const before = await live(trx, 'funding_applications', input.id, 'funding application');
    if (!APPLICATION_TRANSITIONS[before.status].includes(input.status)) throw transitionError(before.status, input.status);
    const date = input.date ?? today(ctx);
    if (date > today(ctx)) throw validationError('date', 'future', 'a status change cannot be dated in the future');
    const field = STATUS_DATE_FIELD[input.status];
    const patch: Record<string, unknown> = { status: input.status };
    if (field) {
      // Key dates follow the pipeline: the new one cannot precede the ones already recorded.
      for (const [f, col] of Object.entries(DATE_COLUMN)) {
        if (f === field) break;
        const earlier = before[col];
        if (earlier && date < earlier) throw validationError('date', 'before_previous', `the date is before ${f} (${earlier})`);
      }
      patch[DATE_COLUMN[field]] = date;
    }
    if (input.note) patch.evaluation_feedback = before.evaluation_feedback ? `${before.evaluation_feedback}\n\n${input.note}` : input.note;
    await updateCurrent(ctx, trx, 'funding_applications', 'funding_application', input.id, input.expectedUpdatedAt, patch);
  });
  return getApplication(ctx, { id: input.id });
}

export async function deleteApplication(ctx: ServiceContext, input: In<'funding.deleteApplication'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'funding_applications', 'funding_application', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restoreApplication(ctx: ServiceContext, input: In<'funding.restoreApplication'>) {
  await ctx.tx(async (trx) => {
    const a = await getRow(trx, 'funding_applications', input.id);
    if (!a) throw notFound('funding application', input.id);
    const call = await getRow(trx, 'funding_calls', a.call_id);
    if (call?.deleted_at) throw validationError('callId', 'deleted', 'restore its call first');
    if (a.deleted_at && a.code && (await q.applicationCodeTaken(trx, a.code, a.id)))
      throw validationError('code', 'duplicate', `application code ${a.code} is used by another application`);
    await restoreRow(ctx, trx, 'funding_applications', 'funding_application', input.id);
  });
  return null;
}

// ───────────────────────────── deadlines

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDay(d);
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export async function upcomingDeadlines(ctx: ServiceContext, input: In<'funding.upcomingDeadlines'>): Promise<FundingDeadlines> {
  const day = input.today ?? today(ctx);
  const range = { from: day, to: addDays(day, input.days) };
  const [calls, apps, lateCalls, lateApps] = await Promise.all([
    q.callDeadlines(ctx.db, range),
    q.applicationNextSteps(ctx.db, range),
    q.callDeadlines(ctx.db, { before: day }),
    q.applicationNextSteps(ctx.db, { before: day }),
  ]);
  const ofCall = (c: (typeof calls)[number]): FundingDeadline => ({
    kind: 'call',
    id: c.id,
    code: c.code,
    title: c.title,
    date: c.deadline!,
    daysLeft: daysBetween(day, c.deadline!),
    status: c.status,
    what: 'deadline',
  });
  const ofApp = (a: (typeof apps)[number]): FundingDeadline => ({
    kind: 'application',
    id: a.id,
    code: a.code,
    title: a.title,
    date: a.next_step_on!,
    daysLeft: daysBetween(day, a.next_step_on!),
    status: a.status,
    what: a.next_step,
  });
  const byDate = (x: FundingDeadline, y: FundingDeadline) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.code < y.code ? -1 : 1);
  return {
    today: day,
    days: input.days,
    upcoming: [...calls.map(ofCall), ...apps.map(ofApp)].sort(byDate),
    overdue: [...lateCalls.map(ofCall), ...lateApps.map(ofApp)].sort(byDate),
  };
}
