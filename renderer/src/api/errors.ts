import type { TFunction } from 'i18next';
import type { ApiErrorData, FieldIssue } from '../../../electron/contract';
import { ApiError } from './client';

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

/** The contract's own refinement messages (electron/contract), each with its translation key. */
const MESSAGE_KEYS: [RegExp, string][] = [
  [/end date is before start date/, 'endBeforeStart'],
  [/not a real date|expected YYYY-MM-DD/, 'notADate'],
  [/ratio needs a denominator/, 'ratioDenominator'],
  [/ratio target is a percentage/, 'ratioTarget'],
  [/milestone target is 1/, 'milestoneTarget'],
  [/code such as A1$/, 'commitmentCode'],
  [/code such as A1\.2/, 'actionCode'],
  [/code such as I1/, 'indicatorCode'],
  [/letters, digits, dot, dash and underscore/, 'usernameChars'],
  [/must not contain a path/, 'fileName'],
  [/needs its parent action/, 'parentRequired'],
];

/** One field issue in words: the contract's known messages, then by reason, the server's message otherwise. */
export function issueText(t: TFunction, issue: FieldIssue): string {
  const known = MESSAGE_KEYS.find(([re]) => re.test(issue.message));
  const key = known ? `validation.${known[1]}` : `validation.${issue.reason}`;
  const translated = t(key, { defaultValue: '' });
  return translated || issue.message;
}

/** `evidence.0.fileName` → ['evidence', 0, 'fileName'] for antd's form. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
