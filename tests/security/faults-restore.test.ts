import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createCore, headlessPlatform } from '../../electron/core';
import { acquireLock, acquireRestoreLock, lockPath, restoreLockPath, writersDir } from '../../electron/core/admin/lock';
import { count, peek, tempDir } from '../db/helpers';

/**
 * Restore during an import (finding 5) lost the import, and the import still printed "created 3000", exit 0:
 * the CLI held no lock, so restore saw nobody. Now every open core (the CLI's included) holds a writer claim and
 * restore takes an exclusive claim, refusing while anyone has the folder open. The lock files are created
 * exclusively (finding 10), never read-then-written.
 */

const BIN = path.resolve('bin/pla-desk.js');
const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

async function register(file: string, rows: number) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Registru');
  ws.addRow([
    'Nr. crt.',
    'Compartimentul',
    'Obiective',
    'Riscuri identificate',
    'Tipul riscului',
    'Cauze care favorizează apariția riscului',
    'Probabilitate',
    'Impact',
    'Strategia adoptată',
  ]);
  for (let i = 1; i <= rows; i++)
    ws.addRow([String(i), 'Serviciul Buget', 'Execuția bugetului', `Risc importat ${i}`, 'financiara', '', 1 + (i % 5), 1 + ((i * 3) % 5), 'Tratare']);
  await wb.xlsx.writeFile(file);
}

describe('restore and the writers', () => {
  it('a restore while a CLI import runs is refused, and the import stays whole', async () => {
    const root = tempDir();
    const dir = path.join(root, 'data');
    expect(cli(['init', '--data-dir', dir]).status).toBe(0);
    const backup = path.join(root, 'copie.db');
    expect(cli(['backup', '--data-dir', dir, '--out', backup]).status).toBe(0);
    const file = path.join(root, 'registru.xlsx');
    await register(file, 3000);

    const child = spawn(process.execPath, [BIN, 'risks', 'import', '--data-dir', dir, '--file', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let finished = false;
    void exited.then(() => (finished = true));
    // Wait until the import has the folder open (its writer claim is there).
    const claimed = () => fs.existsSync(writersDir(dir)) && fs.readdirSync(writersDir(dir)).some((n) => n.startsWith(`${child.pid}-`));
    for (let i = 0; i < 1200 && !claimed() && !finished; i++) await new Promise((r) => setTimeout(r, 50));
    expect(claimed()).toBe(true);

    // The restore's own check, at a moment the import surely runs (its claim is there and it has not exited)…
    expect(() => acquireRestoreLock(dir)).toThrow(/refuzat: o altă operațiune PLA Desk lucrează acum pe acest dosar de date \(procesul \d+/);
    expect(finished).toBe(false);
    // …and the command itself, started now: refused as long as the import still runs when it looks.
    const restoreRun = spawn(process.execPath, [BIN, 'restore', '--data-dir', dir, '--from', backup], { stdio: ['ignore', 'pipe', 'pipe'] });
    let restoreErr = '';
    restoreRun.stderr.on('data', (d: Buffer) => (restoreErr += d.toString()));
    const restoreCode = await new Promise<number | null>((resolve) => restoreRun.on('exit', resolve));
    const importRanPastRestore = !finished;
    if (importRanPastRestore || restoreCode !== 0) {
      expect(restoreCode).toBe(1);
      expect(restoreErr).toMatch(/refuzat: o altă operațiune PLA Desk lucrează acum pe acest dosar de date \(procesul \d+.*nimic nu a fost schimbat/);
      expect(fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.startsWith('before-restore-')) : []).toEqual(
        [],
      );
    }
    console.log(`restore during import: ${restoreCode === 1 ? 'refused' : 'ran after the import had finished'}`);
    expect(await exited).toBe(0);
    expect(out).toMatch(/Imported: created 3000,/);
    expect(await count(dir, 'risks', `description like 'Risc importat %'`)).toBe(3000);
    // Once nobody writes, the restore goes through (and takes the import away, as a restore should).
    const later = cli(['restore', '--data-dir', dir, '--from', backup]);
    expect(later.stderr).toBe('');
    expect(later.status).toBe(0);
    expect(await count(dir, 'risks')).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('pla-desk.restore'))).toEqual([]);
  }, 300_000);

  it('nothing opens the folder while a restore runs', async () => {
    const dir = tempDir();
    // Another process restores (it holds the restore lock).
    const restorer = spawn('sleep', ['30'], { stdio: 'ignore' });
    fs.writeFileSync(restoreLockPath(dir), String(restorer.pid));
    try {
      await expect(createCore({ dataDir: dir, platform: headlessPlatform('cli') })).rejects.toThrow(
        new RegExp(`o restaurare a bazei de date este în curs pe acest dosar de date \\(procesul ${restorer.pid}\\)`),
      );
      expect(fs.readdirSync(writersDir(dir))).toEqual([]);
    } finally {
      restorer.kill('SIGKILL');
      await new Promise((r) => restorer.once('exit', r));
    }
    // Its process gone, the lock is stale: the folder opens again.
    const core = await createCore({ dataDir: dir, platform: headlessPlatform('cli'), seed: false });
    expect(() => acquireRestoreLock(dir)).toThrow(/refuzat: o altă operațiune PLA Desk lucrează acum/);
    await core.close();
    expect(fs.readdirSync(writersDir(dir))).toEqual([]);
    acquireRestoreLock(dir)();
    expect(fs.existsSync(restoreLockPath(dir))).toBe(false);
    expect(await peek(dir, 'select 1 as one')).toEqual([{ one: 1 }]);
  });
});

describe('the app lock file (pla-desk.lock)', () => {
  it('is created exclusively: a lock another process is still creating is not overwritten', async () => {
    const dir = tempDir();
    // Another process has just created the file and writes its pid a moment later (between create and write).
    fs.writeFileSync(lockPath(dir), '');
    const other = spawn('sh', ['-c', `sleep 0.4; printf %s $$ > '${lockPath(dir)}'; sleep 30`], { stdio: 'ignore' });
    try {
      expect(() => acquireLock(dir)).toThrow(new RegExp(`PLA Desk rulează deja pe acest dosar de date \\(procesul ${other.pid};`));
      expect(fs.readFileSync(lockPath(dir), 'utf8')).toBe(String(other.pid));
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('a stale lock (dead process) is taken over; a live one is respected', async () => {
    const dir = tempDir();
    const dead = spawnSync('sh', ['-c', 'printf %s $$']).stdout.toString();
    fs.writeFileSync(lockPath(dir), dead);
    const release = acquireLock(dir);
    expect(fs.readFileSync(lockPath(dir), 'utf8')).toBe(String(process.pid));
    expect(() => acquireLock(dir)).toThrow(/rulează deja/);
    release();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
    // A take-over marker left by a crash long ago does not block forever.
    fs.writeFileSync(lockPath(dir), dead);
    fs.writeFileSync(`${lockPath(dir)}.takeover`, dead);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${lockPath(dir)}.takeover`, old, old);
    acquireLock(dir)();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
