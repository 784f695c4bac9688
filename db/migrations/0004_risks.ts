import { sql, type Kysely } from 'kysely';

/**
 * The risk register (SCIM, action A4.2): risks, their links to commitments and actions, control measures,
 * reviews, the residual score's history, risk-alert forms and the register's settings. Frozen.
 */
const rowColumns = (t: any) =>
  t
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text');

const score = (name: string) => sql.raw(`${name} between 1 and 5`);

export async function up(db: Kysely<any>): Promise<void> {
  await rowColumns(
    db.schema
      .createTable('risk_alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity', 'text', (c) => c.notNull())
      .addColumn('risk', 'text', (c) => c.notNull())
      .addColumn('identified_by', 'text', (c) => c.notNull())
      .addColumn('identified_date', 'text', (c) => c.notNull())
      .addColumn('causes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('effects', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('probability', 'integer', (c) => c.notNull().check(score('probability')))
      .addColumn('impact', 'integer', (c) => c.notNull().check(score('impact')))
      .addColumn('exposure', 'integer', (c) => c.notNull())
      .addColumn('documentation', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('proposed_measures', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('decision', 'text', (c) => c.check(sql`decision in ('file','investigate','escalate','register')`))
      .addColumn('decision_date', 'text')
      .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
      // The register entry created from the alert; the risk points back with alert_id.
      .addColumn('risk_id', 'text')
      .addCheckConstraint('risk_alerts_exposure', sql`exposure = probability * impact`),
  ).execute();

  await rowColumns(
    db.schema
      .createTable('risks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('area', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('objective', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) =>
        c.notNull().check(sql`category in ('strategic','operational','financial','legal','integrity','reputational','it','human_resources','other')`),
      )
      .addColumn('causes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('consequences', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('inherent_probability', 'integer', (c) => c.notNull().check(score('inherent_probability')))
      .addColumn('inherent_impact', 'integer', (c) => c.notNull().check(score('inherent_impact')))
      .addColumn('inherent_exposure', 'integer', (c) => c.notNull())
      .addColumn('strategy', 'text', (c) =>
        c
          .notNull()
          .defaultTo('treat')
          .check(sql`strategy in ('tolerate','treat','transfer','terminate')`),
      )
      .addColumn('deadline', 'text')
      .addColumn('last_review_date', 'text')
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status in ('open','closed')`),
      )
      .addColumn('residual_probability', 'integer', (c) => c.check(score('residual_probability')))
      .addColumn('residual_impact', 'integer', (c) => c.check(score('residual_impact')))
      .addColumn('residual_exposure', 'integer')
      .addColumn('secondary_risks', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('alert_id', 'text', (c) => c.references('risk_alerts.id'))
      .addCheckConstraint('risks_inherent_exposure', sql`inherent_exposure = inherent_probability * inherent_impact`)
      .addCheckConstraint(
        'risks_residual',
        sql`(residual_probability is null and residual_impact is null and residual_exposure is null) or (residual_probability is not null and residual_impact is not null and residual_exposure = residual_probability * residual_impact)`,
      ),
  ).execute();
  await sql`create unique index risks_code on risks(code) where deleted_at is null`.execute(db);
  // The action signal and the above-tolerance list read open live risks by their exposure.
  await sql`create index risks_open on risks(status, inherent_exposure, residual_exposure) where deleted_at is null`.execute(db);

  await db.schema
    .createTable('risk_commitments')
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id'))
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id'))
    .addPrimaryKeyConstraint('risk_commitments_pk', ['risk_id', 'commitment_id'])
    .execute();
  await db.schema.createIndex('risk_commitments_commitment').on('risk_commitments').column('commitment_id').execute();

  await db.schema
    .createTable('risk_actions')
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
    .addPrimaryKeyConstraint('risk_actions_pk', ['risk_id', 'action_id'])
    .execute();
  await db.schema.createIndex('risk_actions_action').on('risk_actions').column('action_id').execute();

  await rowColumns(
    db.schema
      .createTable('risk_measures')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text')
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('planned')
          .check(sql`status in ('planned','in_progress','done','cancelled')`),
      )
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await db.schema.createIndex('risk_measures_risk').on('risk_measures').column('risk_id').execute();
  await sql`create index risk_measures_open on risk_measures(owner, deadline) where deleted_at is null and status in ('planned','in_progress')`.execute(db);

  await rowColumns(
    db.schema
      .createTable('risk_reviews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('keep','update','escalate','close')`))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('residual_probability', 'integer', (c) => c.check(score('residual_probability')))
      .addColumn('residual_impact', 'integer', (c) => c.check(score('residual_impact')))
      .addColumn('residual_exposure', 'integer')
      .addColumn('next_review_date', 'text'),
  ).execute();
  await db.schema.createIndex('risk_reviews_risk_date').on('risk_reviews').columns(['risk_id', 'date']).execute();

  await rowColumns(
    db.schema
      .createTable('risk_residual_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('probability', 'integer', (c) => c.check(score('probability')))
      .addColumn('impact', 'integer', (c) => c.check(score('impact')))
      .addColumn('exposure', 'integer')
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('create','edit','review','import')`))
      .addColumn('review_id', 'text', (c) => c.references('risk_reviews.id')),
  ).execute();
  await db.schema.createIndex('risk_residual_history_risk').on('risk_residual_history').columns(['risk_id', 'date']).execute();

  // One row ('default'): the tolerance limit and the review cadence by level, set by a coordinator.
  await rowColumns(
    db.schema
      .createTable('risk_settings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tolerance_limit', 'integer', (c) => c.notNull().check(sql`tolerance_limit between 1 and 25`))
      .addColumn('review_days_very_high', 'integer', (c) => c.notNull().check(sql`review_days_very_high > 0`))
      .addColumn('review_days_high', 'integer', (c) => c.notNull().check(sql`review_days_high > 0`))
      .addColumn('review_days_medium', 'integer', (c) => c.notNull().check(sql`review_days_medium > 0`))
      .addColumn('review_days_low', 'integer', (c) => c.notNull().check(sql`review_days_low > 0`))
      .addColumn('due_soon_days', 'integer', (c) => c.notNull().check(sql`due_soon_days >= 0`)),
  ).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['risk_settings', 'risk_residual_history', 'risk_reviews', 'risk_measures', 'risk_actions', 'risk_commitments', 'risks', 'risk_alerts'])
    await db.schema.dropTable(t).execute();
}
