import type { AttachmentsTable, AuditLogTable, SettingsTable, UsersTable } from './admin';
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

/** The Kysely Database interface: one entry per table, grouped by module. */
export interface Database {
  users: UsersTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  attachments: AttachmentsTable;
  plans: PlansTable;
  commitments: CommitmentsTable;
  actions: ActionsTable;
  milestones: MilestonesTable;
  indicators: IndicatorsTable;
  indicator_actions: IndicatorActionsTable;
  measurements: MeasurementsTable;
  progress_updates: ProgressUpdatesTable;
}

export type * from './admin';
export type * from './plan';
export type * from './common';
