import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { compileSchema, SchemaError } from '../../electron/core/datasets/validate';
import { patternRisk } from '../../electron/core/datasets/validate/pattern';
import { encodeIso16, tempDir } from './datasets-helpers';

/**
 * Hostile schemas and packages (issue 14, "Hostile input"): none may hang the validator or crash it as if the data
 * were at fault. Each is refused before any row is read, exit code 2, with a message that says what to change.
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The real command line, killed after 60 s (a hang fails the test instead of blocking it: ^(a+)+$ on 41 characters takes hours). */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/pla-desk.js', 'datasets', 'validate', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}
const json = (name: string, v: unknown) => tmp.write(name, JSON.stringify(v));

describe('hostile schemas are refused, exit 2, before any row is read', () => {
  it('a catastrophic pattern such as ^(a+)+$ against a 40-character cell: refused at once, naming the group, instead of hanging', { timeout: 90_000 }, () => {
    const data = tmp.write('a.csv', `cod\n${'a'.repeat(40)}!\n`);
    const schema = json('redos.schema.json', { fields: [{ name: 'cod', constraints: { pattern: '^(a+)+$' } }] });
    const r = cli('--file', data, '--schema', schema);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /--schema: field "cod": the pattern "\^\(a\+\)\+\$" is refused: it repeats the group "\(a\+\)\+", which itself repeats a variable number of times/,
    );
  });

  it('the patterns refused and those that run: no backreference, lookaround or repeated group holding a variable repetition or alternatives', () => {
    for (const p of ['^(a+)+$', '(a|aa)*', '(\\d+,?)+', '(a?){40}', '((a|b))+', '(.)\\1', '(?<x>a)\\k<x>', '(?=a)a', '(?<!a)b', '( .+)*'])
      expect(patternRisk(p), p).not.toBeNull();
    for (const p of [
      '^[A-Z]{2}\\d+$',
      '(\\d{3}\\.)+',
      '\\S(.*\\S)?',
      '(\\+40|0)7\\d{8}',
      '^(RO)?\\d{2,10}$',
      '\\p{L}+( \\p{L}+)*',
      '(-[a-z]+)*',
      '[(a+)+]',
      '(ab){2,3}',
      '(?<an>\\d{4})-(?:\\d{2})',
    ])
      expect(patternRisk(p), p).toBeNull();
    expect(() => compileSchema({ fields: [{ name: 'x', constraints: { pattern: '(a)\\1' } }] })).toThrow(SchemaError);
  });

  it('deeply nested JSON in an enum: exit 2 with a clear message, not "Maximum call stack size exceeded" and exit 1', () => {
    const depth = 100_000;
    const schema = tmp.write('deep.schema.json', `{"fields":[{"name":"a","constraints":{"enum":[${'['.repeat(depth)}${']'.repeat(depth)}]}}]}`);
    const r = cli('--file', tmp.write('deep.csv', 'a\nx\n'), '--schema', schema);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--schema: deep\.schema\.json nests JSON more than 64 levels deep/);
    expect(r.err).not.toMatch(/call stack/);
  });

  it('a schema file in ISO-8859-16 is refused naming the encoding, instead of false label errors', () => {
    const schema = tmp.write('iso16.schema.json', encodeIso16('{"fields":[{"name":"stradă"},{"name":"oraș"}]}'));
    const r = cli('--file', tmp.write('iso16.csv', 'stradă,oraș\nx,Timișoara\n'), '--schema', schema);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /--schema: iso16\.schema\.json is not UTF-8: its bytes look like iso-8859-16 \(it reads 2 Romanian letters there; other candidates: windows-1250, iso-8859-2\); save it as UTF-8/,
    );
    expect(r.out).not.toMatch(/Etichetă greșită|incorrect-label/);
  });

  it('a foreign key to a resource that is missing is a schema problem: exit 2, naming the resource (a lone Table Schema and a package)', () => {
    const data = tmp.write('fk.csv', 'strada\nS1\n');
    const fk = { fields: [{ name: 'strada' }], foreignKeys: [{ fields: 'strada', reference: { resource: 'strazi', fields: 'cod' } }] };
    const alone = cli('--file', data, '--schema', json('fk.schema.json', fk));
    expect(alone.code).toBe(2);
    expect(alone.err).toMatch(/--schema: the foreign key \(strada\) refers to the resource "strazi"; a Table Schema alone cannot supply it/);
    const pkg = json('datapackage.json', {
      resources: [
        { name: 'fk', path: 'fk.csv', schema: fk },
        { name: 'cartiere', path: 'cartiere.csv' },
      ],
    });
    const inPkg = cli('--file', data, '--schema', pkg);
    expect(inPkg.code).toBe(2);
    expect(inPkg.err).toMatch(/--schema: the foreign key \(strada\) refers to the resource "strazi", which the data package does not have/);
    const noFile = cli(
      '--file',
      data,
      '--schema',
      json('datapackage2.json', {
        resources: [
          { name: 'fk', path: 'fk.csv', schema: fk },
          { name: 'strazi', path: 'lipsa.csv' },
        ],
      }),
    );
    expect(noFile.code).toBe(2);
    expect(noFile.err).toMatch(/refers to the resource "strazi", whose file .*lipsa\.csv does not exist/);
  });
});
