import { z } from 'zod';
import { because, issue } from './issues';
import { READERS, EDITORS, method } from './define';
import { uploadedFile } from './uploads';
import { expectedUpdatedAt, id, isoDate, requiredText, text, type Row } from './common';
import type { MessageParams, MessageRef } from './datasets-messages';

/**
 * Open-data datasets (commitment A3): the census of data the city's institutions hold (Law 179/2022), each
 * dataset's Table Schema, imported files with their validation reports, replayable cleaning steps, and the
 * publishable output (CSV, datapackage.json, CKAN and DCAT-AP metadata). DOMAIN.md "Datasets".
 */

export const UPDATE_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual', 'irregular', 'never'] as const;
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];

/** The EU Frequency authority table's code for each update frequency (DCAT-AP dct:accrualPeriodicity). */
export const FREQUENCY_NAL: Record<UpdateFrequency, string> = {
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  semiannual: 'BIANNUAL',
  annual: 'ANNUAL',
  irregular: 'IRREG',
  never: 'NEVER',
};

/**
 * The periodic review (A3.4): a dataset is reviewed one period after its last review (or after it was
 * inventoried). Irregular and never-updated datasets are still reviewed once a year, to decide again
 * whether they are of high value.
 */
export const REVIEW_PERIOD: Record<UpdateFrequency, { days?: number; months?: number }> = {
  daily: { days: 1 },
  weekly: { days: 7 },
  monthly: { months: 1 },
  quarterly: { months: 3 },
  semiannual: { months: 6 },
  annual: { months: 12 },
  irregular: { months: 12 },
  never: { months: 12 },
};

export const PUBLICATION_STATUSES = ['identified', 'in_preparation', 'ready', 'published', 'not_publishable'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
/** Statuses that need a clean validation and every personal-data flag reviewed. */
export const READY_STATUSES = ['ready', 'published'] as const satisfies readonly PublicationStatus[];

/** EU high-value dataset categories (Implementing Regulation (EU) 2023/138) with their HVD vocabulary URI. */
export const HVD_CATEGORIES = ['geospatial', 'earth_observation_environment', 'meteorological', 'statistics', 'companies', 'mobility'] as const;
export type HvdCategory = (typeof HVD_CATEGORIES)[number];
export const HVD_CATEGORY_URI: Record<HvdCategory, string> = {
  geospatial: 'http://data.europa.eu/bna/c_ac64a52d',
  earth_observation_environment: 'http://data.europa.eu/bna/c_dd313021',
  meteorological: 'http://data.europa.eu/bna/c_164e0bf5',
  statistics: 'http://data.europa.eu/bna/c_e1da4e07',
  companies: 'http://data.europa.eu/bna/c_a9135398',
  mobility: 'http://data.europa.eu/bna/c_b79e35eb',
};
/** ELI of the HVD implementing regulation: dcatap:applicableLegislation of every high-value dataset. */
export const HVD_LEGISLATION = 'http://data.europa.eu/eli/reg_impl/2023/138/oj';

/** EU Data Theme authority table (dcat:theme). */
export const DATA_THEMES = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN'] as const;
export type DataTheme = (typeof DATA_THEMES)[number];
export const DATA_THEME_URI = (t: DataTheme) => `http://publications.europa.eu/resource/authority/data-theme/${t}`;

/**
 * The licences a dataset may carry. Law 179/2022 recommends CC BY 4.0 (the default) or CC0; data.gov.ro has
 * also used OGL-ROU-1.0. `id` is what the metadata carries (CKAN license_id, datapackage licence name).
 */
export const LICENCES = [
  { id: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  { id: 'CC0-1.0', title: 'Creative Commons Zero 1.0 (domeniu public)', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  { id: 'OGL-ROU-1.0', title: 'Open Government Licence Romania 1.0', url: 'https://data.gov.ro/base/images/logoinst/OGL-ROU-1.0.pdf' },
] as const;
export type LicenceId = (typeof LICENCES)[number]['id'];
export const LICENCE_IDS = LICENCES.map((l) => l.id) as [LicenceId, ...LicenceId[]];
export const DEFAULT_LICENCE: LicenceId = 'CC-BY-4.0';
export const licenceById = (lid: string) => LICENCES.find((l) => l.id === lid);

export const ENCODINGS = ['utf-8', 'windows-1250', 'iso-8859-2', 'iso-8859-16'] as const;
export type DatasetEncoding = (typeof ENCODINGS)[number];

/** Personal-data kinds the scan looks for. */
export const PD_KINDS = ['cnp', 'email', 'phone', 'iban'] as const;
export type PersonalDataKind = (typeof PD_KINDS)[number];

/** Priority score: value + demand + readiness + (6 − risk), each on 1–5, so 4…20 (higher first). */
export const priorityScore = (s: { value: number; demand: number; readiness: number; risk: number }) => s.value + s.demand + s.readiness + (6 - s.risk);

// ───────────────────────── Table Schema (Frictionless v1/v2 subset the editor writes)

export const FIELD_TYPES = [
  'string',
  'integer',
  'number',
  'boolean',
  'date',
  'datetime',
  'time',
  'year',
  'yearmonth',
  'duration',
  'geopoint',
  'geojson',
  'object',
  'array',
  'list',
  'any',
] as const;
/** The types a `list` field's items may have (Table Schema v2). */
export const LIST_ITEM_TYPES = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'time'] as const;
const fieldName = z.string().trim().min(1).max(200);
const constraintsSchema = z
  .object({
    required: z.boolean().optional(),
    unique: z.boolean().optional(),
    enum: z
      .array(z.union([z.string(), z.number()]))
      .max(1000)
      .optional(),
    pattern: z
      .string()
      .max(1000)
      .refine((p) => {
        try {
          new RegExp(p, 'u');
          return true;
        } catch {
          return false;
        }
      }, because('invalidPattern'))
      .optional(),
    minimum: z.union([z.number(), z.string()]).optional(),
    maximum: z.union([z.number(), z.string()]).optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(0).optional(),
  })
  .strict();
export const tableFieldSchema = z
  .object({
    name: fieldName,
    title: z.string().max(500).optional(),
    description: z.string().max(5000).optional(),
    type: z.enum(FIELD_TYPES).default('string'),
    format: z.string().max(200).optional(),
    decimalChar: z.string().min(1).max(1).optional(),
    groupChar: z.string().min(1).max(1).optional(),
    bareNumber: z.boolean().optional(),
    trueValues: z.array(z.string()).optional(),
    falseValues: z.array(z.string()).optional(),
    missingValues: z.array(z.string()).optional(),
    /** list: the separator of the items (default ","); itemType: the type of each item (default string). */
    delimiter: z.string().min(1).max(10).optional(),
    itemType: z.enum(LIST_ITEM_TYPES).optional(),
    constraints: constraintsSchema.optional(),
  })
  .strict();
export const foreignKeySchema = z
  .object({
    fields: z.union([fieldName, z.array(fieldName).min(1)]),
    reference: z.object({ resource: z.string().max(200).default(''), fields: z.union([fieldName, z.array(fieldName).min(1)]) }).strict(),
  })
  .strict();
export const tableSchemaSchema = z
  .object({
    fields: z.array(tableFieldSchema).max(500),
    missingValues: z.array(z.string()).max(50).optional(),
    primaryKey: z.union([fieldName, z.array(fieldName)]).optional(),
    foreignKeys: z.array(foreignKeySchema).max(50).optional(),
    uniqueKeys: z.array(z.array(fieldName)).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const names = new Set<string>();
    s.fields.forEach((f, i) => {
      if (names.has(f.name)) ctx.addIssue(issue(['fields', i, 'name'], 'usedTwice', { value: f.name }));
      names.add(f.name);
    });
    const pk = typeof s.primaryKey === 'string' ? [s.primaryKey] : (s.primaryKey ?? []);
    pk.forEach((n, i) => {
      if (!names.has(n)) ctx.addIssue(issue(['primaryKey', i], 'notAField', { value: n }));
    });
    (s.foreignKeys ?? []).forEach((fk, i) => {
      const own = typeof fk.fields === 'string' ? [fk.fields] : fk.fields;
      const ref = typeof fk.reference.fields === 'string' ? [fk.reference.fields] : fk.reference.fields;
      for (const n of own) if (!names.has(n)) ctx.addIssue(issue(['foreignKeys', i, 'fields'], 'notAField', { value: n }));
      if (own.length !== ref.length) ctx.addIssue(issue(['foreignKeys', i, 'reference', 'fields'], 'foreignKeyArity'));
    });
  });
export type TableSchemaInput = z.input<typeof tableSchemaSchema>;
export type DatasetTableSchema = z.output<typeof tableSchemaSchema>;
export type DatasetTableField = z.output<typeof tableFieldSchema>;

// ───────────────────────── cleaning steps

const fields = z.array(fieldName).max(500).default([]);
/** `fields: []` means every column. */
export const cleaningStepSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('trim'), fields, collapse: z.boolean().default(true) }).strict(),
  z.object({ op: z.literal('case'), fields, mode: z.enum(['upper', 'lower', 'title']) }).strict(),
  z.object({ op: z.literal('cedilla'), fields }).strict(),
  /** Dates written with `format` (strptime: %d.%m.%Y …) become ISO YYYY-MM-DD; a value that does not fit is left as it is. */
  z
    .object({ op: z.literal('date'), fields: fields.refine((f) => f.length > 0, because('columnsRequired')), format: z.string().trim().min(2).max(50) })
    .strict(),
  /** Numbers written with a decimal comma (and a group char) become '.' decimal without grouping. */
  z
    .object({
      op: z.literal('number'),
      fields: fields.refine((f) => f.length > 0, because('columnsRequired')),
      decimalChar: z.string().length(1).default(','),
      groupChar: z.string().max(1).default('.'),
    })
    .strict(),
  /** Approved merges: every value on the left becomes the value on the right (exact match). */
  z.object({ op: z.literal('map'), field: fieldName, mapping: z.record(z.string(), z.string()) }).strict(),
  z.object({ op: z.literal('split'), field: fieldName, separator: z.string().min(1).max(10), into: z.array(fieldName).min(2).max(20) }).strict(),
  z.object({ op: z.literal('merge'), fields: z.array(fieldName).min(2).max(20), separator: z.string().max(10).default(' '), into: fieldName }).strict(),
  z.object({ op: z.literal('drop'), fields: z.array(fieldName).min(1).max(500) }).strict(),
  z.object({ op: z.literal('rename'), from: fieldName, to: fieldName }).strict(),
  /** Drops repeated rows: whole rows when `fields` is empty, else rows repeating those columns' values (first kept). */
  z.object({ op: z.literal('dedupe'), fields }).strict(),
]);
export type CleaningStep = z.output<typeof cleaningStepSchema>;
export type CleaningStepInput = z.input<typeof cleaningStepSchema>;
export const CLEANING_OPS = ['trim', 'case', 'cedilla', 'date', 'number', 'map', 'split', 'merge', 'drop', 'rename', 'dedupe'] as const;
export type CleaningOp = (typeof CLEANING_OPS)[number];

/** What one step did to a file: cells changed (and for cedilla, each letter replaced), rows dropped. */
export interface StepLog {
  index: number;
  op: CleaningOp;
  cellsChanged: number;
  rowsDropped: number;
  /** cedilla: { 'ş→ș': 12, … }; map: { 'Timisoara→Timișoara': 3 }. */
  details: Record<string, number>;
  /** Problems that made the step skip values (a date that did not fit the format …), with a count. */
  skipped: number;
}

// ───────────────────────── outputs

export interface Dataset extends Row {
  name: string;
  /** The CKAN/Data Package name: lowercase a-z 0-9 - _. */
  slug: string;
  holderInstitution: string;
  holderDepartment: string;
  description: string;
  legalBasis: string;
  containsPersonalData: boolean;
  format: string;
  updateFrequency: UpdateFrequency;
  publicationStatus: PublicationStatus;
  scoreValue: number;
  scoreDemand: number;
  scoreReadiness: number;
  scoreRisk: number;
  /** value + demand + readiness + (6 − risk). */
  priorityScore: number;
  /** 1 = highest priority among live datasets (ties share a rank). */
  rank: number;
  hvdCategory: HvdCategory | null;
  /** Internal (I): never published. */
  responsiblePerson: string;
  keywords: string[];
  theme: DataTheme | null;
  licenceId: LicenceId;
  maintainer: string;
  maintainerEmail: string;
  spatial: string;
  temporalStart: string | null;
  temporalEnd: string | null;
  /** Where the published files will live (the public site's folder URL); the export builds file URLs on it. */
  publicBaseUrl: string;
  lastReviewedOn: string | null;
  nextReviewOn: string;
  reviewOverdue: boolean;
  publishedOn: string | null;
  /** The latest processed import: whether it validated clean and what still blocks "ready". */
  latestImport: {
    id: string;
    fileName: string;
    status: ImportStatus;
    valid: boolean | null;
    errorCount: number;
    unreviewedFlags: number;
    processedAt: string | null;
  } | null;
}

export interface DatasetDetail extends Dataset {
  schema: DatasetTableSchema | null;
  steps: CleaningStep[];
  imports: DatasetImport[];
  reviews: Array<{ on: string; note: string; by: string | null }>;
}

export const IMPORT_STATUSES = ['uploaded', 'processing', 'processed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** The encoding detector's decision (core/datasets/validate) with decoded samples for the person to compare. */
export interface EncodingDecision {
  encoding: string;
  /** bom, utf-8 (strict decoding succeeded), ascii, scored (Romanian heuristic), user */
  method: string;
  confidence: 'high' | 'medium' | 'low' | 'ambiguous';
  bom: boolean;
  sampleBytes: number;
  nonAsciiBytes: number;
  candidates: Array<{ encoding: string; romanian: number; cedilla: number; punctuation: number; suspicious: number; score: number }>;
  /** One sentence, English. */
  reason: string;
  /** The same reason as a catalogue text (`encoding.*`, datasets-messages.ts), shown in the reader's language. */
  why?: MessageRef;
  /** The first lines with non-ASCII letters, as each supported encoding would read them. */
  samples?: Array<{ encoding: string; lines: string[] }>;
  /** CSV delimiter seen in the first line (null for XLSX). */
  delimiter?: string | null;
}

export interface DatasetImport extends Row {
  datasetId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  bytes: number;
  sha256: string;
  detected: EncodingDecision | null;
  /** The encoding the person confirmed (null until processed). */
  encoding: DatasetEncoding | null;
  status: ImportStatus;
  valid: boolean | null;
  errorCount: number;
  rowCount: number | null;
  processedAt: string | null;
  failure: string | null;
}

export interface ValidationErrorItem {
  type: string;
  rowNumber: number | null;
  fieldName: string | null;
  cell: string | null;
  /** English (frictionless wording); people read `key` + `params` rendered by datasets-messages.ts. */
  message: string;
  /** Catalogue key (absent: `type`); absent with `params` in reports stored before the catalogue. */
  key?: string;
  params?: MessageParams;
}

/** A column a person should review though it breaks no declared type (validation without a schema). */
export interface ValidationWarningItem {
  code: 'mostly-number' | 'mostly-date' | 'mostly-boolean' | 'mixed-decimal' | 'mixed-date-format';
  fieldName: string;
  params: MessageParams;
  message?: string;
}

export interface PersonalDataFlag extends Row {
  importId: string;
  kind: PersonalDataKind;
  fieldName: string;
  /** Cells seen in that column (the scan's count). */
  count: number;
  /** First rows where it was seen. */
  rowNumbers: number[];
  /** A masked example (never the whole value). */
  example: string;
  reviewed: boolean;
  reviewNote: string;
}

export interface ImportChanges {
  previousImportId: string | null;
  rowsBefore: number | null;
  rowsAfter: number;
  rowsAdded: number;
  rowsRemoved: number;
  columnsAdded: string[];
  columnsRemoved: string[];
}

export interface DatasetImportDetail extends DatasetImport {
  report: {
    valid: boolean;
    stats: { rows: number; errors: number; bytes?: number; fields?: number };
    /** Counts per frictionless error code. */
    counts: Record<string, number>;
    errors: ValidationErrorItem[];
    /** True when more errors exist than were listed. */
    truncated: boolean;
    /** Without a schema: columns mostly of one kind with outliers, mixed decimal separators or date formats (never changes `valid`). */
    warnings?: ValidationWarningItem[];
  } | null;
  flags: PersonalDataFlag[];
  stepLog: StepLog[];
  changes: ImportChanges | null;
  /** Columns of the cleaned file (after the steps). */
  columns: string[];
}

export interface StepsPreview {
  before: { columns: string[]; rows: string[][] };
  after: { columns: string[]; rows: string[][] };
  log: StepLog[];
  rowsIn: number;
  rowsOut: number;
}

export interface ValueCluster {
  key: string;
  /** Suggested value (the most frequent spelling). */
  suggestion: string;
  values: Array<{ value: string; count: number }>;
}

export interface ReferenceTable extends Row {
  name: string;
  title: string;
  columns: string[];
  rowCount: number;
}

export interface OverdueReview {
  id: string;
  name: string;
  holderInstitution: string;
  updateFrequency: UpdateFrequency;
  lastReviewedOn: string | null;
  nextReviewOn: string;
  daysOverdue: number;
  responsiblePerson: string;
}

export interface DatasetExportResult {
  folder: string;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

// ───────────────────────── inputs

const withId = { id: id.optional(), expectedUpdatedAt: expectedUpdatedAt.optional() };
const ref = z.object({ id }).strict();
const deleteRef = z.object({ id, expectedUpdatedAt }).strict();
const score = z.number().int(because('scoreRange')).min(1, because('scoreRange')).max(5, because('scoreRange'));
export const slugSchema = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, because('portalName'));
const email = z.union([z.literal(''), z.email(because('email'))]).default('');
const url = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => {
    if (!s) return true;
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, because('httpUrl'))
  .default('');

export const saveDatasetInput = z
  .object({
    ...withId,
    name: requiredText(300),
    slug: slugSchema,
    holderInstitution: requiredText(300),
    holderDepartment: text(300).default(''),
    description: text(10_000).default(''),
    legalBasis: text(2000).default(''),
    containsPersonalData: z.boolean().default(false),
    format: text(100).default(''),
    updateFrequency: z.enum(UPDATE_FREQUENCIES).default('annual'),
    publicationStatus: z.enum(PUBLICATION_STATUSES).default('identified'),
    scoreValue: score.default(3),
    scoreDemand: score.default(3),
    scoreReadiness: score.default(3),
    scoreRisk: score.default(3),
    hvdCategory: z.enum(HVD_CATEGORIES).nullable().default(null),
    responsiblePerson: text(300).default(''),
    keywords: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    theme: z.enum(DATA_THEMES).nullable().default(null),
    licenceId: z.enum(LICENCE_IDS).default(DEFAULT_LICENCE),
    maintainer: text(300).default(''),
    maintainerEmail: email,
    spatial: text(300).default('Timișoara'),
    temporalStart: isoDate.nullable().default(null),
    temporalEnd: isoDate.nullable().default(null),
    publicBaseUrl: url,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.temporalStart && v.temporalEnd && v.temporalEnd < v.temporalStart) ctx.addIssue(issue(['temporalEnd'], 'endBeforeStart'));
  });
export type SaveDatasetInput = z.input<typeof saveDatasetInput>;

export const datasetsContract = {
  'datasets.list': method<Dataset[]>()(z.object({ includeDeleted: z.boolean().default(false), today: isoDate.optional() }).strict(), READERS),
  'datasets.get': method<DatasetDetail>()(z.object({ id, today: isoDate.optional() }).strict(), READERS),
  /** Create or edit the inventory entry; "ready"/"published" are refused while the latest import has errors or unreviewed personal-data flags. */
  'datasets.save': method<DatasetDetail>()(saveDatasetInput, EDITORS),
  'datasets.delete': method<null>()(deleteRef, EDITORS),
  'datasets.restore': method<null>()(ref, EDITORS),
  /** The periodic review (A3.4): records it and moves the next review date one period on. */
  'datasets.recordReview': method<DatasetDetail>()(
    z.object({ id, expectedUpdatedAt, reviewedOn: isoDate.optional(), note: text(2000).default('') }).strict(),
    EDITORS,
  ),
  'datasets.overdueReviews': method<OverdueReview[]>()(z.object({ today: isoDate.optional() }).strict(), READERS),
  /** Starts a job writing the inventory (ranking, HVD category, status, next review, overdue) to an Excel workbook; the result is { fileId, fileName }. */
  'datasets.exportInventory': method<{ jobId: string }>()(z.object({}).strict(), EDITORS),

  'datasets.saveSchema': method<DatasetDetail>()(z.object({ id, expectedUpdatedAt, schema: tableSchemaSchema.nullable() }).strict(), EDITORS),
  /** A draft Table Schema from a sample of the import (after the cleaning steps). */
  'datasets.inferSchema': method<DatasetTableSchema>()(
    z.object({ importId: id, sampleRows: z.number().int().min(10).max(100_000).default(1000) }).strict(),
    EDITORS,
  ),
  'datasets.saveSteps': method<DatasetDetail>()(z.object({ id, expectedUpdatedAt, steps: z.array(cleaningStepSchema).max(200) }).strict(), EDITORS),
  /** The first `limit` rows before and after `steps` (default: the dataset's steps), with each step's counts over the whole file. */
  'datasets.previewSteps': method<StepsPreview>()(
    z
      .object({
        importId: id,
        steps: z.array(cleaningStepSchema).max(200).optional(),
        limit: z.number().int().min(1).max(200).default(20),
        encoding: z.enum(ENCODINGS).optional(),
      })
      .strict(),
    EDITORS,
  ),
  /** Near-duplicate values of a column after the dataset's steps (same letters ignoring case, diacritics, spacing and punctuation). */
  'datasets.clusterValues': method<ValueCluster[]>()(z.object({ importId: id, field: fieldName, encoding: z.enum(ENCODINGS).optional() }).strict(), EDITORS),

  'datasets.importFile': method<DatasetImport>()(
    z
      .object({
        datasetId: id,
        fileName: requiredText(255).refine((s) => !/[\\/\0]/.test(s), because('fileName')),
        ...uploadedFile('datasets.importFile'),
      })
      .strict(),
    EDITORS,
  ),
  /** Starts a job: decode with the confirmed encoding, replay the steps, validate; the job's result is the import detail. */
  'datasets.processImport': method<{ jobId: string }>()(
    z.object({ importId: id, encoding: z.enum(ENCODINGS), maxErrors: z.number().int().min(1).max(100_000).default(1000) }).strict(),
    EDITORS,
  ),
  'datasets.getImport': method<DatasetImportDetail>()(z.object({ importId: id, errorType: z.string().max(50).optional() }).strict(), EDITORS),
  'datasets.reviewFlag': method<PersonalDataFlag>()(z.object({ id, expectedUpdatedAt, note: requiredText(2000) }).strict(), EDITORS),

  'datasets.listReferences': method<ReferenceTable[]>()(z.object({}).strict(), READERS),
  /** A small reference table (streets, SIRUTA codes …) that foreign keys can point at by name; CSV, UTF-8, first row = header. */
  'datasets.saveReference': method<ReferenceTable>()(
    z
      .object({
        ...withId,
        name: slugSchema,
        title: requiredText(300),
        csv: z
          .string()
          .min(1)
          .max(5 * 1024 * 1024),
      })
      .strict(),
    EDITORS,
  ),
  'datasets.deleteReference': method<null>()(deleteRef, EDITORS),

  /** Starts a job writing the publishable files into the dataset's export folder; the result is DatasetExportResult. */
  'datasets.exportPackage': method<{ jobId: string }>()(z.object({ id, withBom: z.boolean().default(true) }).strict(), EDITORS),
};
