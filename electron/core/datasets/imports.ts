import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { systemWrite } from '../../../db/access';
import * as q from '../../../db/queries/datasets';
import { dropWorkCopy, keepDataFile, readableDataFile } from './stored';
import type { DatasetImportsTable, DatasetsTable } from '../../../db/schema/datasets';
import {
  AppError,
  type CleaningStep,
  type DatasetEncoding,
  type DatasetImport,
  type DatasetImportDetail,
  type DatasetTableSchema,
  type EncodingDecision,
  type ImportChanges,
  type MethodName,
  type ParsedInputOf,
  type PersonalDataKind,
  type StepLog,
  type StepsPreview,
  type ValidationErrorItem,
  type ValidationWarningItem,
  type ValueCluster,
} from '../../contract';
import { datasetError } from './errors';
import type { MessageParams, MessageRef } from '../../contract/datasets-messages';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import type { JobControl } from '../jobs';
import { newId, nextTimestamp, parseJson } from '../util';
import { insertAudited, live, notFound } from '../writes';
import { basisOf } from './basis';
import { clusterValues, StepError } from './cleaning';
import { parseCsvText } from './csv';
import { cleanPath, hashesOf, importDir, runPipeline, sourcePath, writeClean } from './files';
import { schemaOf, stepsOf, toFlag, toImport } from './service';
import { createDecoder, detectDelimiter, detectEncoding, inferSchema as inferFromFile, validateFile, validateInWorker } from './validate';
import type { EncodingName, ReferenceSource, Report, TableSchema } from './validate';
import { writeFileAtomic } from '../faults';
import type { HandlerExtra } from '../handlers';
import { isBase64, withUpload } from '../uploads';

type In<K extends MethodName> = ParsedInputOf<K>;

/** The stored report: what the import detail shows, plus the basis (schema + steps) it was made against. */
interface StoredReport {
  basis: string;
  valid: boolean;
  stats: { rows: number; errors: number; bytes?: number; fields?: number };
  counts: Record<string, number>;
  errors: ValidationErrorItem[];
  truncated: boolean;
  warnings?: ValidationWarningItem[];
}

const FORMAT_OF: Record<string, 'csv' | 'xlsx'> = { '.csv': 'csv', '.txt': 'csv', '.tsv': 'csv', '.xlsx': 'xlsx' };

// ───────────────────────────── receiving a file

const ENCODINGS_TO_SHOW: EncodingName[] = ['utf-8', 'windows-1250', 'iso-8859-2', 'iso-8859-16'];

/** The first lines with non-ASCII letters, as each supported encoding reads them: the person compares and confirms. */
function samplesOf(head: Buffer): Array<{ encoding: string; lines: string[] }> {
  const lineStarts: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i <= head.length && lineStarts.length < 400; i++) {
    if (i === head.length || head[i] === 0x0a) {
      lineStarts.push([start, i]);
      start = i + 1;
    }
  }
  const picked = lineStarts.filter(([a, b]) => head.subarray(a, b).some((x) => x >= 0x80)).slice(0, 3);
  if (!picked.length) return [];
  return ENCODINGS_TO_SHOW.map((encoding) => {
    const dec = createDecoder(encoding);
    dec.lenient();
    return { encoding, lines: picked.map(([a, b]) => dec.decode(head.subarray(a, b), true).replace(/\r$/, '').slice(0, 300)) };
  });
}

/** Stores an uploaded source file (an upload of the caller's or the file inline: core/uploads.ts withUpload) as a new import. */
export async function importFile(ctx: ServiceContext, input: In<'datasets.importFile'>, extra: Pick<HandlerExtra, 'core'>): Promise<DatasetImport> {
  const ext = path.extname(input.fileName).toLowerCase();
  const format = FORMAT_OF[ext];
  if (!format) throw datasetError('fileName', 'format', 'expected a CSV (.csv, .txt, .tsv) or an Excel workbook (.xlsx)', 'error.file-format');
  if (input.contentBase64 !== undefined && !isBase64(input.contentBase64))
    throw datasetError('contentBase64', 'invalid_base64', 'the file content is not valid base64', 'error.base64');
  return withUpload(ctx, extra, 'datasets.importFile', input, async (upload) => storeSource(ctx, input, format, fs.readFileSync(upload)));
}

async function storeSource(ctx: ServiceContext, input: In<'datasets.importFile'>, format: (typeof FORMAT_OF)[string], bytes: Buffer): Promise<DatasetImport> {
  if (bytes.length === 0) throw datasetError('contentBase64', 'empty', 'the file is empty (0 bytes)', 'source.empty');
  let detected: EncodingDecision | null = null;
  if (format === 'csv') {
    const head = bytes.subarray(0, 1 << 20);
    const d = detectEncoding(head);
    const dec = createDecoder(d.encoding);
    dec.lenient();
    const text = dec.decode(head.subarray(0, 65536), true);
    detected = {
      encoding: d.encoding,
      method: d.method,
      confidence: d.confidence,
      bom: d.bom,
      sampleBytes: d.sampleBytes,
      nonAsciiBytes: d.nonAsciiBytes,
      candidates: d.candidates.map((c) => ({ ...c })),
      reason: d.reason,
      why: d.why,
      samples: samplesOf(head),
      delimiter: detectDelimiter(text),
    };
  } else if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
    throw datasetError('contentBase64', 'not_xlsx', 'the file is named .xlsx but is not an Excel workbook (not a zip archive)', 'source.xlsx-not-zip');
  const id = newId();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = sourcePath(ctx.dataDir, input.datasetId, id, format);
  await ctx.tx(async (trx) => {
    await live(trx, 'datasets', input.datasetId, 'dataset');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, bytes);
    try {
      await keepDataFile(trx, ctx.dataDir, file);
      await insertAudited(ctx, trx, 'dataset_imports', 'dataset_import', {
        id,
        dataset_id: input.datasetId,
        file_name: input.fileName,
        format,
        bytes: bytes.length,
        sha256,
        detected: detected ? JSON.stringify(detected) : null,
        encoding: null,
        status: 'uploaded',
        valid: null,
        error_count: 0,
        row_count: null,
        report: null,
        step_log: null,
        changes: null,
        columns: null,
        failure: null,
        processed_at: null,
      });
    } catch (e) {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      throw e;
    }
  });
  dropWorkCopy(ctx.db, file);
  const row = await q.getImport(ctx.db, id);
  return toImport(row!);
}

// ───────────────────────────── processing: decode → steps → clean.csv → validate

async function referencesFor(ctx: ServiceContext, schema: DatasetTableSchema | null): Promise<Record<string, ReferenceSource>> {
  const names = [...new Set((schema?.foreignKeys ?? []).map((fk) => fk.reference.resource ?? '').filter(Boolean))];
  if (!names.length) return {};
  const out: Record<string, ReferenceSource> = {};
  for (const r of await q.listReferences(ctx.db, { names })) {
    const t = parseCsvText(r.csv);
    out[r.name] = { header: t.header, values: t.rows };
  }
  return out;
}

const item = (e: {
  type: string;
  rowNumber: number | null;
  fieldName: string | null;
  cell: string | null;
  message: string;
  key?: string;
  params?: MessageParams;
}): ValidationErrorItem => ({
  type: e.type,
  rowNumber: e.rowNumber,
  fieldName: e.fieldName,
  cell: e.cell,
  message: e.message,
  ...(e.key ? { key: e.key } : {}),
  ...(e.params ? { params: e.params } : {}),
});

/** A VALIDATION error whose text people read from the catalogue (`details.ref`), the English message beside it. */
const withRef = (field: string, reason: string, message: string, ref?: MessageRef) => datasetError(field, reason, message, ref?.key, ref?.params);

export async function loadForImport(ctx: ServiceContext, importId: string): Promise<{ imp: DatasetImportsTable; dataset: DatasetsTable }> {
  const imp = await q.getImport(ctx.db, importId);
  if (!imp) throw notFound('dataset import', importId);
  const [dataset] = await q.listDatasets(ctx.db, { id: imp.dataset_id });
  if (!dataset) throw notFound('dataset', imp.dataset_id);
  return { imp, dataset };
}

/**
 * Files up to this size are validated in this thread: starting a worker (a new V8 isolate loading the validator) takes
 * longer — 0.2 to 1 s on an office PC — than validating them (a few ms for a few hundred rows).
 */
export const VALIDATE_IN_THREAD_MAX_BYTES = 512 * 1024;

/**
 * Small files at once, in this thread; larger ones in a worker thread (the app stays responsive); in this thread too when
 * no worker script was built (e.g. a dev server).
 */
async function validateSomewhere(file: string, opts: Parameters<typeof validateFile>[1]): Promise<Report> {
  if (fs.statSync(file).size <= VALIDATE_IN_THREAD_MAX_BYTES) return validateFile(file, opts);
  try {
    return await validateInWorker(file, opts);
  } catch (e) {
    if (!/validation worker is missing/.test((e as Error).message)) throw e;
    return validateFile(file, opts);
  }
}

const stepError = (e: unknown, field = 'steps') => {
  if (e instanceof StepError) return withRef(`${field}.${e.index}.${e.field}`, 'step', e.message, e.ref);
  return e;
};

/** The job's work. Writes nothing to the database until the end, in one transaction. */
export async function processImport(
  ctx: ServiceContext,
  importId: string,
  encoding: DatasetEncoding,
  maxErrors: number,
  ctl: JobControl,
): Promise<DatasetImportDetail> {
  const { imp, dataset } = await loadForImport(ctx, importId);
  const schema = schemaOf(dataset);
  const steps = stepsOf(dataset);
  const source = await readableDataFile(ctx.db, ctx.dataDir, sourcePath(ctx.dataDir, imp.dataset_id, imp.id, imp.format));
  const clean = cleanPath(ctx.dataDir, imp.dataset_id, imp.id);
  const tmp = `${clean}.tmp`;
  let cleanWritten = false;
  const enc: EncodingName = encoding === 'utf-8' && parseJson<EncodingDecision | null>(imp.detected, null)?.bom ? 'utf-8-sig' : encoding;
  let report: StoredReport;
  let stepLog: StepLog[] = [];
  let columns: string[] = [];
  let changes: ImportChanges | null = null;
  let flags: Array<{ kind: PersonalDataKind; field: string; count: number; rows: number[]; example: string }> = [];
  let failure: string | null = null;
  const basis = basisOf(schema, steps);
  try {
    ctl.progress(0.02, 'cleaning');
    const res = await writeClean(source, tmp, { encoding: enc, steps, signal: ctl.signal, onProgress: (f) => ctl.progress(0.02 + f * 0.4, 'cleaning') });
    fs.renameSync(tmp, clean);
    cleanWritten = true;
    stepLog = res.log;
    columns = res.header;
    ctl.progress(0.45, 'validating');
    const full: Report = await validateSomewhere(clean, {
      schema: (schema ?? undefined) as TableSchema | undefined,
      // without a schema every column is `any`: profile them, so a column of amounts with "xx" is a warning to review
      profile: !schema,
      encoding: 'utf-8',
      delimiter: ',',
      errorCap: maxErrors,
      references: await referencesFor(ctx, schema),
      signal: ctl.signal,
      onProgress: (p) => ctl.progress(0.45 + p.fraction * 0.45, 'validating'),
    });
    const counts: Record<string, number> = { ...full.errorCounts } as Record<string, number>;
    const sourceErrors = res.issues.map((i) =>
      item({ type: i.code, rowNumber: i.rowNumber, fieldName: null, cell: null, message: i.message, key: i.ref?.key, params: i.ref?.params }),
    );
    for (const e of sourceErrors) counts[e.type] = (counts[e.type] ?? 0) + 1;
    const total = full.stats.errors + sourceErrors.length;
    report = {
      basis,
      valid: total === 0,
      stats: { rows: full.stats.rows, errors: total, bytes: full.stats.bytes, fields: full.stats.fields },
      counts,
      errors: [...sourceErrors, ...full.errors.map(item)].slice(0, maxErrors),
      truncated: full.errorsTruncated || sourceErrors.length + full.errors.length > maxErrors,
      ...(full.warnings ? { warnings: full.warnings.map((w) => ({ code: w.code, fieldName: w.fieldName, params: w.params, message: w.message })) } : {}),
    };
    const byCol = new Map<string, { kind: PersonalDataKind; field: string; count: number; rows: number[]; example: string }>();
    for (const c of full.personalData.columns)
      for (const [kind, n] of Object.entries(c.counts))
        if (n) byCol.set(`${c.fieldName}\u0000${kind}`, { kind: kind as PersonalDataKind, field: c.fieldName, count: n, rows: [], example: '' });
    for (const cell of full.personalData.cells) {
      const f = byCol.get(`${cell.fieldName}\u0000${cell.kind}`);
      if (!f) continue;
      if (f.rows.length < 10) f.rows.push(cell.rowNumber);
      if (!f.example) f.example = cell.cell;
    }
    flags = [...byCol.values()];
    ctl.progress(0.92, 'comparing');
    const prev = await q.previousProcessedImport(ctx.db, imp.dataset_id, null, imp.id);
    const before = prev ? await hashesOf(await readableDataFile(ctx.db, ctx.dataDir, cleanPath(ctx.dataDir, prev.dataset_id, prev.id)), ctl.signal) : null;
    let added = 0;
    let removed = 0;
    if (before) {
      const old = new Map(before.hashes);
      for (const [h, n] of res.hashes) {
        const had = old.get(h) ?? 0;
        if (n > had) added += n - had;
        old.set(h, Math.max(0, had - n));
      }
      for (const n of old.values()) removed += n;
    }
    changes = {
      previousImportId: prev?.id ?? null,
      rowsBefore: before ? before.rows : null,
      rowsAfter: res.rowsOut,
      rowsAdded: before ? added : res.rowsOut,
      rowsRemoved: removed,
      columnsAdded: before ? columns.filter((c) => !before.header.includes(c)) : [],
      columnsRemoved: before ? before.header.filter((c) => !columns.includes(c)) : [],
    };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (ctl.signal.aborted || (e as Error).name === 'AbortError') throw e;
    let ref: MessageRef | undefined;
    if (e instanceof StepError) {
      failure = e.message;
      ref = e.ref;
    } else if ((e as { code?: string }).code === 'source-error' || (e as { code?: string }).code === 'encoding-error') {
      failure = (e as Error).message;
      ref = (e as { ref?: MessageRef }).ref;
    } else if ((e as Error).name === 'SchemaError') {
      failure = `the schema cannot be used: ${(e as Error).message}`;
      ref = { key: 'source.schema-unusable', params: { reason: (e as Error).message } };
    } else throw e;
    report = {
      basis,
      valid: false,
      stats: { rows: 0, errors: 1 },
      counts: { 'source-error': 1 },
      errors: [
        { type: 'source-error', rowNumber: null, fieldName: null, cell: null, message: failure, ...(ref ? { key: ref.key, params: ref.params ?? {} } : {}) },
      ],
      truncated: false,
    };
  }
  if (ctl.signal.aborted) throw new AppError('INTERNAL', 'cancelled');
  await ctx.tx(async (trx) => {
    const cur = await q.getImport(trx, importId);
    if (!cur) throw notFound('dataset import', importId);
    if (cleanWritten) await keepDataFile(trx, ctx.dataDir, clean);
    const at = nextTimestamp(ctx.now(), cur.updated_at);
    const patch = {
      status: failure ? ('failed' as const) : ('processed' as const),
      encoding,
      valid: report.valid ? 1 : 0,
      error_count: report.stats.errors,
      row_count: failure ? null : report.stats.rows,
      report: JSON.stringify(report),
      step_log: JSON.stringify(stepLog),
      changes: changes ? JSON.stringify(changes) : null,
      columns: JSON.stringify(columns),
      failure,
      processed_at: at,
      updated_at: at,
      updated_by: ctx.actor.id,
    };
    await q.setImportResult(trx, importId, patch);
    await audit(
      trx,
      ctx.actor,
      at,
      'dataset_import',
      importId,
      'update',
      { status: cur.status, encoding: cur.encoding, valid: cur.valid, error_count: cur.error_count },
      { status: patch.status, encoding, valid: patch.valid, error_count: patch.error_count },
    );
    await q.dropFlags(trx, importId, at);
    const reviewedBefore = new Map((await q.reviewedFlagsOfDataset(trx, imp.dataset_id)).map((r) => [`${r.field_name}\u0000${r.kind}`, r.review_note]));
    for (const f of flags) {
      const earlier = reviewedBefore.get(`${f.field}\u0000${f.kind}`);
      await insertAudited(ctx, trx, 'dataset_pd_flags', 'dataset_pd_flag', {
        id: newId(),
        import_id: importId,
        kind: f.kind,
        field_name: f.field,
        count: f.count,
        row_numbers: JSON.stringify(f.rows),
        example: f.example,
        reviewed: earlier !== undefined ? 1 : 0,
        review_note: earlier !== undefined ? earlier : '',
      });
    }
  });
  if (cleanWritten) dropWorkCopy(ctx.db, clean);
  return getImportDetail(ctx, { importId });
}

export async function markProcessing(ctx: ServiceContext, importId: string): Promise<DatasetImportsTable['status']> {
  const { imp } = await loadForImport(ctx, importId);
  if (imp.status === 'processing') throw datasetError('importId', 'busy', 'this file is being processed already', 'error.busy');
  await q.setImportResult(systemWrite(ctx.db, 'job-progress'), importId, { status: 'processing' });
  return imp.status;
}

export async function restoreStatus(ctx: ServiceContext, importId: string, status: DatasetImportsTable['status']) {
  await q.setImportResult(systemWrite(ctx.db, 'job-progress'), importId, { status });
}

export async function getImportDetail(ctx: ServiceContext, input: { importId: string; errorType?: string }): Promise<DatasetImportDetail> {
  const { imp } = await loadForImport(ctx, input.importId);
  const report = parseJson<StoredReport | null>(imp.report, null);
  const flags = await q.listFlags(ctx.db, imp.id);
  return {
    ...toImport(imp),
    report: report
      ? {
          valid: report.valid,
          stats: report.stats,
          counts: report.counts,
          errors: input.errorType ? report.errors.filter((e) => e.type === input.errorType) : report.errors,
          truncated: report.truncated,
          ...(report.warnings ? { warnings: report.warnings } : {}),
        }
      : null,
    flags: flags.map(toFlag),
    stepLog: parseJson<StepLog[]>(imp.step_log, []),
    changes: parseJson<ImportChanges | null>(imp.changes, null),
    columns: parseJson<string[]>(imp.columns, []),
  };
}

// ───────────────────────────── preview, clustering, inference

const encodingFor = (imp: DatasetImportsTable, given?: DatasetEncoding): EncodingName => {
  const det = parseJson<EncodingDecision | null>(imp.detected, null);
  const e = given ?? imp.encoding ?? (det?.encoding as EncodingName | undefined) ?? 'utf-8';
  return e === 'utf-8' && det?.bom ? 'utf-8-sig' : (e as EncodingName);
};

export async function previewSteps(ctx: ServiceContext, input: In<'datasets.previewSteps'>): Promise<StepsPreview> {
  const { imp, dataset } = await loadForImport(ctx, input.importId);
  const steps: CleaningStep[] = input.steps ?? stepsOf(dataset);
  const out: StepsPreview = { before: { columns: [], rows: [] }, after: { columns: [], rows: [] }, log: [], rowsIn: 0, rowsOut: 0 };
  try {
    const res = await runPipeline(await readableDataFile(ctx.db, ctx.dataDir, sourcePath(ctx.dataDir, imp.dataset_id, imp.id, imp.format)), {
      encoding: encodingFor(imp, input.encoding),
      steps,
      onHeader: (b, a) => {
        out.before.columns = b;
        out.after.columns = a;
      },
      onRow: (b, a) => {
        if (out.before.rows.length < input.limit) {
          out.before.rows.push(b);
          if (a) out.after.rows.push(a);
        } else if (a && out.after.rows.length < input.limit) out.after.rows.push(a);
      },
    });
    Object.assign(out, { log: res.log, rowsIn: res.rowsIn, rowsOut: res.rowsOut });
  } catch (e) {
    throw sourceProblem(stepError(e));
  }
  return out;
}

const sourceProblem = (e: unknown) =>
  (e as { code?: string }).code === 'source-error' || (e as { code?: string }).code === 'encoding-error'
    ? withRef('importId', 'unreadable', (e as Error).message, (e as { ref?: MessageRef }).ref)
    : e;

export async function clusterColumn(ctx: ServiceContext, input: In<'datasets.clusterValues'>): Promise<ValueCluster[]> {
  const { imp, dataset } = await loadForImport(ctx, input.importId);
  const counts = new Map<string, number>();
  let col = -1;
  try {
    await runPipeline(await readableDataFile(ctx.db, ctx.dataDir, sourcePath(ctx.dataDir, imp.dataset_id, imp.id, imp.format)), {
      encoding: encodingFor(imp, input.encoding),
      steps: stepsOf(dataset),
      onHeader: (_b, a) => {
        col = a.indexOf(input.field);
        if (col < 0)
          throw datasetError('field', 'not_found', `there is no column named "${input.field}" after the cleaning steps`, 'error.no-column-after-steps', {
            column: input.field,
          });
      },
      onRow: (_b, a) => {
        if (!a) return;
        const v = a[col] ?? '';
        if (counts.size < 50_000 || counts.has(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
      },
    });
  } catch (e) {
    throw sourceProblem(stepError(e));
  }
  return clusterValues(counts);
}

export async function inferDraft(ctx: ServiceContext, input: In<'datasets.inferSchema'>): Promise<DatasetTableSchema> {
  const { imp } = await loadForImport(ctx, input.importId);
  const clean = await readableDataFile(ctx.db, ctx.dataDir, cleanPath(ctx.dataDir, imp.dataset_id, imp.id));
  const file = fs.existsSync(clean) ? clean : await readableDataFile(ctx.db, ctx.dataDir, sourcePath(ctx.dataDir, imp.dataset_id, imp.id, imp.format));
  try {
    const res = await inferFromFile(file, { sampleRows: input.sampleRows, encoding: file === clean ? 'utf-8' : encodingFor(imp) });
    return res.schema as unknown as DatasetTableSchema;
  } catch (e) {
    throw sourceProblem(e);
  }
}

export const importFolder = (ctx: ServiceContext, imp: DatasetImportsTable) => importDir(ctx.dataDir, imp.dataset_id, imp.id);
