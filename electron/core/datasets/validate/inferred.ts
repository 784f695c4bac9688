/**
 * Validation without a schema, as frictionless-py does it: a schema is inferred from a sample of the first data
 * rows (100 by default, frictionless' DEFAULT_SAMPLE_SIZE, with its 0.9 confidence), then EVERY row is validated
 * against it — so a row after the sample whose cell does not fit the inferred type is a type-error. The report
 * says so (`inferred: true`, `schema`, `sampleRows`). With a schema given, this is validateFile.
 *
 * A column the sample could not type (mostly numbers with "xx", decimal commas beside points, dates in two formats)
 * stays `string` and breaks nothing; every column is therefore profiled over every row and such columns come back as
 * `warnings` (profile.ts) — `valid` is unchanged, the verdict says "valid, with N warnings to review".
 */
import { compileSchema, SchemaError } from './cast';
import { inferSchema } from './infer';
import { SourceFailure } from './source';
import type { Report, TableSchema } from './types';
import { validateFile, type ValidateFileOptions } from './validator';

export const DEFAULT_SAMPLE_ROWS = 100;

export interface InferringOptions extends ValidateFileOptions {
  /** Data rows the schema is inferred from when none is given (default 100). */
  sampleRows?: number;
}

/** Columns whose label repeats an earlier non-blank label (1-based positions). */
function duplicateColumns(labels: string[]): Set<number> {
  const seen = new Set<string>();
  const dup = new Set<number>();
  labels.forEach((l, i) => {
    if (l.trim() === '') return;
    if (seen.has(l)) dup.add(i + 1);
    else seen.add(l);
  });
  return dup;
}

export async function validateWithInference(file: string, opts: InferringOptions = {}): Promise<Report> {
  const { sampleRows = DEFAULT_SAMPLE_ROWS, ...options } = opts;
  if (options.schema) return { ...(await validateFile(file, options)), inferred: false, schema: options.schema };
  let schema: TableSchema | null = null;
  let header: string[] = [];
  try {
    const draft = await inferSchema(file, { sampleRows, encoding: options.encoding, delimiter: options.delimiter, sheet: options.sheet, signal: options.signal });
    // a repeated label cannot name two fields: the later one is fieldN, as frictionless names it by position
    const labels = draft.schema.fields.map((f) => f.name);
    const dups = duplicateColumns(labels);
    const fields = draft.schema.fields.map((f, i) => (dups.has(i + 1) ? { ...f, name: `field${i + 1}` } : f));
    header = labels;
    if (fields.length) {
      schema = { ...draft.schema, fields };
      compileSchema(schema);
    }
  } catch (e) {
    // unreadable files are reported by the validator itself (fatal source-error); a header that cannot name fields is checked as it is
    if (!(e instanceof SourceFailure) && !(e instanceof SchemaError)) throw e;
    schema = null;
  }
  if (!schema) return { ...(await validateFile(file, { ...options, profile: true })), inferred: false, schema: null };
  const report = await validateFile(file, { ...options, schema, profile: true });
  // the header was the schema's source: a renamed duplicate is already a duplicate-label, not also an incorrect-label
  const dups = duplicateColumns(header);
  if (dups.size && report.errorCounts['incorrect-label']) {
    const removed = Math.min(dups.size, report.errorCounts['incorrect-label']);
    report.errors = report.errors.filter((e) => !(e.type === 'incorrect-label' && e.rowNumber === 1 && e.fieldNumber !== null && dups.has(e.fieldNumber)));
    const left = report.errorCounts['incorrect-label'] - removed;
    if (left) report.errorCounts['incorrect-label'] = left;
    else delete report.errorCounts['incorrect-label'];
    report.stats.errors -= removed;
    report.valid = report.stats.errors === 0;
    report.errorsTruncated = report.stats.errors > report.errors.length;
  }
  return { ...report, inferred: true, schema, sampleRows };
}
