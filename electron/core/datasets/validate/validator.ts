/**
 * The streaming validator: one pass over the file (never all of it in memory), reporting frictionless-py's
 * error codes with row, field and cell; counts per code; the first `errorCap` errors (by row) listed. Unique,
 * primary-key, foreign-key and duplicate-row checks keep 64-bit hashes only (hashset.ts). Without a schema, the
 * header's labels are the fields (all `any`): structure, duplicates, encoding and personal data are still checked.
 *
 * Memory does not grow with the file: rows are dropped once checked, the listed errors are capped, and each
 * unique / primary-key / duplicate-row check holds at most `keyBudget` values in memory (keys.ts).
 *
 * The parts: errors.ts (the error collector: counts, the capped list, sort keys), rows.ts (the header and the row
 * pass), keys.ts (the key checks, their spilled runs and the read-back of cells), foreign-keys.ts (reference tables and
 * the foreign-key pass), finish.ts (the report). This file runs them in order over the file.
 */
import fs from 'node:fs';
import { castRow, compileSchema, type CompiledSchema } from './cast';
import { ErrorCollector, P_AFTER, P_SOURCE, slotOf } from './errors';
import { finish } from './finish';
import { ForeignKeys } from './foreign-keys';
import { DEFAULT_KEY_BUDGET } from './hashset';
import { KeyChecks } from './keys';
import { RowPass } from './rows';
import { inspect, scan, SourceFailure, type SourceInfo } from './source';
import { DIALECT_SAMPLE_ROWS, planRows, RowShaper, type RowPlan } from './dialect';
import type { Report, TableSchema, ValidateOptions } from './types';

export const DEFAULT_ERROR_CAP = 1000;
export { DEFAULT_KEY_BUDGET };
export { loadReference } from './foreign-keys';

/** validateFile's options: the Frictionless ones, and where the key checks may spill. */
export interface ValidateFileOptions extends ValidateOptions {
  /**
   * Distinct values each unique / primary-key / duplicate-row check keeps in memory before spilling a sorted run to disk
   * (default: 2^20 shared among the checks, at least 2^17 = 131,072 each, 24 MB for one check, 3 MB each for eight or more).
   */
  keyBudget?: number;
  /** Folder for the spilled runs (default the system temp folder); a private sub-folder is made there and removed at the end, also on cancel or failure. */
  tempDir?: string;
}

/** Validates a CSV or XLSX file against a Table Schema (or its own header). Never throws for a bad file: the report says. Throws SchemaError for a bad schema, AbortError when cancelled. */
export async function validateFile(file: string, opts: ValidateFileOptions = {}): Promise<Report> {
  const t0 = performance.now();
  const compiledGiven: CompiledSchema | null = opts.schema ? compileSchema(opts.schema) : null;
  const errs = new ErrorCollector(opts.errorCap ?? DEFAULT_ERROR_CAP);
  const keys = new KeyChecks(errs, opts);
  const fks = new ForeignKeys(errs);
  const pass = new RowPass(errs, keys, fks, compiledGiven, opts);
  const state = { file, t0, opts, info: null as SourceInfo | null, errs, pass };

  let stat0: fs.Stats;
  let info: SourceInfo;
  try {
    info = state.info = inspect(file, opts);
    stat0 = fs.statSync(file);
  } catch (e) {
    if (!(e instanceof SourceFailure)) throw e;
    errs.addFailure(e);
    return finish(state, true);
  }

  // reference tables for foreign keys: kept in memory whole (HashSet64), they are small lists (streets, SIRUTA codes)
  if (compiledGiven) await fks.load(compiledGiven, opts);

  const totalBytes = info.bytes;
  let lastProgress = 0;
  let reserved = false;
  try {
    try {
      const shaper = new RowShaper(await rowPlan(file, info, opts), pass.onHeader, pass.onRow);
      await scan(file, info, opts, {
        row: (cells, rowNumber) => {
          pass.lastRow = rowNumber;
          shaper.push(cells, rowNumber);
        },
        issue: (i) => {
          errs.slot = slotOf(i.rowNumber !== null && i.rowNumber <= pass.lastRow ? P_AFTER : P_SOURCE);
          errs.add(i.code, i.rowNumber, i.fieldNumber, i.fieldNumber ? pass.colName(i.fieldNumber - 1) : null, null, '', i.message, i.ref?.params, i.ref?.key);
        },
        progress: (bytesRead, r) => {
          if (!reserved && bytesRead > 0 && r > 1) {
            // size the key tables once from the first chunk's bytes per row (+10 %), up to the budget
            reserved = true;
            keys.reserve(Math.ceil((totalBytes / bytesRead) * r * 1.1));
          }
          if (!opts.onProgress) return;
          const now = performance.now();
          if (now - lastProgress < 100) return;
          lastProgress = now;
          const read = bytesRead || (info.format === 'xlsx' ? 0 : bytesRead);
          opts.onProgress({ bytesRead: read, totalBytes, rows: Math.max(0, r - 1), fraction: read ? Math.min(1, read / totalBytes) : 0 });
        },
      });
      shaper.end();
    } catch (e) {
      if (!(e instanceof SourceFailure)) throw e;
      errs.slot = slotOf(P_AFTER);
      errs.addFailure(e);
      return finish(state, true);
    }
    // repeats across the spilled runs of the key checks
    const needCells = keys.resolveRuns();
    errs.slot = slotOf(P_AFTER);
    if (!pass.setupDone || (pass.headerRow !== null && !pass.header.length))
      errs.fileError('source-error', 'the file has no header row', undefined, 'source.no-header');
    if (pass.compiled) fks.end(pass.compiled);
    errs.keep();
    if (needCells) await keys.fetchCells(file, info, opts, stat0);
  } finally {
    keys.close();
  }
  if (opts.onProgress) opts.onProgress({ bytesRead: totalBytes, totalBytes, rows: pass.rows, fraction: 1 });
  return finish(state, false);
}

/**
 * Which records are the header and which are comments (dialect.ts): from the dialect, else the header row is looked
 * for among the first records by their width, as frictionless does (a short reading of at most 100 records).
 */
export async function rowPlan(file: string, info: SourceInfo, opts: ValidateOptions): Promise<RowPlan> {
  const d = opts.dialect;
  if (d?.header !== undefined || d?.headerRows !== undefined) return planRows(d, []);
  const sample: string[][] = [];
  const numbers: number[] = [];
  const stop = Object.assign(new Error('enough rows'), { name: 'AbortError' });
  try {
    await scan(file, info, opts, {
      row: (cells, rowNumber) => {
        sample.push(cells);
        numbers.push(rowNumber);
        if (sample.length >= DIALECT_SAMPLE_ROWS) throw stop;
      },
      issue: () => {},
    });
  } catch (e) {
    if (e !== stop) throw e;
  }
  return planRows(d, sample, numbers);
}

export { castRow, compileSchema };
export type { TableSchema };
