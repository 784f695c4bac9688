import type { WriteTx } from '../../../db/access';
import type { Tx } from '../../../db/connection';
import { listAttachments } from '../../../db/queries/admin';
import * as q from '../../../db/queries/budgeting';
import type { AttachmentsTable } from '../../../db/schema';
import type { BudgetingProjectMilestonesTable, BudgetingProjectsTable, BudgetingTranchesTable } from '../../../db/schema/budgeting';
import {
  asciiSlug,
  MAX_ADVANCE_PERCENT,
  MIN_FINAL_PERCENT,
  validationError,
  type BudgetCampaign,
  type BudgetProject,
  type CampaignResults,
  type GrantSummary,
  type GrantTranche,
  type MethodName,
  type ParsedInputOf,
  type ProjectMilestone,
  type ReportDue,
} from '../../contract';
import { prepareUploads, storeAttachments, toAttachment } from '../attachments';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { isoDay, newId, parseJson } from '../util';
import { insertAudited, live, notFound, restoreRow, softDeleteRow, updateCurrent } from '../writes';
import { getCampaign } from './service';
import { neutralizeText } from '../neutralize';

/**
 * Implementation of winning projects (and funded grants): status, progress, planned / committed / paid money,
 * milestones with evidence files, and for grant calls the contract (≤ the line's ceiling, co-financing ≥ the
 * call's minimum), the tranche schedule (advances ≤ 85 %, final ≥ 15 %), the reports due and the appeals fund.
 */

type In<K extends MethodName> = ParsedInputOf<K>;
type ProjectRow = Awaited<ReturnType<typeof q.listProjects>>[number];

export const MILESTONE_ENTITY = 'budgeting_milestone';
const today = (ctx: ServiceContext) => isoDay(ctx.now());
const lei = (bani: number) => `${(bani / 100).toLocaleString('ro-RO', { maximumFractionDigits: 2 })} lei`;
const pct = (part: number, whole: number) => (whole ? Math.round((10_000 * part) / whole) / 100 : 0);
const num = (v: number | bigint | null) => (v == null ? null : Number(v));

// ───────────────────────────── mappers

function toMilestone(m: BudgetingProjectMilestonesTable, files: AttachmentsTable[], day: string): ProjectMilestone {
  return {
    id: m.id,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    updatedBy: m.updated_by,
    deletedAt: m.deleted_at,
    projectId: m.project_id,
    title: m.title,
    dueOn: m.due_on,
    doneOn: m.done_on,
    evidenceNote: m.evidence,
    evidence: files.map(toAttachment),
    overdue: !m.done_on && !!m.due_on && m.due_on < day,
  };
}

function toTranche(t: BudgetingTranchesTable, contractAmount: number | null, day: string): GrantTranche {
  return {
    id: t.id,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    updatedBy: t.updated_by,
    deletedAt: t.deleted_at,
    projectId: t.project_id,
    seq: t.seq,
    kind: t.kind,
    amount: Number(t.amount),
    percent: contractAmount ? pct(Number(t.amount), contractAmount) : null,
    dueOn: t.due_on,
    paidOn: t.paid_on,
    reportDueOn: t.report_due_on,
    reportReceivedOn: t.report_received_on,
    reportOverdue: !t.report_received_on && !!t.report_due_on && t.report_due_on < day,
  };
}

function toProject(p: ProjectRow, milestones: ProjectMilestone[], tranches: BudgetingTranchesTable[], day: string): BudgetProject {
  const contractAmount = num(p.contract_amount);
  return {
    id: p.id,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    updatedBy: p.updated_by,
    deletedAt: p.deleted_at,
    campaignId: p.campaign_id,
    campaignKind: p.campaign_kind,
    proposalId: p.proposal_id,
    proposalCode: p.proposal_code,
    proposalTitle: p.proposal_title,
    zoneCode: p.zone_code,
    grantLine: p.grant_line,
    status: p.status,
    progress: p.progress,
    planned: Number(p.planned),
    committed: Number(p.committed),
    paid: Number(p.paid),
    startDate: p.start_date,
    endDate: p.end_date,
    completedOn: p.completed_on,
    contractNo: p.contract_no,
    contractSignedOn: p.contract_signed_on,
    contractAmount,
    grantee: p.grantee,
    cofinancing: num(p.cofinancing),
    fundedFrom: p.funded_from,
    note: p.note,
    milestones,
    tranches: tranches.map((t) => toTranche(t, contractAmount, day)),
    milestonesDone: milestones.filter((m) => m.doneOn).length,
  };
}

async function loadProjects(ctx: ServiceContext, rows: ProjectRow[], db = ctx.db): Promise<BudgetProject[]> {
  const ids = rows.map((r) => r.id);
  const milestones = await q.listMilestones(db, ids);
  const files = await listAttachments(
    db,
    MILESTONE_ENTITY,
    milestones.map((m) => m.id),
  );
  const tranches = await q.listTranches(db, ids);
  const day = today(ctx);
  return rows.map((r) =>
    toProject(
      r,
      milestones
        .filter((m) => m.project_id === r.id)
        .map((m) =>
          toMilestone(
            m,
            files.filter((f) => f.entity_id === m.id),
            day,
          ),
        ),
      tranches.filter((t) => t.project_id === r.id),
      day,
    ),
  );
}

// ───────────────────────────── projects

export async function listProjects(ctx: ServiceContext, input: { campaignId: string; includeDeleted?: boolean }): Promise<BudgetProject[]> {
  await getCampaign(ctx, { id: input.campaignId });
  return loadProjects(ctx, await q.listProjects(ctx.db, input));
}

export async function getProject(ctx: ServiceContext, input: { id: string }): Promise<BudgetProject> {
  const [p] = await q.listProjects(ctx.db, { id: input.id });
  if (!p) throw notFound('budgeting project', input.id);
  return (await loadProjects(ctx, [p]))[0];
}

/** Money already promised from a grant call's appeals fund (contract amount, or planned before the contract). */
async function appealsFundUsed(trx: Tx, campaignId: string, exceptProjectId?: string) {
  const rows = await q.listProjects(trx, { campaignId });
  const from = rows.filter((r) => r.funded_from === 'appeals_fund' && r.id !== exceptProjectId);
  return { used: from.reduce((s, r) => s + Number(r.contract_amount ?? r.planned), 0), projects: from.map((r) => r.proposal_code) };
}

/** Starts tracking a winner of the latest results; in a grant call also a proposal whose appeal was upheld (appeals fund). */
export async function createProject(ctx: ServiceContext, input: In<'budgeting.createProject'>): Promise<BudgetProject> {
  const id = await ctx.tx(async (trx) => {
    const p = await live(trx, 'budgeting_proposals', input.proposalId, 'budgeting proposal').catch(() => {
      throw validationError('proposalId', 'not_found', 'the proposal does not exist');
    });
    const campaign = await getCampaign(ctx, { id: p.campaign_id }, trx);
    if ((await q.listProjects(trx, { proposalId: p.id })).length)
      throw validationError('proposalId', 'exists', `${p.code} is already being implemented: update its record`);
    const last = await q.latestResult(trx, campaign.id);
    if (!last) throw validationError('proposalId', 'no_results', 'compute the results first: only a winning project is implemented');
    const decision = parseJson<CampaignResults | null>(last.result, null)?.projects.find((d) => d.proposalId === p.id);
    let fundedFrom: 'budget' | 'appeals_fund' = 'budget';
    let planned = input.planned ?? (decision?.funded || Number(p.cost_estimate ?? p.requested_amount ?? 0));
    if (!decision?.won) {
      const appeal = campaign.kind === 'grant' ? await q.upheldAppeal(trx, p.id) : undefined;
      if (!appeal)
        throw validationError(
          'proposalId',
          'not_winner',
          `${p.code} did not win${decision ? ` (${decision.textEn})` : ''}; only a winner${campaign.kind === 'grant' ? ' or a proposal whose appeal was upheld' : ''} is implemented`,
        );
      if (campaign.appealsFund <= 0) throw validationError('proposalId', 'no_appeals_fund', 'the call keeps no appeals fund to pay an upheld appeal');
      fundedFrom = 'appeals_fund';
      if (input.planned == null) planned = Number(p.requested_amount ?? p.cost_estimate ?? 0);
      const { used } = await appealsFundUsed(trx, campaign.id);
      if (used + planned > campaign.appealsFund)
        throw validationError('planned', 'over_appeals_fund', `the appeals fund has ${lei(campaign.appealsFund - used)} left; ${p.code} needs ${lei(planned)}`);
    }
    if (campaign.kind === 'grant') {
      if (campaign.minScore != null && (p.final_score == null || p.final_score < campaign.minScore))
        throw validationError(
          'proposalId',
          'below_min_score',
          `${p.code} scored ${p.final_score ?? 'nothing'}; the call's minimum score is ${campaign.minScore}`,
        );
      const problem = cofinancingProblem(campaign, num(p.requested_amount), num(p.cofinancing));
      if (problem) throw validationError('proposalId', 'cofinancing_below_minimum', `${p.code}: ${problem}`);
    }
    const id = newId();
    await insertAudited(ctx, trx, 'budgeting_projects', 'budgeting project', {
      id,
      campaign_id: campaign.id,
      proposal_id: p.id,
      status: 'not_started',
      progress: 0,
      planned,
      committed: 0,
      paid: 0,
      start_date: input.startDate,
      end_date: input.endDate,
      funded_from: fundedFrom,
      note: input.note,
    });
    return id;
  });
  return getProject(ctx, { id });
}

export async function updateProject(ctx: ServiceContext, input: In<'budgeting.updateProject'>): Promise<BudgetProject> {
  const day = today(ctx);
  await ctx.tx(async (trx) => {
    const before = (await live(trx, 'budgeting_projects', input.id, 'budgeting project')) as BudgetingProjectsTable;
    const campaign = await getCampaign(ctx, { id: before.campaign_id }, trx);
    if (input.status === 'not_started' && input.progress > 0)
      throw validationError('progress', 'not_started', 'a project that has not started has 0 % progress');
    const completedOn = input.status === 'completed' ? (input.completedOn ?? before.completed_on ?? day) : null;
    if (completedOn && completedOn > day) throw validationError('completedOn', 'future', 'a project cannot be completed in the future');
    if (campaign.kind === 'grant' && before.contract_amount != null) {
      // A grant's money comes from its contract and its tranches, not from typing.
      if (input.committed !== Number(before.contract_amount))
        throw validationError(
          'committed',
          'from_contract',
          `for a grant the committed amount is the contract's (${lei(Number(before.contract_amount))}); change the contract instead`,
        );
      if (input.paid !== Number(before.paid))
        throw validationError('paid', 'from_tranches', `for a grant the paid amount is the sum of the paid tranches (${lei(Number(before.paid))})`);
    }
    await updateCurrent(ctx, trx, 'budgeting_projects', 'budgeting project', input.id, input.expectedUpdatedAt, {
      status: input.status,
      progress: input.status === 'completed' ? 100 : input.progress,
      planned: input.planned,
      committed: input.committed,
      paid: input.paid,
      start_date: input.startDate,
      end_date: input.endDate,
      completed_on: completedOn,
      note: input.note,
    });
  });
  return getProject(ctx, { id: input.id });
}

export async function deleteProject(ctx: ServiceContext, input: { id: string; expectedUpdatedAt: string }) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'budgeting_projects', 'budgeting project', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restoreProject(ctx: ServiceContext, input: { id: string }) {
  await ctx.tx(async (trx) => {
    const row = (await q.listProjects(trx, { id: input.id, includeDeleted: true }))[0];
    if (!row) throw notFound('budgeting project', input.id);
    if (row.deleted_at && (await q.listProjects(trx, { proposalId: row.proposal_id })).length)
      throw validationError('id', 'exists', `${row.proposal_code} has another implementation record now`);
    await restoreRow(ctx, trx, 'budgeting_projects', 'budgeting project', input.id);
  });
  return null;
}

// ───────────────────────────── milestones

async function liveProject(trx: Tx, projectId: string, field = 'projectId') {
  const [p] = await q.listProjects(trx, { id: projectId });
  if (!p) throw validationError(field, 'not_found', 'the project does not exist');
  return p;
}

function checkMilestone(day: string, v: { doneOn: string | null; evidenceNote: string }, files: number) {
  if (v.doneOn && v.doneOn > day) throw validationError('doneOn', 'future', 'a milestone cannot be reached in the future');
  if (v.doneOn && !v.evidenceNote && files === 0)
    throw validationError('evidence', 'required', 'a reached milestone needs its evidence: a file or a note saying what shows it');
}

async function storeMilestoneFiles(ctx: ServiceContext, trx: WriteTx, milestoneId: string, at: string, files: ReturnType<typeof prepareUploads>) {
  const stored = await storeAttachments(trx, ctx.dataDir, files, MILESTONE_ENTITY, milestoneId, at, ctx.actor.id);
  for (const f of stored)
    await audit(trx, ctx.actor, f.created_at, 'attachment', f.id, 'create', null, {
      file_name: f.file_name,
      sha256: f.sha256,
      entity: f.entity,
      entity_id: f.entity_id,
    });
  return stored;
}

async function milestoneById(ctx: ServiceContext, id: string): Promise<ProjectMilestone> {
  const [m] = await q.listMilestones(ctx.db, [], { id });
  if (!m) throw notFound('budgeting milestone', id);
  return toMilestone(m, await listAttachments(ctx.db, MILESTONE_ENTITY, [id]), today(ctx));
}

export async function addMilestone(ctx: ServiceContext, input: In<'budgeting.addMilestone'>): Promise<ProjectMilestone> {
  const files = prepareUploads(input.evidence);
  checkMilestone(today(ctx), input, files.length);
  const id = await ctx.tx(async (trx) => {
    await liveProject(trx, input.projectId);
    const id = newId();
    const row = await insertAudited(ctx, trx, 'budgeting_project_milestones', 'budgeting milestone', {
      id,
      project_id: input.projectId,
      title: input.title,
      due_on: input.dueOn,
      done_on: input.doneOn,
      evidence: input.evidenceNote,
      attachment_ids: '[]',
    });
    const stored = await storeMilestoneFiles(ctx, trx, id, row.created_at, files);
    if (stored.length)
      await q.setMilestoneAttachments(
        trx,
        id,
        stored.map((f) => f.id),
      );
    return id;
  });
  return milestoneById(ctx, id);
}

export async function updateMilestone(ctx: ServiceContext, input: In<'budgeting.updateMilestone'>): Promise<ProjectMilestone> {
  const files = prepareUploads(input.evidence);
  await ctx.tx(async (trx) => {
    const before = (await live(trx, 'budgeting_project_milestones', input.id, 'budgeting milestone')) as BudgetingProjectMilestonesTable;
    await liveProject(trx, before.project_id, 'id');
    const kept = parseJson<string[]>(before.attachment_ids, []);
    checkMilestone(today(ctx), input, kept.length + files.length);
    const after = await updateCurrent(ctx, trx, 'budgeting_project_milestones', 'budgeting milestone', input.id, input.expectedUpdatedAt, {
      title: input.title,
      due_on: input.dueOn,
      done_on: input.doneOn,
      evidence: input.evidenceNote,
    });
    const stored = await storeMilestoneFiles(ctx, trx, input.id, after.updated_at as string, files);
    if (stored.length) await q.setMilestoneAttachments(trx, input.id, [...kept, ...stored.map((f) => f.id)]);
  });
  return milestoneById(ctx, input.id);
}

export async function deleteMilestone(ctx: ServiceContext, input: { id: string; expectedUpdatedAt: string }) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'budgeting_project_milestones', 'budgeting milestone', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restoreMilestone(ctx: ServiceContext, input: { id: string }) {
  await ctx.tx((trx) => restoreRow(ctx, trx, 'budgeting_project_milestones', 'budgeting milestone', input.id));
  return null;
}

// ───────────────────────────── grants: co-financing, contracts, tranches, reports, appeals fund

/** Why a grant's co-financing is too low, or null: own contribution ≥ the call's minimum share of the project total. */
export function cofinancingProblem(campaign: Pick<BudgetCampaign, 'cofinancingMinPercent'>, grant: number | null, cofinancing: number | null): string | null {
  if (grant == null || grant === 0) return null;
  const own = cofinancing ?? 0;
  const total = grant + own;
  if (own * 100 >= campaign.cofinancingMinPercent * total) return null;
  return `co-financing is ${pct(own, total).toFixed(2)} % of the project total (${lei(own)} of ${lei(total)}); the call asks for at least ${campaign.cofinancingMinPercent} %`;
}

async function grantProject(ctx: ServiceContext, trx: Tx, projectId: string) {
  const p = await liveProject(trx, projectId);
  const campaign = await getCampaign(ctx, { id: p.campaign_id }, trx);
  if (campaign.kind !== 'grant')
    throw validationError(
      'projectId',
      'not_grant',
      'contracts and tranches are for grant calls; record the money of a participatory budget project on the project itself',
    );
  return { p, campaign };
}

export async function saveGrantContract(ctx: ServiceContext, input: In<'budgeting.saveGrantContract'>): Promise<BudgetProject> {
  await ctx.tx(async (trx) => {
    const { p, campaign } = await grantProject(ctx, trx, input.projectId);
    if (input.signedOn > today(ctx)) throw validationError('signedOn', 'future', 'a contract cannot be signed in the future');
    const line = campaign.grantLines.find((l) => l.code === p.grant_line);
    if (!line && campaign.grantLines.length)
      throw validationError('projectId', 'no_line', `${p.proposal_code} names no line of this call; set its grant line first`);
    if (line && input.amount > line.ceiling)
      throw validationError(
        'amount',
        'over_ceiling',
        `the grant (${lei(input.amount)}) is above the ceiling of line ${line.code} — ${line.name} (${lei(line.ceiling)})`,
      );
    const problem = cofinancingProblem(campaign, input.amount, input.cofinancing);
    if (problem) throw validationError('cofinancing', 'below_minimum', problem);
    if (await q.contractNoTaken(trx, campaign.id, input.contractNo, p.id))
      throw validationError('contractNo', 'duplicate', `contract ${input.contractNo} is already recorded in this call`);
    if (p.funded_from === 'appeals_fund') {
      const { used } = await appealsFundUsed(trx, campaign.id, p.id);
      if (used + input.amount > campaign.appealsFund)
        throw validationError(
          'amount',
          'over_appeals_fund',
          `the appeals fund has ${lei(campaign.appealsFund - used)} left; this contract needs ${lei(input.amount)}`,
        );
    }
    const scheduled = (await q.trancheRows(trx, p.id)).reduce((s, t) => s + Number(t.amount), 0);
    if (scheduled > input.amount)
      throw validationError('amount', 'below_tranches', `the tranches already scheduled add up to ${lei(scheduled)}, more than this amount`);
    await updateCurrent(ctx, trx, 'budgeting_projects', 'budgeting project', p.id, input.expectedUpdatedAt, {
      contract_no: input.contractNo,
      contract_signed_on: input.signedOn,
      contract_amount: input.amount,
      cofinancing: input.cofinancing,
      grantee: input.grantee,
      committed: input.amount,
    });
  });
  return getProject(ctx, { id: input.projectId });
}

/** The checks of a tranche schedule against its contract amount; throws the first problem with its field. */
export function checkTranches(amount: number, tranches: In<'budgeting.setTranches'>['tranches'], day: string) {
  const finals = tranches.map((t, i) => [t, i] as const).filter(([t]) => t.kind === 'final');
  const last = tranches.length - 1;
  if (finals.length !== 1 || finals[0][1] !== last)
    throw validationError(`tranches.${last}.kind`, 'final_last', 'the schedule ends with exactly one final tranche (paid after the final report)');
  const total = tranches.reduce((s, t) => s + t.amount, 0);
  if (total > amount) throw validationError('tranches', 'over_contract', `the tranches add up to ${lei(total)}, more than the contract's ${lei(amount)}`);
  const advances = total - tranches[last].amount;
  if (advances * 100 > MAX_ADVANCE_PERCENT * amount)
    throw validationError(
      'tranches',
      'advance_over_limit',
      `the advance tranches add up to ${pct(advances, amount).toFixed(2)} % of the grant; at most ${MAX_ADVANCE_PERCENT} % may be paid in advance`,
    );
  if (tranches[last].amount * 100 < MIN_FINAL_PERCENT * amount)
    throw validationError(
      `tranches.${last}.amount`,
      'final_under_minimum',
      `the final tranche is ${pct(tranches[last].amount, amount).toFixed(2)} % of the grant; at least ${MIN_FINAL_PERCENT} % is paid after the final report`,
    );
  tranches.forEach((t, i) => {
    if (t.paidOn && t.paidOn > day) throw validationError(`tranches.${i}.paidOn`, 'future', 'a tranche cannot be paid in the future');
    if (t.reportReceivedOn && t.reportReceivedOn > day)
      throw validationError(`tranches.${i}.reportReceivedOn`, 'future', 'a report cannot be received in the future');
    if (t.reportReceivedOn && !t.reportDueOn)
      throw validationError(`tranches.${i}.reportDueOn`, 'required', 'give the deadline of the report that was received');
  });
  const fin = tranches[last];
  if (fin.paidOn && !fin.reportReceivedOn)
    throw validationError(`tranches.${last}.paidOn`, 'report_missing', 'the final tranche is paid only after the final report is received');
  if (!fin.reportDueOn) throw validationError(`tranches.${last}.reportDueOn`, 'required', 'the final tranche needs the deadline of the final report');
}

export async function setTranches(ctx: ServiceContext, input: In<'budgeting.setTranches'>): Promise<BudgetProject> {
  await ctx.tx(async (trx) => {
    const { p } = await grantProject(ctx, trx, input.projectId);
    if (p.contract_amount == null) throw validationError('projectId', 'no_contract', 'record the contract first: tranches are shares of its amount');
    checkTranches(Number(p.contract_amount), input.tranches, today(ctx));
    const paid = input.tranches.reduce((s, t) => s + (t.paidOn ? t.amount : 0), 0);
    // The project first: a stale expectedUpdatedAt stops everything here (CONFLICT, nothing written).
    await updateCurrent(ctx, trx, 'budgeting_projects', 'budgeting project', p.id, input.expectedUpdatedAt, {
      paid,
      ...(p.status === 'not_started' && paid > 0 ? { status: 'in_progress' } : {}),
    });
    const existing = await q.trancheRows(trx, p.id);
    for (const [i, t] of input.tranches.entries()) {
      const cols = { kind: t.kind, amount: t.amount, due_on: t.dueOn, paid_on: t.paidOn, report_due_on: t.reportDueOn, report_received_on: t.reportReceivedOn };
      const row = existing.find((e) => e.seq === i + 1);
      if (!row) await insertAudited(ctx, trx, 'budgeting_tranches', 'budgeting tranche', { id: newId(), project_id: p.id, seq: i + 1, ...cols });
      else if (
        row.kind !== cols.kind ||
        Number(row.amount) !== cols.amount ||
        row.due_on !== cols.due_on ||
        row.paid_on !== cols.paid_on ||
        row.report_due_on !== cols.report_due_on ||
        row.report_received_on !== cols.report_received_on
      )
        await updateCurrent(ctx, trx, 'budgeting_tranches', 'budgeting tranche', row.id, row.updated_at, cols);
    }
    for (const row of existing.filter((e) => e.seq > input.tranches.length))
      await softDeleteRow(ctx, trx, 'budgeting_tranches', 'budgeting tranche', row.id, row.updated_at);
  });
  return getProject(ctx, { id: input.projectId });
}

export async function reportsDue(ctx: ServiceContext, input: { campaignId?: string; today?: string }): Promise<ReportDue[]> {
  if (input.campaignId) await getCampaign(ctx, { id: input.campaignId });
  const day = input.today ?? today(ctx);
  const dayMs = Date.parse(`${day}T00:00:00Z`);
  return (await q.reportsDue(ctx.db, input.campaignId)).map((r) => {
    const daysLeft = Math.round((Date.parse(`${r.report_due_on}T00:00:00Z`) - dayMs) / 86_400_000);
    return {
      projectId: r.project_id,
      campaignId: r.campaign_id,
      proposalCode: r.code,
      proposalTitle: r.title,
      grantee: r.grantee,
      trancheSeq: r.seq,
      kind: r.kind,
      reportDueOn: r.report_due_on!,
      reportReceivedOn: r.report_received_on,
      daysLeft,
      overdue: daysLeft < 0,
    };
  });
}

export async function grantSummary(ctx: ServiceContext, input: { campaignId: string }): Promise<GrantSummary> {
  const campaign = await getCampaign(ctx, { id: input.campaignId });
  if (campaign.kind !== 'grant') throw validationError('campaignId', 'not_grant', 'a grant summary is for grant calls');
  const rows = await q.listProjects(ctx.db, { campaignId: campaign.id });
  const fromFund = rows.filter((r) => r.funded_from === 'appeals_fund');
  const used = fromFund.reduce((s, r) => s + Number(r.contract_amount ?? r.planned), 0);
  return {
    campaignId: campaign.id,
    totalBudget: campaign.totalBudget,
    appealsFund: { fund: campaign.appealsFund, used, remaining: campaign.appealsFund - used, projects: fromFund.map((r) => r.proposal_code) },
    lines: campaign.grantLines.map((l) => {
      const on = rows.filter((r) => r.grant_line === l.code && r.contract_amount != null);
      return { code: l.code, name: l.name, ceiling: l.ceiling, contracts: on.length, contracted: on.reduce((s, r) => s + Number(r.contract_amount), 0) };
    }),
    contracted: rows.reduce((s, r) => s + Number(r.contract_amount ?? 0), 0),
    cofinancing: rows.reduce((s, r) => s + Number(r.cofinancing ?? 0), 0),
    paid: rows.reduce((s, r) => s + Number(r.paid), 0),
  };
}

// ───────────────────────────── Decidim accountability CSV

/**
 * Decidim's accountability results export/import columns (the admin "Import results from CSV" reads the same
 * flattened names: category/id, scope/id, parent/id, title/<locale>, description/<locale>, start_date, end_date,
 * status/key, progress, proposals_ids). Separator ';' as Decidim's CSV exporter writes it.
 */
export const ACCOUNTABILITY_COLUMNS = [
  'id',
  'category/id',
  'category/name/ro',
  'scope/id',
  'scope/name/ro',
  'parent/id',
  'title/ro',
  'title/en',
  'description/ro',
  'description/en',
  'start_date',
  'end_date',
  'status/id',
  'status/key',
  'status/name/ro',
  'status/name/en',
  'progress',
  'proposals_ids',
  'reference',
  'address',
  'latitude',
  'longitude',
  'created_at',
  'updated_at',
] as const;

const STATUS_NAMES: Record<string, [string, string]> = {
  not_started: ['Neînceput', 'Not started'],
  in_progress: ['În implementare', 'In progress'],
  completed: ['Finalizat', 'Completed'],
  cancelled: ['Anulat', 'Cancelled'],
};

/**
 * One CSV field: quoted when it holds the separator, a quote or a line break. The accountability CSV is opened
 * in spreadsheets, so text that one would run as a formula is neutralised (neutralize.ts); numbers are left as they are.
 */
export const csvField = (v: unknown, sep = ';') => {
  const s = v == null ? '' : typeof v === 'string' ? neutralizeText(v) : String(v);
  return s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function exportAccountability(ctx: ServiceContext, input: { campaignId: string }): Promise<{ fileName: string; content: string }> {
  const campaign = await getCampaign(ctx, { id: input.campaignId });
  const projects = await loadProjects(ctx, await q.listProjects(ctx.db, { campaignId: campaign.id }));
  const rows = await q.listProjects(ctx.db, { campaignId: campaign.id });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lines: string[] = [ACCOUNTABILITY_COLUMNS.join(';')];
  const push = (rec: Record<(typeof ACCOUNTABILITY_COLUMNS)[number], unknown>) => lines.push(ACCOUNTABILITY_COLUMNS.map((c) => csvField(rec[c])).join(';'));
  for (const p of projects) {
    const r = byId.get(p.id)!;
    const [ro, en] = STATUS_NAMES[p.status];
    push({
      id: p.id,
      'category/id': '',
      'category/name/ro': r.proposal_category,
      'scope/id': '',
      'scope/name/ro': r.zone_name ?? '',
      'parent/id': '',
      'title/ro': p.proposalTitle,
      'title/en': '',
      'description/ro': [r.proposal_body, p.note].filter(Boolean).join('\n\n'),
      'description/en': '',
      start_date: p.startDate ?? '',
      end_date: p.completedOn ?? p.endDate ?? '',
      'status/id': '',
      'status/key': p.status,
      'status/name/ro': ro,
      'status/name/en': en,
      progress: p.progress,
      // A proposal imported from the platform keeps the platform's id as its code.
      proposals_ids: r.proposal_source === 'decidim' ? p.proposalCode : '',
      reference: p.proposalCode,
      address: r.proposal_address,
      latitude: r.proposal_latitude ?? '',
      longitude: r.proposal_longitude ?? '',
      created_at: p.createdAt,
      updated_at: p.updatedAt,
    });
    // Milestones as child results of the project.
    for (const m of p.milestones) {
      const done = !!m.doneOn;
      push({
        id: m.id,
        'category/id': '',
        'category/name/ro': r.proposal_category,
        'scope/id': '',
        'scope/name/ro': r.zone_name ?? '',
        'parent/id': p.id,
        'title/ro': m.title,
        'title/en': '',
        'description/ro': [m.evidenceNote, ...m.evidence.map((f) => `Dovadă: ${f.fileName} (SHA-256 ${f.sha256})`)].filter(Boolean).join('\n'),
        'description/en': '',
        start_date: '',
        end_date: m.doneOn ?? m.dueOn ?? '',
        'status/id': '',
        'status/key': done ? 'completed' : 'not_started',
        'status/name/ro': STATUS_NAMES[done ? 'completed' : 'not_started'][0],
        'status/name/en': STATUS_NAMES[done ? 'completed' : 'not_started'][1],
        progress: done ? 100 : 0,
        proposals_ids: '',
        reference: `${p.proposalCode}/${p.milestones.indexOf(m) + 1}`,
        address: '',
        latitude: '',
        longitude: '',
        created_at: m.createdAt,
        updated_at: m.updatedAt,
      });
    }
  }
  const slug = asciiSlug(campaign.name);
  return { fileName: `accountability-${slug || 'campanie'}.csv`, content: `${lines.join('\n')}\n` };
}
