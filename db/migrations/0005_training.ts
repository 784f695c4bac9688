import { sql, type Kysely } from 'kysely';

/**
 * Training records (actions A1.2 and A4.3): programmes linked to an action, sessions, people (a stable internal
 * id, never a CNP) and attendance — one row per person per session. Frozen.
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
      .createTable('training_programmes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id')),
  ).execute();
  await sql`create unique index training_programmes_name on training_programmes(name) where deleted_at is null`.execute(db);
  await db.schema.createIndex('training_programmes_action').on('training_programmes').column('action_id').execute();

  await rowColumns(
    db.schema
      .createTable('training_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('programme_id', 'text', (c) => c.notNull().references('training_programmes.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('target_group', 'text', (c) =>
        c.notNull().check(sql`target_group in ('civil_servants','contract_staff','elected_officials','citizens_youth')`),
      )
      .addColumn('provider', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('trainer', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('format', 'text', (c) =>
        c
          .notNull()
          .defaultTo('in_person')
          .check(sql`format in ('in_person','online','hybrid')`),
      )
      .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text')
      .addColumn('hours', 'real', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`hours >= 0`),
      )
      .addColumn('cost_bani', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`cost_bani >= 0`),
      )
      .addColumn('plan_line', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('evidence', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('training_sessions_programme').on('training_sessions').columns(['programme_id', 'start_date']).execute();

  await rowColumns(
    db.schema
      .createTable('training_people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      // Matching keys: the name without diacritics, case or extra spaces; the e-mail in lower case ('' when none).
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('email_key', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('department', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('civil_servant','contract_staff','elected_official','citizen','other')`))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('training_people_name_key').on('training_people').column('name_key').execute();
  await db.schema.createIndex('training_people_email_key').on('training_people').column('email_key').execute();

  await rowColumns(
    db.schema
      .createTable('training_attendance')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('training_people.id'))
      .addColumn('hours_attended', 'real', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`hours_attended >= 0`),
      )
      .addColumn('completed', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`completed in (0,1)`),
      )
      .addColumn('assessment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('certificate_type', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('certificate_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('certificate_date', 'text')
      .addColumn('certificate_issuer', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('consent_publish_name', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`consent_publish_name in (0,1)`),
      )
      .addColumn('consent_contact', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`consent_contact in (0,1)`),
      ),
  ).execute();
  // One live row per person per session.
  await sql`create unique index training_attendance_session_person on training_attendance(session_id, person_id) where deleted_at is null`.execute(db);
  await db.schema.createIndex('training_attendance_person').on('training_attendance').column('person_id').execute();
  // The indicators read completed attendances by session.
  await sql`create index training_attendance_completed on training_attendance(session_id, person_id) where completed = 1 and deleted_at is null`.execute(db);
  // Per-session counts (session lists) read this index alone.
  await sql`create index training_attendance_session_counts on training_attendance(session_id, completed) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['training_attendance', 'training_people', 'training_sessions', 'training_programmes']) await db.schema.dropTable(t).execute();
}
