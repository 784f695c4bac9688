import type { Kysely } from 'kysely';

/**
 * Team mode (issue 13, item 3 and 4): what a server must remember across a restart.
 * - `server_sessions`: signed-in sessions, keyed by the SHA-256 of the session id (the id itself, which is the
 *   cookie, is never stored, so a backup or a copy of the database opens nobody's session).
 * - `login_throttle`: sign-in failures and locks per account (`u:name`) and per address (`a:ip`).
 * - `jobs`: long work (exports, imports, validation, site builds) with its owner, so a job the server was running
 *   when it stopped or crashed is shown to its owner as failed after the restart.
 * Times are ISO-8601 UTC text (they sort and compare as text on every engine); the failure list, a job's error and its result are JSON text.
 * Only 'text' and 'integer' columns: the same migration runs on SQLite and PostgreSQL. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('server_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('server_sessions_user').on('server_sessions').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('error', 'text')
    .addColumn('result', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_status').on('jobs').column('status').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('server_sessions').execute();
}
