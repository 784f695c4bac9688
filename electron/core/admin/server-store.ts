import type { WriteTx } from '../../../db/access';
import type { Db } from '../../../db/connection';
import * as q from '../../../db/queries/server';

/**
 * The server's memory kept in the database (migration 0016), so a restart keeps people signed in, keeps a sign-in
 * lock locked and shows an interrupted job as failed. Sessions and the throttle stay authoritative in memory (one
 * server holds the data folder's lock, or is the only server of a PostgreSQL database); this store writes their
 * changes behind them, one after another, and loads them at start. `flush()` waits for every write asked so far
 * (sign-out everywhere waits for it before answering; shutdown waits for it before closing the database).
 */
export class ServerStore {
  private chain: Promise<unknown> = Promise.resolve();
  constructor(
    readonly db: Db,
    private tx: <T>(fn: (trx: WriteTx) => Promise<T>) => Promise<T>,
  ) {}

  /** Queues a write; a failure is logged (the state in memory stays right) and does not stop later writes. */
  write(what: string, fn: (trx: WriteTx) => Promise<unknown>): Promise<void> {
    const next = this.chain
      .then(() => this.tx(fn))
      .then(
        () => undefined,
        (e: unknown) => console.error(`[pla-desk] ${what} not saved:`, e instanceof Error ? e.message : String(e)),
      );
    this.chain = next;
    return next;
  }

  flush(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  loadSessions = () => q.loadSessions(this.db);
  loadThrottle = () => q.loadThrottle(this.db);
}
