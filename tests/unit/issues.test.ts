/**
 * One way to say an error (issue 17 §2, issue 11 §4): every zod failure becomes field issues with a reason
 * code and params through the contract's one converter, and every reason reads in Romanian and English.
 */
import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ISSUE_CODES,
  ISSUE_TEXT,
  ZOD_REASONS,
  contract,
  fillIssueText,
  saveCampaignInput,
  saveCommitmentInput,
  saveIndicatorInput,
  toFieldIssues,
  type FieldIssue,
} from '../../electron/contract';
import { issueText } from '../../renderer/src/api/errors';
import { zodIssues } from '../../renderer/src/ui/forms';
import { validationFailure } from '../../electron/main/ipc-dispatch';
import { zodToAppError } from '../../electron/core';
import { ro } from '../../renderer/src/i18n/ro';
import { en } from '../../renderer/src/i18n/en';

const issuesOf = (schema: z.ZodType, input: unknown): FieldIssue[] => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return toFieldIssues(r.error);
};

const saveUser = contract['admin.saveUser'].input;
const A1 = '0190a0b0-0000-7000-8000-000000000001';

describe('contract validation issues carry a code and params, never English text to guess from', () => {
  it('a cross-field rule gives its own code', () => {
    const issues = issuesOf(saveCommitmentInput, { code: 'A9', title: 'T', startDate: '2026-05-01', endDate: '2026-01-01' });
    expect(issues).toContainEqual(expect.objectContaining({ field: 'endDate', reason: 'endBeforeStart' }));
  });

  it("zod's limits become params: a text too long names its maximum", () => {
    const issues = issuesOf(saveIndicatorInput, { commitmentId: A1, code: 'I1', name: 'x'.repeat(600), type: 'cumulative', target: 3 });
    const long = issues.find((i) => i.field === 'name');
    expect(long).toMatchObject({ reason: 'too_long', params: { maximum: expect.any(Number) } });
  });

  it('a user name too short is too_short with its minimum; a missing value is required', () => {
    const issues = issuesOf(saveUser, { username: 'ab', role: 'coordinator' });
    expect(issues).toContainEqual(expect.objectContaining({ field: 'username', reason: 'too_short', params: { minimum: 3 } }));
    expect(issues).toContainEqual(expect.objectContaining({ field: 'displayName', reason: 'required' }));
  });

  it("the budgeting campaign's custom rules each give a code, with the repeated value as a param", () => {
    const base = saveCampaignInput.safeParse({});
    expect(base.success).toBe(false);
    const r = saveCampaignInput.safeParse({
      kind: 'pb',
      name: 'PB 2026',
      year: 2026,
      totalBudget: 100,
      appealsFund: 200,
      capPerProject: 500,
      winnerRule: 'grant_score',
      zones: [
        { code: 'Z1', name: 'Zona 1', budget: 80 },
        { code: 'z1', name: 'Zona 1 bis', budget: 80 },
      ],
      phases: [{ kind: 'vote', startsOn: '2026-05-10', endsOn: '2026-05-01' }],
      rubric: { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }], overallMinimum: null },
    });
    expect(r.success).toBe(false);
    const reasons = toFieldIssues((r as { error: z.ZodError }).error).map((i) => [i.field, i.reason, i.params?.value]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['appealsFund', 'appealsFundAboveBudget', undefined],
        ['appealsFund', 'appealsFundGrantOnly', undefined],
        ['phases.0.endsOn', 'phaseEndsBeforeStart', undefined],
        ['zones.1.code', 'usedTwice', 'z1'],
        ['zones', 'zonesAboveBudget', undefined],
        ['capPerProject', 'capAboveBudget', undefined],
        ['winnerRule', 'grantScoreForGrants', undefined],
      ]),
    );
  });

  it('core, the IPC check and the renderer forms give the same issues (one converter)', () => {
    const r = saveUser.safeParse({ username: 'a b', displayName: 'A', role: 'boss', password: 'short' });
    expect(r.success).toBe(false);
    const error = (r as { error: z.ZodError }).error;
    const fromCore = zodToAppError(error).details?.issues;
    const fromIpc = (validationFailure(error) as { error: { details: { issues: FieldIssue[] } } }).error.details.issues;
    expect(fromCore).toEqual(toFieldIssues(error));
    expect(fromIpc).toEqual(toFieldIssues(error));
    expect(zodIssues(error)).toEqual(toFieldIssues(error));
    expect(fromCore?.map((i) => i.reason)).toEqual(expect.arrayContaining(['usernameChars', 'invalid_value', 'too_short']));
  });

  it('no contract check carries an English message: every message argument is a code', () => {
    const dir = path.join(__dirname, '../../electron/contract');
    const offenders: string[] = [];
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts') && !['issues.ts', 'issue-text.ts', 'errors.ts'].includes(n))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      // message: 'text' / message: `text`, and a check's second argument given as a literal sentence
      for (const m of src.matchAll(
        /message:\s*['`][^'`]*['`]|\.(?:refine|regex|min|max|int|length|positive|email)\([^()]*(?:\([^()]*\))?[^()]*,?\s*['`][a-z][^'`]* [^'`]*['`]\)/g,
      ))
        offenders.push(`${f}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });
});

describe('every reason reads in both languages', () => {
  it('each code of the contract and each zod reason has a Romanian and an English text, mounted under validation.', () => {
    for (const code of [...ISSUE_CODES, ...ZOD_REASONS]) {
      expect(ISSUE_TEXT.ro[code], code).toBeTruthy();
      expect(ISSUE_TEXT.en[code], code).toBeTruthy();
      expect((ro.validation as Record<string, string>)[code]).toBe(ISSUE_TEXT.ro[code]);
      expect((en.validation as Record<string, string>)[code]).toBe(ISSUE_TEXT.en[code]);
    }
  });

  it('the renderer translates codes with their params, numbers in the ro-RO format', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'ro', resources: { ro: { translation: ro }, en: { translation: en } }, interpolation: { escapeValue: false } });
    const long: FieldIssue = {
      field: 'description',
      reason: 'too_long',
      params: { maximum: 20000 },
      message: 'Too big: expected string to have <=20000 characters',
    };
    expect(issueText(i18n.t, long, 'ro')).toBe('Textul este prea lung; numărul maxim de caractere: 20.000.');
    expect(issueText(i18n.t, { field: 'zones.1.code', reason: 'usedTwice', params: { value: 'Z1' }, message: '' }, 'ro')).toBe(
      'Valoarea «Z1» apare de două ori.',
    );
    expect(issueText(i18n.t, { field: 'x', reason: 'endBeforeStart', message: 'end date is before start date' }, 'ro')).toBe(ro.validation.endBeforeStart);
    // a param naming another field reads as that field's label, not its identifier
    expect(issueText(i18n.t, { field: 'decisionOn', reason: 'dateOrder', params: { field: 'submittedOn' }, message: '' }, 'ro')).toBe(
      'Această dată este înaintea datei «Depus la», care o precedă în fluxul cererii.',
    );
    await i18n.changeLanguage('en');
    expect(issueText(i18n.t, long, 'en')).toBe('Too long; the maximum number of characters is 20,000.');
  });

  it("every reason core's services give (validationError) has words in both languages", () => {
    const reasons = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/validationError\(\s*'[^']*',\s*'([^']+)'/g)) reasons.add(m[1]);
      }
    };
    walk(path.join(__dirname, '../../electron/core'));
    expect(reasons.size).toBeGreaterThan(50);
    const ro = ISSUE_TEXT.ro as Record<string, string>;
    const en = ISSUE_TEXT.en as Record<string, string>;
    expect([...reasons].filter((r) => !ro[r] || !en[r])).toEqual([]);
  });

  it('the CLI fills the same texts', () => {
    expect(fillIssueText(ISSUE_TEXT.ro.too_short, { minimum: 3 }, 'ro')).toBe('Textul este prea scurt; numărul minim de caractere: 3.');
  });
});
