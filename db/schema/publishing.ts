import type { RowColumns } from './common';

/** Publishing sync: targets, the secret of a password target, the manifest copy, the queue and the log. */
export interface PublishingTargetsTable extends RowColumns {
  name: string;
  kind: 'folder' | 'sftp';
  path: string;
  host: string | null;
  port: number | null;
  username: string | null;
  auth: 'none' | 'key' | 'password';
  identity_path: string | null;
  host_key: string | null;
  has_password: number;
}

export interface PublishingSecretsTable extends RowColumns {
  secret: string;
}

export interface PublishingManifestsTable extends RowColumns {
  release_id: string;
  manifest_hash: string;
  manifest: string;
  file_count: number;
  total_bytes: number;
}

export type QueueReasonKind = 'unreachable' | 'auth' | 'host_key' | 'config' | 'interrupted' | 'refused' | 'error';

export interface PublishingQueueTable extends RowColumns {
  target_id: string;
  status: 'pending' | 'done' | 'superseded' | 'cancelled';
  site_dir: string;
  summary: string;
  reason_kind: QueueReasonKind | null;
  reason: string;
  attempts: number;
  last_attempt_at: string | null;
}

export interface PublishingLogTable extends RowColumns {
  target_id: string;
  queue_id: string | null;
  status: 'published' | 'unchanged' | 'failed';
  release_id: string | null;
  summary: string;
  files_sent: number;
  bytes_sent: number;
  files_linked: number;
  files_deleted: number;
  started_at: string;
  finished_at: string;
  error: string;
}
