/**
 * One way to say an error: every zod failure (in core's dispatcher, in main's IPC check, in the renderer's
 * forms, in the CLI) becomes the same list of field issues through `toFieldIssues`. An issue carries a
 * reason code and its parameters, never English text for a reader to guess from; the texts for each code
 * are in `ISSUE_TEXT` (Romanian and English), which the renderer's catalogues mount under `validation.`
 * and the CLI prints.
 *
 * How a contract check says why it failed:
 * - a zod check with our own reason: `.regex(re, because('commitmentCode'))`, `.refine(fn, because('notADate'))`;
 * - a cross-field rule in `superRefine`: `ctx.addIssue(issue(['endDate'], 'endBeforeStart'))`, with params
 *   when the text names a value (`issue(path, 'usedTwice', { value: key })`);
 * - zod's own checks (min, max, enum …) need nothing: their code and limits become the reason and params.
 */
import type { z } from 'zod';
import type { FieldIssue } from './errors';
import { ISSUE_TEXT } from './issue-text';

/** The contract's own reasons (each has a text in both languages: a missing one fails the typecheck). */
export const ISSUE_CODES = [
  'mimeType',
  'eligibilityItems',
  // shared
  'notADate',
  'endBeforeStart',
  'fileName',
  'wholeBani',
  'negativeAmount',
  'percentRange',
  'usedTwice',
  'httpUrl',
  'httpsUrl',
  'xlsxFile',
  'sessionOrNew',
  'noCnp',
  'email',
  // admin
  'usernameChars',
  // plan
  'commitmentCode',
  'actionCode',
  'indicatorCode',
  'ratioDenominator',
  'ratioTarget',
  'milestoneTarget',
  // risks
  'riskCode',
  'residualBoth',
  // budgeting
  'codeChars',
  'scaleMax',
  'minimumOnScale',
  'anchorOnScale',
  'rubricCriterion',
  'twoEvaluators',
  'appealsFundAboveBudget',
  'appealsFundGrantOnly',
  'phaseEndsBeforeStart',
  'zonesAboveBudget',
  'capAboveBudget',
  'grantByScore',
  'grantScoreForGrants',
  'latitude',
  'longitude',
  'allCriteria',
  'failedCriterionReason',
  'rejectionReason',
  'deadlineBeforeLodged',
  'decisionDateRequired',
  'decisionBeforeLodged',
  'progressRange',
  'paidAboveCommitted',
  'completedOnOnlyCompleted',
  'amountPositive',
  'trancheRequired',
  // datasets
  'invalidPattern',
  'notAField',
  'foreignKeyArity',
  'columnsRequired',
  'scoreRange',
  'portalName',
  // funding
  'deadlineBeforeOpening',
  'maxGrantBelowMin',
  'maxGrantAboveBudget',
  'totalMismatch',
  'dateOrder',
  // publishing
  'siteUrl',
  'noNul',
  'hostName',
  'userName',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Reasons derived from zod's own checks. */
export const ZOD_REASONS = [
  'required',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'too_small',
  'too_big',
  'not_integer',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'unrecognized_keys',
  'custom',
] as const;
export type ZodReason = (typeof ZOD_REASONS)[number];

const CODES = new Set<string>(ISSUE_CODES);
export const isIssueCode = (s: string): s is IssueCode => CODES.has(s);

/** The message of a zod check that fails for one of our reasons (read back by `toFieldIssues`). */
export const because = (code: IssueCode) => code;

/** A custom issue for `ctx.addIssue` in a superRefine. */
export function issue(path: PropertyKey[], code: IssueCode, params: Record<string, string | number> = {}) {
  return { code: 'custom' as const, path, message: code, params: { ...params, code } };
}

type AnyIssue = z.core.$ZodIssue & { params?: Record<string, unknown>; input?: unknown };

function reasonOf(i: AnyIssue): { reason: string; params?: FieldIssue['params'] } {
  const own = typeof i.params?.code === 'string' ? i.params.code : isIssueCode(i.message) ? i.message : null;
  if (own) {
    const { code: _code, ...rest } = i.params ?? {};
    void _code;
    return Object.keys(rest).length ? { reason: own, params: rest as FieldIssue['params'] } : { reason: own };
  }
  switch (i.code) {
    case 'too_small': {
      const min = Number(i.minimum);
      if (i.origin === 'string') return min <= 1 ? { reason: 'required' } : { reason: 'too_short', params: { minimum: min } };
      if (i.origin === 'array' || i.origin === 'set') return { reason: 'too_few', params: { minimum: min } };
      return { reason: 'too_small', params: { minimum: min } };
    }
    case 'too_big': {
      const max = Number(i.maximum);
      if (i.origin === 'string') return { reason: 'too_long', params: { maximum: max } };
      if (i.origin === 'array' || i.origin === 'set') return { reason: 'too_many', params: { maximum: max } };
      return { reason: 'too_big', params: { maximum: max } };
    }
    case 'invalid_type':
      if (i.expected === 'int') return { reason: 'not_integer' };
      // zod reports the input only when asked; a missing value is the common case in forms and CLI flags
      return !('input' in i) || i.input === undefined ? { reason: 'required' } : { reason: 'invalid_type' };
    case 'invalid_value':
      return { reason: 'invalid_value', params: { values: i.values.map(String).join(', ') } };
    case 'invalid_format':
      return i.format === 'email' ? { reason: 'email' } : { reason: 'invalid_format' };
    case 'unrecognized_keys':
      return { reason: 'unrecognized_keys', params: { keys: i.keys.join(', ') } };
    case 'invalid_union':
      return { reason: 'invalid_value' };
    default:
      return { reason: 'custom' };
  }
}

/** The field of an issue about the input as a whole (an unknown key, a missing object). */
export const WHOLE_INPUT = '(input)';

/** zod issues → the contract's field issues: dotted field, reason code, params (and zod's text for logs only). */
export function toFieldIssues(error: Pick<z.ZodError, 'issues'>): FieldIssue[] {
  return error.issues.map((i) => {
    const r = reasonOf(i as AnyIssue);
    // the log text: our reason's English words, or zod's own message for its checks
    const message = isIssueCode(r.reason) ? fillIssueText(ISSUE_TEXT.en[r.reason], r.params, 'en') : i.message;
    return { field: i.path.map(String).join('.') || WHOLE_INPUT, ...r, message };
  });
}

export type IssueLang = 'ro' | 'en';

/** A reason's text with its params filled in (numbers in the language's format). */
export function fillIssueText(template: string, params: FieldIssue['params'], lang: IssueLang): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    const v = params?.[k];
    if (v == null) return '';
    return typeof v === 'number' ? v.toLocaleString(lang === 'ro' ? 'ro-RO' : 'en-GB') : String(v);
  });
}

/** Params with numbers formatted for the language (for i18next, which interpolates them as given). */
export function issueParams(params: FieldIssue['params'], lang: IssueLang): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString(lang === 'ro' ? 'ro-RO' : 'en-GB') : String(v)]),
  );
}
