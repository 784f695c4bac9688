import { sql, type Kysely } from 'kysely';

/**
 * Stakeholder register (A4.4): stakeholders, RACI links to plan actions (at most one live Accountable per
 * action, enforced by a partial unique index as well as by core), "able to take over" links, partnerships
 * and the interaction log. Frozen.
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
      .createTable('stakeholders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('organisation','person')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('legal_form', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sector', 'text', (c) =>
        c.notNull().check(sql`sector in ('public','ngo','academia','business','tech_community','media','informal_group','citizen','international','other')`),
      )
      .addColumn('contacts', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('pla_role', 'text', (c) => c.check(sql`pla_role in ('lead','partner','forum_member','monitoring_body','implementer','beneficiary','other')`))
      .addColumn('power', 'integer', (c) => c.check(sql`power between 1 and 5`))
      .addColumn('interest', 'integer', (c) => c.check(sql`interest between 1 and 5`))
      .addColumn('attitude', 'text', (c) =>
        c
          .notNull()
          .defaultTo('unknown')
          .check(sql`attitude in ('supportive','neutral','resistant','unknown')`),
      )
      .addColumn('assessment_date', 'text')
      .addColumn('iap2_level', 'text', (c) => c.check(sql`iap2_level in ('inform','consult','involve','collaborate','empower')`))
      .addColumn('gdpr_notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('consent_date', 'text')
      .addColumn('consent_scope', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('public', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`public in (0,1)`),
      )
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      // Nothing about a person is public without recorded consent (date and scope).
      .addCheckConstraint('stakeholders_person_consent', sql`public = 0 or type = 'organisation' or (consent_date is not null and consent_scope <> '')`),
  ).execute();
  await sql`create index stakeholders_live_name on stakeholders(name) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('stakeholder_raci')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('stakeholder_id', 'text', (c) => c.notNull().references('stakeholders.id'))
      .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('responsible','accountable','consulted','informed')`)),
  ).execute();
  await sql`create unique index stakeholder_raci_unique on stakeholder_raci(action_id, stakeholder_id, role) where deleted_at is null`.execute(db);
  await sql`create unique index stakeholder_raci_one_accountable on stakeholder_raci(action_id) where role = 'accountable' and deleted_at is null`.execute(db);
  await sql`create index stakeholder_raci_stakeholder on stakeholder_raci(stakeholder_id) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('stakeholder_takeovers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('stakeholder_id', 'text', (c) => c.notNull().references('stakeholders.id'))
      .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await sql`create unique index stakeholder_takeovers_unique on stakeholder_takeovers(stakeholder_id, action_id) where deleted_at is null`.execute(db);
  await sql`create index stakeholder_takeovers_action on stakeholder_takeovers(action_id) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('partnerships')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('stakeholder_id', 'text', (c) => c.notNull().references('stakeholders.id'))
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('tech_community','academia','business','other')`))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text')
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addCheckConstraint('partnerships_dates', sql`end_date is null or end_date >= start_date`),
  ).execute();
  await sql`create index partnerships_stakeholder on partnerships(stakeholder_id) where deleted_at is null`.execute(db);
  await sql`create index partnerships_type_dates on partnerships(type, start_date, end_date) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('stakeholder_interactions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('stakeholder_id', 'text', (c) => c.notNull().references('stakeholders.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('meeting','email','phone','event','consultation','letter','other')`))
      .addColumn('summary', 'text', (c) => c.notNull()),
  ).execute();
  await sql`create index stakeholder_interactions_stakeholder_date on stakeholder_interactions(stakeholder_id, date) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['stakeholder_interactions', 'partnerships', 'stakeholder_takeovers', 'stakeholder_raci', 'stakeholders'])
    await db.schema.dropTable(t).execute();
}
