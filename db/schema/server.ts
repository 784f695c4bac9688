/** What a server remembers across a restart (migration 0016): sessions, sign-in throttling, jobs. */
export interface ServerSessionsTable {
  /** SHA-256 (hex) of the session id; the id itself is never stored. */
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen: string;
}

export interface LoginThrottleTable {
  /** `u:<username lower-case>` or `a:<address>` */
  key: string;
  /** JSON array of ISO times of failed attempts within the window */
  failures: string;
  locked_until: string | null;
  updated_at: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  owner_id: string | null;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  message: string | null;
  /** JSON { code, message } */
  error: string | null;
  /** JSON */
  result: string | null;
  started_at: string;
  finished_at: string | null;
}
