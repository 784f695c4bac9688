import { z } from 'zod';
import { EDITORS, method } from './define';
import { id, isoDate } from './common';
import type { AuditEntity } from './audit';
import type { ActionStatus, CompletionLevel, DESIGN_POTENTIAL, OgpValue, OpenedGovernmentLevel, Rag } from './plan';

/**
 * Outputs for coordinators: the Excel report pack, the OGP Local assessments (Inception and End-of-Commitment)
 * filled from the records, and the printable progress report for Local Council meetings. Reads only.
 */

// ───────────────────────────── progress report

export interface ReportCommitment {
  id: string;
  code: string;
  title: string;
  startDate: string | null;
  endDate: string | null;
  leadInstitution: string;
  progress: number;
  expectedProgress: number;
  rag: Rag;
  actionCount: number;
  indicatorCount: number;
  completion: CompletionLevel | null;
}

export interface ReportIndicator {
  id: string;
  code: string;
  name: string;
  commitmentCode: string;
  unit: string;
  current: number | null;
  target: number;
  percentOfTarget: number | null;
  rag: Rag;
  lastDate: string | null;
}

export interface ReportAction {
  id: string;
  code: string;
  title: string;
  commitmentCode: string;
  responsibleOrg: string;
  plannedEnd: string | null;
  status: ActionStatus;
  progress: number;
  expectedProgress: number;
  rag: Rag;
  lastUpdateDate: string | null;
}

export interface ReportUpdate {
  id: string;
  actionCode: string;
  actionTitle: string;
  date: string;
  progress: number;
  note: string;
}

export interface ProgressReport {
  planTitle: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** The day the figures are computed for. */
  today: string;
  /** Progress updates from this day on are "since the last report" (four months back: OGP Local's rhythm). */
  since: string;
  /** Weighted roll-up of the commitments (plain average when no weights). */
  overallProgress: number;
  overallExpected: number;
  /** Late, at-risk and no-data actions and indicators: the dashboard's counts (PlanFigures.counts). */
  counts: { late: number; atRisk: number; noData: number };
  commitments: ReportCommitment[];
  indicators: ReportIndicator[];
  /** Actions late or at risk, worst first. */
  attention: ReportAction[];
  actionRag: Record<Rag, number>;
  indicatorRag: Record<Rag, number>;
  recentUpdates: ReportUpdate[];
  risks: { open: number; aboveTolerance: number; reviewsOverdue: number };
  training: Array<{ programme: string; actionCode: string; sessions: number; completedPeople: number }>;
  /** Distinct people who completed at least one session of any programme. */
  trainedPeople: number;
  partnerships: { total: number; active: number };
  funding: { calls: number; applications: number; approvedBani: number; requestedBani: number };
}

// ───────────────────────────── OGP Local assessments

export interface AssessmentEvidence {
  /** Where the file was attached: a progress update of an action, or a measurement of an indicator. */
  source: 'progress_update' | 'measurement';
  code: string;
  date: string;
  note: string;
  fileName: string;
  size: number;
  sha256: string;
  /** OGP Local's form takes files of at most 10 MB. */
  withinLimit: boolean;
}

export interface AssessmentAction {
  code: string;
  title: string;
  deliverable: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  responsibleOrg: string;
  status: ActionStatus;
  progress: number;
}

export interface AssessmentIndicator {
  code: string;
  name: string;
  current: number | null;
  target: number;
  unit: string;
  percentOfTarget: number | null;
}

export interface CommitmentAssessment {
  id: string;
  code: string;
  title: string;
  /** Inception Assessment: the commitment as designed. */
  inception: {
    problem: string;
    objective: string;
    description: string;
    solution: string;
    ogpValues: OgpValue[];
    startDate: string | null;
    endDate: string | null;
    leadInstitution: string;
    actors: string;
    verifiable: boolean | null;
    potential: (typeof DESIGN_POTENTIAL)[number] | null;
    actions: AssessmentAction[];
    indicators: AssessmentIndicator[];
  };
  /** End-of-Commitment Assessment: results, from the records. */
  end: {
    /** The level the coordinator recorded (plan.setAssessment), null when none yet. */
    completion: CompletionLevel | null;
    /** From the actions' statuses and the roll-up, shown when none is recorded (see electron/core/reports/assessments.ts). */
    suggestedCompletion: CompletionLevel;
    progress: number;
    rag: Rag;
    actionsDone: number;
    actionsInProgress: number;
    actionsNotStarted: number;
    actionsCancelled: number;
    factors: string;
    lessons: string;
    /** One entry per OGP value of the commitment (every value when none is tagged); null = not assessed. */
    openedGovernment: Array<{ value: OgpValue; level: OpenedGovernmentLevel | null }>;
    evidence: AssessmentEvidence[];
  };
}

// ───────────────────────────── "Ce am de făcut" (a coordinator's or member's start page)

export const AGENDA_KINDS = ['risk_review', 'measurement', 'dataset_review', 'funding_deadline', 'pb_phase', 'evaluation'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
/** `late`: the day has passed (overdue); `week`: due from today to seven days on. */
export type AgendaState = 'late' | 'week';
export type AgendaModule = 'plan' | 'risks' | 'datasets' | 'funding' | 'budgeting';

export interface AgendaItem {
  kind: AgendaKind;
  module: AgendaModule;
  /** The record's id (risk, indicator, dataset, call, campaign). */
  id: string;
  /** Code or short name shown first (R-001, I1.2, PRV/2026/1.1, the dataset's slug, the campaign's edition). */
  code: string;
  title: string;
  dueOn: string;
  state: AgendaState;
  /** The app route of the record. */
  route: string;
  /** A phase kind (pb_phase) or the number of evaluations still to submit (evaluation). */
  phase?: string;
  pending?: number;
}

export interface Agenda {
  today: string;
  /** The last day counted as "this week" (today + 7). */
  weekEnd: string;
  /** Late first, then by due day. */
  items: AgendaItem[];
  /** Items per module, for the counters beside the menu groups. */
  byModule: Partial<Record<AgendaModule, number>>;
}

// ───────────────────────────── "Ce s-a schimbat" (changes since the last visit)

/** One change by someone else, for the start page: who, when, what kind of record, which fields (never their values). */
export interface ChangeEntry {
  id: string;
  at: string;
  actorName: string;
  entity: AuditEntity;
  entityId: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'import';
  fields: string[];
}

export interface Changes {
  since: string;
  /** Newest first, at most `limit`. */
  entries: ChangeEntry[];
  /** All changes since then (the list may be shorter). */
  total: number;
}

export const reportsContract = {
  'reports.changes': method<Changes>()(
    z.object({ since: z.string().datetime({ offset: true }), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    EDITORS,
  ),
  'reports.agenda': method<Agenda>()(z.object({ today: isoDate.optional() }).strict(), EDITORS),
  'reports.progress': method<ProgressReport>()(z.object({ today: isoDate.optional() }).strict(), EDITORS),
  'reports.assessments': method<CommitmentAssessment[]>()(z.object({ commitmentId: id.optional(), today: isoDate.optional() }).strict(), EDITORS),
  /** The coordinator's report pack: a job whose result is `{ fileId, fileName }` (like every module's Excel export). */
  'reports.exportExcel': method<{ jobId: string }>()(z.object({}).strict(), EDITORS),
  /**
   * The OGP Local assessments workbook, also a job. Named `….exportExcel` so the shared export button (which
   * takes any `<x>.exportExcel` method with an empty input) starts it.
   */
  'reports.assessments.exportExcel': method<{ jobId: string }>()(z.object({}).strict(), EDITORS),
} as const;
