import { sql, type Kysely } from 'kysely';

/**
 * Training completions: one row per programme and person who has at least one completed, live attendance in a
 * live session of that programme — what the programme counts and the I1.2 / I4.3 indicators read, instead of
 * grouping 200,000 attendance rows on every first read after a change. A derived table, not a domain record (no
 * audit columns, never edited by hand): every write of the training module that can change it recomputes the
 * rows it touches in the same transaction (db/queries/training.ts refreshCompletions). The person's employment
 * category is copied in (the indicators count some categories only; a category edit rewrites the person's rows),
 * so counting reads this table alone. Deleted programmes and the programme's action are filtered when reading, so
 * those edits leave it alone; people are never deleted. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_completions')
    .addColumn('programme_id', 'text', (c) => c.notNull().references('training_programmes.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('training_people.id'))
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('civil_servant','contract_staff','elected_official','citizen','other')`))
    .addColumn('sessions_completed', 'integer', (c) => c.notNull().check(sql`sessions_completed > 0`))
    .addColumn('hours', 'real', (c) => c.notNull().check(sql`hours >= 0`))
    // The session's end date (its start date when it has none) of the first and the latest completed session.
    .addColumn('first_completed_on', 'text', (c) => c.notNull())
    .addColumn('last_completed_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_completions_pk', ['programme_id', 'person_id'])
    .execute();
  // The indicators count the people of some categories in a few programmes, with their latest date, from this index alone.
  await db.schema
    .createIndex('training_completions_programme')
    .on('training_completions')
    .columns(['programme_id', 'category', 'person_id', 'last_completed_on'])
    .execute();
  // A person's rows (their category edited).
  await db.schema.createIndex('training_completions_person').on('training_completions').column('person_id').execute();
  await sql`
    insert into training_completions (programme_id, person_id, category, sessions_completed, hours, first_completed_on, last_completed_on)
    select s.programme_id, a.person_id, p.category, count(*), sum(a.hours_attended), min(coalesce(s.end_date, s.start_date)), max(coalesce(s.end_date, s.start_date))
    from training_attendance a
    join training_sessions s on s.id = a.session_id
    join training_people p on p.id = a.person_id
    where a.completed = 1 and a.deleted_at is null and s.deleted_at is null and p.deleted_at is null
    group by s.programme_id, a.person_id, p.category
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('training_completions').execute();
}
