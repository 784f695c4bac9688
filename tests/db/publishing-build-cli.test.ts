import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, tempDir } from './helpers';

/** `pla-desk site build` and `site settings` from the command line: what a script or a scheduled task runs. */

const BIN = path.resolve('bin/pla-desk.js');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('pla-desk site build', () => {
  it('refuses without the feedback e-mail (exit 1, one line, nothing written), then builds into --out and replaces its own previous build', async () => {
    const dir = path.join(tempDir(), 'data');
    expect(cli(['init', '--data-dir', dir]).code).toBe(0);
    const out = path.join(tempDir(), 'site');
    const before = await snapshot(dir);
    const refused = cli(['site', 'build', '--data-dir', dir, '--out', out, '--date', '2026-11-27']);
    expect(refused.code).toBe(1);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
    expect(refused.err).toMatch(/contactEmail: set the feedback e-mail/);
    expect(fs.existsSync(out)).toBe(false);
    expect(await snapshot(dir)).toEqual(before);

    const set = cli(['site', 'settings', '--data-dir', dir, '--contact-email', 'transparenta@primariatm.example', '--risk-summary', 'yes']);
    expect(set.code).toBe(0);
    expect(set.out).toContain('contact e-mail: transparenta@primariatm.example');
    expect(set.out).toContain('risk summary:  yes');

    const built = cli(['site', 'build', '--data-dir', dir, '--out', out, '--date', '2026-11-27']);
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/^Site built in .+: \d+ pages, \d+ files/);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('27 noiembrie 2026');
    expect(fs.existsSync(path.join(out, 'riscuri.html'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'catalog.jsonld'))).toBe(true);

    // A stray file in the previous build is gone after the next: the folder is replaced whole.
    fs.writeFileSync(path.join(out, 'old-page.html'), 'x');
    expect(cli(['site', 'build', '--data-dir', dir, '--out', out, '--date', '2026-11-28']).code).toBe(0);
    expect(fs.existsSync(path.join(out, 'old-page.html'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('28 noiembrie 2026');
  });

  it('refuses bad arguments with exit 2 and never overwrites a folder that is not a site', async () => {
    const dir = path.join(tempDir(), 'data');
    expect(cli(['init', '--data-dir', dir]).code).toBe(0);
    const other = tempDir();
    fs.writeFileSync(path.join(other, 'important.docx'), 'keep me');
    const cases: Array<[string[], RegExp]> = [
      [['site', 'build', '--data-dir', dir], /--out is required/],
      [['site', 'build', '--data-dir', dir, '--out', other], /neither empty nor a site built by pla-desk/],
      [['site', 'build', '--data-dir', dir, '--out', path.join(tempDir(), 'x'), '--date', '27.11.2026'], /--date must be YYYY-MM-DD/],
      [['site', 'build', '--data-dir', dir, '--out', path.join(tempDir(), 'missing', 'x')], /folder does not exist/],
      [['site', 'settings', '--data-dir', dir, '--risk-summary', 'maybe'], /--risk-summary must be yes or no/],
      [['site', 'build', '--data-dir', dir, '--bogus'], /Unknown option/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
    }
    expect(fs.readdirSync(other)).toEqual(['important.docx']);
    const badMail = cli(['site', 'settings', '--data-dir', dir, '--contact-email', 'nu-e-adresa']);
    expect(badMail.code).toBe(1);
    expect(badMail.err).toMatch(/contactEmail: Not an e-mail address/);
  });

  it('prints its help', async () => {
    for (const c of [
      ['site', 'build'],
      ['site', 'settings'],
    ]) {
      const r = cli([...c, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Usage: pla-desk site/);
    }
  });
});
