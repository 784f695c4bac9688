/**
 * The datasets validation engine — Frictionless-speaking, streaming, database-free. What other code uses:
 *
 *   detectEncoding(buf)                      → EncodingDecision (encoding + evidence: counts per candidate)
 *   validateFile(path, opts)                 → Promise<Report>  (in this thread; streams the file)
 *   validateInWorker(path, opts)             → Promise<Report>  (worker thread; opts.onProgress, opts.signal cancels)
 *   inferSchema(path, { sampleRows })        → Promise<InferResult> ({ schema, encoding, dialect, … })
 *   validateWithInference(path, opts)        → Promise<Report>  (no schema: infer one from the first 100 rows, validate every row; report.inferred)
 *   readRows(path, opts)                     → AsyncGenerator<{ rowNumber, cells }> (decoded records, header first)
 *   compileSchema(schema) + castRow(c, cells)→ logical values of a row (ISO dates, numbers with "." …) for cleaning/export
 *   parseSchema / readDescriptorFile / schemaToJson / csvResource / dataPackage / fileDigest — descriptors
 *
 * Options (ValidateOptions): schema, encoding ('auto' | 'utf-8' | 'windows-1250' | 'iso-8859-2' | 'iso-8859-16'),
 * delimiter, dialect (Table Dialect: header rows, comments, quoting), errorCap (default 1000; every error is counted),
 * maxCellChars (default 1,000,000), duplicateRows (default false, as frictionless),
 * personalData, references (foreign-key tables by resource name: { path } | { rows } | { header, values }), sheet.
 * Errors: a bad file never throws — the Report says (`fatal` when nothing could be read); a bad schema throws
 * SchemaError; cancelling throws an error named AbortError. Reading problems thrown by readRows are SourceFailure.
 */
export * from './types';
export { detectEncoding, looksBinary, createDecoder, isEncodingName } from './encoding';
export { validateFile, loadReference, DEFAULT_ERROR_CAP } from './validator';
export { validateInWorker, BUNDLED_WORKER_NAME, type WorkerOptions } from './runner';
export { inferSchema, inferFields, DEFAULT_INFER_SAMPLE, type InferOptions, type InferResult } from './infer';
export { validateWithInference, DEFAULT_SAMPLE_ROWS, type InferringOptions } from './inferred';
export { readRows, inspect, SourceFailure, DEFAULT_MAX_CELL_CHARS, type RowRecord, type ReadRowsOptions, type SourceInfo, type SourceIssue } from './source';
export { compileSchema, castRow, compileCast, keyOf, INVALID, SchemaError, type CompiledSchema, type CompiledField } from './cast';
export {
  parseSchema,
  parseDialect,
  readDialectFile,
  readDescriptorFile,
  missingReferences,
  schemaToJson,
  fileDigest,
  csvResource,
  dataPackage,
  dataPackageToJson,
  resourceName,
  TABLE_SCHEMA_PROFILE,
  DATA_PACKAGE_PROFILE,
  type Descriptor,
} from './descriptor';
export { Profiler, MOSTLY, DATE_FORMATS } from './profile';
export { personalKind, isCnp, isIban, isEmail, isPhone, mask } from './pii';
export { CsvParser, detectDelimiter, type CsvOptions } from './csv';
export { planRows, RowShaper, fieldNames, checkDialect, DIALECT_SAMPLE_ROWS, type RowPlan } from './dialect';
