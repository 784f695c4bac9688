import type { MessageParams, MessageRef } from '../../../contract/datasets-messages';

/**
 * Frictionless vocabulary used by the validation engine: Table Schema (v2, v1 forms accepted), Data Package
 * resources, the validation report and its error codes (the names frictionless-py v5 uses).
 */

export type FieldType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'year'
  | 'yearmonth'
  | 'duration'
  | 'geopoint'
  | 'geojson'
  | 'object'
  | 'array'
  | 'list'
  | 'any';

export const FIELD_TYPES: readonly FieldType[] = [
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
];

/** The types a `list` field's items may have (Table Schema v2). */
export type ListItemType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'time';
export const LIST_ITEM_TYPES: readonly ListItemType[] = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'time'];

export interface FieldConstraints {
  required?: boolean;
  unique?: boolean;
  enum?: unknown[];
  pattern?: string;
  minimum?: number | string;
  maximum?: number | string;
  exclusiveMinimum?: number | string;
  exclusiveMaximum?: number | string;
  minLength?: number;
  maxLength?: number;
}

export interface TableField {
  name: string;
  title?: string;
  description?: string;
  example?: string;
  /** Absent means `any`. */
  type?: FieldType;
  /**
   * `default`, `any`, a strptime pattern for date/datetime/time (e.g. `%d.%m.%Y`), `email`/`uri`/`uuid` for strings;
   * geopoint `default` ("lon, lat") / `array` ([lon, lat]) / `object` ({"lon":…,"lat":…}); geojson `default` / `topojson`.
   */
  format?: string;
  constraints?: FieldConstraints;
  /** Field-level override of the schema's missing values. */
  missingValues?: string[];
  /** number: default "." */
  decimalChar?: string;
  /** number/integer: e.g. "." for 1.234,56 */
  groupChar?: string;
  /** number/integer: default true; false strips non-numeric leading/trailing text ("1.234 lei", "12%"). */
  bareNumber?: boolean;
  /** boolean: defaults true/True/TRUE/1 and false/False/FALSE/0. */
  trueValues?: string[];
  falseValues?: string[];
  /** list: the separator of the items (default ","). */
  delimiter?: string;
  /** list: the type of each item (default string). */
  itemType?: ListItemType;
}

export interface ForeignKey {
  fields: string | string[];
  /** `resource` omitted or "" → the same table (self-reference). */
  reference: { resource?: string; fields: string | string[] };
}

export interface TableSchema {
  $schema?: string;
  fields: TableField[];
  /** Default `[""]`; v2 objects `{value,label}` are accepted and read as their value. */
  missingValues?: Array<string | { value: string; label?: string }>;
  /** A string (v1) or a list of field names. */
  primaryKey?: string | string[];
  uniqueKeys?: string[][];
  foreignKeys?: ForeignKey[];
  /** Only `exact` (default) is enforced; other values are read by name as `equal`. */
  fieldsMatch?: 'exact' | 'equal' | 'subset' | 'superset' | 'partial';
}

/** Table Dialect (v2 names; frictionless-py 5 reads the same). */
export interface Dialect {
  /** false: the file has no header row (fields are field1, field2 … or the schema's). */
  header?: boolean;
  /** Record numbers of the header rows (default [1], or found by width when neither this nor `header` is given). */
  headerRows?: number[];
  /** Joins the cells of several header rows (default " "). */
  headerJoin?: string;
  /** Records whose first cell starts with it are skipped. */
  commentChar?: string;
  /** Record numbers skipped. */
  commentRows?: number[];
  delimiter?: string;
  quoteChar?: string;
  /** `""` is a quote inside a quoted cell (default true; false only takes effect with an escapeChar, as in frictionless). */
  doubleQuote?: boolean;
  escapeChar?: string;
  /** Spaces after a delimiter are dropped (default: detected from the first line, as Python's csv.Sniffer does). */
  skipInitialSpace?: boolean;
  lineTerminator?: string;
  [key: string]: unknown;
}

export interface DataResource {
  name: string;
  path?: string;
  data?: unknown[];
  type?: 'table';
  title?: string;
  description?: string;
  format?: string;
  mediatype?: string;
  encoding?: string;
  bytes?: number;
  /** `sha256:<hex>` (MD5 when unprefixed, per the spec). */
  hash?: string;
  /** The dialect, or a path to its JSON file (relative to the descriptor). */
  dialect?: Dialect | string;
  /** The schema, or a path to its JSON file (relative to the descriptor). */
  schema?: TableSchema | string;
  licenses?: Array<{ name?: string; path?: string; title?: string }>;
  [key: string]: unknown;
}

export interface DataPackage {
  $schema?: string;
  name?: string;
  id?: string;
  title?: string;
  description?: string;
  version?: string;
  created?: string;
  keywords?: string[];
  licenses?: Array<{ name?: string; path?: string; title?: string }>;
  resources: DataResource[];
  [key: string]: unknown;
}

/** frictionless-py's error types that this engine reports. */
export const ERROR_CODES = [
  'blank-label',
  'duplicate-label',
  'extra-label',
  'missing-label',
  'incorrect-label',
  'blank-row',
  'extra-cell',
  'missing-cell',
  'type-error',
  'constraint-error',
  'unique-error',
  'primary-key',
  'foreign-key',
  'duplicate-row',
  'encoding-error',
  'source-error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ValidationError {
  type: ErrorCode;
  /** Row as frictionless counts it: the header is row 1, the first data row is 2 (records, not lines). Null for file-level errors. */
  rowNumber: number | null;
  fieldName: string | null;
  /** 1-based column position. */
  fieldNumber: number | null;
  /** The raw cell text (cut to 200 characters). */
  cell: string | null;
  message: string;
  /** What exactly failed, e.g. `constraint "minimum" is "1"` or `type is "integer/default"`. */
  note: string;
  /** The catalogue key of the text people read (contract/datasets-messages.ts); absent: the type. */
  key?: string;
  /** The parameters of that text (row, field, position, cell, and e.g. type/format or constraint/value). */
  params?: MessageParams;
}

/**
 * Something a person should review though it breaks no declared type (validation without a schema): a column mostly
 * of one kind with outliers, or mixing decimal separators or date formats (profile.ts). The text is `warning.<code>`.
 */
export interface ValidationWarning {
  code: 'mostly-number' | 'mostly-date' | 'mostly-boolean' | 'mixed-decimal' | 'mixed-date-format';
  fieldName: string;
  fieldNumber: number;
  params: MessageParams;
  /** English text (the Romanian one is rendered from the catalogue). */
  message?: string;
}

/** Per column of a file validated without a schema: the share of non-empty cells that read as each kind, over every row. */
export interface ColumnProfile {
  fieldName: string;
  fieldNumber: number;
  /** The column's type in the schema used (inferred, or `any`). */
  type: FieldType;
  /** Non-empty cells. */
  cells: number;
  /** Shares 0…1 of the non-empty cells. */
  fits: { number: number; date: number; boolean: number };
  /** Cells per number notation (a group separator alone, "1.234", is ambiguous: groupedOnly). */
  numbers: { integer: number; decimalPoint: number; decimalComma: number; groupedOnly: number; leadingZero: number };
  /** Cells per date format (strptime pattern). */
  dateFormats: Record<string, number>;
}

export type EncodingName = 'utf-8' | 'utf-8-sig' | 'windows-1250' | 'iso-8859-2' | 'iso-8859-16' | 'utf-16le' | 'utf-16be';
export const USER_ENCODINGS = ['utf-8', 'windows-1250', 'iso-8859-2', 'iso-8859-16'] as const;

export interface EncodingCandidate {
  encoding: 'windows-1250' | 'iso-8859-2' | 'iso-8859-16';
  /** ă â î ș ț Ă Â Î Ș Ț (comma below) */
  romanian: number;
  /** ş ţ Ş Ţ (legacy cedilla forms: Romanian, but to be fixed) */
  cedilla: number;
  /** „ ” « » – — € : punctuation a Romanian text plausibly has */
  punctuation: number;
  /** control characters, letters of other languages and symbols that show a wrong decoding (mojibake) */
  suspicious: number;
  score: number;
}

export interface EncodingDecision {
  encoding: EncodingName;
  /** `bom`, `utf-8` (strict decoding succeeded), `scored` (Romanian heuristic), `user` (--encoding), `ascii` */
  method: 'bom' | 'utf-8' | 'ascii' | 'scored' | 'user';
  /** `high` (BOM or valid UTF-8 with non-ASCII text), `medium`, `low` (no letters to go by), `ambiguous` (a tie the user must settle) */
  confidence: 'high' | 'medium' | 'low' | 'ambiguous';
  bom: boolean;
  sampleBytes: number;
  nonAsciiBytes: number;
  /** Scores of the single-byte candidates (empty when UTF-8 or a BOM decided). */
  candidates: EncodingCandidate[];
  /** One sentence for the user, English. */
  reason: string;
  /** The same as a catalogue key and parameters (`encoding.*`), for the reader's language. */
  why?: MessageRef;
}

export interface PersonalDataFinding {
  kind: 'cnp' | 'email' | 'phone' | 'iban';
  rowNumber: number;
  fieldName: string;
  /** The value, partly masked (e.g. 1******123456) so the report does not spread it. */
  cell: string;
}

export interface PersonalDataColumn {
  fieldName: string;
  counts: Partial<Record<PersonalDataFinding['kind'], number>>;
  /** Share of non-empty cells in the column that matched. */
  share: number;
}

export interface ValidationStats {
  /** Data rows (the header not counted). */
  rows: number;
  fields: number;
  bytes: number;
  encoding: EncodingName | null;
  /** CSV delimiter, or null for XLSX. */
  delimiter: string | null;
  format: 'csv' | 'xlsx';
  seconds: number;
  errors: number;
}

export interface Report {
  valid: boolean;
  /** The file could not be read at all (empty, binary, not a workbook …): the CLI exits 2. */
  fatal: boolean;
  stats: ValidationStats;
  /** Listed errors, at most `errorCap`. */
  errors: ValidationError[];
  /** Every error counted, listed or not. */
  errorCounts: Partial<Record<ErrorCode, number>>;
  /** True when more errors were found than listed. */
  errorsTruncated: boolean;
  errorCap: number;
  header: string[];
  /** The records the header was read from (as frictionless' rowNumbers: [2] below a title line, [] without a header). */
  headerRows?: number[];
  encoding: EncodingDecision | null;
  personalData: { columns: PersonalDataColumn[]; cells: PersonalDataFinding[]; total: number };
  /** The file that was read, and the sheet for XLSX. */
  source: { path: string; sheet?: string };
  /**
   * Set by validateWithInference: true when no schema was given and the rows were validated against a schema
   * inferred from the first `sampleRows` data rows (frictionless-py's way); `schema` is the schema used.
   */
  inferred?: boolean;
  schema?: TableSchema | null;
  sampleRows?: number;
  /** With `profile` (validation without a schema): what a person should review; never changes `valid`. */
  warnings?: ValidationWarning[];
  /** With `profile`: each column's shares of numbers, dates and booleans over every row. */
  columns?: ColumnProfile[];
}

export interface Progress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  /** 0…1 */
  fraction: number;
}

/** A table referenced by a foreign key: a CSV/XLSX file (first row = header) or rows in memory. */
export type ReferenceSource = { path: string; encoding?: EncodingName } | { rows: Array<Record<string, unknown>> } | { header: string[]; values: unknown[][] };

export interface ValidateOptions {
  schema?: TableSchema;
  /** `auto` (default) or one of the supported encodings. */
  encoding?: 'auto' | EncodingName;
  /** CSV delimiter; detected when absent. */
  delimiter?: string;
  /** How many errors are listed (all are counted). Default 1000 (frictionless' default). */
  errorCap?: number;
  /** Longest cell kept, in characters (default 1,000,000); longer cells are cut and reported. */
  maxCellChars?: number;
  /** Report duplicate rows (default false, as frictionless: its `duplicate-row` check runs only when asked). */
  duplicateRows?: boolean;
  /** Table Dialect of a CSV (header rows, comments, quoting); see dialect.ts. */
  dialect?: Dialect;
  /** Scan for personal data (default true); listed findings are capped like errors. */
  personalData?: boolean;
  /** Foreign-key reference tables by resource name. */
  references?: Record<string, ReferenceSource>;
  /** XLSX: sheet name (default: the first sheet). */
  sheet?: string;
  /** Profile every column (shares of numbers, dates, booleans) and report warnings (validation without a schema). */
  profile?: boolean;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}
