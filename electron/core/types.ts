import type { CoreEvent, Job, Result, Role } from '../contract';
import type { SessionPolicy } from './admin/service';
import type { ThrottlePolicy } from './admin/throttle';
import type { PlatformPort } from './platform';
import type { ResolvedFile } from './system-handlers';

/** A transport's link to core: one per Electron window, per browser tab (X-Pla-Client), or the CLI. */
export interface Connection {
  sessionId: string | null;
  /** The CLI and trusted maintenance code act as the system user: every role check passes. */
  system?: boolean;
  /** The client's network address (browser mode), for the per-address sign-in throttle. */
  address?: string | null;
}

/**
 * Who may receive an event: the user who started the job (null: nobody but the CLI that waits on it), or
 * `everyone` signed in (a data-changed notice, which carries no record content).
 */
export interface EventAudience {
  userId: string | null;
  everyone?: boolean;
  /**
   * With `everyone`: only sessions of these roles (those that may read the changed module — an evaluator does not
   * hear that the risk register changed). Absent: every signed-in session.
   */
  roles?: readonly Role[];
}

export interface CoreOptions {
  /** This machine's folder for local files (exports, keys, backups) and, without `database`, the SQLite store. */
  dataDir: string;
  /** The store, when not the SQLite file in dataDir: `postgres://…`, `pglite:DIR`, `pglite:memory` or `sqlite:DIR`. */
  database?: string;
  /** An open PGlite to use for a `pglite:` database (tests clone one migrated template per core). */
  pglite?: import('@electric-sql/pglite').PGlite;
  platform: PlatformPort;
  /** Path to a better_sqlite3.node built for Electron's ABI, when running under Electron. */
  nativeBinding?: string;
  /** Load the PLA seed on first run (default true). */
  seed?: boolean;
  /** Hold the data folder's lock while open (the desktop app and browser mode do; the CLI does not). */
  lock?: boolean;
  /** Session idle and absolute expiry (default 30 min / 12 h). */
  sessionPolicy?: SessionPolicy;
  /**
   * A server (browser mode, team mode): sessions, sign-in throttling and jobs are kept in the database, so a restart
   * keeps people signed in, keeps locks locked and shows a job it cut short as failed. The desktop app and the CLI
   * keep them in memory (a restart signs everyone out).
   */
  serverState?: boolean;
  /** Sign-in throttling (default: 10 failures per account, 30 per address, in 15 min → 15-min lock). */
  throttlePolicy?: ThrottlePolicy;
  /** The key file that seals secrets when the platform has no secretBox (default: defaultSecretsKeyFile()). */
  secretsKeyFile?: string;
  /** Runs on the open SQLite handle before anything else (tests: `PRAGMA max_page_count` to simulate a full disk). */
  onDatabaseOpen?: (sqlite: import('better-sqlite3').Database) => void;
  /** Override "now" in tests. */
  now?: () => Date;
}

export interface Core {
  readonly dataDir: string;
  /** Parse the input with the method's zod schema, check the role, run the service; never throws. */
  call(method: string, input: unknown, conn: Connection): Promise<Result<unknown>>;
  /** Job progress and other pushes, each with who may see it: a transport forwards an event only to that user's sessions. */
  onEvent(listener: (e: CoreEvent, audience: EventAudience) => void): () => void;
  /** The signed-in user of a connection (without counting as activity), or null. */
  userOf(conn: Connection): string | null;
  /** The role of a connection's signed-in, active user (without counting as activity), or null. */
  roleOf(conn: Connection): Promise<Role | null>;
  /** A file the connection may download (export output or attachment), or null. */
  resolveFile(kind: 'export' | 'attachment', id: string, conn: Connection): Promise<ResolvedFile | null>;
  /** Live sessions (diagnostics and tests: it must not grow with requests, only with sign-ins). */
  sessionCount(): number;
  /** Resolves when a job has finished (CLI and tests). */
  waitForJob(id: string): Promise<Job>;
  /** Jobs running now (a server's shutdown says how many it waits for). */
  runningJobs(): number;
  /** Ends every job (running ones get `graceMs` to finish, then are stopped and recorded as failed) and closes the database. */
  close(graceMs?: number): Promise<void>;
}
