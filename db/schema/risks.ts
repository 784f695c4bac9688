import type { RowColumns } from './common';

export interface RisksTable extends RowColumns {
  code: string;
  area: string;
  objective: string;
  description: string;
  category: 'strategic' | 'operational' | 'financial' | 'legal' | 'integrity' | 'reputational' | 'it' | 'human_resources' | 'other';
  causes: string;
  consequences: string;
  owner: string;
  inherent_probability: number;
  inherent_impact: number;
  /** = inherent_probability × inherent_impact (CHECK). */
  inherent_exposure: number;
  strategy: 'tolerate' | 'treat' | 'transfer' | 'terminate';
  deadline: string | null;
  last_review_date: string | null;
  status: 'open' | 'closed';
  residual_probability: number | null;
  residual_impact: number | null;
  residual_exposure: number | null;
  secondary_risks: string;
  notes: string;
  alert_id: string | null;
  /** Code, description, area and owner without diacritics or case (0012), what `risks.list` searches. */
  search_key: string;
}

export interface RiskCommitmentsTable {
  risk_id: string;
  commitment_id: string;
}

export interface RiskActionsTable {
  risk_id: string;
  action_id: string;
}

export interface RiskMeasuresTable extends RowColumns {
  risk_id: string;
  description: string;
  owner: string;
  deadline: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'cancelled';
  notes: string;
}

export interface RiskReviewsTable extends RowColumns {
  risk_id: string;
  date: string;
  reviewer: string;
  decision: 'keep' | 'update' | 'escalate' | 'close';
  note: string;
  residual_probability: number | null;
  residual_impact: number | null;
  residual_exposure: number | null;
  next_review_date: string | null;
}

export interface RiskResidualHistoryTable extends RowColumns {
  risk_id: string;
  date: string;
  probability: number | null;
  impact: number | null;
  exposure: number | null;
  source: 'create' | 'edit' | 'review' | 'import';
  review_id: string | null;
}

export interface RiskAlertsTable extends RowColumns {
  activity: string;
  risk: string;
  identified_by: string;
  identified_date: string;
  causes: string;
  effects: string;
  probability: number;
  impact: number;
  exposure: number;
  documentation: string;
  proposed_measures: string;
  decision: 'file' | 'investigate' | 'escalate' | 'register' | null;
  decision_date: string | null;
  decision_note: string;
  risk_id: string | null;
}

export interface RiskSettingsTable extends RowColumns {
  tolerance_limit: number;
  review_days_very_high: number;
  review_days_high: number;
  review_days_medium: number;
  review_days_low: number;
  due_soon_days: number;
}

/** An import being staged (migration 0020): the process staging it, and when it last wrote a batch. */
export interface RiskImportRunsTable {
  id: string;
  host: string;
  pid: number;
  started_at: string;
  touched_at: string;
}

/** A staged row of a register table: its columns and the import it belongs to (invisible to every reader). */
export type Staged<T> = T & { import_id: string };
