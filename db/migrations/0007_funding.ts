import { sql, type Kysely } from 'kysely';

/** Funding registry (action A4.5): calls for funding, applications, and their links to plan actions. Frozen. */
const rowColumns = (t: any) =>
  t
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text');

export async function up(db: Kysely<any>): Promise<void> {
  await rowColumns(
    db.schema
      .createTable('funding_calls')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('programme', 'text', (c) => c.notNull().check(sql`programme in ('regio_vest','pnrr','poca_peo','eea_norway','ogp','local_budget','other')`))
      .addColumn('priority', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('managing_body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) =>
        c
          .notNull()
          .defaultTo('competitive')
          .check(sql`type in ('competitive','first_come','non_competitive','other')`),
      )
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('planned')
          .check(sql`status in ('planned','open','closed','cancelled')`),
      )
      .addColumn('opening_date', 'text')
      .addColumn('deadline', 'text')
      .addColumn('budget', 'bigint', (c) => c.check(sql`budget >= 0`))
      .addColumn('eligible_applicants', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('eligible_activities', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('grant_rate', 'real', (c) => c.check(sql`grant_rate between 0 and 100`))
      .addColumn('min_grant', 'bigint', (c) => c.check(sql`min_grant >= 0`))
      .addColumn('max_grant', 'bigint', (c) => c.check(sql`max_grant >= 0`))
      .addColumn('max_duration_months', 'integer', (c) => c.check(sql`max_duration_months between 1 and 240`))
      .addColumn('guide_url', 'text', (c) => c.check(sql`guide_url like 'https://%'`))
      .addColumn('non_reimbursable', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`non_reimbursable in (0,1)`),
      ),
  ).execute();
  // A call code is unique among live rows; a soft-deleted call does not block its code.
  await sql`create unique index funding_calls_code on funding_calls(code) where deleted_at is null`.execute(db);
  // Upcoming / overdue deadlines: open calls by deadline.
  await sql`create index funding_calls_status_deadline on funding_calls(status, deadline) where deleted_at is null`.execute(db);

  await db.schema
    .createTable('funding_call_actions')
    .addColumn('call_id', 'text', (c) => c.notNull().references('funding_calls.id'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
    .addPrimaryKeyConstraint('funding_call_actions_pk', ['call_id', 'action_id'])
    .execute();
  await db.schema.createIndex('funding_call_actions_action').on('funding_call_actions').column('action_id').execute();

  await rowColumns(
    db.schema
      .createTable('funding_applications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('call_id', 'text', (c) => c.notNull().references('funding_calls.id'))
      .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('applicant', 'text', (c) => c.notNull())
      .addColumn('partners', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('requested_amount', 'bigint', (c) => c.notNull().check(sql`requested_amount >= 0`))
      .addColumn('own_contribution', 'bigint', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`own_contribution >= 0`),
      )
      .addColumn('total_amount', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('idea')
          .check(sql`status in ('idea','submitted','under_evaluation','approved','rejected','contracted','in_implementation','closed')`),
      )
      .addColumn('submitted_on', 'text')
      .addColumn('decision_on', 'text')
      .addColumn('contract_signed_on', 'text')
      .addColumn('implementation_start', 'text')
      .addColumn('closed_on', 'text')
      .addColumn('next_step', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('next_step_on', 'text')
      .addColumn('council_decision_no', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('council_decision_date', 'text')
      .addColumn('evaluation_feedback', 'text', (c) => c.notNull().defaultTo(''))
      .addCheckConstraint('funding_applications_total', sql`total_amount = requested_amount + own_contribution`),
  ).execute();
  // An SMIS code, once given, names one live application.
  await sql`create unique index funding_applications_code on funding_applications(code) where deleted_at is null and code <> ''`.execute(db);
  // Indicator A4.5 and the per-call lists: applications by call and status.
  await sql`create index funding_applications_call_status on funding_applications(call_id, status) where deleted_at is null`.execute(db);
  // Upcoming / overdue key dates.
  await sql`create index funding_applications_next_step on funding_applications(next_step_on) where deleted_at is null`.execute(db);

  await db.schema
    .createTable('funding_application_actions')
    .addColumn('application_id', 'text', (c) => c.notNull().references('funding_applications.id'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
    .addPrimaryKeyConstraint('funding_application_actions_pk', ['application_id', 'action_id'])
    .execute();
  await db.schema.createIndex('funding_application_actions_action').on('funding_application_actions').column('action_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['funding_application_actions', 'funding_applications', 'funding_call_actions', 'funding_calls']) await db.schema.dropTable(t).execute();
}
