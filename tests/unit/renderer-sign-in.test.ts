import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../../renderer/src/api/client';
import { loginErrorText } from '../../renderer/src/app/Login';
import { ro } from '../../renderer/src/i18n/ro';

/** t() over the Romanian resources, with {{name}} filled in. */
const t = ((key: string, opts?: Record<string, unknown>) => {
  const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), ro);
  return typeof v === 'string' ? v.replace(/\{\{(\w+)\}\}/g, (_, n: string) => String(opts?.[n])) : key;
}) as unknown as TFunction;

describe('what the sign-in form says when signing in fails', () => {
  it('a wrong user name or password, or a malformed one, is told plainly the same way', () => {
    expect(loginErrorText(t, new ApiError({ code: 'UNAUTHENTICATED', message: 'Invalid username or password' }))).toBe(
      'Utilizatorul sau parola nu sunt corecte.',
    );
    expect(loginErrorText(t, new ApiError({ code: 'VALIDATION', message: 'bad', details: { issues: [] } }))).toBe('Utilizatorul sau parola nu sunt corecte.');
  });

  it('an account locked after repeated failures says for how many minutes, rounded up, at least one', () => {
    const locked = (s: number) => new ApiError({ code: 'UNAUTHENTICATED', message: 'locked', details: { reason: 'locked', retryAfterSeconds: s } });
    expect(loginErrorText(t, locked(601))).toBe('Prea multe încercări greșite. Încercați din nou peste 11 minute.');
    expect(loginErrorText(t, locked(5))).toBe('Prea multe încercări greșite. Încercați din nou peste 1 minute.');
  });

  it('any other failure is told by its code, never by the server’s English text', () => {
    const text = loginErrorText(t, new ApiError({ code: 'INTERNAL', message: 'database is locked' }));
    expect(text).toBe(ro.errors.INTERNAL);
    expect(text).not.toContain('database');
  });
});
