import type { TFunction } from 'i18next';
import i18next from 'i18next';
import type { ApiErrorData, FieldIssue } from '../../../electron/contract';
// the issues' texts alone, not the whole contract (its zod schemas): the sign-in screen needs only these
import { issueParams, type IssueLang } from '../../../electron/contract/issues';
import { ApiError } from './client';
import { auditFieldKey } from '../features/admin/audit';
import { AUDIT_FIELD_LABELS, isAuditField } from '../features/admin/audit-labels';

/** Normalises anything thrown or returned into the contract's error shape. */
export function toErrorData(e: unknown): ApiErrorData {
  if (e instanceof ApiError) return e.data;
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) return e as ApiErrorData;
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** The user-facing text of an error, in the UI language, chosen by code (never the server's English text alone). */
export function errorText(t: TFunction, e: unknown): string {
  const d = toErrorData(e);
  if (d.details?.network) return t('errors.NETWORK');
  if (d.code === 'VALIDATION') {
    const issues = d.details?.issues ?? [];
    if (issues.length) return `${t('errors.VALIDATION')} ${issues.map((i) => `${i.field ? `${i.field}: ` : ''}${issueText(t, i)}`).join('; ')}`;
  }
  return t(`errors.${d.code}`);
}

/**
 * One field issue in words, by its reason code and params (electron/contract/issues.ts): the contract's
 * reasons and core's domain reasons are all under `validation.` in the catalogues. Never the server's text.
 */
export function issueText(t: TFunction, issue: FieldIssue, lang: IssueLang = i18next.language === 'en' ? 'en' : 'ro'): string {
  const params = issueParams(issue.params, lang);
  // a param naming another field (`dateOrder`: submittedOn) reads as that field's label
  if (params.field) {
    const key = auditFieldKey(params.field);
    if (isAuditField(key)) params.field = AUDIT_FIELD_LABELS[lang][key];
  }
  return t(`validation.${issue.reason}`, { ...params, defaultValue: '' }) || t('validation.custom');
}

/** `evidence.0.fileName` → ['evidence', 0, 'fileName'] for antd's form. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
