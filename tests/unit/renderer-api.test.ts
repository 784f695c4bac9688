import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { TFunction } from 'i18next';
import { authQuery, bootstrapSession, TOKEN_KEY } from '../../renderer/src/api/session';
import { errorText, fieldPath, issueText, toErrorData } from '../../renderer/src/api/errors';
import { ApiError } from '../../renderer/src/api/client';
import { zodIssues } from '../../renderer/src/ui/forms';
import { badCellLines } from '../../renderer/src/ui/upload';
import { nextActionCode } from '../../renderer/src/features/plan/ActionForm';
import { auditChanges, auditFieldKey, formatAuditValue } from '../../renderer/src/features/admin/audit';
import { saveIndicatorInput } from '../../electron/contract';
import { ro } from '../../renderer/src/i18n/ro';

const memoryStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
};

/** A tiny t() over the Romanian resources, enough for the error helpers. */
const t = ((key: string, opts?: { defaultValue?: string }) => {
  const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), ro);
  return typeof v === 'string' ? v : (opts?.defaultValue ?? key);
}) as unknown as TFunction;

describe('browser session bootstrap', () => {
  it('keeps the token from the URL and removes it from the address bar; who is signed in is not kept in the page', () => {
    const storage = memoryStorage();
    const replaceUrl = vi.fn();
    const s = bootstrapSession({ href: 'http://127.0.0.1:5000/?token=abc_DEF-1#/indicators', storage, replaceUrl });
    expect(s).toEqual({ token: 'abc_DEF-1' });
    expect(replaceUrl).toHaveBeenCalledWith('/#/indicators');
    expect(storage.m.get(TOKEN_KEY)).toBe('abc_DEF-1');
    expect([...storage.m.keys()]).toEqual([TOKEN_KEY]);

    // A reload (no token in the URL) keeps it; the address bar is left alone.
    const again = bootstrapSession({ href: 'http://127.0.0.1:5000/#/', storage, replaceUrl });
    expect(again).toEqual({ token: 'abc_DEF-1' });
    expect(replaceUrl).toHaveBeenCalledTimes(1);
  });

  it('keeps other query parameters and builds the auth query for EventSource and downloads (token only: the session is a cookie)', () => {
    const replaceUrl = vi.fn();
    bootstrapSession({ href: 'http://127.0.0.1:5000/?a=1&token=x', storage: memoryStorage(), replaceUrl });
    expect(replaceUrl).toHaveBeenCalledWith('/?a=1');
    expect(authQuery({ token: 't k' })).toBe('token=t+k');
    expect(authQuery({ token: null })).toBe('');
  });
});

describe('errors in the UI language', () => {
  it('shows errors by code, never the raw server text alone', () => {
    expect(errorText(t, new ApiError({ code: 'CONFLICT', message: 'stale' }))).toBe('Altcineva a modificat între timp această înregistrare. Reîncărcați.');
    expect(errorText(t, { code: 'FORBIDDEN', message: 'no' })).toBe(ro.errors.FORBIDDEN);
    expect(errorText(t, { code: 'INTERNAL', message: 'x', details: { network: true } })).toBe(ro.errors.NETWORK);
    expect(errorText(t, new Error('boom'))).toBe(ro.errors.INTERNAL);
  });

  it('names the fields of a VALIDATION error', () => {
    const e = {
      code: 'VALIDATION' as const,
      message: 'bad',
      details: { issues: [{ field: 'target', reason: 'ratioTarget', message: 'a ratio target is a percentage (0–100)' }] },
    };
    expect(errorText(t, e)).toBe(`${ro.errors.VALIDATION} target: ${ro.validation.ratioTarget}`);
    // an unknown reason reads as the generic text, never the server's English
    expect(issueText(t, { field: 'x', reason: 'something_new', message: 'server says' })).toBe(ro.validation.custom);
    expect(issueText(t, { field: 'date', reason: 'future', message: 'a measurement cannot be dated in the future' })).toBe(ro.validation.future);
    expect(toErrorData(new ApiError(e)).details?.issues?.[0].field).toBe('target');
  });

  it('maps dotted fields to form paths', () => {
    expect(fieldPath('evidence.0.fileName')).toEqual(['evidence', 0, 'fileName']);
  });

  it('turns the contract schema issues into the same field issues as the server', () => {
    const r = saveIndicatorInput.safeParse({ commitmentId: '0190a0b0-0000-7000-8000-000000000000', code: 'X', name: '', type: 'ratio', target: 300 });
    expect(r.success).toBe(false);
    const issues = zodIssues((r as { error: z.ZodError }).error);
    const fields = issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name']));
    expect(issues.find((i) => i.field === 'name')?.reason).toBe('required');
  });
});

describe('small helpers', () => {
  it('suggests the next free action code', () => {
    expect(nextActionCode('A1', ['A1.1', 'A1.2', 'A1.2.1', 'A1.7'])).toBe('A1.8');
    expect(nextActionCode('A1.2', ['A1.1', 'A1.2', 'A1.2.1'])).toBe('A1.2.2');
    expect(nextActionCode('A5', [])).toBe('A5.1');
  });

  it('shows audit changes sorted, without secrets, values readable', () => {
    const ch = auditChanges({
      changes: {
        title: { before: 'a', after: 'b' },
        password_hash: { before: 'x', after: 'y' },
        id: { before: null, after: 'u' },
        action_id: { before: null, after: 'a' },
        indicatorId: { before: null, after: 'i' },
        updated_at: { before: 'a', after: 'b' },
        end_date: { before: null, after: '2026-11-27' },
      },
    });
    expect(ch.map((c) => c.field)).toEqual(['end_date', 'title']);
    expect(formatAuditValue('2026-11-27', 'ro')).toBe('27.11.2026');
    expect(formatAuditValue(1234.5, 'ro')).toBe('1.234,5');
    expect(formatAuditValue(null, 'ro')).toBe('—');
    expect(formatAuditValue(true, 'ro')).toBe('da');
    expect(auditChanges({ changes: null })).toEqual([]);
    expect(auditFieldKey('displayName')).toBe('display_name');
    expect(auditFieldKey('display_name')).toBe('display_name');
  });

  it("a refused workbook import lists one line per bad cell (sheet!column row: reason), else the error in the module's words", () => {
    const refused = new ApiError({
      code: 'VALIDATION',
      message: 'bad cells',
      details: { cells: [{ sheet: 'Riscuri', column: 'C', row: 4, message: 'probabilitatea lipsește' }] },
    });
    expect(badCellLines(refused, () => 'unused')).toEqual(['Riscuri!C 4: probabilitatea lipsește']);
    const other = new ApiError({ code: 'FORBIDDEN', message: 'no' });
    expect(badCellLines(other, (e) => `text of ${toErrorData(e).code}`)).toEqual(['text of FORBIDDEN']);
  });
});
