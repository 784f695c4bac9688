import { attachmentEntity, namedStakeholderIds } from '../../db/queries/visibility';
import {
  AppError,
  ROLES,
  type Action,
  type BudgetProject,
  type BudgetProposal,
  type CampaignResults,
  type CommitmentSummary,
  type Dataset,
  type DatasetDetail,
  type EvaluationAssignment,
  type FundingApplication,
  type FundingApplicationDetail,
  type FundingDeadlines,
  type Measurement,
  type MethodName,
  type OutputOf,
  type OverdueReview,
  type ProgressUpdate,
  type ProposalEvaluations,
  type Role,
  type Row,
  type StakeholderListItem,
  type StakeholderSummary,
  type StakeholdersPage,
  type TrainingSession,
  type SessionsPage,
  type Partnership,
  type RaciLink,
  type Takeover,
} from '../contract';
import type { ServiceContext } from './context';
import type { ContractModule } from './modules';
import { redact as redactPersonalPatterns } from './publishing/public-data';

/**
 * Who sees what inside the app — DOMAIN.md "Who sees what inside the app (roles)", in code.
 *
 * - `all`: every field;
 * - `public`: the module's P fields only (C fields with recorded consent; I and A fields blanked);
 * - `aggregate`: counts and summaries only (no row of the register);
 * - `assigned`: budgeting evaluators — their own assignments and the proposals in them (scoped in the service);
 * - `none`: nothing (the contract's access lists leave the role out of every read of the module).
 *
 * Enforced in core: the contract's access lists keep a role out of a module it may not see at all, and
 * `applyVisibility` (called by the dispatcher on every result) redacts what a role sees only in part. A read of a
 * partly visible module with no redaction below and not declared P-only is refused, so a new read method cannot
 * leak by omission. The member's rule for training ("people's I fields only for sessions they run") is not modelled
 * yet: sessions do not record who runs them.
 */
export type Visibility = 'all' | 'public' | 'aggregate' | 'assigned' | 'none';

export const VISIBILITY_MODULES = [
  'plan',
  'risks',
  'training',
  'stakeholders',
  'funding',
  'budgeting',
  'datasets',
  'reports',
  'publishing',
  'admin',
  'jobs',
  'files',
] as const;
export type VisibilityModule = (typeof VISIBILITY_MODULES)[number];
/** A module of the contract without its row below fails the typecheck here (a new module's reads are not left unchecked). */
type Unlisted = Exclude<ContractModule, VisibilityModule>;
const everyModuleListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyModuleListed;

export const VISIBILITY: Record<VisibilityModule, Record<Role, Visibility>> = {
  plan: { coordinator: 'all', member: 'all', evaluator: 'public', viewer: 'public' },
  // viewer: heat-map counts and the tolerance (overview, settings); no register rows, owners or notes.
  risks: { coordinator: 'all', member: 'all', evaluator: 'none', viewer: 'aggregate' },
  // viewer: programmes with distinct people who completed, sessions' P fields; no person, no attendance.
  training: { coordinator: 'all', member: 'all', evaluator: 'none', viewer: 'aggregate' },
  // evaluator: organisation names and PLA roles only; viewer: P fields.
  stakeholders: { coordinator: 'all', member: 'all', evaluator: 'public', viewer: 'public' },
  funding: { coordinator: 'all', member: 'all', evaluator: 'none', viewer: 'public' },
  // member: all but evaluators' unsubmitted scores; evaluator: own assignments; viewer: campaigns, proposals' P
  // fields, results, implementation.
  budgeting: { coordinator: 'all', member: 'all', evaluator: 'assigned', viewer: 'public' },
  datasets: { coordinator: 'all', member: 'all', evaluator: 'none', viewer: 'public' },
  reports: { coordinator: 'all', member: 'all', evaluator: 'none', viewer: 'none' },
  // Everyone reads what the public site shows (its status); targets, queue and log are the editors'.
  publishing: { coordinator: 'all', member: 'all', evaluator: 'public', viewer: 'public' },
  // Own account only, except the coordinator (user list and audit log are coordinator-only in the contract).
  admin: { coordinator: 'all', member: 'assigned', evaluator: 'assigned', viewer: 'assigned' },
  // Own jobs and files (JobRunner checks the owner); exports themselves are refused to viewers and evaluators.
  jobs: { coordinator: 'assigned', member: 'assigned', evaluator: 'assigned', viewer: 'assigned' },
  files: { coordinator: 'assigned', member: 'assigned', evaluator: 'assigned', viewer: 'assigned' },
};

/**
 * Who may hear that a module's data changed (team mode's live refresh): the roles that read any of it. An unknown
 * module (not in VISIBILITY) is heard by every role.
 */
export function rolesThatRead(module: string): readonly Role[] {
  const v = (VISIBILITY as Record<string, Record<Role, Visibility> | undefined>)[module];
  return v ? ROLES.filter((r) => v[r] !== 'none') : ROLES;
}

export const moduleOf = (method: string): VisibilityModule => method.slice(0, method.indexOf('.')) as VisibilityModule;
export const visibilityFor = (role: Role | 'system', module: VisibilityModule): Visibility => (role === 'system' ? 'all' : VISIBILITY[module][role]);

// ---- publication marks per field -------------------------------------------------------------------

/** DOMAIN.md publication marks: P public; A only as aggregates; C only with recorded consent; I internal; R public after personal-data patterns are masked. */
export type Mark = 'P' | 'A' | 'C' | 'I' | 'R';
/** Every field of an entity carries a mark: a field added to a contract type fails the typecheck until it is marked. */
export type Marks<T> = { [K in keyof T]-?: Mark };

const ROW: Marks<Row> = { id: 'P', createdAt: 'P', updatedAt: 'P', updatedBy: 'I', deletedAt: 'P' };

export const MARKS = {
  commitment: {
    ...ROW,
    code: 'P',
    title: 'P',
    description: 'P',
    objective: 'P',
    problem: 'P',
    solution: 'P',
    actors: 'P',
    relevanceLocal: 'P',
    relevanceNational: 'P',
    relevanceInternational: 'P',
    ogpValues: 'P',
    startDate: 'P',
    endDate: 'P',
    leadInstitution: 'P',
    responsiblePerson: 'C',
    designVerifiable: 'P',
    designPotential: 'P',
    completion: 'P',
    openedGovernment: 'P',
    factors: 'R',
    lessons: 'R',
    weight: 'P',
    sortOrder: 'P',
    progress: 'P',
    expectedProgress: 'P',
    rag: 'P',
    actionCount: 'P',
    indicatorCount: 'P',
  } satisfies Marks<CommitmentSummary>,
  action: {
    ...ROW,
    commitmentId: 'P',
    parentId: 'P',
    code: 'P',
    title: 'P',
    deliverable: 'P',
    plannedStart: 'P',
    plannedEnd: 'P',
    actualStart: 'P',
    actualEnd: 'P',
    responsibleOrg: 'P',
    responsiblePerson: 'I',
    status: 'P',
    progress: 'P',
    weight: 'P',
    blockers: 'I',
    lastUpdateDate: 'P',
    expectedProgress: 'P',
    rag: 'P',
  } satisfies Marks<Action>,
  measurement: { ...ROW, indicatorId: 'P', date: 'P', value: 'P', period: 'P', note: 'I', evidence: 'P' } satisfies Marks<Measurement>,
  progressUpdate: { ...ROW, actionId: 'P', date: 'P', progress: 'P', status: 'P', note: 'R', authorName: 'I', evidence: 'P' } satisfies Marks<ProgressUpdate>,
  trainingSession: {
    ...ROW,
    programmeId: 'P',
    programmeName: 'P',
    actionId: 'P',
    actionCode: 'P',
    title: 'P',
    topic: 'P',
    targetGroup: 'P',
    provider: 'P',
    trainer: 'C',
    format: 'P',
    location: 'P',
    startDate: 'P',
    endDate: 'P',
    hours: 'P',
    cost: 'P',
    planLine: 'I',
    evidence: 'I',
    attendeeCount: 'A',
    completedCount: 'A',
  } satisfies Marks<TrainingSession>,
  stakeholder: {
    ...ROW,
    type: 'P',
    name: 'C',
    legalForm: 'C',
    sector: 'C',
    contacts: 'I',
    plaRole: 'P',
    power: 'I',
    interest: 'I',
    quadrant: 'I',
    attitude: 'I',
    assessmentDate: 'I',
    iap2Level: 'P',
    gdprNotes: 'I',
    consentDate: 'I',
    consentScope: 'I',
    public: 'P',
    notes: 'I',
    takeoverCount: 'P',
    partnershipCount: 'P',
    raciCount: 'P',
    lastInteractionDate: 'A',
  } satisfies Marks<StakeholderSummary>,
  stakeholderListItem: {
    id: 'P',
    name: 'C',
    type: 'P',
    sector: 'C',
    plaRole: 'P',
    power: 'I',
    interest: 'I',
    quadrant: 'I',
    iap2Level: 'P',
    takeoverCount: 'P',
    partnershipCount: 'P',
    lastInteractionDate: 'A',
  } satisfies Marks<StakeholderListItem>,
  raciLink: { ...ROW, stakeholderId: 'P', stakeholderName: 'C', actionId: 'P', actionCode: 'P', role: 'P' } satisfies Marks<RaciLink>,
  takeover: { ...ROW, stakeholderId: 'P', stakeholderName: 'C', actionId: 'P', actionCode: 'P', date: 'P', note: 'I' } satisfies Marks<Takeover>,
  partnership: {
    ...ROW,
    stakeholderId: 'P',
    stakeholderName: 'C',
    type: 'P',
    title: 'P',
    startDate: 'P',
    endDate: 'P',
    notes: 'I',
    active: 'P',
    documents: 'I',
  } satisfies Marks<Partnership>,
  fundingApplication: {
    ...ROW,
    code: 'P',
    title: 'P',
    callId: 'P',
    callCode: 'P',
    callTitle: 'P',
    programme: 'P',
    nonReimbursable: 'P',
    applicant: 'P',
    partners: 'P',
    actionIds: 'P',
    requestedAmount: 'P',
    ownContribution: 'P',
    totalAmount: 'P',
    status: 'P',
    allowedNext: 'P',
    submittedOn: 'P',
    decisionOn: 'P',
    contractSignedOn: 'P',
    implementationStart: 'P',
    closedOn: 'P',
    nextStep: 'I',
    nextStepOn: 'I',
    councilDecisionNo: 'P',
    councilDecisionDate: 'P',
    evaluationFeedback: 'I',
    documents: 'I',
  } satisfies Marks<FundingApplicationDetail>,
  dataset: {
    ...ROW,
    name: 'P',
    slug: 'P',
    holderInstitution: 'P',
    holderDepartment: 'P',
    description: 'P',
    legalBasis: 'P',
    containsPersonalData: 'P',
    format: 'P',
    updateFrequency: 'P',
    publicationStatus: 'P',
    scoreValue: 'P',
    scoreDemand: 'P',
    scoreReadiness: 'P',
    scoreRisk: 'P',
    priorityScore: 'P',
    rank: 'P',
    hvdCategory: 'P',
    responsiblePerson: 'I',
    keywords: 'P',
    theme: 'P',
    licenceId: 'P',
    maintainer: 'P',
    maintainerEmail: 'P',
    spatial: 'P',
    temporalStart: 'P',
    temporalEnd: 'P',
    publicBaseUrl: 'P',
    lastReviewedOn: 'P',
    nextReviewOn: 'P',
    reviewOverdue: 'P',
    publishedOn: 'P',
    latestImport: 'P',
    schema: 'P',
    steps: 'I',
    imports: 'I',
    reviews: 'I',
  } satisfies Marks<DatasetDetail>,
  overdueReview: {
    id: 'P',
    name: 'P',
    holderInstitution: 'P',
    updateFrequency: 'P',
    lastReviewedOn: 'P',
    nextReviewOn: 'P',
    daysOverdue: 'P',
    responsiblePerson: 'I',
  } satisfies Marks<OverdueReview>,
  proposal: {
    ...ROW,
    campaignId: 'P',
    code: 'P',
    source: 'P',
    title: 'P',
    body: 'R',
    category: 'P',
    zoneId: 'P',
    zoneCode: 'P',
    address: 'P',
    latitude: 'P',
    longitude: 'P',
    externalState: 'P',
    externalVotes: 'P',
    submittedOn: 'P',
    costEstimate: 'P',
    grantLine: 'P',
    requestedAmount: 'P',
    cofinancing: 'P',
    authorName: 'C',
    authorContact: 'I',
    authorOrganisation: 'C',
    authorConsent: 'P',
    eligibility: 'I',
    eligibilityStatus: 'P',
    publicRejectionReason: 'P',
    feasibility: 'P',
    feasibilityNote: 'I',
    finalScore: 'P',
    finalMethod: 'P',
    divergent: 'I',
    evaluationProgress: 'I',
  } satisfies Marks<BudgetProposal>,
  project: {
    ...ROW,
    campaignId: 'P',
    campaignKind: 'P',
    proposalId: 'P',
    proposalCode: 'P',
    proposalTitle: 'P',
    zoneCode: 'P',
    grantLine: 'P',
    status: 'P',
    progress: 'P',
    planned: 'P',
    committed: 'P',
    paid: 'P',
    startDate: 'P',
    endDate: 'P',
    completedOn: 'P',
    contractNo: 'P',
    contractSignedOn: 'P',
    contractAmount: 'P',
    grantee: 'P',
    cofinancing: 'P',
    fundedFrom: 'P',
    note: 'I',
    milestones: 'P',
    tranches: 'P',
    milestonesDone: 'P',
  } satisfies Marks<BudgetProject>,
} as const;
export type Entity = keyof typeof MARKS;

/** Which module an attachment's entity belongs to, and its mark (evidence of progress is public; documents are not). */
export const ATTACHMENT_MARKS: Record<string, { module: VisibilityModule; mark: Mark }> = {
  progress_update: { module: 'plan', mark: 'P' },
  measurement: { module: 'plan', mark: 'P' },
  partnership: { module: 'stakeholders', mark: 'I' },
  funding_application: { module: 'funding', mark: 'I' },
  budgeting_milestone: { module: 'budgeting', mark: 'P' },
};

const blank = (v: unknown): unknown => (typeof v === 'string' ? '' : typeof v === 'boolean' ? false : Array.isArray(v) ? [] : null);

/** A row as a role with `public` visibility sees it: P fields as they are, R fields masked, C fields only with consent. */
export function publicView<T extends object>(entity: Entity, row: T, consent = false): T {
  const marks = MARKS[entity] as Record<string, Mark | undefined>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const m = marks[k] ?? 'I'; // a field nobody marked stays inside
    out[k] = m === 'P' || (m === 'C' && consent) ? v : m === 'R' && typeof v === 'string' ? redactPersonalPatterns(v) : blank(v);
  }
  return out as T;
}

// ---- per-method redaction --------------------------------------------------------------------------

type Redactor<K extends MethodName> = (ctx: ServiceContext, value: OutputOf<K>) => OutputOf<K> | Promise<OutputOf<K>>;
type Redactors = { [K in MethodName]?: Partial<Record<Role, Redactor<K>>> };

const pub =
  <T extends object>(entity: Entity) =>
  (_ctx: ServiceContext, rows: T[]) =>
    rows.map((r) => publicView(entity, r));

async function stakeholderNames(ctx: ServiceContext) {
  return namedStakeholderIds(ctx.db);
}

/** Evaluators: organisation names and PLA roles, nothing else; people are not named. */
function evaluatorStakeholder<T extends { id: string; type: string; name: string; plaRole: unknown }>(row: T): T {
  const out = publicView('stakeholderListItem', row as unknown as StakeholderListItem) as unknown as Record<string, unknown>;
  for (const k of Object.keys(out)) if (!['id', 'type', 'plaRole'].includes(k)) out[k] = blank(out[k]);
  out.name = row.type === 'organisation' ? row.name : '';
  return out as T;
}

/** Member: evaluators' scores are seen once submitted; a draft is the evaluator's own. */
const hideUnsubmitted = (a: EvaluationAssignment): EvaluationAssignment => (a.status === 'submitted' ? a : { ...a, scores: {}, overall: null, comment: '' });

export const REDACTORS: Redactors = {
  'plan.listCommitments': { evaluator: pub('commitment'), viewer: pub('commitment') },
  'plan.getCommitment': { evaluator: (_c, v) => publicView('commitment', v), viewer: (_c, v) => publicView('commitment', v) },
  'plan.listActions': { evaluator: pub('action'), viewer: pub('action') },
  'plan.listMeasurements': { evaluator: pub('measurement'), viewer: pub('measurement') },
  'plan.listProgressUpdates': { evaluator: pub('progressUpdate'), viewer: pub('progressUpdate') },

  'training.listSessions': { viewer: (_c, v: SessionsPage) => ({ ...v, rows: v.rows.map((r) => publicView('trainingSession', r)) }) },
  'training.getSession': { viewer: (_c, v) => publicView('trainingSession', v) },

  'stakeholders.list': {
    evaluator: (_c, v: StakeholdersPage) => ({ ...v, rows: v.rows.map(evaluatorStakeholder) }),
    viewer: async (c, v: StakeholdersPage) => {
      const named = await stakeholderNames(c);
      return { ...v, rows: v.rows.map((r) => publicView('stakeholderListItem', r, named.has(r.id))) };
    },
  },
  'stakeholders.get': {
    evaluator: (_c, v) => evaluatorStakeholder(v),
    viewer: async (c, v) => publicView('stakeholder', v, (await stakeholderNames(c)).has(v.id)),
  },
  'stakeholders.listRaci': {
    viewer: async (c, v) => ((named) => v.map((r) => publicView('raciLink', r, named.has(r.stakeholderId))))(await stakeholderNames(c)),
  },
  'stakeholders.listTakeovers': {
    viewer: async (c, v) => ((named) => v.map((r) => publicView('takeover', r, named.has(r.stakeholderId))))(await stakeholderNames(c)),
  },
  'stakeholders.listPartnerships': {
    viewer: async (c, v) => ((named) => v.map((r) => publicView('partnership', r, named.has(r.stakeholderId))))(await stakeholderNames(c)),
  },

  'funding.listApplications': { viewer: (_c, v: FundingApplication[]) => v.map((r) => publicView('fundingApplication', r)) },
  'funding.getApplication': { viewer: (_c, v) => publicView('fundingApplication', v) },
  'funding.upcomingDeadlines': {
    viewer: (_c, v: FundingDeadlines) => {
      const own = (d: FundingDeadlines['upcoming'][number]) => (d.kind === 'application' ? { ...d, what: '' } : d);
      return { ...v, upcoming: v.upcoming.map(own), overdue: v.overdue.map(own) };
    },
  },

  'datasets.list': { viewer: (_c, v: Dataset[]) => v.map((r) => publicView('dataset', r)) },
  'datasets.get': { viewer: (_c, v) => publicView('dataset', v) },
  'datasets.overdueReviews': { viewer: pub('overdueReview') },

  'budgeting.listProposals': { viewer: (_c, v: BudgetProposal[]) => v.map((r) => publicView('proposal', r, r.authorConsent)) },
  'budgeting.getProposal': { viewer: (_c, v) => publicView('proposal', v, v.authorConsent) },
  'budgeting.getResults': {
    evaluator: (_c, v: CampaignResults) => finalOnly(v),
    viewer: (_c, v: CampaignResults) => ({ ...finalOnly(v), computedBy: null }),
  },
  'budgeting.listProjects': { viewer: (_c, v: BudgetProject[]) => v.map((r) => publicView('project', r)) },
  'budgeting.getProject': { viewer: (_c, v) => publicView('project', v) },
  'budgeting.listAssignments': { member: (_c, v) => v.map(hideUnsubmitted) },
  'budgeting.listEvaluations': { member: (_c, v: ProposalEvaluations) => ({ ...v, evaluations: v.evaluations.map(hideUnsubmitted) }) },
};

/**
 * Reads whose output holds only P fields and aggregates for every role that may call them, or that the service
 * already scopes to the caller (own assignments, own account, own jobs).
 */
export const SAFE_READS: ReadonlySet<MethodName> = new Set<MethodName>([
  'admin.status',
  'admin.getSettings',
  'plan.getInfo',
  'plan.listMilestones',
  'plan.listIndicators',
  'plan.dashboard',
  'risks.overview',
  'risks.getSettings',
  'training.listProgrammes',
  'training.sessionOptions',
  'funding.listCalls',
  'funding.getCall',
  'budgeting.listCampaigns',
  'budgeting.getCampaign',
  'budgeting.grantSummary',
  'budgeting.reportsDue',
  'budgeting.myAssignments',
  'budgeting.myRubric',
  'budgeting.openProposal',
  'budgeting.listEvaluations',
  'datasets.listReferences',
  'publishing.getSiteStatus',
  'jobs.get',
  'jobs.cancel',
  'jobs.list',
  'files.deliver',
]);

/**
 * Before a method runs: a role that sees nothing of the module, or only part of it, is refused a read no rule
 * covers (so a new read method cannot leak by omission, and no export job starts for it).
 */
export function assertMayCall(role: Role | 'system', method: MethodName): void {
  if (role === 'system') return;
  const v = visibilityFor(role, moduleOf(method));
  if (v === 'all' || v === 'assigned' || SAFE_READS.has(method) || REDACTORS[method]?.[role]) return;
  throw new AppError('FORBIDDEN', `your role (${role}) cannot read ${method}`);
}

/**
 * Evaluators and viewers see a campaign's results only once declared final (roles table: "results once final",
 * "final results (P)"): provisional results read as not there yet, exactly as before the first computation.
 */
function finalOnly(v: CampaignResults): CampaignResults {
  if (v.status !== 'final')
    throw new AppError('NOT_FOUND', `budgeting result ${v.campaignId} is not final yet`, { entity: 'budgeting result', id: v.campaignId, reason: 'not_final' });
  return v;
}

/** The dispatcher's last step for every method: the result as the caller's role may see it. */
export async function applyVisibility<K extends MethodName>(ctx: ServiceContext, method: K, value: OutputOf<K>): Promise<OutputOf<K>> {
  const role = ctx.actor.role;
  if (role === 'system' || value === null || value === undefined) return value;
  const redactor = REDACTORS[method]?.[role] as Redactor<K> | undefined;
  return redactor ? redactor(ctx, value) : value;
}

/** Whether the caller may download export files at all (reports and exports row of the table: editors only). */
export const mayReadExports = (role: Role | 'system'): boolean => role === 'system' || visibilityFor(role, 'reports') === 'all';

/** Whether the caller may download an attachment: its module must be visible and, for partial visibility, the file public. */
export async function mayReadAttachment(ctx: ServiceContext, id: string): Promise<boolean> {
  const role = ctx.actor.role;
  if (role === 'system') return true;
  const a = await attachmentEntity(ctx.db, id);
  if (!a) return false;
  const m = ATTACHMENT_MARKS[a.entity];
  if (!m) return role === 'coordinator';
  const v = visibilityFor(role, m.module);
  if (v === 'all') return true;
  if (v === 'none') return false;
  return m.mark === 'P';
}
