import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { count, snapshot, tempDir } from './helpers';

const BIN = path.resolve('bin/pla-desk.js');
function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('pla-desk CLI', () => {
  it('prints help for every command', async () => {
    for (const c of [[], ['init'], ['user', 'add'], ['plan', 'export'], ['backup'], ['restore']]) {
      const r = cli([...c, '--help']);
      expect(r.code, c.join(' ')).toBe(0);
      expect(r.out).toMatch(/Usage: pla-desk/);
    }
  });

  it('init creates the database with the seed; running it twice changes nothing', async () => {
    const dir = path.join(tempDir(), 'data');
    const first = cli(['init', '--data-dir', dir]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('4 angajamente');
    const before = await snapshot(dir);
    expect(cli(['init', '--data-dir', dir]).code).toBe(0);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('adds a user with the password from stdin, and refuses bad arguments in one line', async () => {
    const dir = path.join(tempDir(), 'data');
    const ok = cli(['user', 'add', '--data-dir', dir, '--username', 'coord', '--role', 'coordinator', '--password-stdin'], 'parola-sigura-123\n');
    expect(ok.code).toBe(0);
    expect(await count(dir, 'users')).toBe(1);
    const cases: Array<[string[], string | undefined, RegExp]> = [
      [['user', 'add', '--data-dir', dir, '--username', 'x1', '--role', 'boss', '--password-stdin'], 'parola-sigura-123', /--role must be one of/],
      [['user', 'add', '--data-dir', dir, '--username', 'x2', '--role', 'member'], undefined, /--password-stdin is required/],
      [['user', 'add', '--data-dir', dir, '--username', 'x3', '--role', 'member', '--password-stdin'], 'scurta', /password/],
      [['user', 'add', '--data-dir', dir, '--username', 'coord', '--role', 'member', '--password-stdin'], 'parola-sigura-123', /already exists/],
      [['user', 'add', '--data-dir', dir, '--username', 'x4', '--role', 'member', '--password-stdin', '--bogus'], 'parola-sigura-123', /Unknown option/],
      [['frobnicate'], undefined, /unknown command/],
    ];
    for (const [args, input, message] of cases) {
      const r = cli(args, input);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    }
    expect(await count(dir, 'users')).toBe(1);
  });

  it('exports the plan to an Excel workbook', async () => {
    const root = tempDir();
    const dir = path.join(root, 'data');
    expect(cli(['init', '--data-dir', dir]).code).toBe(0);
    const out = path.join(root, 'plan.xlsx');
    const r = cli(['plan', 'export', '--data-dir', dir, '--out', out]);
    expect(r.code, r.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Angajamente', 'Acțiuni', 'Indicatori', 'Actualizări']));
    expect(wb.getWorksheet('Angajamente')!.getCell('B2').value).toBe('Creșterea gradului de implicare civică');
    expect(cli(['plan', 'export', '--data-dir', path.join(root, 'none'), '--out', out]).err).toMatch(/no database/);
    expect(cli(['plan', 'export', '--data-dir', dir, '--out', path.join(root, 'plan.csv')]).err).toMatch(/\.xlsx/);
  });

  it('backs up and restores, refusing a damaged backup without touching the live database', async () => {
    const root = tempDir();
    const dir = path.join(root, 'data');
    cli(['init', '--data-dir', dir]);
    cli(['user', 'add', '--data-dir', dir, '--username', 'coord', '--role', 'coordinator', '--password-stdin'], 'parola-sigura-123');
    const backup = path.join(root, 'copie.db');
    const b = cli(['backup', '--data-dir', dir, '--out', backup]);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toContain('integrity ok');
    cli(['user', 'add', '--data-dir', dir, '--username', 'later', '--role', 'member', '--password-stdin'], 'parola-sigura-123');
    expect(await count(dir, 'users')).toBe(2);

    const damaged = path.join(root, 'damaged.db');
    const bytes = fs.readFileSync(backup);
    bytes.fill(0x41, 4096, 12_288);
    fs.writeFileSync(damaged, bytes);
    const notDb = path.join(root, 'note.txt');
    fs.writeFileSync(notDb, 'nu este o bază de date');
    for (const bad of [damaged, notDb]) {
      const r = cli(['restore', '--data-dir', dir, '--from', bad]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/refused/);
      expect(await count(dir, 'users')).toBe(2);
    }
    const missing = cli(['restore', '--data-dir', dir, '--from', path.join(root, 'nope.db')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/file not found/);

    const ok = cli(['restore', '--data-dir', dir, '--from', backup]);
    expect(ok.code, ok.err).toBe(0);
    expect(await count(dir, 'users')).toBe(1);
    expect(fs.readdirSync(path.join(dir, 'backups')).some((f) => f.startsWith('before-restore-'))).toBe(true);
  });

  it('refuses to restore while the app holds the data folder', async () => {
    const root = tempDir();
    const dir = path.join(root, 'data');
    cli(['init', '--data-dir', dir]);
    const backup = path.join(root, 'copie.db');
    cli(['backup', '--data-dir', dir, '--out', backup]);
    fs.writeFileSync(path.join(dir, 'pla-desk.lock'), String(process.pid));
    const r = cli(['restore', '--data-dir', dir, '--from', backup]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PLA Desk rulează deja pe acest dosar de date .*nimic nu a fost schimbat/);
  });
});
