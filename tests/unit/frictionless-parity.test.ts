import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { datasetsCommands } from '../../electron/cli/datasets';
import type { Report } from '../../electron/core/datasets/validate';

/**
 * The comparison with frictionless-py 5.19 on its own test files (tests/fixtures/frictionless: the files, their MIT
 * licence, and expected.json — what frictionless-py reports for each case, recorded from its tests and code; see the
 * README there). Each case runs `pla-desk datasets validate --json` as a user would and must agree on the valid flag
 * and every error's type, row, field position and field name. The table of cases is printed at the end.
 */

const DIR = path.resolve('tests/fixtures/frictionless');

interface Expected {
  type: string;
  rowNumber: number | null;
  fieldNumber: number | null;
  fieldName: string | null;
  rowNumbers?: number[];
}
interface Case {
  name: string;
  file: string;
  schema?: string;
  dialect?: string;
  checks?: string[];
  valid: boolean;
  rows?: number;
  header?: string[];
  errors: Expected[];
  source: string;
}
const { cases } = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as { cases: Case[] };

const ROW_ERRORS = new Set(['blank-row', 'primary-key', 'foreign-key', 'duplicate-row']);
const LABEL_ERRORS = new Set(['blank-label', 'duplicate-label', 'extra-label', 'missing-label', 'incorrect-label']);

/** One error as compared: label errors by their header row, field names only where frictionless gives one. */
function key(e: Expected): string {
  const row = LABEL_ERRORS.has(e.type) ? (e.rowNumbers?.[0] ?? e.rowNumber) : e.rowNumber;
  const name = ROW_ERRORS.has(e.type) ? '-' : e.fieldName || '';
  return `${e.type} row ${row} field ${e.fieldNumber} "${name}"`;
}

async function validate(c: Case): Promise<{ code: number; report: Report }> {
  const values: Record<string, unknown> = { file: path.join(DIR, c.file), json: true };
  if (c.schema) values.schema = path.join(DIR, c.schema);
  if (c.dialect) values.dialect = path.join(DIR, c.dialect);
  if (c.checks) values.check = c.checks;
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  try {
    const code = await datasetsCommands['datasets validate'].run(values as Record<string, string | boolean | undefined>);
    return { code, report: JSON.parse(out.join('\n')) as Report };
  } finally {
    log.mockRestore();
  }
}

const table: string[][] = [];
afterAll(() => {
  const agree = table.filter((r) => r[1] === 'agrees').length;
  console.log(
    `frictionless-py 5.19 comparison: ${table.length} cases, ${agree} agree, ${table.length - agree} differ\n${table.map((r) => `  ${r[1].padEnd(7)} ${r[0]}${r[2] ? ` — ${r[2]}` : ''}`).join('\n')}`,
  );
});

describe('datasets validate agrees with frictionless-py 5.19 on its own test files', () => {
  it('the fixtures are there with their licence and the note of how the expectations were recorded', () => {
    expect(fs.readFileSync(path.join(DIR, 'LICENSE.md'), 'utf8')).toMatch(/MIT License/);
    expect(fs.readFileSync(path.join(DIR, 'README.md'), 'utf8')).toMatch(/5\.19\.0/);
    expect(cases.length).toBeGreaterThanOrEqual(38);
  });

  for (const c of cases)
    it(`${c.name} (${c.source.split('::').pop()})`, async () => {
      const { code, report } = await validate(c);
      const got = report.errors.map((e) => key(e as Expected)).sort();
      const want = c.errors.map(key).sort();
      const diff = [...want.filter((k) => !got.includes(k)).map((k) => `missing ${k}`), ...got.filter((k) => !want.includes(k)).map((k) => `extra ${k}`)];
      if (report.valid !== c.valid) diff.push(`valid ${report.valid}, frictionless ${c.valid}`);
      if (c.rows !== undefined && report.stats.rows !== c.rows) diff.push(`${report.stats.rows} rows, frictionless ${c.rows}`);
      if (c.header && JSON.stringify(report.header) !== JSON.stringify(c.header))
        diff.push(`header ${JSON.stringify(report.header)}, frictionless ${JSON.stringify(c.header)}`);
      table.push([c.name, diff.length ? 'DIFFERS' : 'agrees', diff.join('; ')]);
      expect(got).toEqual(want);
      expect(report.valid).toBe(c.valid);
      expect(code).toBe(c.valid ? 0 : 1);
      if (c.rows !== undefined) expect(report.stats.rows).toBe(c.rows);
      if (c.header) expect(report.header).toEqual(c.header);
    });
});
