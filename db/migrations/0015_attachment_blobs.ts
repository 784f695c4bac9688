import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Evidence files inside the database (issue 13, item 2): content-addressed by SHA-256, in chunks of at most
 * 256 KiB (`seq` 0, 1, 2 …), so a file is written and read a chunk at a time and never held whole.
 *
 * The table exists on both engines, so both have one schema (the same tables to copy, compare and back up):
 * a PostgreSQL store keeps its evidence here, so one pg_dump holds everything; a SQLite data folder keeps its
 * files on disk under attachments/ as before and leaves this table empty; a backup file (a SQLite database)
 * carries the files here, whichever store it came from. The content column is the engine's own binary type
 * (bytea on PostgreSQL, blob on SQLite): the only per-engine choice, made here from Kysely's adapter.
 *
 * data_files names the other files a data folder holds beside its database (a dataset import's source and
 * clean files, under datasets/): where a store or a backup file carries them, by path, their content in
 * attachment_blobs. A data folder keeps them on disk and leaves this table empty too. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('attachment_blobs')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', binary, (c) => c.notNull())
    .addPrimaryKeyConstraint('attachment_blobs_pk', ['sha256', 'seq'])
    .execute();
  await db.schema
    .createTable('data_files')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_files').execute();
  await db.schema.dropTable('attachment_blobs').execute();
}
