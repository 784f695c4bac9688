import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { datasetsCommands } from '../../electron/cli/datasets';
import { encodeWith, tempDir } from './datasets-helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const FIXTURES = path.resolve('tests/fixtures/datasets');

/** The real command line: node bin/pla-desk.js … */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/pla-desk.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The command function with console captured (no process start). */
async function run(name: 'datasets validate' | 'datasets infer', values: Record<string, string | boolean | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  try {
    const code = await datasetsCommands[name].run(values);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

const simpleSchema = tmp.write(
  'simple.schema.json',
  JSON.stringify({
    fields: [
      { name: 'nr', type: 'integer' },
      { name: 'furnizor', type: 'string' },
      { name: 'valoare', type: 'number', decimalChar: ',', groupChar: '.' },
      { name: 'data', type: 'date', format: '%d.%m.%Y' },
    ],
    primaryKey: 'nr',
  }),
);

describe('pla-desk datasets validate', () => {
  it('exits 0 for a valid file, 1 for data errors, 2 for a file that cannot be read — through bin/pla-desk.js', () => {
    const good = tmp.write('good.csv', 'nr;furnizor;valoare;data\n1;Asociația „Timiș”;1.234,56;31.12.2023\n');
    const bad = tmp.write('bad.csv', 'nr;furnizor;valoare;data\n1;A;1,5;31.12.2023\n1;B;x;31.02.2023\n');
    const ok = cli('datasets', 'validate', '--file', good, '--schema', simpleSchema);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/Rezultat: VALID/);
    const fail = cli('datasets', 'validate', '--file', bad, '--schema', simpleSchema, '--json');
    expect(fail.code).toBe(1);
    const report = JSON.parse(fail.out);
    expect(report.valid).toBe(false);
    expect(report.stats).toMatchObject({ rows: 2, fields: 4, delimiter: ';', encoding: 'utf-8', errors: 3 });
    expect(typeof report.stats.seconds).toBe('number');
    expect(report.stats.bytes).toBe(fs.statSync(bad).size);
    for (const e of report.errors) expect(Object.keys(e)).toEqual(expect.arrayContaining(['type', 'rowNumber', 'fieldName', 'cell', 'message']));
    expect(report.errors.map((e: { type: string; rowNumber: number; fieldName: string; cell: string }) => [e.type, e.rowNumber, e.fieldName, e.cell])).toEqual([
      ['type-error', 3, 'valoare', 'x'],
      ['type-error', 3, 'data', '31.02.2023'],
      ['primary-key', 3, 'nr', '1'],
    ]);
    expect(report.errorCounts).toEqual({ 'type-error': 2, 'primary-key': 1 });
    const unreadable = cli('datasets', 'validate', '--file', tmp.write('empty.csv', ''), '--json');
    expect(unreadable.code).toBe(2);
    expect(JSON.parse(unreadable.out)).toMatchObject({ valid: false, fatal: true, errors: [{ type: 'source-error' }] });
  });

  it('reads a CSV without loading the database driver, ExcelJS or SSH (the command costs what the reading costs)', () => {
    const file = tmp.write('light.csv', 'a,b\n1,2\n');
    const report = path.join(tmp.dir, 'loaded.txt');
    // every CommonJS package the process loaded, written when it exits
    const hook = tmp.write(
      'loaded.cjs',
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, Object.keys(require.cache).filter((k) => k.includes('node_modules')).join('\\n')));`,
    );
    const r = spawnSync(process.execPath, ['--require', hook, 'bin/pla-desk.js', 'datasets', 'validate', '--file', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Rezultat: VALID');
    const loaded = fs.readFileSync(report, 'utf8');
    for (const pkg of ['better-sqlite3', 'exceljs', 'ssh2', 'ssh2-sftp-client', 'pg', 'archiver', 'unzipper'])
      expect(loaded).not.toMatch(new RegExp(`node_modules/${pkg}/`));
  });

  it('--json prints exactly one JSON object on stdout', async () => {
    const f = tmp.write('one.csv', 'a,b\n1,2\n');
    const r = await run('datasets validate', { file: f, json: true });
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.out)).toMatchObject({ valid: true, stats: { rows: 1, fields: 2 }, errors: [] });
  });

  it('bad arguments exit 2 with the usage: unknown encoding, missing --file, unreadable schema', () => {
    const f = tmp.write('args.csv', 'a\n1\n');
    const enc = cli('datasets', 'validate', '--file', f, '--encoding', 'latin1');
    expect(enc.code).toBe(2);
    expect(enc.err).toMatch(/--encoding must be auto or one of utf-8, windows-1250, iso-8859-2, iso-8859-16/);
    const nofile = cli('datasets', 'validate');
    expect(nofile.code).toBe(2);
    expect(nofile.err).toMatch(/--file is required/);
    const badSchema = cli('datasets', 'validate', '--file', f, '--schema', tmp.write('bad.schema.json', '{"fields":[{"name":"x","type":"colour"}]}'));
    expect(badSchema.code).toBe(2);
    expect(badSchema.err).toMatch(/--schema: field "x": type "colour" is not supported/);
  });

  it('the human report is Romanian-first: encoding with its evidence, errors by code, personal data', async () => {
    const f = tmp.write('cp1250.csv', encodeWith('windows-1250', 'nume;contact\nŞtefan „Ţuţu”;stefan@primariatm.ro\nAna;-\nAna;-\n'));
    const r = await run('datasets validate', { file: f, check: ['duplicate-row'] as unknown as string });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Fișier: cp1250\.csv — CSV, \d+ B, 3 rânduri, 2 câmpuri$/m);
    expect(r.out).toMatch(
      /^Codare: windows-1250 \(probabilă\) — nu este UTF-8; windows-1250 citește 0 litere românești, 3 litere cu sedilă, 2 semne de punctuație și 0 caractere improbabile \(scor 8, următoarea/m,
    );
    expect(r.out).toMatch(/^ {2}windows-1250 +scor +\d+: 0 litere românești, 3 cu sedilă \(ş ţ\), 2 semne, 0 caractere improbabile$/m);
    expect(r.out).toMatch(/^Separator: ";"$/m);
    expect(r.out).toMatch(/^Rezultat: INVALID — 1 eroare: Rând repetat 1/m);
    expect(r.out).toMatch(/^ {2}Rând repetat: Rândul 4 repetă întocmai rândul 3$/m);
    expect(r.out).not.toMatch(/Row at position|non-ASCII|duplicate-row/);
    expect(r.out).toMatch(/^ {2}câmpul „contact”: 1 e-mail/m);
  });

  it('without --schema a messy file is "valid, with N warnings to review": the columns mostly numbers, dates or true/false, mixed decimals and date formats', () => {
    const lines = ['nr,valoare,data'];
    for (let row = 2; row <= 41; row++)
      lines.push(`${row - 1},${[4, 17, 30, 31, 33].includes(row) ? 'xx' : row % 4 ? `${row}.5` : `"${row},5"`},${row % 5 ? '2024-03-01' : '01.03.2024'}`);
    const f = tmp.write('messy.csv', `${lines.join('\n')}\n`);
    const human = cli('datasets', 'validate', '--file', f);
    expect(human.code, human.err).toBe(0);
    expect(human.out).toMatch(/^Rezultat: VALID, cu 3 avertismente de verificat \(/m);
    expect(human.out).toMatch(/^ {2}coloana «valoare»: 87 % numere; 5 celule nu sunt numere: rândurile 4, 17, 30, 31, 33 \(de ex\. «xx», «xx», «xx»\)$/m);
    expect(human.out).toMatch(
      /^ {2}coloana «valoare»: numere scrise cu virgulă zecimală \(9 celule, prima în rândul 8\) și cu punct zecimal \(26 de celule, prima în rândul 2\)/m,
    );
    expect(human.out).toMatch(
      /^ {2}coloana «data»: date scrise în 2 formate — 2024-03-01 \(ISO\): 32 de celule \(prima în rândul 2\); 01\.03\.2024: 8 celule \(prima în rândul 5\)/m,
    );
    const json = cli('datasets', 'validate', '--file', f, '--json');
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out);
    expect(r).toMatchObject({ valid: true, stats: { rows: 40, fields: 3, errors: 0 }, errors: [] });
    expect(r.warnings.map((w: { code: string; fieldName: string }) => [w.code, w.fieldName])).toEqual([
      ['mostly-number', 'valoare'],
      ['mixed-decimal', 'valoare'],
      ['mixed-date-format', 'data'],
    ]);
    expect(r.warnings[0]).toMatchObject({
      params: { percent: 87, outliers: 5, rows: [4, 17, 30, 31, 33] },
      message: 'column "valoare": 87 % numbers; 5 cells are not numbers: rows 4, 17, 30, 31, 33 (e.g. "xx", "xx", "xx")',
    });
    expect(r.columns.find((c: { fieldName: string }) => c.fieldName === 'valoare')).toMatchObject({ type: 'string', cells: 40, fits: { number: 0.875 } });
  });

  it('--encoding overrides the detection', async () => {
    const f = tmp.write('force.csv', encodeWith('windows-1250', 'nume\nşcoală\n'));
    const r = await run('datasets validate', { file: f, encoding: 'iso-8859-16', json: true });
    expect(JSON.parse(r.out).encoding).toMatchObject({ encoding: 'iso-8859-16', method: 'user' });
  });

  it('a datapackage.json as --schema brings its reference tables (streets) for the foreign key', async () => {
    const dir = fs.mkdtempSync(path.join(tmp.dir, 'pkg-'));
    for (const f of ['datapackage.json', 'achizitii.schema.json', 'strazi.csv']) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
    const data = path.join(dir, 'achizitii.csv');
    fs.writeFileSync(data, 'nr;furnizor;valoare;data;strada\n1;Firma A;1.000,00;01.03.2024;10\n2;Firma B;-;02.03.2024;99\n');
    const r = await run('datasets validate', { file: data, schema: path.join(dir, 'datapackage.json'), json: true });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).errors.map((e: { type: string; rowNumber: number; cell: string }) => [e.type, e.rowNumber, e.cell])).toEqual([
      ['foreign-key', 3, '99'],
    ]);
  });
});

describe('pla-desk datasets validate without --schema (a schema inferred from the first 100 rows)', () => {
  /** 200 data rows of integers in `nr`; row `bad` (frictionless numbering: the header is row 1) holds `cell` instead. */
  const numbered = (name: string, bad?: { row: number; cell: string }) =>
    tmp.write(name, `nr;denumire\n${Array.from({ length: 200 }, (_, i) => `${bad?.row === i + 2 ? bad.cell : i + 1};Parcul ${i + 1}`).join('\n')}\n`);

  it('row 150 that breaks the integer column inferred from the sample: exit 1, a type-error, and --json says the schema was inferred', () => {
    const r = cli('datasets', 'validate', '--file', numbered('row150.csv', { row: 150, cell: '149a' }), '--json');
    expect(r.code, r.err).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({
      valid: false,
      inferred: true,
      sampleRows: 100,
      schema: {
        fields: [
          { name: 'nr', type: 'integer' },
          { name: 'denumire', type: 'string' },
        ],
      },
    });
    expect(report.errors.map((e: { type: string; rowNumber: number; fieldName: string; cell: string }) => [e.type, e.rowNumber, e.fieldName, e.cell])).toEqual([
      ['type-error', 150, 'nr', '149a'],
    ]);
    expect(report.stats).toMatchObject({ rows: 200, errors: 1 });
  });

  it('the same file without the bad row: exit 0, and the human report names the inferred schema', async () => {
    const f = numbered('fine.csv');
    expect(cli('datasets', 'validate', '--file', f).code).toBe(0);
    const r = await run('datasets validate', { file: f });
    expect(r.out).toMatch(
      /^Schemă: dedusă din primele 100 rânduri \(nu s-a dat --schema\), toate rândurile verificate după ea — nr integer, denumire string$/m,
    );
    expect(r.out).toMatch(/^Rezultat: VALID/m);
  });

  it('--sample-rows sets the sample; it cannot go with --schema', async () => {
    const r = await run('datasets validate', { file: numbered('s.csv', { row: 150, cell: '149a' }), 'sample-rows': '500', json: true });
    expect(JSON.parse(r.out)).toMatchObject({ inferred: true, sampleRows: 500, schema: { fields: [{ type: 'integer' }, { type: 'string' }] } });
    const both = cli('datasets', 'validate', '--file', numbered('both.csv'), '--schema', simpleSchema, '--sample-rows', '10');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--sample-rows .* cannot go with --schema/);
  });
});

describe('pla-desk datasets infer', () => {
  it('prints a Table Schema (JSON on stdout) that the same file then validates against', async () => {
    const f = tmp.write('infer.csv', 'nr;valoare;data\n1;1.234,5;31.12.2023\n2;7;01.01.2024\n');
    const r = await run('datasets infer', { file: f });
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out);
    expect(schema.fields).toEqual([
      { name: 'nr', type: 'integer' },
      { name: 'valoare', type: 'number', decimalChar: ',', groupChar: '.' },
      { name: 'data', type: 'date', format: '%d.%m.%Y' },
    ]);
    expect(r.err).toMatch(/Schemă dedusă din 2 rânduri/);
    const out = tmp.write('inferred.schema.json', r.out);
    expect((await run('datasets validate', { file: f, schema: out })).code).toBe(0);
  });

  it('exits 2 for a file that cannot be read', async () => {
    const r = await run('datasets infer', { file: tmp.write('bin.csv', Buffer.from([0, 1, 2, 3])) });
    expect(r.code).toBe(2);
    expect(r.err).toBe('pla-desk datasets infer: fișierul nu poate fi citit: Fișierul este binar (are octeți NUL sau de control), nu un text CSV');
  });
});
