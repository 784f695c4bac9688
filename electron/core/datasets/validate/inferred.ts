/**
 * Validation without a schema, as frictionless-py does it: a schema is inferred from a sample of the first data
 * records (100 by default, the header among them: frictionless' DEFAULT_SAMPLE_SIZE, with its 0.9 confidence), then EVERY row is validated
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

export async function validateWithInference(file: string, opts: InferringOptions = {}): Promise<Report> {
  const { sampleRows = DEFAULT_SAMPLE_ROWS, ...options } = opts;
  if (options.schema) return { ...(await validateFile(file, options)), inferred: false, schema: options.schema };
  let schema: TableSchema | null = null;
  try {
    // fields named as frictionless names them (a blank label is fieldN, a repeated one name2), so the labels'
    // own errors are blank-label and duplicate-label only (validator.ts)
    const draft = await inferSchema(file, {
      sampleRows,
      encoding: options.encoding,
      delimiter: options.delimiter,
      sheet: options.sheet,
      signal: options.signal,
      dialect: options.dialect,
    });
    if (draft.schema.fields.length) {
      schema = draft.schema;
      compileSchema(schema);
    }
  } catch (e) {
    // unreadable files are reported by the validator itself (fatal source-error); a header that cannot name fields is checked as it is
    if (!(e instanceof SourceFailure) && !(e instanceof SchemaError)) throw e;
    schema = null;
  }
  if (!schema) return { ...(await validateFile(file, { ...options, profile: true })), inferred: false, schema: null };
  const report = await validateFile(file, { ...options, schema, profile: true });
  return { ...report, inferred: true, schema, sampleRows };
}
