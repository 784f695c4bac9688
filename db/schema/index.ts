import type { JobsTable, LoginThrottleTable, ServerSessionsTable } from './server';
import type { AttachmentBlobsTable, AttachmentsTable, DataFilesTable, AuditLogTable, SettingsTable, UsersTable } from './admin';
import type * as B from './budgeting';
import type * as DS from './datasets';
import type * as PUB from './publishing';
import type { FundingApplicationActionsTable, FundingApplicationsTable, FundingCallActionsTable, FundingCallsTable } from './funding';
import type {
  ActionsTable,
  CommitmentsTable,
  IndicatorActionsTable,
  IndicatorsTable,
  MeasurementsTable,
  MilestonesTable,
  PlansTable,
  ProgressUpdatesTable,
} from './plan';
import type {
  RiskActionsTable,
  RiskAlertsTable,
  RiskCommitmentsTable,
  RiskMeasuresTable,
  RiskResidualHistoryTable,
  RiskReviewsTable,
  RiskSettingsTable,
  RiskImportRunsTable,
  Staged,
  RisksTable,
} from './risks';
import type { TrainingAttendanceTable, TrainingCompletionsTable, TrainingPeopleTable, TrainingProgrammesTable, TrainingSessionsTable } from './training';
import type { PartnershipsTable, StakeholderInteractionsTable, StakeholderRaciTable, StakeholdersTable, StakeholderTakeoversTable } from './stakeholders';

/** The Kysely Database interface: one entry per table, grouped by module. */
export interface Database {
  users: UsersTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  attachments: AttachmentsTable;
  server_sessions: ServerSessionsTable;
  login_throttle: LoginThrottleTable;
  jobs: JobsTable;
  attachment_blobs: AttachmentBlobsTable;
  data_files: DataFilesTable;
  plans: PlansTable;
  commitments: CommitmentsTable;
  actions: ActionsTable;
  milestones: MilestonesTable;
  indicators: IndicatorsTable;
  indicator_actions: IndicatorActionsTable;
  measurements: MeasurementsTable;
  progress_updates: ProgressUpdatesTable;
  budgeting_campaigns: B.BudgetingCampaignsTable;
  budgeting_zones: B.BudgetingZonesTable;
  budgeting_proposals: B.BudgetingProposalsTable;
  budgeting_assignments: B.BudgetingAssignmentsTable;
  budgeting_conflicts: B.BudgetingConflictsTable;
  budgeting_moderations: B.BudgetingModerationsTable;
  budgeting_vote_campaigns: B.BudgetingVoteCampaignsTable;
  budgeting_vote_proposals: B.BudgetingVoteProposalsTable;
  budgeting_vote_voters: B.BudgetingVoteVotersTable;
  budgeting_vote_counts: B.BudgetingVoteCountsTable;
  budgeting_vote_imports: B.BudgetingVoteImportsTable;
  budgeting_paper_entries: B.BudgetingPaperEntriesTable;
  budgeting_results: B.BudgetingResultsTable;
  budgeting_appeals: B.BudgetingAppealsTable;
  budgeting_projects: B.BudgetingProjectsTable;
  budgeting_project_milestones: B.BudgetingProjectMilestonesTable;
  budgeting_tranches: B.BudgetingTranchesTable;
  budgeting_workbook_keys: B.BudgetingWorkbookKeysTable;
  funding_calls: FundingCallsTable;
  funding_call_actions: FundingCallActionsTable;
  funding_applications: FundingApplicationsTable;
  funding_application_actions: FundingApplicationActionsTable;
  risks: RisksTable;
  risk_commitments: RiskCommitmentsTable;
  risk_actions: RiskActionsTable;
  risk_measures: RiskMeasuresTable;
  risk_reviews: RiskReviewsTable;
  risk_residual_history: RiskResidualHistoryTable;
  risk_alerts: RiskAlertsTable;
  risk_settings: RiskSettingsTable;
  risk_import_runs: RiskImportRunsTable;
  risk_import_risks: Staged<RisksTable>;
  risk_import_risk_measures: Staged<RiskMeasuresTable>;
  risk_import_risk_residual_history: Staged<RiskResidualHistoryTable>;
  risk_import_risk_commitments: Staged<RiskCommitmentsTable>;
  risk_import_risk_actions: Staged<RiskActionsTable>;
  risk_import_audit_log: Staged<AuditLogTable>;
  training_programmes: TrainingProgrammesTable;
  training_sessions: TrainingSessionsTable;
  training_people: TrainingPeopleTable;
  training_attendance: TrainingAttendanceTable;
  training_completions: TrainingCompletionsTable;
  datasets: DS.DatasetsTable;
  dataset_imports: DS.DatasetImportsTable;
  dataset_pd_flags: DS.DatasetPdFlagsTable;
  dataset_references: DS.DatasetReferencesTable;
  dataset_reviews: DS.DatasetReviewsTable;
  publishing_targets: PUB.PublishingTargetsTable;
  publishing_secrets: PUB.PublishingSecretsTable;
  publishing_manifests: PUB.PublishingManifestsTable;
  publishing_queue: PUB.PublishingQueueTable;
  publishing_log: PUB.PublishingLogTable;
  stakeholders: StakeholdersTable;
  stakeholder_raci: StakeholderRaciTable;
  stakeholder_takeovers: StakeholderTakeoversTable;
  partnerships: PartnershipsTable;
  stakeholder_interactions: StakeholderInteractionsTable;
}

export type * from './admin';
export type * from './server';
export type * from './funding';
export type * from './plan';
export type * from './common';
