import { sql, type Kysely } from 'kysely';

/**
 * Publishing sync (issue 6): where the public site goes (targets), what waits to go (the publication queue) and
 * what went (the publication log), with the manifest each target holds (a local copy) and, apart, the one secret
 * a password target needs. Frozen.
 */
const rowColumns = (t: any) =>
  t
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text');

export async function up(db: Kysely<any>): Promise<void> {
  await rowColumns(
    db.schema
      .createTable('publishing_targets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('folder','sftp')`))
      // folder: an absolute local path; sftp: the absolute folder on the server
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('host', 'text')
      .addColumn('port', 'integer', (c) => c.check(sql`port between 1 and 65535`))
      .addColumn('username', 'text')
      .addColumn('auth', 'text', (c) =>
        c
          .notNull()
          .defaultTo('none')
          .check(sql`auth in ('none','key','password')`),
      )
      // A key file path (preferred): the key itself never enters the database.
      .addColumn('identity_path', 'text')
      // SHA-256 fingerprint of the server's host key, recorded on first connection (then enforced).
      .addColumn('host_key', 'text')
      .addColumn('has_password', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`has_password in (0,1)`),
      )
      .addCheckConstraint(
        'publishing_targets_sftp',
        sql`kind = 'folder' or (host is not null and port is not null and username is not null and auth in ('key','password'))`,
      ),
  ).execute();
  await sql`create unique index publishing_targets_name on publishing_targets(name) where deleted_at is null`.execute(db);

  // The password of a password target, apart from the target row: never audited, listed, exported or logged.
  await rowColumns(
    db.schema
      .createTable('publishing_secrets')
      .addColumn('id', 'text', (c) => c.primaryKey().references('publishing_targets.id'))
      .addColumn('secret', 'text', (c) => c.notNull()),
  ).execute();

  // The manifest of the live release on each target, as last published from here (gzipped JSON, base64).
  await rowColumns(
    db.schema
      .createTable('publishing_manifests')
      .addColumn('id', 'text', (c) => c.primaryKey().references('publishing_targets.id'))
      .addColumn('release_id', 'text', (c) => c.notNull())
      .addColumn('manifest_hash', 'text', (c) => c.notNull())
      .addColumn('manifest', 'text', (c) => c.notNull())
      .addColumn('file_count', 'integer', (c) => c.notNull().check(sql`file_count >= 0`))
      .addColumn('total_bytes', 'bigint', (c) => c.notNull().check(sql`total_bytes >= 0`)),
  ).execute();

  await rowColumns(
    db.schema
      .createTable('publishing_queue')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('target_id', 'text', (c) => c.notNull().references('publishing_targets.id'))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`status in ('pending','done','superseded','cancelled')`),
      )
      // The built site waiting to go (a folder under the data folder).
      .addColumn('site_dir', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('reason_kind', 'text', (c) => c.check(sql`reason_kind in ('unreachable','auth','host_key','config','interrupted','refused','error')`))
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('attempts', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`attempts >= 0`),
      )
      .addColumn('last_attempt_at', 'text'),
  ).execute();
  // What is pending, per target and since when.
  await sql`create index publishing_queue_pending on publishing_queue(target_id, created_at) where status = 'pending' and deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('publishing_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('target_id', 'text', (c) => c.notNull().references('publishing_targets.id'))
      .addColumn('queue_id', 'text', (c) => c.references('publishing_queue.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('published','unchanged','failed')`))
      .addColumn('release_id', 'text')
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('files_sent', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`files_sent >= 0`),
      )
      .addColumn('bytes_sent', 'bigint', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`bytes_sent >= 0`),
      )
      .addColumn('files_linked', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`files_linked >= 0`),
      )
      .addColumn('files_deleted', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`files_deleted >= 0`),
      )
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('error', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('publishing_log_target_started').on('publishing_log').columns(['target_id', 'started_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['publishing_log', 'publishing_queue', 'publishing_manifests', 'publishing_secrets', 'publishing_targets'])
    await db.schema.dropTable(t).execute();
}
