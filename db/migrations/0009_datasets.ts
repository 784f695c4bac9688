import { sql, type Kysely } from 'kysely';

/**
 * Open-data datasets (commitment A3): the inventory (Law 179/2022 census) with each dataset's Table Schema
 * and cleaning steps, imported files with their validation reports, personal-data flags to review, small
 * reference tables for foreign keys, and the review log (A3.4). Indicator I3.3 counts published datasets. Frozen.
 */
const rowColumns = (t: any) =>
  t
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text');

const score = (name: string) => (t: any) =>
  t.addColumn(name, 'integer', (c: any) =>
    c
      .notNull()
      .defaultTo(3)
      .check(sql.raw(`${name} between 1 and 5`)),
  );

export async function up(db: Kysely<any>): Promise<void> {
  let datasets: any = db.schema
    .createTable('datasets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('holder_institution', 'text', (c) => c.notNull())
    .addColumn('holder_department', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('legal_basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contains_personal_data', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`contains_personal_data in (0,1)`),
    )
    .addColumn('format', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('update_frequency', 'text', (c) =>
      c
        .notNull()
        .defaultTo('annual')
        .check(sql`update_frequency in ('daily','weekly','monthly','quarterly','semiannual','annual','irregular','never')`),
    )
    .addColumn('publication_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('identified')
        .check(sql`publication_status in ('identified','in_preparation','ready','published','not_publishable')`),
    );
  for (const s of ['score_value', 'score_demand', 'score_readiness', 'score_risk']) datasets = score(s)(datasets);
  datasets = datasets
    .addColumn('hvd_category', 'text', (c: any) =>
      c.check(sql`hvd_category is null or hvd_category in ('geospatial','earth_observation_environment','meteorological','statistics','companies','mobility')`),
    )
    .addColumn('responsible_person', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'text', (c: any) => c.notNull().defaultTo('[]'))
    .addColumn('theme', 'text')
    .addColumn('licence_id', 'text', (c: any) => c.notNull().defaultTo('CC-BY-4.0'))
    .addColumn('maintainer', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('maintainer_email', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('spatial', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('temporal_start', 'text')
    .addColumn('temporal_end', 'text')
    .addColumn('public_base_url', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('table_schema', 'text')
    .addColumn('cleaning_steps', 'text', (c: any) => c.notNull().defaultTo('[]'))
    .addColumn('last_reviewed_on', 'text')
    .addColumn('published_on', 'text');
  await rowColumns(datasets).execute();
  // The portal name is unique among live datasets.
  await sql`create unique index datasets_slug on datasets(slug) where deleted_at is null`.execute(db);
  // Indicator I3.3 counts published datasets; the inventory filters by status.
  await sql`create index datasets_status on datasets(publication_status, published_on) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('dataset_imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv','xlsx')`))
      .addColumn('bytes', 'bigint', (c) => c.notNull().check(sql`bytes >= 0`))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('detected', 'text')
      .addColumn('encoding', 'text', (c) => c.check(sql`encoding is null or encoding in ('utf-8','windows-1250','iso-8859-2','iso-8859-16')`))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('uploaded')
          .check(sql`status in ('uploaded','processing','processed','failed')`),
      )
      .addColumn('valid', 'integer', (c) => c.check(sql`valid is null or valid in (0,1)`))
      .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('row_count', 'integer')
      .addColumn('report', 'text')
      .addColumn('step_log', 'text')
      .addColumn('changes', 'text')
      .addColumn('columns', 'text')
      .addColumn('failure', 'text')
      .addColumn('processed_at', 'text'),
  ).execute();
  await sql`create index dataset_imports_dataset on dataset_imports(dataset_id, created_at) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('dataset_pd_flags')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('import_id', 'text', (c) => c.notNull().references('dataset_imports.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('cnp','email','phone','iban')`))
      .addColumn('field_name', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
      .addColumn('row_numbers', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('example', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('reviewed', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`reviewed in (0,1)`),
      )
      .addColumn('review_note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  // "Ready" checks the unreviewed flags of an import.
  await sql`create index dataset_pd_flags_import on dataset_pd_flags(import_id, reviewed) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('dataset_references')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('columns', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('csv', 'text', (c) => c.notNull()),
  ).execute();
  await sql`create unique index dataset_references_name on dataset_references(name) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('dataset_reviews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id'))
      .addColumn('reviewed_on', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await sql`create index dataset_reviews_dataset on dataset_reviews(dataset_id, reviewed_on)`.execute(db);

  // The PLA's target result I3.3 ("10 seturi de date deschise … publicate") is computed from this registry.
  await sql`update indicators set source = ${'datasets.published'} where code = ${'I3.3'} and deleted_at is null and source is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update indicators set source = null where code = ${'I3.3'} and source = ${'datasets.published'}`.execute(db);
  for (const t of ['dataset_reviews', 'dataset_references', 'dataset_pd_flags', 'dataset_imports', 'datasets']) await db.schema.dropTable(t).execute();
}
