import type { Tx } from '../../../db/connection';
import { listAttachments } from '../../../db/queries/admin';
import { getRow } from '../../../db/queries/rows';
import * as q from '../../../db/queries/stakeholders';
import type { PartnershipsTable, StakeholderInteractionsTable, StakeholdersTable } from '../../../db/schema/stakeholders';
import {
  validationError,
  type Interaction,
  type MethodName,
  type ParsedInputOf,
  type Partnership,
  type RaciLink,
  type Stakeholder,
  type StakeholderScore,
  type StakeholdersPage,
  type StakeholderSummary,
  type Takeover,
} from '../../contract';
import { prepareUploads, storeAttachments, toAttachment } from '../attachments';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { isoDay, newId, nextTimestamp } from '../util';
import { insertAudited, live, notFound, restoreRow, softDeleteRow, updateCurrent } from '../writes';
import { stakeholderKeys, foldKey } from './keys';
import { raciRuleError } from './raci';
import { toInteraction, toListItem, toPartnership, toRaci, toScore, toStakeholder, toSummary, toTakeover, type StakeholderListRow } from './mappers';

type In<K extends MethodName> = ParsedInputOf<K>;

const today = (ctx: ServiceContext) => isoDay(ctx.now());

// ───────────────────────────── rules shared with the import

/** A person may be public only once consent is recorded (date and scope). */
export function checkConsent(v: { type: string; public: boolean; consentDate: string | null; consentScope: string }) {
  if (v.type === 'person' && v.public && (!v.consentDate || !v.consentScope.trim()))
    throw validationError('public', 'consent_required', 'a person can be made public only after their consent is recorded (consent date and scope)');
}

export const stakeholderColumns = (i: In<'stakeholders.save'>) => ({
  type: i.type,
  name: i.name,
  legal_form: i.legalForm,
  sector: i.sector,
  contacts: i.contacts,
  pla_role: i.plaRole,
  power: i.power,
  interest: i.interest,
  attitude: i.attitude,
  assessment_date: i.assessmentDate,
  iap2_level: i.iap2Level,
  gdpr_notes: i.gdprNotes,
  consent_date: i.consentDate,
  consent_scope: i.consentScope,
  public: i.public ? 1 : 0,
  notes: i.notes,
  ...stakeholderKeys(i.name, i.legalForm),
});

async function liveStakeholder(trx: Tx, id: string, field = 'stakeholderId') {
  const s = await getRow(trx, 'stakeholders', id);
  if (!s || s.deleted_at) throw validationError(field, 'not_found', 'the stakeholder does not exist');
  return s;
}

async function liveAction(trx: Tx, id: string, field = 'actionId') {
  const a = await getRow(trx, 'actions', id);
  if (!a || a.deleted_at) throw validationError(field, 'not_found', 'the plan action does not exist');
  return a;
}

// ───────────────────────────── stakeholders

export async function list(ctx: ServiceContext, input: In<'stakeholders.list'>): Promise<StakeholdersPage> {
  const searchKey = foldKey(input.search ?? '');
  const page = await q.listStakeholdersPage(ctx.db, {
    searchKey: searchKey || undefined,
    type: input.type,
    sector: input.sector,
    plaRole: input.plaRole,
    iap2Level: input.iap2Level,
    quadrant: input.quadrant,
    ableToTakeOver: input.ableToTakeOver,
    sort: input.sort,
    order: input.order,
    offset: input.offset,
    limit: input.limit,
  });
  return { total: page.total, rows: page.rows.map(toListItem) };
}

export async function listScores(ctx: ServiceContext): Promise<StakeholderScore[]> {
  return (await q.listStakeholderScores(ctx.db)).map(toScore);
}

export async function get(ctx: ServiceContext, input: In<'stakeholders.get'>): Promise<StakeholderSummary> {
  const r = await q.stakeholderWithCounts(ctx.db, input.id);
  if (!r) throw notFound('stakeholder', input.id);
  return toSummary(r as StakeholderListRow);
}

export async function save(ctx: ServiceContext, input: In<'stakeholders.save'>): Promise<Stakeholder> {
  checkConsent(input);
  return ctx.tx(async (trx) => {
    if (await q.nameTaken(trx, input.name, input.id)) throw validationError('name', 'duplicate', `another stakeholder is already named "${input.name}"`);
    const cols = stakeholderColumns(input);
    const row = input.id
      ? await updateCurrent(ctx, trx, 'stakeholders', 'stakeholder', input.id, input.expectedUpdatedAt, cols)
      : await insertAudited(ctx, trx, 'stakeholders', 'stakeholder', { id: newId(), ...cols });
    return toStakeholder(row as unknown as StakeholdersTable);
  });
}

export async function setScores(ctx: ServiceContext, input: In<'stakeholders.setScores'>): Promise<Stakeholder> {
  return ctx.tx(async (trx) => {
    const row = await updateCurrent(ctx, trx, 'stakeholders', 'stakeholder', input.id, input.expectedUpdatedAt, {
      power: input.power,
      interest: input.interest,
      assessment_date: today(ctx),
    });
    return toStakeholder(row as unknown as StakeholdersTable);
  });
}

/**
 * Deleting a stakeholder deletes their links with the same stamp (undo brings them back). Refused while
 * they are the Accountable of an action that has other links: the action would be left without its A.
 */
export async function remove(ctx: ServiceContext, input: In<'stakeholders.delete'>) {
  await ctx.tx(async (trx) => {
    const s = await live(trx, 'stakeholders', input.id, 'stakeholder');
    for (const link of await q.stakeholderRaci(trx, input.id)) {
      if (link.role !== 'accountable') continue;
      const others = (await q.actionRaci(trx, link.action_id)).filter((l) => l.stakeholder_id !== input.id);
      if (others.length) {
        const a = await getRow(trx, 'actions', link.action_id);
        throw validationError(
          'id',
          'accountable_required',
          `${s.name} is the Accountable for action ${a?.code ?? link.action_id}; name another Accountable there before deleting them`,
        );
      }
    }
    const at = await softDeleteRow(ctx, trx, 'stakeholders', 'stakeholder', input.id, input.expectedUpdatedAt);
    for (const l of await q.cascadeLinks(trx, input.id, { delete: at }, at, ctx.actor.id))
      await audit(trx, ctx.actor, at, l.entity, l.id, 'delete', { deleted_at: null }, { deleted_at: at });
  });
  return null;
}

export async function restore(ctx: ServiceContext, input: In<'stakeholders.restore'>) {
  await ctx.tx(async (trx) => {
    const s = await getRow(trx, 'stakeholders', input.id);
    if (!s) throw notFound('stakeholder', input.id);
    if (!s.deleted_at) return;
    if (await q.nameTaken(trx, s.name, s.id)) throw validationError('name', 'duplicate', `another stakeholder is already named "${s.name}"`);
    const stamp = s.deleted_at;
    const links = await q.stakeholderRaci(trx, s.id, stamp);
    for (const l of links) {
      if (l.role === 'accountable' && (await q.accountableOf(trx, l.action_id)))
        throw validationError('id', 'second_accountable', 'an action this stakeholder was Accountable for has another Accountable now; it cannot have two');
      if (l.role !== 'accountable' && !(await q.accountableOf(trx, l.action_id)) && !links.some((x) => x.action_id === l.action_id && x.role === 'accountable'))
        throw validationError('id', 'accountable_first', 'an action this stakeholder was linked to has no Accountable now');
    }
    await restoreRow(ctx, trx, 'stakeholders', 'stakeholder', s.id);
    const at = nextTimestamp(ctx.now(), s.updated_at);
    for (const l of await q.cascadeLinks(trx, s.id, { restore: stamp }, at, ctx.actor.id))
      await audit(trx, ctx.actor, at, l.entity, l.id, 'restore', { deleted_at: stamp }, { deleted_at: null });
  });
  return null;
}

// ───────────────────────────── RACI

/**
 * The RACI rule (one Accountable per action):
 * - an action with any RACI link has exactly one Accountable;
 * - a second Accountable is refused (field `role`, reason `second_accountable`);
 * - Responsible / Consulted / Informed can be added once the action has its Accountable (`accountable_first`);
 * - the Accountable cannot be removed while other links remain (`accountable_required`): replace it with
 *   `stakeholders.replaceAccountable`, or remove the other links first.
 */
export async function addRaci(ctx: ServiceContext, input: In<'stakeholders.addRaci'>): Promise<RaciLink> {
  const id = await ctx.tx(async (trx) => {
    await liveStakeholder(trx, input.stakeholderId);
    const action = await liveAction(trx, input.actionId);
    if (await q.raciExists(trx, input.actionId, input.stakeholderId, input.role))
      throw validationError('role', 'duplicate', `this stakeholder already has this role on action ${action.code}`);
    const current = await q.accountableOf(trx, input.actionId);
    if (input.role === 'accountable' && current) throw raciRuleError('second_accountable', action.code, current.stakeholder_name);
    if (input.role !== 'accountable' && !current) throw raciRuleError('accountable_first', action.code);
    const row = await insertAudited(ctx, trx, 'stakeholder_raci', 'stakeholder_raci', {
      id: newId(),
      stakeholder_id: input.stakeholderId,
      action_id: input.actionId,
      role: input.role,
    });
    return row.id;
  });
  return raciById(ctx, id);
}

async function raciById(ctx: ServiceContext, id: string) {
  const [r] = await q.listRaci(ctx.db, { id });
  if (!r) throw notFound('stakeholder_raci', id);
  return toRaci(r);
}

export async function deleteRaci(ctx: ServiceContext, input: In<'stakeholders.deleteRaci'>) {
  await ctx.tx(async (trx) => {
    const link = await live(trx, 'stakeholder_raci', input.id, 'stakeholder_raci');
    if (link.role === 'accountable') {
      const others = (await q.actionRaci(trx, link.action_id)).filter((l) => l.id !== link.id);
      if (others.length) throw raciRuleError('accountable_required', (await getRow(trx, 'actions', link.action_id))?.code ?? link.action_id);
    }
    await softDeleteRow(ctx, trx, 'stakeholder_raci', 'stakeholder_raci', input.id, input.expectedUpdatedAt);
  });
  return null;
}

export async function replaceAccountable(ctx: ServiceContext, input: In<'stakeholders.replaceAccountable'>): Promise<RaciLink> {
  const id = await ctx.tx(async (trx) => {
    const action = await liveAction(trx, input.actionId);
    await liveStakeholder(trx, input.stakeholderId);
    const current = await q.accountableOf(trx, input.actionId);
    if (!current) throw validationError('actionId', 'no_accountable', `action ${action.code} has no Accountable to replace; add one`);
    await updateCurrent(ctx, trx, 'stakeholder_raci', 'stakeholder_raci', current.id, input.expectedUpdatedAt, { stakeholder_id: input.stakeholderId });
    return current.id;
  });
  return raciById(ctx, id);
}

export async function listRaci(ctx: ServiceContext, input: In<'stakeholders.listRaci'>): Promise<RaciLink[]> {
  return (await q.listRaci(ctx.db, input)).map(toRaci);
}

// ───────────────────────────── able to take over

export async function listTakeovers(ctx: ServiceContext, input: In<'stakeholders.listTakeovers'>): Promise<Takeover[]> {
  return (await q.listTakeovers(ctx.db, input)).map(toTakeover);
}

export async function addTakeover(ctx: ServiceContext, input: In<'stakeholders.addTakeover'>): Promise<Takeover> {
  if (input.date > today(ctx)) throw validationError('date', 'future_date', 'the date cannot be in the future');
  const id = await ctx.tx(async (trx) => {
    await liveStakeholder(trx, input.stakeholderId);
    const action = await liveAction(trx, input.actionId);
    if (await q.takeoverExists(trx, input.stakeholderId, input.actionId))
      throw validationError('actionId', 'duplicate', `this stakeholder is already marked able to take over action ${action.code}`);
    const row = await insertAudited(ctx, trx, 'stakeholder_takeovers', 'stakeholder_takeover', {
      id: newId(),
      stakeholder_id: input.stakeholderId,
      action_id: input.actionId,
      date: input.date,
      note: input.note,
    });
    return row.id;
  });
  const [r] = await q.listTakeovers(ctx.db, { id });
  return toTakeover(r);
}

export async function deleteTakeover(ctx: ServiceContext, input: In<'stakeholders.deleteTakeover'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'stakeholder_takeovers', 'stakeholder_takeover', input.id, input.expectedUpdatedAt));
  return null;
}

// ───────────────────────────── partnerships

export async function listPartnerships(ctx: ServiceContext, input: { stakeholderId?: string; id?: string }): Promise<Partnership[]> {
  const rows = await q.listPartnerships(ctx.db, input);
  const files = await listAttachments(
    ctx.db,
    'partnership',
    rows.map((r) => r.id),
  );
  return rows.map((r) => toPartnership(r, today(ctx), files.filter((f) => f.entity_id === r.id).map(toAttachment)));
}

export const partnershipColumns = (i: {
  stakeholderId: string;
  type: PartnershipsTable['type'];
  title: string;
  startDate: string;
  endDate: string | null;
  notes: string;
}) => ({
  stakeholder_id: i.stakeholderId,
  type: i.type,
  title: i.title,
  start_date: i.startDate,
  end_date: i.endDate,
  notes: i.notes,
});

export async function savePartnership(ctx: ServiceContext, input: In<'stakeholders.savePartnership'>): Promise<Partnership> {
  const files = prepareUploads(input.documents, 'documents');
  const id = await ctx.tx(async (trx) => {
    await liveStakeholder(trx, input.stakeholderId);
    const cols = partnershipColumns(input);
    const row = input.id
      ? await updateCurrent(ctx, trx, 'partnerships', 'partnership', input.id, input.expectedUpdatedAt, cols)
      : await insertAudited(ctx, trx, 'partnerships', 'partnership', { id: newId(), ...cols });
    const rid = row.id as string;
    if (files.length) {
      const at = row.updated_at as string;
      const stored = await storeAttachments(trx, ctx.dataDir, files, 'partnership', rid, at, ctx.actor.id);
      for (const f of stored)
        await audit(trx, ctx.actor, at, 'attachment', f.id, 'create', null, { file_name: f.file_name, entity: 'partnership', entity_id: rid });
    }
    return rid;
  });
  const [p] = await listPartnerships(ctx, { id });
  return p;
}

export async function deletePartnership(ctx: ServiceContext, input: In<'stakeholders.deletePartnership'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'partnerships', 'partnership', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restorePartnership(ctx: ServiceContext, input: In<'stakeholders.restorePartnership'>) {
  await ctx.tx(async (trx) => {
    const p = await getRow(trx, 'partnerships', input.id);
    if (!p) throw notFound('partnership', input.id);
    await liveStakeholder(trx, p.stakeholder_id, 'id');
    await restoreRow(ctx, trx, 'partnerships', 'partnership', input.id);
  });
  return null;
}

// ───────────────────────────── interactions

export async function listInteractions(ctx: ServiceContext, input: In<'stakeholders.listInteractions'>): Promise<Interaction[]> {
  return (await q.listInteractions(ctx.db, input.stakeholderId)).map(toInteraction);
}

export async function saveInteraction(ctx: ServiceContext, input: In<'stakeholders.saveInteraction'>): Promise<Interaction> {
  if (input.date > today(ctx)) throw validationError('date', 'future_date', 'the date cannot be in the future');
  return ctx.tx(async (trx) => {
    await liveStakeholder(trx, input.stakeholderId);
    const cols = { stakeholder_id: input.stakeholderId, date: input.date, kind: input.kind, summary: input.summary };
    const row = input.id
      ? await updateCurrent(ctx, trx, 'stakeholder_interactions', 'stakeholder_interaction', input.id, input.expectedUpdatedAt, cols)
      : await insertAudited(ctx, trx, 'stakeholder_interactions', 'stakeholder_interaction', { id: newId(), ...cols });
    return toInteraction(row as unknown as StakeholderInteractionsTable);
  });
}

export async function deleteInteraction(ctx: ServiceContext, input: In<'stakeholders.deleteInteraction'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'stakeholder_interactions', 'stakeholder_interaction', input.id, input.expectedUpdatedAt));
  return null;
}
