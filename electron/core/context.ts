import type { WriteTx } from '../../db/access';
import type { Db } from '../../db/connection';
import type { Role } from '../contract';
import type { SecretBox } from './secrets';

export interface Actor {
  id: string | null;
  name: string;
  role: Role | 'system';
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system' };

/** What a service call gets: the database, the clock, who is acting, where files live. */
export interface ServiceContext {
  db: Db;
  dataDir: string;
  now(): Date;
  actor: Actor;
  /**
   * Runs `fn` in one transaction: every write and its audit entry land together or not at all. `trx` is the audited
   * write transaction (`WriteTx`, made only by `auditedTransaction` in core/writes.ts): the write queries of db/queries
   * take nothing else, so a write through `db` does not compile (db/access.ts).
   */
  tx<T>(fn: (trx: WriteTx) => Promise<T>): Promise<T>;
  /** Seals and opens secrets (an SFTP password): the database holds only sealed values (core/secrets.ts). */
  secrets?: SecretBox;
}
