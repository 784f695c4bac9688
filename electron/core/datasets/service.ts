import type { Tx } from '../../../db/connection';
import * as q from '../../../db/queries/datasets';
import { getRow } from '../../../db/queries/rows';
import type { DatasetImportsTable, DatasetPdFlagsTable, DatasetsTable } from '../../../db/schema/datasets';
import {
  READY_STATUSES,
  REVIEW_PERIOD,
  priorityScore,
  tableSchemaSchema,
  type CleaningStep,
  type Dataset,
  type DatasetDetail,
  type DatasetImport,
  type DatasetTableSchema,
  type DataTheme,
  type EncodingDecision,
  type LicenceId,
  type MethodName,
  type OverdueReview,
  type ParsedInputOf,
  type PersonalDataFlag,
  type ReferenceTable,
  type UpdateFrequency,
} from '../../contract';
import { datasetError } from './errors';
import type { ServiceContext } from '../context';
import { isoDay, newId, parseJson } from '../util';
import { insertAudited, live, notFound, restoreRow, softDeleteRow, updateCurrent } from '../writes';
import { basisOf } from './basis';
import { parseCsvText } from './csv';
import { compileSchema, SchemaError, type TableField } from './validate';

type In<K extends MethodName> = ParsedInputOf<K>;

const todayOf = (ctx: ServiceContext, given?: string) => given ?? isoDay(ctx.now());

// ───────────────────────────── review schedule (A3.4)

/** The day one review period after `from` (month ends clamp: 31 Jan + 1 month = 28/29 Feb). */
export function addPeriod(from: string, freq: UpdateFrequency): string {
  const p = REVIEW_PERIOD[freq];
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  if (p.days) {
    const t = new Date(Date.UTC(y, m - 1, d + p.days));
    return t.toISOString().slice(0, 10);
  }
  const months = m - 1 + (p.months ?? 0);
  const ty = y + Math.floor(months / 12);
  const tm = months % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Next review: one period after the last review, or after the day the dataset was inventoried. */
export const nextReviewOf = (d: Pick<DatasetsTable, 'last_reviewed_on' | 'created_at' | 'update_frequency'>) =>
  addPeriod(d.last_reviewed_on ?? d.created_at.slice(0, 10), d.update_frequency);

// ───────────────────────────── mappers

type LatestRow = Awaited<ReturnType<typeof q.latestProcessedImports>>[number];

/** Dense ranking by priority score, highest first (ties share a rank). */
export function rankByScore(rows: Array<{ id: string; score: number }>): Map<string, number> {
  const scores = [...new Set(rows.map((r) => r.score))].sort((a, b) => b - a);
  const rankOf = new Map(scores.map((s, i) => [s, i + 1]));
  return new Map(rows.map((r) => [r.id, rankOf.get(r.score)!]));
}

const scoreOf = (r: Pick<DatasetsTable, 'score_value' | 'score_demand' | 'score_readiness' | 'score_risk'>) =>
  priorityScore({ value: r.score_value, demand: r.score_demand, readiness: r.score_readiness, risk: r.score_risk });

export function toDataset(r: DatasetsTable, rank: number, latest: LatestRow | undefined, today: string): Dataset {
  const next = nextReviewOf(r);
  return {
    id: r.id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    deletedAt: r.deleted_at,
    name: r.name,
    slug: r.slug,
    holderInstitution: r.holder_institution,
    holderDepartment: r.holder_department,
    description: r.description,
    legalBasis: r.legal_basis,
    containsPersonalData: r.contains_personal_data === 1,
    format: r.format,
    updateFrequency: r.update_frequency,
    publicationStatus: r.publication_status,
    scoreValue: r.score_value,
    scoreDemand: r.score_demand,
    scoreReadiness: r.score_readiness,
    scoreRisk: r.score_risk,
    priorityScore: scoreOf(r),
    rank,
    hvdCategory: r.hvd_category,
    responsiblePerson: r.responsible_person,
    keywords: parseJson<string[]>(r.keywords, []),
    theme: r.theme as DataTheme | null,
    licenceId: r.licence_id as LicenceId,
    maintainer: r.maintainer,
    maintainerEmail: r.maintainer_email,
    spatial: r.spatial,
    temporalStart: r.temporal_start,
    temporalEnd: r.temporal_end,
    publicBaseUrl: r.public_base_url,
    lastReviewedOn: r.last_reviewed_on,
    nextReviewOn: next,
    reviewOverdue: next < today && r.publication_status !== 'not_publishable',
    publishedOn: r.published_on,
    latestImport: latest
      ? {
          id: latest.id,
          fileName: latest.file_name,
          status: latest.status,
          valid: latest.valid == null ? null : latest.valid === 1,
          errorCount: latest.error_count,
          unreviewedFlags: Number(latest.unreviewed ?? 0),
          processedAt: latest.processed_at,
        }
      : null,
  };
}

export const toImport = (r: DatasetImportsTable): DatasetImport => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
  datasetId: r.dataset_id,
  fileName: r.file_name,
  format: r.format,
  bytes: Number(r.bytes),
  sha256: r.sha256,
  detected: parseJson<EncodingDecision | null>(r.detected, null),
  encoding: r.encoding,
  status: r.status,
  valid: r.valid == null ? null : r.valid === 1,
  errorCount: r.error_count,
  rowCount: r.row_count,
  processedAt: r.processed_at,
  failure: r.failure,
});

export const toFlag = (r: DatasetPdFlagsTable): PersonalDataFlag => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
  importId: r.import_id,
  kind: r.kind,
  fieldName: r.field_name,
  count: r.count,
  rowNumbers: parseJson<number[]>(r.row_numbers, []),
  example: r.example,
  reviewed: r.reviewed === 1,
  reviewNote: r.review_note,
});

export const schemaOf = (r: Pick<DatasetsTable, 'table_schema'>): DatasetTableSchema | null => {
  const raw = parseJson<unknown>(r.table_schema, null);
  if (!raw) return null;
  const p = tableSchemaSchema.safeParse(raw);
  return p.success ? p.data : null;
};
export const stepsOf = (r: Pick<DatasetsTable, 'cleaning_steps'>): CleaningStep[] => parseJson<CleaningStep[]>(r.cleaning_steps, []);

// ───────────────────────────── inventory

export async function listDatasets(ctx: ServiceContext, input: { includeDeleted?: boolean; id?: string; today?: string } = {}): Promise<Dataset[]> {
  const today = todayOf(ctx, input.today);
  const [rows, scores] = await Promise.all([q.listDatasets(ctx.db, input), q.liveScores(ctx.db)]);
  const ranks = rankByScore(scores.map((s) => ({ id: s.id, score: scoreOf(s) })));
  const latest = new Map((await q.latestProcessedImports(ctx.db, input.id ? [input.id] : undefined)).map((l) => [l.dataset_id, l]));
  return rows.map((r) => toDataset(r, ranks.get(r.id) ?? 0, latest.get(r.id), today));
}

export async function getDataset(ctx: ServiceContext, input: { id: string; today?: string }): Promise<DatasetDetail> {
  const [d] = await listDatasets(ctx, { id: input.id, today: input.today });
  const row = await getRow(ctx.db, 'datasets', input.id);
  if (!d || !row || row.deleted_at) throw notFound('dataset', input.id);
  const [imports, reviews] = await Promise.all([q.listImports(ctx.db, input.id), q.listReviews(ctx.db, input.id)]);
  return {
    ...d,
    schema: schemaOf(row),
    steps: stepsOf(row),
    imports: imports.map(toImport),
    reviews: reviews.map((r) => ({ on: r.reviewed_on, note: r.note, by: r.updated_by })),
  };
}

const datasetColumns = (i: In<'datasets.save'>) => ({
  name: i.name,
  slug: i.slug,
  holder_institution: i.holderInstitution,
  holder_department: i.holderDepartment,
  description: i.description,
  legal_basis: i.legalBasis,
  contains_personal_data: i.containsPersonalData ? 1 : 0,
  format: i.format,
  update_frequency: i.updateFrequency,
  publication_status: i.publicationStatus,
  score_value: i.scoreValue,
  score_demand: i.scoreDemand,
  score_readiness: i.scoreReadiness,
  score_risk: i.scoreRisk,
  hvd_category: i.hvdCategory,
  responsible_person: i.responsiblePerson,
  keywords: JSON.stringify([...new Set(i.keywords)]),
  theme: i.theme,
  licence_id: i.licenceId,
  maintainer: i.maintainer,
  maintainer_email: i.maintainerEmail,
  spatial: i.spatial,
  temporal_start: i.temporalStart,
  temporal_end: i.temporalEnd,
  public_base_url: i.publicBaseUrl,
});

/**
 * Why the dataset cannot be ready for publication yet (empty: it can). The latest processed import must have
 * validated with no error against the current schema and steps, and every personal-data flag must be reviewed.
 */
export async function readinessBlockers(trx: Tx, d: DatasetsTable): Promise<Array<{ message: string; key: string; params?: { n: number } }>> {
  const [latest] = await q.latestProcessedImports(trx, [d.id]);
  if (!latest) return [{ message: 'no file has been imported and validated', key: 'blocker.no-import' }];
  const out: Array<{ message: string; key: string; params?: { n: number } }> = [];
  if (latest.status === 'failed') out.push({ message: 'the latest import could not be read', key: 'blocker.unreadable' });
  else if (latest.valid !== 1)
    out.push({ message: `the latest import has ${latest.error_count} validation error(s)`, key: 'blocker.errors', params: { n: latest.error_count } });
  const unreviewed = Number(latest.unreviewed ?? 0);
  if (unreviewed > 0) out.push({ message: `${unreviewed} personal-data flag(s) are not reviewed`, key: 'blocker.flags', params: { n: unreviewed } });
  const imp = await q.getImport(trx, latest.id);
  const basis = parseJson<{ basis?: string } | null>(imp?.report, null)?.basis;
  if (latest.status === 'processed' && basis !== basisOf(schemaOf(d), stepsOf(d)))
    out.push({ message: 'the schema or the cleaning steps changed since the last validation; validate again', key: 'blocker.stale' });
  return out;
}

async function checkStatus(trx: Tx, d: DatasetsTable, status: DatasetsTable['publication_status']) {
  if (!(READY_STATUSES as readonly string[]).includes(status) || status === d.publication_status) return;
  const blockers = await readinessBlockers(trx, d);
  if (blockers.length)
    throw datasetError(
      'publicationStatus',
      'not_ready',
      `the dataset cannot be marked ${status}: ${blockers.map((b) => b.message).join('; ')}`,
      'error.not-ready',
      {
        status,
        blockers: blockers.map((b) => ({ key: b.key, params: b.params })),
      },
    );
}

export async function saveDataset(ctx: ServiceContext, input: In<'datasets.save'>): Promise<DatasetDetail> {
  const id = await ctx.tx(async (trx) => {
    if (await q.slugTaken(trx, input.slug, input.id))
      throw datasetError('slug', 'duplicate', `the name ${input.slug} is already used by another dataset`, 'error.slug-taken', { slug: input.slug });
    const cols = datasetColumns(input);
    if (input.id) {
      const before = await live(trx, 'datasets', input.id, 'dataset');
      await checkStatus(trx, before, input.publicationStatus);
      const published_on =
        input.publicationStatus === 'published'
          ? (before.published_on ?? isoDay(ctx.now()))
          : before.publication_status === 'published'
            ? null
            : before.published_on;
      await updateCurrent(ctx, trx, 'datasets', 'dataset', input.id, input.expectedUpdatedAt, { ...cols, published_on });
      return input.id;
    }
    if ((READY_STATUSES as readonly string[]).includes(input.publicationStatus))
      throw datasetError(
        'publicationStatus',
        'not_ready',
        `a new dataset cannot be ${input.publicationStatus}: no file has been imported and validated`,
        'error.not-ready',
        {
          status: input.publicationStatus,
          blockers: [{ key: 'blocker.no-import' }],
        },
      );
    const row = await insertAudited(ctx, trx, 'datasets', 'dataset', {
      id: newId(),
      ...cols,
      table_schema: null,
      cleaning_steps: '[]',
      last_reviewed_on: null,
      published_on: null,
    });
    return row.id;
  });
  return getDataset(ctx, { id });
}

export async function deleteDataset(ctx: ServiceContext, input: In<'datasets.delete'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'datasets', 'dataset', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restoreDataset(ctx: ServiceContext, input: In<'datasets.restore'>) {
  await ctx.tx(async (trx) => {
    const d = await getRow(trx, 'datasets', input.id);
    if (d?.deleted_at && (await q.slugTaken(trx, d.slug, d.id)))
      throw datasetError('slug', 'duplicate', `the name ${d.slug} is now used by another dataset`, 'error.slug-taken', { slug: d.slug });
    await restoreRow(ctx, trx, 'datasets', 'dataset', input.id);
  });
  return null;
}

export async function recordReview(ctx: ServiceContext, input: In<'datasets.recordReview'>): Promise<DatasetDetail> {
  const on = input.reviewedOn ?? isoDay(ctx.now());
  if (on > isoDay(ctx.now())) throw datasetError('reviewedOn', 'future', 'a review cannot be dated in the future', 'error.review-future');
  await ctx.tx(async (trx) => {
    const d = await live(trx, 'datasets', input.id, 'dataset');
    if (d.last_reviewed_on && on < d.last_reviewed_on)
      throw datasetError('reviewedOn', 'before_last', `the last review was on ${d.last_reviewed_on}`, 'error.review-before-last', { date: d.last_reviewed_on });
    await updateCurrent(ctx, trx, 'datasets', 'dataset', input.id, input.expectedUpdatedAt, { last_reviewed_on: on });
    await insertAudited(ctx, trx, 'dataset_reviews', 'dataset_review', { id: newId(), dataset_id: input.id, reviewed_on: on, note: input.note });
  });
  return getDataset(ctx, { id: input.id });
}

export async function overdueReviews(ctx: ServiceContext, input: { today?: string }): Promise<OverdueReview[]> {
  const today = todayOf(ctx, input.today);
  const rows = await q.listDatasets(ctx.db);
  return rows
    .filter((r) => r.publication_status !== 'not_publishable')
    .map((r) => ({ r, next: nextReviewOf(r) }))
    .filter(({ next }) => next < today)
    .map(({ r, next }) => ({
      id: r.id,
      name: r.name,
      holderInstitution: r.holder_institution,
      updateFrequency: r.update_frequency,
      lastReviewedOn: r.last_reviewed_on,
      nextReviewOn: next,
      daysOverdue: daysBetween(next, today),
      responsiblePerson: r.responsible_person,
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.name.localeCompare(b.name, 'ro'));
}

// ───────────────────────────── schema and steps

export async function saveSchema(ctx: ServiceContext, input: In<'datasets.saveSchema'>): Promise<DatasetDetail> {
  // what the contract cannot see: formats of the type (geopoint "wkt", date "%q"), bounds that are not of the type
  (input.schema?.fields ?? []).forEach((f, i) => {
    try {
      compileSchema({ fields: [f as TableField] });
    } catch (e) {
      if (e instanceof SchemaError) throw datasetError(`schema.fields.${i}`, 'invalid', e.message, 'error.schema-field', { field: f.name, reason: e.message });
      throw e;
    }
  });
  await ctx.tx(async (trx) => {
    const refs = new Set((await q.listReferences(trx)).map((r) => r.name));
    (input.schema?.foreignKeys ?? []).forEach((fk, i) => {
      const res = fk.reference.resource ?? '';
      if (res && !refs.has(res))
        throw datasetError(`schema.foreignKeys.${i}.reference.resource`, 'not_found', `no reference table named ${res}`, 'error.no-reference', { name: res });
    });
    await updateCurrent(ctx, trx, 'datasets', 'dataset', input.id, input.expectedUpdatedAt, {
      table_schema: input.schema ? JSON.stringify(input.schema) : null,
    });
  });
  return getDataset(ctx, { id: input.id });
}

export async function saveSteps(ctx: ServiceContext, input: In<'datasets.saveSteps'>): Promise<DatasetDetail> {
  await ctx.tx((trx) => updateCurrent(ctx, trx, 'datasets', 'dataset', input.id, input.expectedUpdatedAt, { cleaning_steps: JSON.stringify(input.steps) }));
  return getDataset(ctx, { id: input.id });
}

// ───────────────────────────── personal-data flags

export async function reviewFlag(ctx: ServiceContext, input: In<'datasets.reviewFlag'>): Promise<PersonalDataFlag> {
  return ctx.tx(async (trx) => {
    const after = await updateCurrent(ctx, trx, 'dataset_pd_flags', 'dataset_pd_flag', input.id, input.expectedUpdatedAt, {
      reviewed: 1,
      review_note: input.note,
    });
    return toFlag(after as unknown as DatasetPdFlagsTable);
  });
}

// ───────────────────────────── reference tables

const toReference = (r: {
  id: string;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  deleted_at: string | null;
  name: string;
  title: string;
  columns: string;
  row_count: number;
}): ReferenceTable => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
  name: r.name,
  title: r.title,
  columns: parseJson<string[]>(r.columns, []),
  rowCount: r.row_count,
});

export async function listReferences(ctx: ServiceContext): Promise<ReferenceTable[]> {
  return (await q.listReferences(ctx.db)).map(toReference);
}

export async function saveReference(ctx: ServiceContext, input: In<'datasets.saveReference'>): Promise<ReferenceTable> {
  const table = parseCsvText(input.csv.replace(/^\uFEFF/, ''));
  if (!table.header.length || table.header.some((h) => !h.trim()))
    throw datasetError('csv', 'header', 'the first row must name every column', 'error.csv-header-blank');
  if (new Set(table.header).size !== table.header.length) throw datasetError('csv', 'header', 'two columns have the same name', 'error.csv-header-repeated');
  const bad = table.rows.findIndex((r) => r.length !== table.header.length);
  if (bad >= 0)
    throw datasetError('csv', 'ragged', `row ${bad + 2} has ${table.rows[bad]!.length} values; the header has ${table.header.length}`, 'error.csv-ragged', {
      row: bad + 2,
      values: table.rows[bad]!.length,
      width: table.header.length,
    });
  const cols = {
    name: input.name,
    title: input.title,
    columns: JSON.stringify(table.header),
    row_count: table.rows.length,
    csv: input.csv.replace(/^\uFEFF/, ''),
  };
  const id = await ctx.tx(async (trx) => {
    if (await q.referenceNameTaken(trx, input.name, input.id))
      throw datasetError('name', 'duplicate', `a reference table named ${input.name} exists`, 'error.reference-taken', { name: input.name });
    if (input.id) {
      await updateCurrent(ctx, trx, 'dataset_references', 'dataset_reference', input.id, input.expectedUpdatedAt, cols);
      return input.id;
    }
    return (await insertAudited(ctx, trx, 'dataset_references', 'dataset_reference', { id: newId(), ...cols })).id;
  });
  const [r] = (await q.listReferences(ctx.db)).filter((x) => x.id === id);
  return toReference(r!);
}

export async function deleteReference(ctx: ServiceContext, input: In<'datasets.deleteReference'>) {
  await ctx.tx(async (trx) => {
    const r = await live(trx, 'dataset_references', input.id, 'reference table');
    const users = (await q.listDatasets(trx)).filter((d) => (schemaOf(d)?.foreignKeys ?? []).some((fk) => fk.reference.resource === r.name));
    if (users.length)
      throw datasetError(
        'id',
        'in_use',
        `the reference table ${r.name} is used by the schema of ${users.map((u) => u.name).join(', ')}`,
        'error.reference-in-use',
        {
          name: r.name,
          datasets: users.map((u) => u.name).join(', '),
        },
      );
    await softDeleteRow(ctx, trx, 'dataset_references', 'dataset_reference', input.id, input.expectedUpdatedAt);
  });
  return null;
}
