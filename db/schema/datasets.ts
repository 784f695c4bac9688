import type { RowColumns } from './common';

export interface DatasetsTable extends RowColumns {
  name: string;
  slug: string;
  holder_institution: string;
  holder_department: string;
  description: string;
  legal_basis: string;
  contains_personal_data: number;
  format: string;
  update_frequency: 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'semiannual' | 'annual' | 'irregular' | 'never';
  publication_status: 'identified' | 'in_preparation' | 'ready' | 'published' | 'not_publishable';
  score_value: number;
  score_demand: number;
  score_readiness: number;
  score_risk: number;
  hvd_category: 'geospatial' | 'earth_observation_environment' | 'meteorological' | 'statistics' | 'companies' | 'mobility' | null;
  responsible_person: string;
  /** JSON array of strings. */
  keywords: string;
  theme: string | null;
  licence_id: string;
  maintainer: string;
  maintainer_email: string;
  spatial: string;
  temporal_start: string | null;
  temporal_end: string | null;
  public_base_url: string;
  /** JSON Table Schema or null. */
  table_schema: string | null;
  /** JSON array of cleaning steps. */
  cleaning_steps: string;
  last_reviewed_on: string | null;
  published_on: string | null;
}

export interface DatasetImportsTable extends RowColumns {
  dataset_id: string;
  file_name: string;
  format: 'csv' | 'xlsx';
  bytes: number;
  sha256: string;
  /** JSON EncodingDecision. */
  detected: string | null;
  encoding: 'utf-8' | 'windows-1250' | 'iso-8859-2' | 'iso-8859-16' | null;
  status: 'uploaded' | 'processing' | 'processed' | 'failed';
  valid: number | null;
  error_count: number;
  row_count: number | null;
  /** JSON: validation report (counts per code, listed errors). */
  report: string | null;
  /** JSON StepLog[]. */
  step_log: string | null;
  /** JSON ImportChanges. */
  changes: string | null;
  /** JSON string[]: the cleaned file's header. */
  columns: string | null;
  failure: string | null;
  processed_at: string | null;
}

export interface DatasetPdFlagsTable extends RowColumns {
  import_id: string;
  kind: 'cnp' | 'email' | 'phone' | 'iban';
  field_name: string;
  count: number;
  /** JSON number[]. */
  row_numbers: string;
  example: string;
  reviewed: number;
  review_note: string;
}

export interface DatasetReferencesTable extends RowColumns {
  name: string;
  title: string;
  /** JSON string[]. */
  columns: string;
  row_count: number;
  csv: string;
}

export interface DatasetReviewsTable extends RowColumns {
  dataset_id: string;
  reviewed_on: string;
  note: string;
}
