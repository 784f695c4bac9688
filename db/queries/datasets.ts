import type { WriteTx } from '../access';
import type { DbOrTx } from '../connection';

/** Every SQL statement of the datasets module. Core calls these; nothing else writes SQL for datasets. */

// ───────────────────────── inventory

export function listDatasets(db: DbOrTx, opts: { id?: string; includeDeleted?: boolean } = {}) {
  let q = db.selectFrom('datasets').selectAll();
  if (!opts.includeDeleted) q = q.where('deleted_at', 'is', null);
  if (opts.id) q = q.where('id', '=', opts.id);
  return q.orderBy('name').execute();
}

/** Priority scores of every live dataset: the ranking is computed over these. */
export function liveScores(db: DbOrTx) {
  return db.selectFrom('datasets').select(['id', 'score_value', 'score_demand', 'score_readiness', 'score_risk']).where('deleted_at', 'is', null).execute();
}

export async function slugTaken(db: DbOrTx, slug: string, exceptId?: string) {
  let q = db.selectFrom('datasets').select('id').where('slug', '=', slug).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Published live datasets (indicator I3.3). */
export function publishedDatasets(db: DbOrTx) {
  return db
    .selectFrom('datasets')
    .select(['id', 'name', 'holder_institution', 'published_on'])
    .where('deleted_at', 'is', null)
    .where('publication_status', '=', 'published')
    .orderBy('published_on')
    .execute();
}

// ───────────────────────── reviews

export function listReviews(db: DbOrTx, datasetId: string) {
  return db
    .selectFrom('dataset_reviews')
    .select(['reviewed_on', 'note', 'updated_by'])
    .where('dataset_id', '=', datasetId)
    .where('deleted_at', 'is', null)
    .orderBy('reviewed_on', 'desc')
    .execute();
}

// ───────────────────────── imports

export function listImports(db: DbOrTx, datasetId: string) {
  return db
    .selectFrom('dataset_imports')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The latest processed (or failed) import of each live dataset, with its unreviewed flag count. */
export function latestProcessedImports(db: DbOrTx, datasetIds?: string[]) {
  let q = db
    .selectFrom('dataset_imports as i')
    .select([
      'i.id',
      'i.dataset_id',
      'i.file_name',
      'i.status',
      'i.valid',
      'i.error_count',
      'i.processed_at',
      (eb) =>
        eb
          .selectFrom('dataset_pd_flags as f')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('f.import_id', '=', 'i.id')
          .where('f.deleted_at', 'is', null)
          .where('f.reviewed', '=', 0)
          .as('unreviewed'),
    ])
    .where('i.deleted_at', 'is', null)
    .where('i.status', 'in', ['processed', 'failed'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('dataset_imports as j')
            .select('j.id')
            .whereRef('j.dataset_id', '=', 'i.dataset_id')
            .where('j.deleted_at', 'is', null)
            .where('j.status', 'in', ['processed', 'failed'])
            .whereRef('j.processed_at', '>', 'i.processed_at'),
        ),
      ),
    );
  if (datasetIds) q = q.where('i.dataset_id', 'in', datasetIds.length ? datasetIds : ['']);
  return q.execute();
}

/** The import processed before `importId` for the same dataset (what the new file is compared with). */
export function previousProcessedImport(db: DbOrTx, datasetId: string, beforeProcessedAt: string | null, exceptId: string) {
  let q = db
    .selectFrom('dataset_imports')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .where('deleted_at', 'is', null)
    .where('status', '=', 'processed')
    .where('id', '!=', exceptId);
  if (beforeProcessedAt) q = q.where('processed_at', '<', beforeProcessedAt);
  return q.orderBy('processed_at', 'desc').executeTakeFirst();
}

export function getImport(db: DbOrTx, id: string) {
  return db.selectFrom('dataset_imports').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function setImportResult(
  db: WriteTx,
  id: string,
  patch: Partial<{
    status: 'uploaded' | 'processing' | 'processed' | 'failed';
    encoding: 'utf-8' | 'windows-1250' | 'iso-8859-2' | 'iso-8859-16' | null;
    valid: number | null;
    error_count: number;
    row_count: number | null;
    report: string | null;
    step_log: string | null;
    changes: string | null;
    columns: string | null;
    failure: string | null;
    processed_at: string | null;
    updated_at: string;
    updated_by: string | null;
  }>,
) {
  await db.updateTable('dataset_imports').set(patch).where('id', '=', id).execute();
}

// ───────────────────────── personal-data flags

export function listFlags(db: DbOrTx, importId: string) {
  return db
    .selectFrom('dataset_pd_flags')
    .selectAll()
    .where('import_id', '=', importId)
    .where('deleted_at', 'is', null)
    .orderBy('field_name')
    .orderBy('kind')
    .execute();
}

export async function dropFlags(db: WriteTx, importId: string, at: string) {
  await db.updateTable('dataset_pd_flags').set({ deleted_at: at, updated_at: at }).where('import_id', '=', importId).where('deleted_at', 'is', null).execute();
}

/** Flags reviewed on an earlier import of the same dataset: the same column and kind need not be reviewed again. */
export function reviewedFlagsOfDataset(db: DbOrTx, datasetId: string) {
  return db
    .selectFrom('dataset_pd_flags as f')
    .innerJoin('dataset_imports as i', 'i.id', 'f.import_id')
    .select(['f.field_name', 'f.kind', 'f.review_note', 'f.updated_by'])
    .where('i.dataset_id', '=', datasetId)
    .where('f.reviewed', '=', 1)
    .execute();
}

// ───────────────────────── reference tables

export function listReferences(db: DbOrTx, opts: { names?: string[] } = {}) {
  let q = db.selectFrom('dataset_references').selectAll().where('deleted_at', 'is', null);
  if (opts.names) q = q.where('name', 'in', opts.names.length ? opts.names : ['']);
  return q.orderBy('name').execute();
}

export async function referenceNameTaken(db: DbOrTx, name: string, exceptId?: string) {
  let q = db.selectFrom('dataset_references').select('id').where('name', '=', name).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}
