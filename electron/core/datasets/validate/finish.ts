/**
 * The validator's report: the listed errors sorted and cut, counts in the codes' order, the file's statistics,
 * personal data and (with opts.profile) the columns' profile.
 */
import { datasetMessage } from '../../../contract/datasets-messages';
import type { ErrorCollector } from './errors';
import type { RowPass } from './rows';
import type { SourceInfo } from './source';
import { ERROR_CODES, type Report, type ValidateOptions } from './types';

export interface FinishState {
  file: string;
  /** performance.now() when the validation started. */
  t0: number;
  opts: Pick<ValidateOptions, 'profile'>;
  info: SourceInfo | null;
  errs: ErrorCollector;
  pass: RowPass;
}

/** The report; `fatal` when nothing could be read (no profile then). */
export function finish({ file, t0, opts, info, errs, pass }: FinishState, fatal: boolean): Report {
  errs.keep();
  const profile = opts.profile ? (pass.profiler && !fatal ? pass.profiler.finish() : { columns: [], warnings: [] }) : null;
  const { counts, total, errors } = errs;
  return {
    valid: total === 0,
    fatal,
    stats: {
      rows: pass.rows,
      fields: pass.compiled?.fields.length ?? pass.header.length,
      bytes: info?.bytes ?? 0,
      encoding: info?.encoding?.encoding ?? null,
      delimiter: info?.delimiter ?? null,
      format: info?.format ?? 'csv',
      seconds: (performance.now() - t0) / 1000,
      errors: total,
    },
    errors,
    // in the codes' order, whatever order they were found in (the merge of spilled key runs comes last)
    errorCounts: Object.fromEntries(ERROR_CODES.filter((c) => counts[c]).map((c) => [c, counts[c]])),
    errorsTruncated: total > errors.length,
    errorCap: errs.cap,
    header: pass.header,
    ...(pass.setupDone ? { headerRows: pass.headerRow === null ? [] : pass.headerRowNumbers } : {}),
    encoding: info?.encoding ?? null,
    personalData: { columns: pass.piiColumns(), cells: pass.pii, total: pass.piiTotal },
    source: { path: file, ...(info?.sheet ? { sheet: info.sheet } : {}) },
    ...(profile
      ? { warnings: profile.warnings.map((w) => ({ ...w, message: datasetMessage('en', `warning.${w.code}`, w.params) })), columns: profile.columns }
      : {}),
  };
}
