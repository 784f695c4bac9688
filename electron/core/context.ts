import type { Db, Tx } from '../../db/connection';
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
  /** Runs `fn` in one transaction: every write and its audit entry land together or not at all. */
  tx<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
  /** Seals and opens secrets (an SFTP password): the database holds only sealed values (core/secrets.ts). */
  secrets?: SecretBox;
}
