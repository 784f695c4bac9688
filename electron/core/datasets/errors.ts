import { AppError, validationError } from '../../contract';
import type { MessageParams } from '../../contract/datasets-messages';

/**
 * A VALIDATION error of the datasets module: the English message for logs and scripts, and `details.ref` — a key of
 * contract/datasets-messages.ts with its parameters — that the app shows in the reader's language.
 */
export function datasetError(field: string, reason: string, message: string, key?: string, params?: MessageParams): AppError {
  const e = validationError(field, reason, message);
  return key ? new AppError('VALIDATION', e.message, { ...e.details, ref: { key, ...(params ? { params } : {}) } }) : e;
}
