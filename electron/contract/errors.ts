/** Errors cross every boundary as data, never as thrown exceptions (ARCHITECTURE.md §5). */
/** DISK_FULL: SQLITE_FULL or ENOSPC, nothing was written; BUSY: another writer held the database past the wait. */
export const ERROR_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL', 'DISK_FULL', 'BUSY'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `target` or `evidence.0.fileName`. */
  field: string;
  /** Machine-readable reason: a code of contract/issues.ts, a zod-derived one (`required`, `too_long` …) or a domain code such as `duplicate`. */
  reason: string;
  /** What the reason's text names: `{ maximum: 20000 }`, `{ value: 'Z1' }`. */
  params?: Record<string, string | number>;
  /** English, for logs and developers; readers get the reason's text from the catalogues (issue-text.ts, i18n). */
  message: string;
}

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  details?: { issues?: FieldIssue[]; entity?: string; id?: string; [k: string]: unknown };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** Thrown inside core and turned into a Result by the dispatcher. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiErrorData['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }
  toData(): ApiErrorData {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export const validationError = (field: string, reason: string, message: string) =>
  new AppError('VALIDATION', `${field}: ${message}`, { issues: [{ field, reason, message }] });
