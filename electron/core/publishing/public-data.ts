import fs from 'node:fs';
import path from 'node:path';
import type { DbOrTx } from '../../../db/connection';
import { latestProcessedImports } from '../../../db/queries/datasets';
import * as q from '../../../db/queries/publishing-site';
import type { ActionStatus, ApplicationStatus, CompletionLevel, IndicatorType, OgpValue, OpenedGovernmentLevel, Rag } from '../../contract';
import { licenceById, riskLevel, type CampaignResults, type DataTheme, type HvdCategory, type UpdateFrequency } from '../../contract';
import { readSettings } from '../admin/settings';
import type { ServiceContext } from '../context';
import { exportDataset } from '../datasets/export';
import type { AttachmentStore } from '../../../db/attachment-store';
import { attachmentStoreFor } from '../attachments';
import { computeSources, flaggedActions } from '../plan/sources';
import { derivePlan } from '../plan/state';
import { planFigures } from '../plan/figures';
import { parseJson } from '../util';
import { evidenceRefusal } from './evidence-types';
import { slug } from './html';

/**
 * THE collector of the public site: everything a page may show passes through here, and nothing else
 * reaches the templates. It reads only the publishable columns (db/queries/publishing-site.ts), turns
 * A-marked facts into counts, lets C-marked ones through only with recorded consent, and redacts personal
 * data patterns (CNP, e-mail, phone, IBAN) out of every free text it passes on.
 */

export interface PublicFile {
  /** Path inside the site, e.g. `dovezi/3f2a…/raport.pdf`. */
  sitePath: string;
  name: string;
  size: number;
}

export interface PublicUpdate {
  date: string;
  progress: number;
  status: ActionStatus;
  note: string;
  evidence: PublicFile[];
}

export interface PublicMilestone {
  title: string;
  dueDate: string | null;
  done: boolean;
  doneDate: string | null;
}

export interface PublicAction {
  id: string;
  slug: string;
  commitmentId: string;
  parentId: string | null;
  code: string;
  title: string;
  deliverable: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  responsibleOrg: string;
  status: ActionStatus;
  progress: number;
  rag: Rag;
  updates: PublicUpdate[];
  milestones: PublicMilestone[];
  indicatorIds: string[];
  raci: Array<{ partner: string; role: 'responsible' | 'accountable' | 'consulted' | 'informed' }>;
}

export interface PublicMeasurement {
  date: string;
  value: number;
  period: string | null;
  evidence: PublicFile[];
}

export interface PublicIndicator {
  id: string;
  slug: string;
  commitmentId: string;
  code: string;
  name: string;
  unit: string;
  type: IndicatorType;
  direction: 'increase' | 'decrease';
  baseline: number | null;
  baselineDate: string | null;
  target: number;
  denominator: number | null;
  denominatorSource: string;
  denominatorYear: number | null;
  countingRule: string;
  dataSource: string;
  frequency: string;
  responsibleDepartment: string;
  computed: boolean;
  /**
   * date: of the measurement, or of the latest record that counts; null latest when nothing was measured or no
   * record counts ("Fără date"). comparable: what is compared with the target (a ratio's percentage), as in the app.
   */
  latest: { date: string | null; value: number; comparable: number; period: string | null } | null;
  percentOfTarget: number | null;
  rag: Rag;
  actionIds: string[];
  measurements: PublicMeasurement[];
}

export interface PublicCommitment {
  id: string;
  slug: string;
  code: string;
  title: string;
  description: string;
  objective: string;
  problem: string;
  solution: string;
  actors: string;
  relevanceLocal: string;
  relevanceNational: string;
  relevanceInternational: string;
  ogpValues: OgpValue[];
  startDate: string | null;
  endDate: string | null;
  leadInstitution: string;
  designVerifiable: boolean | null;
  designPotential: string | null;
  completion: CompletionLevel | null;
  openedGovernment: Partial<Record<OgpValue, OpenedGovernmentLevel>>;
  factors: string;
  lessons: string;
  progress: number;
  rag: Rag;
  actionIds: string[];
  indicatorIds: string[];
}

export interface PublicPartner {
  id: string;
  kind: 'organisation' | 'person';
  name: string;
  /** Organisations only (for a person the sector is internal). */
  legalForm: string;
  sector: string | null;
  plaRole: string | null;
  iap2Level: string | null;
  partnerships: Array<{ type: string; title: string; startDate: string; endDate: string | null }>;
}

export interface PublicFunding {
  code: string;
  title: string;
  applicant: string;
  programme: string;
  callCode: string;
  callTitle: string;
  managingBody: string;
  nonReimbursable: boolean;
  requestedAmount: number;
  ownContribution: number;
  totalAmount: number;
  status: ApplicationStatus;
  decisionOn: string | null;
  contractSignedOn: string | null;
}

export interface TrainingAggregates {
  sessions: number;
  hours: number;
  participants: number;
  completed: number;
  byProgramme: Array<{ name: string; sessions: number; hours: number; participants: number; completed: number }>;
  byTargetGroup: Array<{ targetGroup: string; sessions: number; hours: number; participants: number; completed: number }>;
}

export interface RiskSummary {
  open: number;
  closed: number;
  toleranceLimit: number | null;
  aboveTolerance: number;
  byCategory: Array<{ category: string; open: number; closed: number }>;
  byLevel: Array<{ level: 'low' | 'medium' | 'high' | 'very_high'; open: number }>;
  measures: Array<{ status: string; n: number }>;
}

export interface PublicDataset {
  id: string;
  slug: string;
  name: string;
  description: string;
  holder: string;
  frequency: UpdateFrequency;
  hvdCategory: HvdCategory | null;
  theme: DataTheme | null;
  keywords: string[];
  licence: { id: string; title: string; url: string };
  /** The dataset's functional mailbox (publication metadata), or ''. */
  contactEmail: string;
  spatial: string;
  temporalStart: string | null;
  temporalEnd: string | null;
  issued: string | null;
  /** Date of the published file (its validated import). */
  modified: string;
  /** Files of the dataset inside the site (CSV, CSV for Excel, schema.json), copied from the export. */
  files: Array<{ sitePath: string; source: string; name: string; bytes: number; sha256: string; kind: 'csv' | 'csv_excel' | 'schema' }>;
  /** datapackage.json as published (path inside the site and content). */
  datapackage: { sitePath: string; content: string };
}

export interface PublicCampaign {
  id: string;
  slug: string;
  name: string;
  kind: 'pb' | 'grant';
  edition: string;
  description: string;
  totalBudget: number;
  capPerProject: number | null;
  votesPerVoter: number;
  minimumAge: number;
  zones: Array<{ code: string; name: string; budget: number }>;
  /**
   * The latest results once declared final, or null: before the vote is counted, and while they are provisional
   * ("provizoriu", evaluation not finished) — provisional winners and rankings are never published.
   */
  resultsPending: boolean;
  result: {
    ruleText: string;
    tieBreakText: string;
    voters: number;
    population: number | null;
    participationRate: number | null;
    votesCounted: number;
    zones: Array<{
      zoneCode: string | null;
      label: string;
      budget: number;
      used: number;
      remaining: number;
      reserve: number;
      topUp: number;
      winners: number;
      projects: number;
    }>;
    projects: Array<{
      proposalId: string;
      code: string;
      title: string;
      zoneCode: string | null;
      cost: number;
      votes: number;
      score: number | null;
      rank: number;
      won: boolean;
      funded: number;
      why: string;
    }>;
  } | null;
  proposals: Array<{
    id: string;
    code: string;
    title: string;
    category: string;
    zoneCode: string | null;
    costEstimate: number | null;
    eligibility: 'pending' | 'eligible' | 'ineligible';
    rejectionReason: string;
    author: string;
  }>;
  implementation: Array<{
    proposalId: string;
    status: 'not_started' | 'in_progress' | 'completed' | 'cancelled';
    progress: number;
    planned: number;
    committed: number;
    paid: number;
    startDate: string | null;
    endDate: string | null;
    completedOn: string | null;
  }>;
}

export interface PublicPlan {
  title: string;
  vision: string;
  goal: string;
  strategicDirections: string[];
  priorities: string[];
  periodStart: string | null;
  periodEnd: string | null;
}

export interface PublicData {
  publicationDate: string;
  site: { siteUrl: string; contactEmail: string; publisher: string };
  plan: PublicPlan | null;
  overallProgress: number;
  /** How many actions and indicators are late, at risk, without recent data (the dashboard's counts). */
  attention: { late: number; atRisk: number; noData: number };
  commitments: PublicCommitment[];
  actions: PublicAction[];
  indicators: PublicIndicator[];
  partners: PublicPartner[];
  funding: PublicFunding[];
  training: TrainingAggregates;
  /** Null unless the coordinator chose to publish it. */
  risks: RiskSummary | null;
  /** Participatory budgeting and grant campaigns with their results and implementation. */
  campaigns: PublicCampaign[];
  /** Open datasets with their files (exported from the datasets module). */
  datasets: PublicDataset[];
  /** Evidence files to copy: site path → file in the data folder. */
  files: Array<{ sitePath: string; source: string }>;
  /** Evidence files left off the site (not linked, not copied), each with the reason. */
  excludedFiles: Array<{ fileName: string; reason: string }>;
}

// ---- redaction -------------------------------------------------------------------------------------

const PATTERNS: RegExp[] = [
  // CNP: 13 digits starting 1–9 (sex/century digit), not inside a longer number.
  /(?<!\d)[1-9]\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{6}(?!\d)/g,
  // E-mail addresses.
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g,
  // Romanian IBAN, with or without spaces.
  /\bRO\d{2}\s?[A-Z]{4}(\s?[0-9A-Z]{4}){4}\b/gi,
  // Phone numbers: +40 / 0040 / 0 followed by a mobile or landline number, with optional separators.
  /(?<![\w])(\+40|0040|0)\s?[237]\d{1,2}([\s.-]?\d{2,3}){2,3}(?!\d)/g,
];

export const REDACTED = '[date personale ascunse]';

/** Free text on its way out: personal-data patterns are replaced, whatever field they were typed into. */
export function redact(text: string): string {
  let out = text;
  for (const p of PATTERNS) out = out.replace(p, REDACTED);
  return out;
}

// ---- collection ------------------------------------------------------------------------------------

export interface CollectOptions {
  dataDir: string;
  publicationDate: string;
  site: { siteUrl: string; contactEmail: string; publisher: string; riskSummary: boolean; evidenceFiles: boolean };
}

function uniqueSlugs<T extends { id: string; code: string }>(rows: T[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const r of rows) {
    let s = slug(r.code);
    if (used.has(s)) s = `${s}-${r.id.slice(-8).toLowerCase()}`;
    used.add(s);
    out.set(r.id, s);
  }
  return out;
}

const safeFileName = (name: string) => {
  const ext = path
    .extname(name)
    .toLowerCase()
    .replace(/[^a-z0-9.]/g, '')
    .slice(0, 10);
  return `${slug(path.basename(name, path.extname(name)))}${ext}`;
};

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
};

export async function collectPublicData(ctx: ServiceContext, opts: CollectOptions): Promise<PublicData> {
  const db = ctx.db;
  const today = opts.publicationDate;
  const [planRow, cRows, aRows, iRows, links, milestones, updates, measurements, evidence, ragSettings] = await Promise.all([
    q.sitePlan(db),
    q.siteCommitments(db),
    q.siteActions(db),
    q.siteIndicators(db),
    q.siteIndicatorActions(db),
    q.siteMilestones(db),
    q.siteProgressUpdates(db),
    q.siteMeasurements(db),
    opts.site.evidenceFiles ? q.siteEvidence(db) : Promise.resolve([]),
    readSettings(db),
  ]);
  // Computed indicators: only their value and date leave (their records may name people).
  const computed = await computeSources(
    db,
    today,
    iRows.map((i) => i.source),
  );
  for (const r of computed.values()) r.records = [];
  const derived = derivePlan(cRows, aRows, iRows, links, today, ragSettings, { computed, flagged: await flaggedActions(db) });

  // Evidence files, named by content so an unchanged file keeps its path.
  const files = new Map<string, { sitePath: string; source: string }>();
  const evidenceBy = new Map<string, PublicFile[]>();
  const excluded = new Map<string, { fileName: string; reason: string }>();
  const store = attachmentStoreFor(db, opts.dataDir);
  const sources = new Map<string, string | null>();
  for (const f of evidence) {
    // Only allow-listed types whose content matches their name: nothing that a browser would run.
    if (!sources.has(f.sha256)) sources.set(f.sha256, await evidenceSource(db, store, f.sha256, evidenceWorkDir(opts.dataDir)));
    const source = sources.get(f.sha256) ?? null;
    let reason: string | null;
    try {
      if (!source) throw new Error('missing');
      reason = evidenceRefusal(f.file_name, fs.readFileSync(source));
    } catch {
      reason = 'fișierul lipsește din dosarul de date';
    }
    if (reason) {
      excluded.set(`${f.sha256}:${f.file_name}`, { fileName: redact(f.file_name), reason });
      continue;
    }
    const sitePath = `dovezi/${f.sha256.slice(0, 16)}/${safeFileName(f.file_name)}`;
    files.set(sitePath, { sitePath, source: source! });
    push(evidenceBy, `${f.entity}:${f.entity_id}`, { sitePath, name: redact(f.file_name), size: Number(f.size) });
  }

  const updatesBy = new Map<string, PublicUpdate[]>();
  for (const u of updates)
    push(updatesBy, u.action_id, {
      date: u.date,
      progress: u.progress,
      status: u.status,
      note: redact(u.note),
      evidence: evidenceBy.get(`progress_update:${u.id}`) ?? [],
    });
  const milestonesBy = new Map<string, PublicMilestone[]>();
  for (const m of milestones) push(milestonesBy, m.action_id, { title: redact(m.title), dueDate: m.due_date, done: m.done === 1, doneDate: m.done_date });
  const measurementsBy = new Map<string, PublicMeasurement[]>();
  for (const m of measurements)
    push(measurementsBy, m.indicator_id, { date: m.date, value: Number(m.value), period: m.period, evidence: evidenceBy.get(`measurement:${m.id}`) ?? [] });

  const partners = await collectPartners(db);
  const partnerName = new Map(partners.map((p) => [p.id, p.name]));
  const raciBy = new Map<string, PublicAction['raci']>();
  for (const r of await q.siteRaci(db)) {
    const name = partnerName.get(r.stakeholder_id);
    if (name) push(raciBy, r.action_id, { partner: name, role: r.role });
  }

  const indicatorsOfAction = new Map<string, string[]>();
  for (const l of links) push(indicatorsOfAction, l.action_id, l.indicator_id);
  const actionSlugs = uniqueSlugs(derived.actions.map((a) => a.row));
  const indicatorSlugs = uniqueSlugs(derived.indicators.map((i) => i.row));
  const commitmentSlugs = uniqueSlugs(derived.commitments.map((c) => c.row));
  const liveIndicators = new Set(derived.indicators.map((i) => i.row.id));
  const liveActions = new Set(derived.actions.map((a) => a.row.id));

  const actions: PublicAction[] = derived.actions.map(({ row: a, progress, rag }) => ({
    id: a.id,
    slug: actionSlugs.get(a.id)!,
    commitmentId: a.commitment_id,
    parentId: a.parent_id && liveActions.has(a.parent_id) ? a.parent_id : null,
    code: a.code,
    title: redact(a.title),
    deliverable: redact(a.deliverable),
    plannedStart: a.planned_start,
    plannedEnd: a.planned_end,
    actualStart: a.actual_start,
    actualEnd: a.actual_end,
    responsibleOrg: redact(a.responsible_org),
    status: a.status,
    progress,
    rag,
    updates: updatesBy.get(a.id) ?? [],
    milestones: milestonesBy.get(a.id) ?? [],
    indicatorIds: (indicatorsOfAction.get(a.id) ?? []).filter((i) => liveIndicators.has(i)),
    raci: raciBy.get(a.id) ?? [],
  }));

  const indicators: PublicIndicator[] = derived.indicators.map(({ row: i, latest, percentOfTarget, rag, actionIds }) => ({
    id: i.id,
    slug: indicatorSlugs.get(i.id)!,
    commitmentId: i.commitment_id,
    code: i.code,
    name: redact(i.name),
    unit: redact(i.unit),
    type: i.type,
    direction: i.direction,
    baseline: i.baseline,
    baselineDate: i.baseline_date,
    target: i.target,
    denominator: i.denominator,
    denominatorSource: redact(i.denominator_source),
    denominatorYear: i.denominator_year,
    countingRule: redact(i.counting_rule),
    dataSource: redact(i.data_source),
    frequency: redact(i.frequency),
    responsibleDepartment: redact(i.responsible_department),
    computed: i.source != null && computed.has(i.source),
    // A computed indicator is dated by its latest counting record, never by the build day.
    latest: latest ? { date: latest.date, value: latest.value, comparable: latest.comparable, period: latest.period } : null,
    // Unrounded, like every figure: the pages round it at display (contract/figures.ts).
    percentOfTarget,
    rag,
    actionIds: actionIds.filter((id) => liveActions.has(id)),
    // A computed indicator's value comes from records; hand measurements are not its history.
    measurements: i.source != null && computed.has(i.source) ? [] : (measurementsBy.get(i.id) ?? []),
  }));

  const actionsOf = new Map<string, string[]>();
  for (const a of actions) push(actionsOf, a.commitmentId, a.id);
  const indicatorsOf = new Map<string, string[]>();
  for (const i of indicators) push(indicatorsOf, i.commitmentId, i.id);

  const commitments: PublicCommitment[] = derived.commitments.map(({ row: c, progress, rag }) => ({
    id: c.id,
    slug: commitmentSlugs.get(c.id)!,
    code: c.code,
    title: redact(c.title),
    description: redact(c.description),
    objective: redact(c.objective),
    problem: redact(c.problem),
    solution: redact(c.solution),
    actors: redact(c.actors),
    relevanceLocal: redact(c.relevance_local),
    relevanceNational: redact(c.relevance_national),
    relevanceInternational: redact(c.relevance_international),
    ogpValues: parseJson<OgpValue[]>(c.ogp_values, []),
    startDate: c.start_date,
    endDate: c.end_date,
    leadInstitution: redact(c.lead_institution),
    designVerifiable: c.design_verifiable == null ? null : c.design_verifiable === 1,
    designPotential: c.design_potential,
    completion: c.completion as CompletionLevel | null,
    openedGovernment: parseJson(c.opened_government, {}),
    factors: redact(c.factors),
    lessons: redact(c.lessons),
    progress,
    rag,
    actionIds: actionsOf.get(c.id) ?? [],
    indicatorIds: indicatorsOf.get(c.id) ?? [],
  }));

  // The plan-level figures are core's one computation (plan/figures.ts), as on the dashboard and in the workbooks;
  // only the counts leave (the lists name internal titles before redaction).
  const figures = planFigures(derived);

  return {
    publicationDate: today,
    site: { siteUrl: opts.site.siteUrl, contactEmail: opts.site.contactEmail, publisher: opts.site.publisher },
    plan: planRow
      ? {
          title: redact(planRow.title),
          vision: redact(planRow.vision),
          goal: redact(planRow.goal),
          strategicDirections: parseJson<string[]>(planRow.strategic_directions, []).map(redact),
          priorities: parseJson<string[]>(planRow.priorities, []).map(redact),
          periodStart: planRow.period_start,
          periodEnd: planRow.period_end,
        }
      : null,
    overallProgress: figures.overallProgress,
    attention: figures.counts,
    commitments,
    actions,
    indicators,
    partners,
    funding: await collectFunding(db),
    training: await collectTraining(db),
    risks: opts.site.riskSummary ? await collectRisks(db) : null,
    campaigns: await collectCampaigns(db),
    datasets: await collectDatasets(ctx, opts),
    files: [...files.values()].sort((a, b) => (a.sitePath < b.sitePath ? -1 : 1)),
    excludedFiles: [...excluded.values()].sort((a, b) => a.fileName.localeCompare(b.fileName, 'ro')),
  };
}

async function collectPartners(db: DbOrTx): Promise<PublicPartner[]> {
  const [rows, partnerships] = await Promise.all([q.sitePartners(db), q.sitePartnerships(db)]);
  const byStakeholder = new Map<string, PublicPartner['partnerships']>();
  for (const p of partnerships) push(byStakeholder, p.stakeholder_id, { type: p.type, title: redact(p.title), startDate: p.start_date, endDate: p.end_date });
  return rows.map((r) => ({
    id: r.id,
    kind: r.type,
    name: r.type === 'organisation' ? redact(r.name) : r.name,
    legalForm: r.type === 'organisation' ? redact(r.legal_form) : '',
    sector: r.type === 'organisation' ? r.sector : null,
    plaRole: r.pla_role,
    iap2Level: r.iap2_level,
    partnerships: byStakeholder.get(r.id) ?? [],
  }));
}

async function collectFunding(db: DbOrTx): Promise<PublicFunding[]> {
  return (await q.siteFunding(db)).map((f) => ({
    code: f.code,
    title: redact(f.title),
    applicant: redact(f.applicant),
    programme: f.programme,
    callCode: f.call_code,
    callTitle: redact(f.call_title),
    managingBody: redact(f.managing_body),
    nonReimbursable: f.non_reimbursable === 1,
    requestedAmount: Number(f.requested_amount),
    ownContribution: Number(f.own_contribution),
    totalAmount: Number(f.total_amount),
    status: f.status,
    decisionOn: f.decision_on,
    contractSignedOn: f.contract_signed_on,
  }));
}

async function collectTraining(db: DbOrTx): Promise<TrainingAggregates> {
  const { bySession, people, totals } = await q.siteTrainingCounts(db);
  const programmes = new Map<string, TrainingAggregates['byProgramme'][number]>();
  const groups = new Map<string, TrainingAggregates['byTargetGroup'][number]>();
  let sessions = 0;
  let hours = 0;
  for (const s of bySession) {
    const n = Number(s.sessions);
    const h = Number(s.hours ?? 0);
    sessions += n;
    hours += h;
    const prog = programmes.get(s.programme_id) ?? { name: redact(s.programme_name), sessions: 0, hours: 0, participants: 0, completed: 0 };
    prog.sessions += n;
    prog.hours += h;
    programmes.set(s.programme_id, prog);
    const g = groups.get(s.target_group) ?? { targetGroup: s.target_group, sessions: 0, hours: 0, participants: 0, completed: 0 };
    g.sessions += n;
    g.hours += h;
    groups.set(s.target_group, g);
  }
  // Distinct people per (programme, target group), summed per programme and per group.
  const progPeople = new Map<string, { participants: number; completed: number }>();
  const groupPeople = new Map<string, { participants: number; completed: number }>();
  for (const p of people) {
    const a = progPeople.get(p.programme_id) ?? { participants: 0, completed: 0 };
    a.participants += Number(p.participants);
    a.completed += Number(p.completed);
    progPeople.set(p.programme_id, a);
    const b = groupPeople.get(p.target_group) ?? { participants: 0, completed: 0 };
    b.participants += Number(p.participants);
    b.completed += Number(p.completed);
    groupPeople.set(p.target_group, b);
  }
  for (const [id, prog] of programmes) Object.assign(prog, progPeople.get(id) ?? {});
  for (const [g, grp] of groups) Object.assign(grp, groupPeople.get(g) ?? {});
  return {
    sessions,
    hours,
    participants: Number(totals.participants ?? 0),
    completed: Number(totals.completed ?? 0),
    byProgramme: [...programmes.values()],
    byTargetGroup: [...groups.values()].sort((a, b) => (a.targetGroup < b.targetGroup ? -1 : 1)),
  };
}

async function collectRisks(db: DbOrTx): Promise<RiskSummary> {
  const [rows, measures, tol] = await Promise.all([q.siteRiskCounts(db), q.siteRiskMeasureCounts(db), q.siteRiskTolerance(db)]);
  const tolerance = tol?.tolerance_limit ?? null;
  const cats = new Map<string, { category: string; open: number; closed: number }>();
  const levels = new Map<string, number>();
  let open = 0;
  let closed = 0;
  let above = 0;
  for (const r of rows) {
    const n = Number(r.n);
    const c = cats.get(r.category) ?? { category: r.category, open: 0, closed: 0 };
    const exposure = r.residual_exposure ?? r.inherent_exposure;
    if (r.status === 'open') {
      c.open += n;
      open += n;
      levels.set(riskLevel(exposure), (levels.get(riskLevel(exposure)) ?? 0) + n);
      if (tolerance != null && exposure > tolerance) above += n;
    } else {
      c.closed += n;
      closed += n;
    }
    cats.set(r.category, c);
  }
  return {
    open,
    closed,
    toleranceLimit: tolerance,
    aboveTolerance: above,
    byCategory: [...cats.values()],
    byLevel: (['very_high', 'high', 'medium', 'low'] as const).map((level) => ({ level, open: levels.get(level) ?? 0 })),
    measures: measures.map((m) => ({ status: m.status, n: Number(m.n) })),
  };
}

async function collectCampaigns(db: DbOrTx): Promise<PublicCampaign[]> {
  const [campaigns, zones, results, proposals, projects] = await Promise.all([
    q.siteCampaigns(db),
    q.siteZones(db),
    q.siteResults(db),
    q.siteProposals(db),
    q.siteProjects(db),
  ]);
  if (!campaigns.length) return [];
  const zonesBy = new Map<string, PublicCampaign['zones']>();
  for (const z of zones) push(zonesBy, z.campaign_id, { code: z.code, name: redact(z.name), budget: Number(z.budget) });
  const resultBy = new Map(results.map((r) => [r.campaign_id, parseJson<CampaignResults | null>(r.result, null)]));
  const proposalsBy = new Map<string, PublicCampaign['proposals']>();
  for (const p of proposals)
    push(proposalsBy, p.campaign_id, {
      id: p.id,
      code: p.code,
      title: redact(p.title),
      category: redact(p.category),
      zoneCode: p.zone_code ?? null,
      costEstimate: p.cost_estimate == null ? null : Number(p.cost_estimate),
      eligibility: p.eligibility_status,
      rejectionReason: redact(p.public_rejection_reason),
      author: redact(
        [p.author_name, p.author_organisation]
          .map((x) => String(x ?? '').trim())
          .filter(Boolean)
          .join(', '),
      ),
    });
  const projectsBy = new Map<string, PublicCampaign['implementation']>();
  for (const x of projects)
    push(projectsBy, x.campaign_id, {
      proposalId: x.proposal_id,
      status: x.status,
      progress: x.progress,
      planned: Number(x.planned),
      committed: Number(x.committed),
      paid: Number(x.paid),
      startDate: x.start_date,
      endDate: x.end_date,
      completedOn: x.completed_on,
    });
  const slugs = uniqueSlugs(campaigns.map((c) => ({ id: c.id, code: `${c.edition}-${c.name}` })));
  return campaigns.map((c) => {
    const latest = resultBy.get(c.id) ?? null;
    const r = latest?.status === 'final' ? latest : null;
    return {
      id: c.id,
      slug: slugs.get(c.id)!,
      name: redact(c.name),
      kind: c.kind,
      edition: redact(c.edition),
      description: redact(c.description),
      totalBudget: Number(c.total_budget),
      capPerProject: c.cap_per_project == null ? null : Number(c.cap_per_project),
      votesPerVoter: c.votes_per_voter,
      minimumAge: c.minimum_age,
      zones: zonesBy.get(c.id) ?? [],
      resultsPending: !!latest && !r,
      result: r
        ? {
            ruleText: redact(r.ruleTextRo),
            tieBreakText: redact(r.tieBreakTextRo),
            voters: r.voters,
            population: r.population,
            participationRate: r.participationRate,
            votesCounted: r.votesCounted,
            zones: r.zones.map((z) => ({ ...z, label: redact(z.label) })),
            projects: r.projects.map((p) => ({
              proposalId: p.proposalId,
              code: p.code,
              title: redact(p.title),
              zoneCode: p.zoneCode,
              cost: p.cost,
              votes: p.votes,
              score: p.score,
              rank: p.rank,
              won: p.won,
              funded: p.funded,
              why: redact(p.textRo),
            })),
          }
        : null,
      proposals: proposalsBy.get(c.id) ?? [],
      implementation: projectsBy.get(c.id) ?? [],
    };
  });
}

/** Where the collector exports datasets before the site copies them (inside the data folder, rebuilt each time). */
export const datasetsWorkDir = (dataDir: string) => path.join(dataDir, 'site-work', 'datasets');

/** Where evidence kept in the database (PostgreSQL) is written for the site to copy (inside the data folder, removed after each build). */
export const evidenceWorkDir = (dataDir: string) => path.join(dataDir, 'site-work', 'evidence');

/**
 * A file on this computer holding the evidence file `sha256`: the data folder's own file (SQLite), or a copy
 * written a chunk at a time from the database (PostgreSQL); null when the store does not have it.
 */
async function evidenceSource(db: DbOrTx, store: AttachmentStore, sha256: string, workDir: string): Promise<string | null> {
  const own = store.pathOf(sha256);
  if (own) return fs.existsSync(own) ? own : null;
  if ((await store.size(db, sha256)) === null) return null;
  const file = path.join(workDir, sha256);
  fs.mkdirSync(workDir, { recursive: true });
  const fd = fs.openSync(file, 'w');
  try {
    for await (const chunk of store.read(db, sha256)) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/**
 * Open datasets: each is exported by the datasets module (the same CSV, schema and datapackage.json as its own
 * export) into a work folder; the site copies the files. The datapackage's `created` becomes the file's date, so
 * an unchanged dataset gives unchanged bytes.
 */
async function collectDatasets(ctx: ServiceContext, opts: CollectOptions): Promise<PublicDataset[]> {
  const rows = await q.siteDatasets(ctx.db);
  if (!rows.length) return [];
  const latest = new Map(
    (
      await latestProcessedImports(
        ctx.db,
        rows.map((r) => r.id),
      )
    )
      .filter((i) => i.status === 'processed')
      .map((i) => [i.dataset_id, i]),
  );
  const work = datasetsWorkDir(opts.dataDir);
  fs.rmSync(work, { recursive: true, force: true });
  const out: PublicDataset[] = [];
  for (const r of rows) {
    const imp = latest.get(r.id);
    if (!imp) continue;
    const dir = path.join(work, r.slug);
    const exported = await exportDataset(ctx, r.id, dir, { withBom: true });
    const modified = (imp.processed_at ?? today(opts)).slice(0, 10);
    const lic = licenceById(r.licence_id) ?? licenceById('CC-BY-4.0')!;
    const base = `date-deschise/${slug(r.slug)}`;
    const files: PublicDataset['files'] = [];
    for (const f of exported.files) {
      const kind = f.name === `${r.slug}.csv` ? 'csv' : f.name === `${r.slug}-excel.csv` ? 'csv_excel' : f.name === 'schema.json' ? 'schema' : null;
      if (kind) files.push({ sitePath: `${base}/${f.name}`, source: path.join(dir, f.name), name: f.name, bytes: f.bytes, sha256: f.sha256, kind });
    }
    const dp = JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8')) as Record<string, unknown>;
    dp.created = `${modified}T00:00:00Z`;
    out.push({
      id: r.id,
      slug: slug(r.slug),
      name: redact(r.name),
      description: redact(r.description),
      holder: redact([r.holder_institution, r.holder_department].filter(Boolean).join(' — ')),
      frequency: r.update_frequency,
      hvdCategory: r.hvd_category,
      theme: r.theme as DataTheme | null,
      keywords: parseJson<string[]>(r.keywords, []).map(redact),
      licence: { id: lic.id, title: lic.title, url: lic.url },
      contactEmail: r.maintainer_email,
      spatial: redact(r.spatial),
      temporalStart: r.temporal_start,
      temporalEnd: r.temporal_end,
      issued: r.published_on,
      modified,
      files,
      datapackage: { sitePath: `${base}/datapackage.json`, content: `${JSON.stringify(dp, null, 2)}\n` },
    });
  }
  return out;
}

const today = (o: CollectOptions) => o.publicationDate;
