import { sql, type Kysely } from 'kysely';

/** The implementation plan: commitments, actions, milestones, indicators, measurements, progress updates. Frozen. */
const rowColumns = (t: any) =>
  t
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text');

export async function up(db: Kysely<any>): Promise<void> {
  await rowColumns(
    db.schema
      .createTable('plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('vision', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('goal', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('strategic_directions', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('priorities', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('process', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('period_start', 'text')
      .addColumn('period_end', 'text'),
  ).execute();

  await rowColumns(
    db.schema
      .createTable('commitments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('objective', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('problem', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('solution', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('actors', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('relevance_local', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('relevance_national', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('relevance_international', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('ogp_values', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('calendar_text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('lead_institution', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('responsible_person', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('design_verifiable', 'integer', (c) => c.check(sql`design_verifiable in (0,1)`))
      .addColumn('design_potential', 'text', (c) => c.check(sql`design_potential in ('unclear','modest','substantial')`))
      .addColumn('completion', 'text', (c) => c.check(sql`completion in ('no_evidence','not_started','limited','substantial','complete')`))
      .addColumn('opened_government', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('factors', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('lessons', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('weight', 'real')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  // A code is unique among live rows; a soft-deleted A5 does not block a new A5.
  await sql`create unique index commitments_code on commitments(code) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('actions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id'))
      .addColumn('parent_id', 'text', (c) => c.references('actions.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('deliverable', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('planned_start', 'text')
      .addColumn('planned_end', 'text')
      .addColumn('actual_start', 'text')
      .addColumn('actual_end', 'text')
      .addColumn('responsible_org', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('responsible_person', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('not_started')
          .check(sql`status in ('not_started','in_progress','done','cancelled')`),
      )
      .addColumn('progress', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`progress between 0 and 100`),
      )
      .addColumn('weight', 'real')
      .addColumn('blockers', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await sql`create unique index actions_code on actions(code) where deleted_at is null`.execute(db);
  await db.schema.createIndex('actions_commitment').on('actions').column('commitment_id').execute();

  await rowColumns(
    db.schema
      .createTable('milestones')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text')
      .addColumn('done', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`done in (0,1)`),
      )
      .addColumn('done_date', 'text'),
  ).execute();
  await db.schema.createIndex('milestones_action').on('milestones').column('action_id').execute();

  await rowColumns(
    db.schema
      .createTable('indicators')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('cumulative','per_period','ratio','milestone')`))
      .addColumn('direction', 'text', (c) =>
        c
          .notNull()
          .defaultTo('increase')
          .check(sql`direction in ('increase','decrease')`),
      )
      .addColumn('baseline', 'real')
      .addColumn('baseline_date', 'text')
      .addColumn('target', 'real', (c) => c.notNull())
      .addColumn('denominator', 'real')
      .addColumn('denominator_source', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('denominator_year', 'integer')
      .addColumn('counting_rule', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('data_source', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('frequency', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('responsible_department', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await sql`create unique index indicators_code on indicators(code) where deleted_at is null`.execute(db);
  await db.schema.createIndex('indicators_commitment').on('indicators').column('commitment_id').execute();

  await db.schema
    .createTable('indicator_actions')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
    .addPrimaryKeyConstraint('indicator_actions_pk', ['indicator_id', 'action_id'])
    .execute();
  await db.schema.createIndex('indicator_actions_action').on('indicator_actions').column('action_id').execute();

  await rowColumns(
    db.schema
      .createTable('measurements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('value', 'real', (c) => c.notNull())
      .addColumn('period', 'text')
      .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  // The latest live measurement of an indicator is one index seek (dashboard, indicator lists).
  await sql`create index measurements_latest on measurements(indicator_id, date desc, id desc) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('progress_updates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull().check(sql`progress between 0 and 100`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('not_started','in_progress','done','cancelled')`))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('author_id', 'text'),
  ).execute();
  await db.schema.createIndex('progress_updates_action_date').on('progress_updates').columns(['action_id', 'date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['progress_updates', 'measurements', 'indicator_actions', 'indicators', 'milestones', 'actions', 'commitments', 'plans'])
    await db.schema.dropTable(t).execute();
}
