import type { RowColumns } from './common';

export interface PlansTable extends RowColumns {
  title: string;
  vision: string;
  goal: string;
  /** JSON string[] */
  strategic_directions: string;
  /** JSON string[] */
  priorities: string;
  process: string;
  period_start: string | null;
  period_end: string | null;
}

export interface CommitmentsTable extends RowColumns {
  plan_id: string;
  code: string;
  title: string;
  description: string;
  objective: string;
  problem: string;
  solution: string;
  actors: string;
  relevance_local: string;
  relevance_national: string;
  relevance_international: string;
  /** JSON OgpValue[] */
  ogp_values: string;
  calendar_text: string;
  start_date: string | null;
  end_date: string | null;
  lead_institution: string;
  responsible_person: string;
  design_verifiable: number | null;
  design_potential: string | null;
  completion: string | null;
  /** JSON { value: level } */
  opened_government: string;
  factors: string;
  lessons: string;
  weight: number | null;
  sort_order: number;
}

export interface ActionsTable extends RowColumns {
  commitment_id: string;
  parent_id: string | null;
  code: string;
  title: string;
  deliverable: string;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  responsible_org: string;
  responsible_person: string;
  status: 'not_started' | 'in_progress' | 'done' | 'cancelled';
  progress: number;
  weight: number | null;
  blockers: string;
  sort_order: number;
}

export interface MilestonesTable extends RowColumns {
  action_id: string;
  title: string;
  due_date: string | null;
  done: number;
  done_date: string | null;
}

export interface IndicatorsTable extends RowColumns {
  commitment_id: string;
  code: string;
  name: string;
  unit: string;
  type: 'cumulative' | 'per_period' | 'ratio' | 'milestone';
  direction: 'increase' | 'decrease';
  baseline: number | null;
  baseline_date: string | null;
  target: number;
  denominator: number | null;
  denominator_source: string;
  denominator_year: number | null;
  counting_rule: string;
  data_source: string;
  frequency: string;
  responsible_department: string;
  sort_order: number;
  /** Computed from another module's records (e.g. `training.employees_open_government`); null = measured by hand. */
  source: string | null;
}

export interface IndicatorActionsTable {
  indicator_id: string;
  action_id: string;
}

export interface MeasurementsTable extends RowColumns {
  indicator_id: string;
  date: string;
  value: number;
  period: string | null;
  note: string;
}

export interface ProgressUpdatesTable extends RowColumns {
  action_id: string;
  date: string;
  progress: number;
  status: 'not_started' | 'in_progress' | 'done' | 'cancelled';
  note: string;
  author_id: string | null;
}
