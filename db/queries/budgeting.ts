import type { WriteTx } from '../access';
import { sql } from 'kysely';
import { engineOf } from '../engine';
import { rawRows, type DbOrTx } from '../connection';

/** Every SQL statement of the budgeting module. Core calls these; nothing else writes SQL for budgeting. */

// ───────────────────────── campaigns and zones

export function listCampaigns(db: DbOrTx, opts: { id?: string; includeDeleted?: boolean } = {}) {
  const counts = db
    .selectFrom('budgeting_proposals')
    .select(['campaign_id', (eb) => eb.fn.countAll<number>().as('proposal_count')])
    .where('deleted_at', 'is', null)
    .groupBy('campaign_id')
    .as('n');
  let q = db.selectFrom('budgeting_campaigns as c').leftJoin(counts, 'n.campaign_id', 'c.id').selectAll('c').select('n.proposal_count');
  if (!opts.includeDeleted) q = q.where('c.deleted_at', 'is', null);
  if (opts.id) q = q.where('c.id', '=', opts.id);
  return q.orderBy('c.created_at', 'desc').execute();
}

export function listZones(db: DbOrTx, campaignId?: string) {
  let q = db.selectFrom('budgeting_zones').selectAll().where('deleted_at', 'is', null);
  if (campaignId) q = q.where('campaign_id', '=', campaignId);
  return q.orderBy('code').execute();
}

// ───────────────────────── proposals

export function listProposals(db: DbOrTx, opts: { campaignId?: string; id?: string; includeDeleted?: boolean }) {
  const progress = db
    .selectFrom('budgeting_assignments')
    .select([
      'proposal_id',
      sql<number>`sum(case when status <> 'recused' then 1 else 0 end)`.as('active'),
      sql<number>`sum(case when status = 'submitted' then 1 else 0 end)`.as('submitted'),
    ])
    .where('deleted_at', 'is', null)
    .groupBy('proposal_id')
    .as('a');
  let q = db
    .selectFrom('budgeting_proposals as p')
    .leftJoin('budgeting_zones as z', 'z.id', 'p.zone_id')
    .leftJoin(progress, 'a.proposal_id', 'p.id')
    .selectAll('p')
    .select(['z.code as zone_code', 'a.active', 'a.submitted']);
  if (opts.campaignId) q = q.where('p.campaign_id', '=', opts.campaignId);
  if (opts.id) q = q.where('p.id', '=', opts.id);
  if (!opts.includeDeleted) q = q.where('p.deleted_at', 'is', null);
  return q.orderBy('p.code').execute();
}

export function proposalCodes(db: DbOrTx, campaignId: string) {
  return db.selectFrom('budgeting_proposals').select(['id', 'code']).where('campaign_id', '=', campaignId).where('deleted_at', 'is', null).execute();
}

export async function proposalCodeTaken(db: DbOrTx, campaignId: string, code: string, exceptId?: string) {
  let q = db.selectFrom('budgeting_proposals').select('id').where('campaign_id', '=', campaignId).where('code', '=', code).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

// ───────────────────────── evaluators and assignments

export function activeEvaluators(db: DbOrTx, ids?: string[]) {
  let q = db
    .selectFrom('users')
    .select(['id', 'display_name', 'role', 'active'])
    .where('deleted_at', 'is', null)
    .where('role', '=', 'evaluator')
    .where('active', '=', 1);
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
  return q.orderBy('display_name').execute();
}

type AssignmentFilter = {
  campaignId?: string;
  proposalId?: string;
  evaluatorId?: string;
  id?: string;
  /** a few hundred at most */ proposalIds?: readonly string[];
};

/** Live assignments of live proposals, filtered, in the lists' order (proposal code, then when assigned); the caller selects the columns. */
function liveAssignments(db: DbOrTx, opts: AssignmentFilter) {
  let q = db
    .selectFrom('budgeting_assignments as a')
    .innerJoin('budgeting_proposals as p', 'p.id', 'a.proposal_id')
    .innerJoin('users as u', 'u.id', 'a.evaluator_id')
    .where('a.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null);
  if (opts.campaignId) q = q.where('a.campaign_id', '=', opts.campaignId);
  if (opts.proposalId) q = q.where('a.proposal_id', '=', opts.proposalId);
  if (opts.proposalIds) q = q.where('a.proposal_id', 'in', opts.proposalIds.length ? opts.proposalIds : ['']);
  if (opts.evaluatorId) q = q.where('a.evaluator_id', '=', opts.evaluatorId);
  if (opts.id) q = q.where('a.id', '=', opts.id);
  return q.orderBy('p.code').orderBy('a.created_at');
}

export function listAssignments(db: DbOrTx, opts: AssignmentFilter) {
  return liveAssignments(db, opts)
    .selectAll('a')
    .select(['p.code as proposal_code', 'p.title as proposal_title', 'u.display_name as evaluator_name'])
    .execute();
}

/**
 * An evaluator's live assignments in a campaign, as listAssignments lists them (same rows, same order) but with only
 * the columns a scoring workbook's import checks and writes: a workbook can list tens of thousands of proposals,
 * and the proposals' titles and the evaluator's name joined for display would be most of what the import holds.
 */
export function assignmentsToAnswer(db: DbOrTx, campaignId: string, evaluatorId: string) {
  return liveAssignments(db, { campaignId, evaluatorId })
    .select([
      'a.id',
      'a.campaign_id',
      'a.proposal_id',
      'a.evaluator_id',
      'a.round',
      'a.status',
      'a.conflict',
      'a.conflict_declared_at',
      'a.scores',
      'a.updated_at',
    ])
    .execute();
}

/** These proposals' live evaluations as listAssignments lists them (same rows, same order), with only what settlement reads. */
export function evaluationsToSettle(db: DbOrTx, /** a few hundred at most */ proposalIds: readonly string[]) {
  return liveAssignments(db, { proposalIds }).select(['a.id', 'a.proposal_id', 'a.status', 'a.scores', 'a.overall', 'a.round']).execute();
}

/**
 * These proposals' settlement (final score, method, divergence) with their stamps, without the proposals' texts: what
 * a scoring workbook's answers compare, write and audit. The columns keep the table's order, so an audit diff of a
 * row read here lists the changed fields as a diff of the whole row does.
 */
export function proposalSettlements(db: DbOrTx, /** a few hundred at most */ ids: readonly string[]) {
  return db
    .selectFrom('budgeting_proposals')
    .select(['id', 'final_score', 'final_method', 'divergent', 'updated_at', 'deleted_at'])
    .where('id', 'in', ids.length ? ids : [''])
    .execute();
}

/** Any row for the pair, live or soft-deleted (an evaluator taken off and put back reuses it). */
export function assignmentPair(db: DbOrTx, proposalId: string, evaluatorId: string) {
  return db
    .selectFrom('budgeting_assignments')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .where('evaluator_id', '=', evaluatorId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function listConflicts(db: DbOrTx, campaignId: string) {
  return db
    .selectFrom('budgeting_conflicts as c')
    .innerJoin('users as u', 'u.id', 'c.evaluator_id')
    .selectAll('c')
    .select('u.display_name as evaluator_name')
    .where('c.campaign_id', '=', campaignId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.declared_at')
    .execute();
}

export function latestModeration(db: DbOrTx, proposalId: string) {
  return db
    .selectFrom('budgeting_moderations')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .where('deleted_at', 'is', null)
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The live moderations of these proposals (a few hundred at most), each proposal's latest first (as latestModeration). */
export function moderationsOfProposals(db: DbOrTx, proposalIds: readonly string[]) {
  return db
    .selectFrom('budgeting_moderations')
    .selectAll()
    .where('proposal_id', 'in', proposalIds.length ? proposalIds : [''])
    .where('deleted_at', 'is', null)
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function moderationsOf(db: DbOrTx, campaignId: string) {
  return db
    .selectFrom('budgeting_moderations as m')
    .innerJoin('budgeting_proposals as p', 'p.id', 'm.proposal_id')
    .selectAll('m')
    .select('p.code')
    .where('p.campaign_id', '=', campaignId)
    .where('m.deleted_at', 'is', null)
    .orderBy('m.decided_at')
    .execute();
}

// ───────────────────────── votes

/** A campaign's number for its votes (budgeting_vote_campaigns), made on first use when `create`. */
export async function voteCampaignNo(db: WriteTx, campaignId: string, create: true): Promise<number>;
export async function voteCampaignNo(db: DbOrTx, campaignId: string, create?: false): Promise<number | null>;
export async function voteCampaignNo(db: DbOrTx, campaignId: string, create = false): Promise<number | null> {
  const row = await db.selectFrom('budgeting_vote_campaigns').select('campaign_no').where('campaign_id', '=', campaignId).executeTakeFirst();
  if (row) return Number(row.campaign_no);
  if (!create) return null;
  const top = await db
    .selectFrom('budgeting_vote_campaigns')
    .select(sql<number>`coalesce(max(campaign_no), 0)`.as('n'))
    .executeTakeFirstOrThrow();
  const no = Number(top.n) + 1;
  await db.insertInto('budgeting_vote_campaigns').values({ campaign_id: campaignId, campaign_no: no }).execute();
  return no;
}

/** The proposals' numbers within a campaign's votes (proposal id → number), numbering those that have none yet. */
export async function voteProposalNos(db: WriteTx, campaignNo: number, proposalIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.selectFrom('budgeting_vote_proposals').select(['proposal_id', 'proposal_no']).where('campaign_no', '=', campaignNo).execute();
  const out = new Map(rows.map((r) => [r.proposal_id, Number(r.proposal_no)]));
  let next = rows.reduce((m, r) => Math.max(m, Number(r.proposal_no)), 0);
  const missing = proposalIds.filter((id) => !out.has(id));
  for (const id of missing) out.set(id, ++next);
  if (missing.length)
    await engineOf(db).appendRows(
      db,
      'budgeting_vote_proposals',
      VOTE_PROPOSAL_COLUMNS,
      [campaignNo, missing.map((id) => out.get(id)), missing],
      missing.length,
    );
  return out;
}

const VOTE_PROPOSAL_COLUMNS = [
  { name: 'campaign_no', type: 'integer' },
  { name: 'proposal_no', type: 'integer' },
  { name: 'proposal_id', type: 'text' },
] as const;
/** The voter table's columns as the votes import appends them (engine appendRows). */
export const VOTER_COLUMNS = [
  { name: 'campaign_no', type: 'integer' },
  { name: 'voter_no', type: 'integer' },
  { name: 'voter_key', type: 'text' },
  { name: 'voted_at', type: 'text' },
  { name: 'proposals', type: 'text' },
  { name: 'vote_times', type: 'text' },
] as const;

/** The lowest voter number of a campaign's votes (0 when none is below 1): paper ballots count down from it. */
export async function lowestVoterNo(db: DbOrTx, campaignNo: number) {
  const r = await db
    .selectFrom('budgeting_vote_voters')
    .select(sql<number>`coalesce(min(voter_no), 0)`.as('n'))
    .where('campaign_no', '=', campaignNo)
    .executeTakeFirstOrThrow();
  return Math.min(0, Number(r.n));
}

/**
 * Appends voters with their ballots (column arrays, `count` long): number, key, time of the first counted vote, the
 * proposal numbers of their votes joined by commas, and each vote's own time as a JSON array (null when all are the voter's).
 */
export function insertBallots(
  db: WriteTx,
  campaignNo: number,
  voters: { no: ArrayLike<number>; key: ArrayLike<string>; at: ArrayLike<string | null>; proposals: ArrayLike<string>; times: ArrayLike<string | null> },
  count: number,
) {
  return engineOf(db).appendRows(
    db,
    'budgeting_vote_voters',
    VOTER_COLUMNS,
    [campaignNo, voters.no, voters.key, voters.at, voters.proposals, voters.times],
    count,
  );
}

/**
 * Deletes a campaign's platform ballots (voters numbered from 1), its paper ballots (numbered below 0), or one paper
 * batch's (keys `paper:<batch>:…`). Returns how many ballots went.
 */
export async function deleteVotes(db: WriteTx, campaignId: string, source: 'platform' | 'paper', batchCode?: string) {
  const no = await voteCampaignNo(db, campaignId);
  if (no == null) return 0;
  let voters = db.deleteFrom('budgeting_vote_voters').where('campaign_no', '=', no);
  if (source === 'platform') voters = voters.where('voter_no', '>', 0);
  else voters = voters.where('voter_no', '<', 0);
  if (batchCode) voters = voters.where('voter_key', 'like', `paper:${batchCode}:%`);
  const r = await voters.executeTakeFirst();
  // A whole source's tally goes with its votes; a paper batch's is counted again by the caller (recountPaperVotes).
  if (!batchCode) await db.deleteFrom('budgeting_vote_counts').where('campaign_no', '=', no).where('source', '=', source).execute();
  return Number(r.numDeletedRows);
}

/** A ballot's proposal numbers (the stored `proposals` text). */
export const ballotProposals = (text: string): number[] => (text === '' ? [] : text.split(',').map(Number));

const VOTE_COUNT_COLUMNS = [
  { name: 'campaign_no', type: 'integer' },
  { name: 'source', type: 'text' },
  { name: 'proposal_no', type: 'integer' },
  { name: 'votes', type: 'integer' },
] as const;

function appendVoteCounts(db: WriteTx, campaignNo: number, source: 'platform' | 'paper', counts: ReadonlyMap<number, number>) {
  const proposals = [...counts.keys()].filter((p) => counts.get(p)! > 0);
  return engineOf(db).appendRows(
    db,
    'budgeting_vote_counts',
    VOTE_COUNT_COLUMNS,
    [campaignNo, proposals.map(() => source), proposals, proposals.map((p) => counts.get(p)!)],
    proposals.length,
  );
}

/** Stores the tally of the platform's votes just imported (proposal number → votes), replacing the previous one. */
export async function setPlatformVoteCounts(db: WriteTx, campaignNo: number, counts: ReadonlyMap<number, number>) {
  await db.deleteFrom('budgeting_vote_counts').where('campaign_no', '=', campaignNo).where('source', '=', 'platform').execute();
  await appendVoteCounts(db, campaignNo, 'platform', counts);
}

/** Counts the campaign's paper votes again into the stored tally (after a batch is counted or replaced). */
export async function recountPaperVotes(db: WriteTx, campaignNo: number) {
  await db.deleteFrom('budgeting_vote_counts').where('campaign_no', '=', campaignNo).where('source', '=', 'paper').execute();
  const ballots = await db.selectFrom('budgeting_vote_voters').select('proposals').where('campaign_no', '=', campaignNo).where('voter_no', '<', 0).execute();
  const counts = new Map<number, number>();
  for (const b of ballots) for (const p of ballotProposals(b.proposals)) counts.set(p, (counts.get(p) ?? 0) + 1);
  await appendVoteCounts(db, campaignNo, 'paper', counts);
}

/** Votes per proposal of a campaign (proposals without votes are absent), from the stored tally. */
export async function voteTally(db: DbOrTx, campaignId: string) {
  const no = await voteCampaignNo(db, campaignId);
  if (no == null) return [];
  // The stored tally (budgeting_vote_counts), a few rows a proposal, not the votes themselves.
  const rows = await db
    .selectFrom('budgeting_vote_counts as c')
    .innerJoin('budgeting_vote_proposals as p', (j) => j.onRef('p.campaign_no', '=', 'c.campaign_no').onRef('p.proposal_no', '=', 'c.proposal_no'))
    .select(['p.proposal_id', sql<number>`sum(c.votes)`.as('votes')])
    .where('c.campaign_no', '=', no)
    .groupBy('p.proposal_id')
    .execute();
  return rows.map((r) => ({ proposal_id: r.proposal_id, votes: Number(r.votes) })).filter((r) => r.votes > 0);
}

/** Voters with at least one counted vote (every stored voter has one), of a campaign or of all. */
export async function distinctVoters(db: DbOrTx, campaignId?: string) {
  let q = db
    .selectFrom('budgeting_vote_voters as w')
    .innerJoin('budgeting_vote_campaigns as k', 'k.campaign_no', 'w.campaign_no')
    .select(sql<number>`count(*)`.as('n'));
  if (campaignId) q = q.where('k.campaign_id', '=', campaignId);
  const r = await q.executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * A campaign's ballots for Equal Shares and Pabulib: its voters (number, key, the proposal numbers of their votes in
 * the order stored) and its proposals' numbers, read as raw rows (no object per row on SQLite).
 */
export async function voteBallots(db: DbOrTx, campaignId: string) {
  const no = await voteCampaignNo(db, campaignId);
  if (no == null) return { voters: [] as Array<{ no: number; key: string; proposals: number[] }>, proposals: new Map<number, string>() };
  const voters = await rawRows(
    db,
    db.selectFrom('budgeting_vote_voters').select(['voter_no', 'voter_key', 'proposals']).where('campaign_no', '=', no),
    (v) => ({ no: Number(v[0]), key: v[1] as string, proposals: ballotProposals(v[2] as string) }),
    ['voter_no', 'voter_key', 'proposals'],
  );
  const proposals = await db.selectFrom('budgeting_vote_proposals').select(['proposal_no', 'proposal_id']).where('campaign_no', '=', no).execute();
  return { voters, proposals: new Map(proposals.map((p) => [Number(p.proposal_no), p.proposal_id])) };
}

export function latestVoteImport(db: DbOrTx, campaignId: string, source: 'platform' | 'paper') {
  return db
    .selectFrom('budgeting_vote_imports')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('source', '=', source)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export function paperEntries(db: DbOrTx, campaignId: string, batchCode?: string) {
  let q = db.selectFrom('budgeting_paper_entries').selectAll().where('campaign_id', '=', campaignId).where('deleted_at', 'is', null);
  if (batchCode) q = q.where('batch_code', '=', batchCode);
  return q.orderBy('batch_code').orderBy('entry').execute();
}

// ───────────────────────── results and appeals

export function latestResult(db: DbOrTx, campaignId: string) {
  return db
    .selectFrom('budgeting_results')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('deleted_at', 'is', null)
    .orderBy('computed_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function listAppeals(db: DbOrTx, opts: { campaignId?: string; id?: string }) {
  let q = db
    .selectFrom('budgeting_appeals as a')
    .leftJoin('budgeting_proposals as p', 'p.id', 'a.proposal_id')
    .selectAll('a')
    .select('p.code as proposal_code')
    .where('a.deleted_at', 'is', null);
  if (opts.campaignId) q = q.where('a.campaign_id', '=', opts.campaignId);
  if (opts.id) q = q.where('a.id', '=', opts.id);
  return q.orderBy('a.lodged_on').orderBy('a.created_at').execute();
}

// ───────────────────────── indicators

/** Campaigns with a population figure and their distinct voters (I2.7). */
export async function participationByCampaign(db: DbOrTx) {
  const campaigns = await db
    .selectFrom('budgeting_campaigns')
    .select(['id', 'name', 'edition', 'population', 'created_at'])
    .where('deleted_at', 'is', null)
    .where('kind', '=', 'pb')
    .execute();
  const voters = await db
    .selectFrom('budgeting_vote_voters as w')
    .innerJoin('budgeting_vote_campaigns as k', 'k.campaign_no', 'w.campaign_no')
    .select(['k.campaign_id', sql<number>`count(*)`.as('n')])
    .groupBy('k.campaign_id')
    .execute();
  const byId = new Map(voters.map((v) => [v.campaign_id, Number(v.n)]));
  return campaigns.map((c) => ({ ...c, voters: byId.get(c.id) ?? 0 }));
}

/** Projects of live campaigns of a kind, with their proposal (I2.6, I1.7). */
export function projectsOfKind(db: DbOrTx, kind: 'pb' | 'grant') {
  return db
    .selectFrom('budgeting_projects as j')
    .innerJoin('budgeting_proposals as p', 'p.id', 'j.proposal_id')
    .innerJoin('budgeting_campaigns as c', 'c.id', 'j.campaign_id')
    .select(['j.id', 'j.status', 'j.completed_on', 'j.contract_signed_on', 'j.start_date', 'p.code', 'p.title', 'c.name as campaign_name', 'c.edition'])
    .where('j.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where('c.kind', '=', kind)
    .execute();
}

// ───────────────────────── implementation and grant contracts

/** Projects (implementation records) with their proposal, zone and campaign kind. */
export function listProjects(db: DbOrTx, opts: { campaignId?: string; id?: string; proposalId?: string; includeDeleted?: boolean }) {
  let q = db
    .selectFrom('budgeting_projects as j')
    .innerJoin('budgeting_proposals as p', 'p.id', 'j.proposal_id')
    .innerJoin('budgeting_campaigns as c', 'c.id', 'j.campaign_id')
    .leftJoin('budgeting_zones as z', 'z.id', 'p.zone_id')
    .selectAll('j')
    .select([
      'p.code as proposal_code',
      'p.title as proposal_title',
      'p.body as proposal_body',
      'p.source as proposal_source',
      'p.category as proposal_category',
      'p.address as proposal_address',
      'p.latitude as proposal_latitude',
      'p.longitude as proposal_longitude',
      'p.grant_line',
      'c.kind as campaign_kind',
      'z.code as zone_code',
      'z.name as zone_name',
    ]);
  if (opts.campaignId) q = q.where('j.campaign_id', '=', opts.campaignId);
  if (opts.id) q = q.where('j.id', '=', opts.id);
  if (opts.proposalId) q = q.where('j.proposal_id', '=', opts.proposalId);
  if (!opts.includeDeleted) q = q.where('j.deleted_at', 'is', null);
  return q.orderBy('p.code').orderBy('j.created_at').execute();
}

export function listMilestones(db: DbOrTx, projectIds: string[], opts: { id?: string } = {}) {
  let q = db.selectFrom('budgeting_project_milestones').selectAll().where('deleted_at', 'is', null);
  if (opts.id) q = q.where('id', '=', opts.id);
  else q = q.where('project_id', 'in', projectIds.length ? projectIds : ['']);
  return q.orderBy('due_on').orderBy('created_at').execute();
}

/** The milestone's evidence files (their attachment ids, in order), stored with the audited save that added them. */
export async function setMilestoneAttachments(db: WriteTx, id: string, attachmentIds: string[]) {
  await db
    .updateTable('budgeting_project_milestones')
    .set({ attachment_ids: JSON.stringify(attachmentIds) })
    .where('id', '=', id)
    .execute();
}

export function listTranches(db: DbOrTx, projectIds: string[]) {
  return db
    .selectFrom('budgeting_tranches')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('project_id', 'in', projectIds.length ? projectIds : [''])
    .orderBy('project_id')
    .orderBy('seq')
    .execute();
}

/** Every tranche row of a project, live or soft-deleted (a schedule saved again reuses its rows by position). */
export function trancheRows(db: DbOrTx, projectId: string) {
  return db.selectFrom('budgeting_tranches').selectAll().where('project_id', '=', projectId).where('deleted_at', 'is', null).orderBy('seq').execute();
}

export async function contractNoTaken(db: DbOrTx, campaignId: string, contractNo: string, exceptProjectId: string) {
  const r = await db
    .selectFrom('budgeting_projects')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('contract_no', '=', contractNo)
    .where('id', '!=', exceptProjectId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return !!r;
}

/** Grantee reports not yet received, in live projects of live campaigns, by deadline. */
export function reportsDue(db: DbOrTx, campaignId?: string) {
  let q = db
    .selectFrom('budgeting_tranches as t')
    .innerJoin('budgeting_projects as j', 'j.id', 't.project_id')
    .innerJoin('budgeting_proposals as p', 'p.id', 'j.proposal_id')
    .innerJoin('budgeting_campaigns as c', 'c.id', 'j.campaign_id')
    .select(['t.seq', 't.kind', 't.report_due_on', 't.report_received_on', 'j.id as project_id', 'j.campaign_id', 'j.grantee', 'p.code', 'p.title'])
    .where('t.deleted_at', 'is', null)
    .where('j.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where('t.report_due_on', 'is not', null)
    .where('t.report_received_on', 'is', null);
  if (campaignId) q = q.where('j.campaign_id', '=', campaignId);
  return q.orderBy('t.report_due_on').orderBy('p.code').execute();
}

/** A decided, upheld appeal about a proposal (grant calls pay these from their appeals fund). */
export function upheldAppeal(db: DbOrTx, proposalId: string) {
  return db
    .selectFrom('budgeting_appeals')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .where('outcome', '=', 'upheld')
    .where('deleted_at', 'is', null)
    .orderBy('decided_on', 'desc')
    .executeTakeFirst();
}
