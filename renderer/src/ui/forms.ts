import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { FieldIssue } from '../../../electron/contract';
// from the issues' module alone, not the whole contract (its zod schemas): the sign-in screen needs only this
import { toFieldIssues } from '../../../electron/contract/issues';
import { fieldPath, issueText, toErrorData } from '../api/errors';

/** zod issues → the contract's FieldIssue list: the contract's one converter, the same the server uses. */
export const zodIssues = (error: z.ZodError): FieldIssue[] => toFieldIssues(error);

/**
 * Marks the named fields of a form with their issues. Returns the issues that did not match a field
 * in the form (to be shown in a message instead).
 */
export function markFieldErrors(form: FormInstance, t: TFunction, issues: FieldIssue[], fieldNames?: string[]): FieldIssue[] {
  const known = new Set(fieldNames ?? Object.keys(form.getFieldsValue(true) ?? {}));
  const unmatched: FieldIssue[] = [];
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const top = fieldPath(issue.field)[0];
    if (typeof top === 'string' && known.has(top)) {
      const list = byField.get(top) ?? [];
      list.push(issueText(t, issue));
      byField.set(top, list);
    } else unmatched.push(issue);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}

/**
 * Parses form values with the contract's schema (one rule, written once). On failure marks the fields
 * and returns null.
 */
export function parseWith<S extends z.ZodType>(schema: S, values: unknown, form: FormInstance, t: TFunction, fieldNames?: string[]): z.output<S> | null {
  const r = schema.safeParse(values);
  if (r.success) return r.data;
  markFieldErrors(form, t, zodIssues(r.error), fieldNames);
  return null;
}

/** When a server error is VALIDATION, mark the fields; true when it was handled that way completely. */
export function markServerError(form: FormInstance, t: TFunction, e: unknown, fieldNames?: string[]): boolean {
  const d = toErrorData(e);
  if (d.code !== 'VALIDATION' || !d.details?.issues?.length) return false;
  return markFieldErrors(form, t, d.details.issues, fieldNames).length === 0;
}
