import type { RowColumns } from './common';

export interface UsersTable extends RowColumns {
  username: string;
  display_name: string;
  role: 'coordinator' | 'member' | 'evaluator' | 'viewer';
  password_hash: string;
  active: number;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  entity: string;
  entity_id: string;
  action: string;
  /** JSON: { field: { before, after } } */
  changes: string | null;
}

export interface SettingsTable {
  key: string;
  /** JSON value */
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface AttachmentsTable extends RowColumns {
  sha256: string;
  file_name: string;
  mime_type: string | null;
  size: number;
  entity: string;
  entity_id: string;
}

/** Evidence file content in the database (PostgreSQL stores, backup files): chunk `seq` of the file `sha256`. */
export interface AttachmentBlobsTable {
  sha256: string;
  seq: number;
  data: Buffer;
}

/** A data folder's file (by its path under the folder, with / separators) as a store or backup file carries it. */
export interface DataFilesTable {
  path: string;
  sha256: string;
  size: number;
}
