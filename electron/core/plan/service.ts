import type { WriteTx } from '../../../db/access';
import type { Tx } from '../../../db/connection';
import { listAttachments } from '../../../db/queries/admin';
import * as q from '../../../db/queries/plan';
import { getRow, stampRows } from '../../../db/queries/rows';
import type { ActionsTable, CommitmentsTable, IndicatorsTable, MeasurementsTable, MilestonesTable, ProgressUpdatesTable } from '../../../db/schema';
import {
  AppError,
  validationError,
  type Action,
  type ActionDeleteImpact,
  type ActionStatus,
  type Commitment,
  type CommitmentSummary,
  type Dashboard,
  type Indicator,
  type Measurement,
  type MethodName,
  type Milestone,
  type ParsedInputOf,
  type ProgressUpdate,
  type AuditEntity,
} from '../../contract';
import { prepareUploads, storeAttachments, toAttachment } from '../attachments';
import { audit } from '../audit';
import { insertAudited, live, notFound, restoreRow, softDeleteRow, updateCurrent } from '../writes';
import type { ServiceContext } from '../context';
import { readSettings } from '../admin/settings';
import { cachedRead } from '../cache';
import { isoDay, newId, nextTimestamp } from '../util';
import { toCommitment, toMilestone, toPlanInfo } from './mappers';
import { computeSource, indicatorSources } from './sources';
import { computePlanState, computePlanStatus } from './state';

type In<K extends MethodName> = ParsedInputOf<K>;

/** The actions under `parentActionId` (sub-actions at any depth), itself not included. */
function subActionsOf(all: Array<{ id: string; parent_id: string | null }>, parentActionId: string) {
  const stack = [parentActionId];
  const found = new Set<string>();
  while (stack.length) {
    const p = stack.pop()!;
    for (const a of all.filter((x) => x.parent_id === p)) {
      if (found.has(a.id)) continue;
      found.add(a.id);
      stack.push(a.id);
    }
  }
  return found;
}

/**
 * Rows that go with another (or come back with it): one stamp for all, each audited. Deleted at `at`; or, given
 * `restoring` (the stamp they were deleted with), restored.
 */
async function stampAudited(
  ctx: ServiceContext,
  trx: WriteTx,
  table: 'progress_updates' | 'milestones' | 'attachments',
  entity: AuditEntity,
  rows: Array<{ id: string }>,
  at: string,
  restoring?: string,
) {
  await stampRows(
    trx,
    table,
    rows.map((r) => r.id),
    restoring === undefined ? at : null,
    at,
    ctx.actor.id,
  );
  for (const r of rows)
    if (restoring === undefined) await audit(trx, ctx.actor, at, entity, r.id, 'delete', { deleted_at: null }, { deleted_at: at });
    else await audit(trx, ctx.actor, at, entity, r.id, 'restore', { deleted_at: restoring }, { deleted_at: null });
}

/** Progress updates (with their evidence) and milestones of these actions go with them: same stamp, each audited. */
async function deleteDependants(ctx: ServiceContext, trx: WriteTx, at: string, actionIds: string[]) {
  const d = await q.actionDependants(trx, actionIds);
  const parts: Array<['progress_updates' | 'milestones' | 'attachments', AuditEntity, Array<{ id: string }>]> = [
    ['attachments', 'attachment', d.evidence],
    ['progress_updates', 'progress_update', d.updates],
    ['milestones', 'milestone', d.milestones],
  ];
  for (const [table, entity, rows] of parts) await stampAudited(ctx, trx, table, entity, rows, at);
}

/** Undo of deleteDependants: what was deleted with `stamp` comes back. */
async function restoreDependants(ctx: ServiceContext, trx: WriteTx, at: string, stamp: string, actionIds: string[]) {
  const updates = await q.deletedWithStamp(trx, 'progress_updates', stamp, actionIds);
  const milestones = await q.deletedWithStamp(trx, 'milestones', stamp, actionIds);
  const evidence = await q.evidenceDeletedWithStamp(
    trx,
    stamp,
    updates.map((u) => u.id),
  );
  const parts: Array<['progress_updates' | 'milestones' | 'attachments', AuditEntity, Array<{ id: string }>]> = [
    ['progress_updates', 'progress_update', updates],
    ['milestones', 'milestone', milestones],
    ['attachments', 'attachment', evidence],
  ];
  for (const [table, entity, rows] of parts) await stampAudited(ctx, trx, table, entity, rows, at, stamp);
}

async function cascadeDeleteChildren(ctx: ServiceContext, trx: WriteTx, at: string, filter: { commitmentId?: string; parentActionId?: string }) {
  const all = await q.listActions(trx, { commitmentId: filter.commitmentId });
  const doomed = filter.parentActionId ? subActionsOf(all, filter.parentActionId) : new Set<string>(all.map((a) => a.id));
  for (const aid of doomed) {
    await stampRows(trx, 'actions', [aid], at, at, ctx.actor.id, { onlyLive: true });
    await audit(trx, ctx.actor, at, 'action', aid, 'delete', { deleted_at: null }, { deleted_at: at });
  }
  await deleteDependants(ctx, trx, at, [...(filter.parentActionId ? [filter.parentActionId] : []), ...doomed]);
  if (filter.commitmentId) {
    const inds = await q.listIndicators(trx, { commitmentId: filter.commitmentId });
    for (const i of inds) {
      await stampRows(trx, 'indicators', [i.id], at, at, ctx.actor.id);
      await audit(trx, ctx.actor, at, 'indicator', i.id, 'delete', { deleted_at: null }, { deleted_at: at });
    }
  }
}

async function restore(ctx: ServiceContext, trx: WriteTx, table: 'commitments' | 'actions' | 'indicators', entity: AuditEntity, id: string) {
  const row = (await getRow(trx, table, id)) as { deleted_at: string | null; code: string; updated_at: string } | undefined;
  if (!row) throw notFound(entity, id);
  if (!row.deleted_at) return;
  if (await q.codeTaken(trx, table, row.code, id)) throw validationError('code', 'duplicate', `code ${row.code} is used by another record`);
  const stamp = row.deleted_at;
  const at = nextTimestamp(ctx.now(), row.updated_at);
  const revive = async (t: 'commitments' | 'actions' | 'indicators', ent: AuditEntity, ids: string[]) => {
    for (const rid of ids) {
      await stampRows(trx, t, [rid], null, at, ctx.actor.id);
      await audit(trx, ctx.actor, at, ent, rid, 'restore', { deleted_at: stamp }, { deleted_at: null });
    }
  };
  await revive(table, entity, [id]);
  // Dependants deleted in the same operation carry the same stamp.
  if (table === 'commitments') {
    const a = await q.idsDeletedWith(trx, 'actions', stamp, { commitmentId: id });
    const i = await q.idsDeletedWith(trx, 'indicators', stamp, { commitmentId: id });
    await revive('actions', 'action', a);
    await revive('indicators', 'indicator', i);
    await restoreDependants(ctx, trx, at, stamp, a);
  } else if (table === 'actions') {
    const a = await q.idsDeletedWith(trx, 'actions', stamp, { exceptId: id });
    await revive('actions', 'action', a);
    await restoreDependants(ctx, trx, at, stamp, [id, ...a]);
  }
}

const today = (ctx: ServiceContext) => isoDay(ctx.now());

async function state(ctx: ServiceContext, opts: { commitmentId?: string; today?: string } = {}) {
  const settings = await readSettings(ctx.db);
  return computePlanState(ctx.db, opts.today ?? today(ctx), settings, opts);
}

// ───────────────────────────── reads

export async function getInfo(ctx: ServiceContext) {
  const p = await q.getPlan(ctx.db);
  if (!p) throw new AppError('NOT_FOUND', 'no plan loaded', { entity: 'plan' });
  return toPlanInfo(p);
}

export async function listCommitments(ctx: ServiceContext, input: In<'plan.listCommitments'>): Promise<CommitmentSummary[]> {
  const s = await state(ctx);
  if (!input.includeDeleted) return s.commitments;
  const deleted = (await q.listCommitments(ctx.db, { includeDeleted: true })).filter((c) => c.deleted_at);
  return [
    ...s.commitments,
    ...deleted.map((c) => ({ ...toCommitment(c), progress: 0, expectedProgress: 0, rag: 'no_data' as const, actionCount: 0, indicatorCount: 0 })),
  ];
}

export async function getCommitment(ctx: ServiceContext, input: In<'plan.getCommitment'>) {
  const s = await state(ctx, { commitmentId: input.id });
  const c = s.commitments[0];
  if (!c) throw notFound('commitment', input.id);
  return c;
}

export async function listActions(ctx: ServiceContext, input: In<'plan.listActions'>): Promise<Action[]> {
  return (await state(ctx, { commitmentId: input.commitmentId })).actions;
}

export async function listIndicators(ctx: ServiceContext, input: In<'plan.listIndicators'>): Promise<Indicator[]> {
  return (await state(ctx, { commitmentId: input.commitmentId })).indicators;
}

export async function listMilestones(ctx: ServiceContext, input: In<'plan.listMilestones'>): Promise<Milestone[]> {
  return (await q.listMilestones(ctx.db, input.actionId)).map(toMilestone);
}

export async function indicatorRecords(ctx: ServiceContext, input: In<'plan.indicatorRecords'>) {
  const ind = (await getRow(ctx.db, 'indicators', input.id)) as IndicatorsTable | undefined;
  if (!ind || ind.deleted_at) throw notFound('indicator', input.id);
  const known = await indicatorSources();
  const source = ind.source && known[ind.source] ? ind.source : null;
  if (!source) return { source: ind.source, rule: null, value: null, records: [] };
  const r = await computeSource(ctx.db, today(ctx), known[source]);
  return { source, rule: known[source].rule, value: r.value, records: r.records };
}

export async function listMeasurements(ctx: ServiceContext, input: In<'plan.listMeasurements'>): Promise<Measurement[]> {
  const rows = await q.listMeasurements(ctx.db, input.indicatorId);
  const files = await listAttachments(
    ctx.db,
    'measurement',
    rows.map((r) => r.id),
  );
  return rows.map((m) => toMeasurement(m, files.filter((f) => f.entity_id === m.id).map(toAttachment)));
}

export async function listProgressUpdates(ctx: ServiceContext, input: In<'plan.listProgressUpdates'>): Promise<ProgressUpdate[]> {
  const rows = await q.listProgressUpdates(ctx.db, { actionId: input.actionId });
  const files = await listAttachments(
    ctx.db,
    'progress_update',
    rows.map((r) => r.id),
  );
  return rows.map((p) => toProgressUpdate(p, p.author_name ?? null, files.filter((f) => f.entity_id === p.id).map(toAttachment)));
}

const toMeasurement = (m: MeasurementsTable, evidence: Measurement['evidence']): Measurement => ({
  id: m.id,
  createdAt: m.created_at,
  updatedAt: m.updated_at,
  updatedBy: m.updated_by,
  deletedAt: m.deleted_at,
  indicatorId: m.indicator_id,
  date: m.date,
  value: m.value,
  period: m.period,
  note: m.note,
  evidence,
});

const toProgressUpdate = (p: ProgressUpdatesTable, authorName: string | null, evidence: ProgressUpdate['evidence']): ProgressUpdate => ({
  id: p.id,
  createdAt: p.created_at,
  updatedAt: p.updated_at,
  updatedBy: p.updated_by,
  deletedAt: p.deleted_at,
  actionId: p.action_id,
  date: p.date,
  progress: p.progress,
  status: p.status,
  note: p.note,
  authorName,
  evidence,
});

// ───────────────────────────── commitments

const commitmentColumns = (i: In<'plan.saveCommitment'>) => ({
  code: i.code,
  title: i.title,
  description: i.description,
  objective: i.objective,
  problem: i.problem,
  solution: i.solution,
  actors: i.actors,
  relevance_local: i.relevanceLocal,
  relevance_national: i.relevanceNational,
  relevance_international: i.relevanceInternational,
  ogp_values: JSON.stringify(i.ogpValues),
  start_date: i.startDate,
  end_date: i.endDate,
  lead_institution: i.leadInstitution,
  responsible_person: i.responsiblePerson,
  design_verifiable: i.designVerifiable == null ? null : i.designVerifiable ? 1 : 0,
  design_potential: i.designPotential,
  weight: i.weight,
  sort_order: i.sortOrder,
});

export async function saveCommitment(ctx: ServiceContext, input: In<'plan.saveCommitment'>): Promise<Commitment> {
  return ctx.tx(async (trx) => {
    if (await q.codeTaken(trx, 'commitments', input.code, input.id)) throw validationError('code', 'duplicate', `code ${input.code} is already used`);
    if (input.id) {
      const after = await updateCurrent(ctx, trx, 'commitments', 'commitment', input.id, input.expectedUpdatedAt, commitmentColumns(input));
      return toCommitment(after as unknown as CommitmentsTable);
    }
    const plan = await q.getPlan(trx);
    if (!plan) throw new AppError('NOT_FOUND', 'no plan loaded; run init first', { entity: 'plan' });
    const row = await insertAudited(ctx, trx, 'commitments', 'commitment', {
      id: newId(),
      plan_id: plan.id,
      ...commitmentColumns(input),
      calendar_text: '',
      completion: null,
      opened_government: '{}',
      factors: '',
      lessons: '',
    });
    return toCommitment(row as unknown as CommitmentsTable);
  });
}

export async function deleteCommitment(ctx: ServiceContext, input: In<'plan.deleteCommitment'>) {
  await ctx.tx(async (trx) => {
    const at = await softDeleteRow(ctx, trx, 'commitments', 'commitment', input.id, input.expectedUpdatedAt);
    await cascadeDeleteChildren(ctx, trx, at, { commitmentId: input.id });
  });
  return null;
}

export async function restoreCommitment(ctx: ServiceContext, input: In<'plan.restoreCommitment'>) {
  await ctx.tx((trx) => restore(ctx, trx, 'commitments', 'commitment', input.id));
  return null;
}

export async function setAssessment(ctx: ServiceContext, input: In<'plan.setAssessment'>): Promise<Commitment> {
  return ctx.tx(async (trx) => {
    const after = await updateCurrent(ctx, trx, 'commitments', 'commitment', input.id, input.expectedUpdatedAt, {
      completion: input.completion,
      opened_government: JSON.stringify(input.openedGovernment),
      factors: input.factors,
      lessons: input.lessons,
    });
    return toCommitment(after as unknown as CommitmentsTable);
  });
}

// ───────────────────────────── actions

async function checkActionPlacement(trx: Tx, input: In<'plan.saveAction'>) {
  const c = await getRow(trx, 'commitments', input.commitmentId);
  if (!c || c.deleted_at) throw validationError('commitmentId', 'not_found', 'the commitment does not exist');
  if (!input.code.startsWith(`${c.code}.`)) throw validationError('code', 'prefix', `an action of ${c.code} has a code starting with ${c.code}.`);
  if (input.parentId) {
    if (input.parentId === input.id) throw validationError('parentId', 'self', 'an action cannot be its own parent');
    const p = await getRow(trx, 'actions', input.parentId);
    if (!p || p.deleted_at) throw validationError('parentId', 'not_found', 'the parent action does not exist');
    if (p.commitment_id !== input.commitmentId) throw validationError('parentId', 'other_commitment', 'the parent action belongs to another commitment');
    if (!input.code.startsWith(`${p.code}.`)) throw validationError('code', 'prefix', `a sub-action of ${p.code} has a code starting with ${p.code}.`);
  } else if (input.code.split('.').length > 2) {
    throw validationError('parentId', 'parentRequired', 'a nested code such as A1.2.1 needs its parent action');
  }
  if (await q.codeTaken(trx, 'actions', input.code, input.id)) throw validationError('code', 'duplicate', `code ${input.code} is already used`);
}

const actionColumns = (i: In<'plan.saveAction'>) => ({
  commitment_id: i.commitmentId,
  parent_id: i.parentId,
  code: i.code,
  title: i.title,
  deliverable: i.deliverable,
  planned_start: i.plannedStart,
  planned_end: i.plannedEnd,
  actual_start: i.actualStart,
  actual_end: i.actualEnd,
  responsible_org: i.responsibleOrg,
  responsible_person: i.responsiblePerson,
  status: i.status,
  progress: i.status === 'done' ? 100 : i.progress,
  weight: i.weight,
  blockers: i.blockers,
});

async function actionById(ctx: ServiceContext, id: string): Promise<Action> {
  const s = await state(ctx);
  const a = s.actions.find((x) => x.id === id);
  if (!a) throw notFound('action', id);
  return a;
}

export async function saveAction(ctx: ServiceContext, input: In<'plan.saveAction'>): Promise<Action> {
  const id = await ctx.tx(async (trx) => {
    await checkActionPlacement(trx, input);
    if (input.id) {
      await updateCurrent(ctx, trx, 'actions', 'action', input.id, input.expectedUpdatedAt, actionColumns(input));
      return input.id;
    }
    const row = await insertAudited(ctx, trx, 'actions', 'action', { id: newId(), ...actionColumns(input), sort_order: 0 });
    return row.id as string;
  });
  return actionById(ctx, id);
}

export async function deleteAction(ctx: ServiceContext, input: In<'plan.deleteAction'>) {
  await ctx.tx(async (trx) => {
    const at = await softDeleteRow(ctx, trx, 'actions', 'action', input.id, input.expectedUpdatedAt);
    await cascadeDeleteChildren(ctx, trx, at, { parentActionId: input.id });
  });
  return null;
}

export async function restoreAction(ctx: ServiceContext, input: In<'plan.restoreAction'>) {
  await ctx.tx(async (trx) => {
    const a = await getRow(trx, 'actions', input.id);
    if (a) {
      const c = await getRow(trx, 'commitments', a.commitment_id);
      if (c?.deleted_at) throw validationError('commitmentId', 'deleted', 'restore its commitment first');
    }
    await restore(ctx, trx, 'actions', 'action', input.id);
  });
  return null;
}

// ───────────────────────────── milestones

export async function saveMilestone(ctx: ServiceContext, input: In<'plan.saveMilestone'>): Promise<Milestone> {
  return ctx.tx(async (trx) => {
    await live(trx, 'actions', input.actionId, 'action').catch(() => {
      throw validationError('actionId', 'not_found', 'the action does not exist');
    });
    const cols = {
      action_id: input.actionId,
      title: input.title,
      due_date: input.dueDate,
      done: input.done ? 1 : 0,
      done_date: input.done ? (input.doneDate ?? today(ctx)) : null,
    };
    const row = input.id
      ? await updateCurrent(ctx, trx, 'milestones', 'milestone', input.id, input.expectedUpdatedAt, cols)
      : await insertAudited(ctx, trx, 'milestones', 'milestone', { id: newId(), ...cols });
    return toMilestone(row as unknown as MilestonesTable);
  });
}

export async function deleteMilestone(ctx: ServiceContext, input: In<'plan.deleteMilestone'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'milestones', 'milestone', input.id, input.expectedUpdatedAt));
  return null;
}

// ───────────────────────────── indicators

const indicatorColumns = (i: In<'plan.saveIndicator'>) => ({
  commitment_id: i.commitmentId,
  code: i.code,
  name: i.name,
  unit: i.unit,
  type: i.type,
  direction: i.direction,
  baseline: i.baseline,
  baseline_date: i.baselineDate,
  target: i.target,
  denominator: i.denominator,
  denominator_source: i.denominatorSource,
  denominator_year: i.denominatorYear,
  counting_rule: i.countingRule,
  data_source: i.dataSource,
  frequency: i.frequency,
  responsible_department: i.responsibleDepartment,
  ...(i.source !== undefined ? { source: i.source } : {}),
});

async function indicatorById(ctx: ServiceContext, id: string): Promise<Indicator> {
  const row = await getRow(ctx.db, 'indicators', id);
  if (!row) throw notFound('indicator', id);
  const i = (await state(ctx, { commitmentId: row.commitment_id })).indicators.find((x) => x.id === id);
  if (!i) throw notFound('indicator', id);
  return i;
}

export async function saveIndicator(ctx: ServiceContext, input: In<'plan.saveIndicator'>): Promise<Indicator> {
  const id = await ctx.tx(async (trx) => {
    const c = await getRow(trx, 'commitments', input.commitmentId);
    if (!c || c.deleted_at) throw validationError('commitmentId', 'not_found', 'the commitment does not exist');
    if (await q.codeTaken(trx, 'indicators', input.code, input.id)) throw validationError('code', 'duplicate', `code ${input.code} is already used`);
    const known = await indicatorSources();
    if (input.source && !known[input.source])
      throw validationError('source', 'unknown', `no module computes "${input.source}"; known: ${Object.keys(known).join(', ') || 'none'}`);
    for (const [n, aid] of input.actionIds.entries()) {
      const a = await getRow(trx, 'actions', aid);
      if (!a || a.deleted_at) throw validationError(`actionIds.${n}`, 'not_found', 'the linked action does not exist');
    }
    let rid: string;
    if (input.id) {
      await updateCurrent(ctx, trx, 'indicators', 'indicator', input.id, input.expectedUpdatedAt, indicatorColumns(input));
      rid = input.id;
    } else {
      rid = (await insertAudited(ctx, trx, 'indicators', 'indicator', { id: newId(), source: null, ...indicatorColumns(input), sort_order: 0 })).id as string;
    }
    await q.replaceIndicatorActions(trx, rid, [...new Set(input.actionIds)]);
    return rid;
  });
  return indicatorById(ctx, id);
}

export async function deleteIndicator(ctx: ServiceContext, input: In<'plan.deleteIndicator'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'indicators', 'indicator', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restoreIndicator(ctx: ServiceContext, input: In<'plan.restoreIndicator'>) {
  await ctx.tx((trx) => restore(ctx, trx, 'indicators', 'indicator', input.id));
  return null;
}

// ───────────────────────────── measurements and progress updates

export async function addMeasurement(ctx: ServiceContext, input: In<'plan.addMeasurement'>): Promise<Measurement> {
  const files = prepareUploads(input.evidence);
  return ctx.tx(async (trx) => {
    const ind = (await getRow(trx, 'indicators', input.indicatorId)) as IndicatorsTable | undefined;
    if (!ind || ind.deleted_at) throw validationError('indicatorId', 'not_found', 'the indicator does not exist');
    if (ind.source && (await indicatorSources())[ind.source])
      throw validationError('indicatorId', 'computed', 'this indicator is computed from the records of its module; it takes no measurements by hand');
    if (input.date > today(ctx)) throw validationError('date', 'future', 'a measurement cannot be dated in the future');
    if (input.value < 0) throw validationError('value', 'negative', 'the value cannot be negative');
    if (ind.type === 'milestone' && input.value !== 0 && input.value !== 1)
      throw validationError('value', 'milestone', 'a milestone is 1 (done) or 0 (not done)');
    if (ind.type === 'ratio' && ind.denominator && input.value > ind.denominator)
      throw validationError('value', 'above_denominator', `the numerator cannot exceed the denominator (${ind.denominator})`);
    const period = ind.type === 'per_period' ? (input.period ?? input.date.slice(0, 4)) : input.period;
    const row = await insertAudited(ctx, trx, 'measurements', 'measurement', {
      id: newId(),
      indicator_id: ind.id,
      date: input.date,
      value: input.value,
      period,
      note: input.note,
    });
    const stored = await storeAttachments(trx, ctx.dataDir, files, 'measurement', row.id as string, row.created_at as string, ctx.actor.id);
    for (const f of stored)
      await audit(trx, ctx.actor, f.created_at, 'attachment', f.id, 'create', null, {
        file_name: f.file_name,
        sha256: f.sha256,
        entity: f.entity,
        entity_id: f.entity_id,
      });
    return toMeasurement(row as unknown as MeasurementsTable, stored.map(toAttachment));
  });
}

export async function deleteMeasurement(ctx: ServiceContext, input: In<'plan.deleteMeasurement'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'measurements', 'measurement', input.id, input.expectedUpdatedAt));
  return null;
}

export async function addProgressUpdate(ctx: ServiceContext, input: In<'plan.addProgressUpdate'>): Promise<ProgressUpdate> {
  const files = prepareUploads(input.evidence);
  return ctx.tx(async (trx) => {
    const action = (await getRow(trx, 'actions', input.actionId)) as ActionsTable | undefined;
    if (!action || action.deleted_at) throw validationError('actionId', 'not_found', 'the action does not exist');
    if (input.date > today(ctx)) throw validationError('date', 'future', 'a progress update cannot be dated in the future');
    const status = updateStatus(input, action.status);
    const progress = status === 'done' ? 100 : input.progress;
    const row = await insertAudited(ctx, trx, 'progress_updates', 'progress_update', {
      id: newId(),
      action_id: action.id,
      date: input.date,
      progress,
      status,
      note: input.note,
      author_id: ctx.actor.id,
    });
    // The latest update sets the action's current progress and status.
    const latest = await q.listProgressUpdates(trx, { actionId: action.id });
    if (latest[0]?.id === row.id) {
      await updateCurrent(ctx, trx, 'actions', 'action', action.id, action.updated_at, {
        progress,
        status,
        actual_start: action.actual_start ?? (progress > 0 ? input.date : null),
        actual_end: status === 'done' ? (action.actual_end ?? input.date) : action.actual_end,
      });
    }
    const stored = await storeAttachments(trx, ctx.dataDir, files, 'progress_update', row.id as string, row.created_at as string, ctx.actor.id);
    for (const f of stored)
      await audit(trx, ctx.actor, f.created_at, 'attachment', f.id, 'create', null, {
        file_name: f.file_name,
        sha256: f.sha256,
        entity: f.entity,
        entity_id: f.entity_id,
      });
    return toProgressUpdate(row as unknown as ProgressUpdatesTable, ctx.actor.name, stored.map(toAttachment));
  });
}

/** A progress update's status when the user left it to the rule: done at 100 %, in progress above 0, else the action's. */
const updateStatus = (input: { status?: ActionStatus; progress: number }, actionStatus: ActionStatus) =>
  input.status ?? (input.progress >= 100 ? 'done' : input.progress > 0 ? 'in_progress' : actionStatus);

/**
 * After a correction, delete or undo: the action's progress and status are its latest live update's (with no
 * update left: 0 % and not started). Its actual end goes with "done"; nothing is written when nothing changes.
 */
async function followLatestUpdate(ctx: ServiceContext, trx: WriteTx, actionId: string) {
  const action = (await getRow(trx, 'actions', actionId)) as ActionsTable | undefined;
  if (!action || action.deleted_at) return;
  const [latest] = await q.listProgressUpdates(trx, { actionId });
  const status: ActionStatus = latest ? latest.status : 'not_started';
  const progress = latest ? latest.progress : 0;
  const actualEnd = status === 'done' ? (action.actual_end ?? latest?.date ?? null) : null;
  if (action.progress === progress && action.status === status && action.actual_end === actualEnd) return;
  await updateCurrent(ctx, trx, 'actions', 'action', action.id, action.updated_at, { progress, status, actual_end: actualEnd });
}

async function progressUpdateById(ctx: ServiceContext, id: string): Promise<ProgressUpdate> {
  const row = await getRow(ctx.db, 'progress_updates', id);
  if (!row) throw notFound('progress_update', id);
  const u = (await listProgressUpdates(ctx, { actionId: row.action_id })).find((x) => x.id === id);
  if (!u) throw notFound('progress_update', id);
  return u;
}

export async function saveProgressUpdate(ctx: ServiceContext, input: In<'plan.saveProgressUpdate'>): Promise<ProgressUpdate> {
  const files = prepareUploads(input.evidence);
  await ctx.tx(async (trx) => {
    const before = (await live(trx, 'progress_updates', input.id, 'progress_update')) as ProgressUpdatesTable;
    const action = (await getRow(trx, 'actions', before.action_id)) as ActionsTable | undefined;
    if (!action || action.deleted_at) throw validationError('actionId', 'not_found', 'the action does not exist');
    if (input.date > today(ctx)) throw validationError('date', 'future', 'a progress update cannot be dated in the future');
    const status = updateStatus(input, action.status);
    const after = await updateCurrent(ctx, trx, 'progress_updates', 'progress_update', input.id, input.expectedUpdatedAt, {
      date: input.date,
      progress: status === 'done' ? 100 : input.progress,
      status,
      note: input.note,
    });
    const stored = await storeAttachments(trx, ctx.dataDir, files, 'progress_update', input.id, after.updated_at as string, ctx.actor.id);
    for (const f of stored)
      await audit(trx, ctx.actor, f.created_at, 'attachment', f.id, 'create', null, {
        file_name: f.file_name,
        sha256: f.sha256,
        entity: f.entity,
        entity_id: f.entity_id,
      });
    await followLatestUpdate(ctx, trx, action.id);
  });
  return progressUpdateById(ctx, input.id);
}

export async function deleteProgressUpdate(ctx: ServiceContext, input: In<'plan.deleteProgressUpdate'>) {
  await ctx.tx(async (trx) => {
    const u = (await live(trx, 'progress_updates', input.id, 'progress_update')) as ProgressUpdatesTable;
    const at = await softDeleteRow(ctx, trx, 'progress_updates', 'progress_update', input.id, input.expectedUpdatedAt);
    const files = await q.updateEvidence(trx, [u.id]);
    await stampAudited(ctx, trx, 'attachments', 'attachment', files, at);
    await followLatestUpdate(ctx, trx, u.action_id);
  });
  return null;
}

export async function restoreProgressUpdate(ctx: ServiceContext, input: In<'plan.restoreProgressUpdate'>) {
  await ctx.tx(async (trx) => {
    const u = (await getRow(trx, 'progress_updates', input.id)) as ProgressUpdatesTable | undefined;
    if (!u) throw notFound('progress_update', input.id);
    if (!u.deleted_at) return;
    const action = await getRow(trx, 'actions', u.action_id);
    if (!action || action.deleted_at) throw validationError('actionId', 'deleted', 'restore its action first');
    const stamp = u.deleted_at;
    await restoreRow(ctx, trx, 'progress_updates', 'progress_update', u.id);
    const at = nextTimestamp(ctx.now(), u.updated_at);
    const files = await q.evidenceDeletedWithStamp(trx, stamp, [u.id]);
    await stampAudited(ctx, trx, 'attachments', 'attachment', files, at, stamp);
    await followLatestUpdate(ctx, trx, u.action_id);
  });
  return null;
}

export async function getActionDeleteImpact(ctx: ServiceContext, input: In<'plan.getActionDeleteImpact'>): Promise<ActionDeleteImpact> {
  const action = (await getRow(ctx.db, 'actions', input.id)) as ActionsTable | undefined;
  if (!action || action.deleted_at) throw notFound('action', input.id);
  const all = await q.listActions(ctx.db, { commitmentId: action.commitment_id });
  const subs = subActionsOf(all, action.id);
  const ids = [action.id, ...subs];
  const d = await q.actionDependants(ctx.db, ids);
  const links = await q.actionLinkCounts(ctx.db, ids);
  return {
    subActions: all
      .filter((a) => subs.has(a.id))
      .map((a) => ({ id: a.id, code: a.code }))
      .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })),
    progressUpdates: d.updates.length,
    milestones: d.milestones.length,
    evidence: d.evidence.length,
    raciLinks: links.raci,
    indicators: links.indicators,
  };
}

// ───────────────────────────── dashboard

/**
 * The dashboard, computed once per state of the store (cache.ts: kept until the data stamp moves, so a save by anyone
 * is seen on the next read): fifty signed-in users opening it cost one computation, not fifty.
 */
export async function dashboard(ctx: ServiceContext, input: In<'plan.dashboard'>): Promise<Dashboard> {
  const day = input.today ?? today(ctx);
  const body = await cachedRead(ctx.db, `plan.dashboard:${day}`, () => computeDashboard(ctx, day));
  return { ...body, generatedAt: ctx.now().toISOString() };
}

async function computeDashboard(ctx: ServiceContext, day: string): Promise<Omit<Dashboard, 'generatedAt'>> {
  const s = await computePlanStatus(ctx.db, day, await readSettings(ctx.db));
  const codeOf = new Map(s.commitments.map((c) => [c.row.id, c.row.code]));
  return {
    today: day,
    figures: s.figures,
    commitments: s.commitments.map((c) => ({
      id: c.row.id,
      code: c.row.code,
      title: c.row.title,
      progress: c.progress,
      expectedProgress: c.expectedProgress,
      rag: c.rag,
      completion: c.row.completion as Dashboard['commitments'][number]['completion'],
      startDate: c.row.start_date,
      endDate: c.row.end_date,
    })),
    indicators: s.indicators.map((i) => ({
      id: i.row.id,
      code: i.row.code,
      name: i.row.name,
      commitmentCode: codeOf.get(i.row.commitment_id) ?? '',
      type: i.row.type,
      unit: i.row.unit,
      value: i.latest?.comparable ?? null,
      target: i.row.target,
      percentOfTarget: i.percentOfTarget,
      rag: i.rag,
      lastDate: i.latest?.date ?? null,
    })),
    timeline: s.actions.map((a) => ({
      id: a.row.id,
      code: a.row.code,
      title: a.row.title,
      commitmentCode: codeOf.get(a.row.commitment_id) ?? '',
      plannedStart: a.row.planned_start,
      plannedEnd: a.row.planned_end,
      actualStart: a.row.actual_start,
      actualEnd: a.row.actual_end,
      progress: a.progress,
      status: a.row.status,
      rag: a.rag,
    })),
  };
}

export { state as planState };
