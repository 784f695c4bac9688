/**
 * The built main process without the Electron binary: out/main/index.js boots in plain Node against a
 * stub `electron` module (tests/electron/stub), with the real core, database and app:// handler.
 * Catches bundling mistakes (externals, paths, ESM) that unit tests of the sources cannot see.
 * Runs everywhere out/ is built; the binary-driven checks are in app.spec.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { METHOD_NAMES } from '../../electron/contract';
import { selfSignedCertificate } from '../certificates';
import { ROOT } from './electron-env';

const STUB = path.join(ROOT, 'tests', 'electron', 'stub');
const PASSWORD = 'parola-sigura-123';

test('built main boots on a stub Electron: IPC, validation, app:// and clean quit', async () => {
  const mainJs = path.join(ROOT, 'out', 'main', 'index.js');
  if (!fs.existsSync(mainJs)) throw new Error('out/ is not built: run `npx electron-vite build` first');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bundle-'));
  try {
    const cli = (args: string[], input?: string) =>
      execFileSync(process.execPath, [path.join(ROOT, 'bin', 'pla-desk.js'), ...args], { cwd: ROOT, input, stdio: 'pipe', timeout: 60_000 });
    cli(['init', '--data-dir', dataDir]);
    cli(['user', 'add', '--data-dir', dataDir, '--username', 'coord', '--role', 'coordinator', '--password-stdin'], `${PASSWORD}\n`);

    const run = spawnSync(process.execPath, ['--import', path.join(STUB, 'register.mjs'), path.join(STUB, 'drive.mjs'), 'coord', PASSWORD], {
      cwd: ROOT,
      env: { ...process.env, PLA_DESK_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, `no RESULT line\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBeTruthy();
    const r = JSON.parse(line!.slice('RESULT '.length));

    expect(r.log[0]).toBe('privileged:app');
    expect(r.log).toContain(`setPath:userData:${path.join(dataDir, 'electron-profile')}`);
    expect(r.channels.sort()).toEqual(METHOD_NAMES.map((n) => `pla:${n}`).sort());
    expect(r.window.url).toBe('app://pla-desk/index.html');
    expect(r.window.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(r.window.webPreferences.preload).toBe(path.join(ROOT, 'out', 'preload', 'index.cjs'));

    expect(r.statusBefore).toMatchObject({ ok: true, value: { hasUsers: true, user: null, mode: 'electron' } });
    expect(r.badLogin).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(r.login).toMatchObject({ ok: true, value: { username: 'coord', role: 'coordinator' } });
    expect(r.commitments.ok).toBe(true);
    expect(r.commitments.value.map((c: { title: string }) => c.title)).toContain('Creșterea gradului de implicare civică');
    expect(r.validation).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'id' }] } } });
    expect(r.foreignFrame).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(r.page.status).toBe(200);
    expect(r.page.csp).toContain("script-src 'self'");
    expect(r.traversal).toBe(403);
    expect(r.quit).toBe('clean');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * Runs a worker the Electron build emits next to main (out/main/<name>.js) on `workerData`, and resolves with its value,
 * speaking the protocol of electron/core/worker.ts: progress messages, then { type: 'done', value } or an error.
 */
async function runBundledWorker<T>(name: string, workerData: unknown): Promise<T> {
  const file = path.join(ROOT, 'out', 'main', `${name}.js`);
  expect(fs.existsSync(file), 'electron.vite.config.ts emits the worker next to index.js').toBe(true);
  const { Worker } = await import('node:worker_threads');
  return new Promise<T>((resolve, reject) => {
    const w = new Worker(file, { workerData });
    w.on('message', (m: { type: string; value?: T; message?: string }) => {
      if (m.type === 'progress') return;
      void w.terminate();
      if (m.type === 'done' && m.value) resolve(m.value);
      else reject(new Error(m.message ?? m.type));
    });
    w.on('error', reject);
  });
}

test("the bundle's dataset validation worker runs next to main and reports a missing cell", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bundle-worker-'));
  try {
    const csv = path.join(dir, 'date.csv');
    fs.writeFileSync(csv, 'cod,nume\n1,Timișoara\n2\n');
    const report = await runBundledWorker<{ valid: boolean; errors: Array<{ type: string; rowNumber: number }> }>('datasets-validate-worker', {
      file: csv,
      options: {},
    });
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => [e.type, e.rowNumber])).toEqual([['missing-cell', 3]]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the bundle's risk register reader worker runs next to main and reads a register row", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bundle-worker-'));
  try {
    const file = path.join(dir, 'registru.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Riscuri');
    ws.addRow(['Cod risc', 'Descrierea riscului', 'Probabilitate inerentă', 'Impact inerent', 'Observații ale auditorului']);
    ws.addRow(['R-1', 'Date publicate cu întârziere', 3, 4, 'x']);
    await wb.xlsx.writeFile(file);
    const read = await runBundledWorker<{
      sheet: string;
      rows: Array<{ row: number; values: Record<string, unknown> }>;
      errors: unknown[];
      ignoredColumns: string[];
    }>('risks-read-worker', { file });
    expect(read.sheet).toBe('Riscuri');
    expect(read.errors).toEqual([]);
    expect(read.rows.map((r) => [r.row, r.values.code, r.values.description, r.values.inherentProbability])).toEqual([
      [2, 'R-1', 'Date publicate cu întârziere', 3],
    ]);
    expect(read.ignoredColumns).toEqual(['Observații ale auditorului']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('built main connected to a team server: the same IPC, forwarded over the pinned TLS link with the window’s session', async () => {
  const mainJs = path.join(ROOT, 'out', 'main', 'index.js');
  if (!fs.existsSync(mainJs)) throw new Error('out/ is not built: run `npx electron-vite build` first');
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bundle-team-server-'));
  const desktopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bundle-team-desktop-'));
  const cli = (args: string[], input?: string) =>
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'pla-desk.js'), ...args], { cwd: ROOT, input, stdio: 'pipe', timeout: 60_000 });
  const { spawn } = await import('node:child_process');
  let server: ReturnType<typeof spawn> | null = null;
  try {
    cli(['init', '--data-dir', serverDir]);
    cli(['user', 'add', '--data-dir', serverDir, '--username', 'coord', '--role', 'coordinator', '--password-stdin'], `${PASSWORD}\n`);
    const { cert, key, fingerprint } = selfSignedCertificate(serverDir);
    server = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'pla-desk.js'),
        'serve',
        '--listen',
        '127.0.0.1:0',
        '--tls-cert',
        cert,
        '--tls-key',
        key,
        '--data-dir',
        serverDir,
        '--static-dir',
        path.join(ROOT, 'out', 'renderer'),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
      server!.stdout!.on('data', (d) => {
        out += d;
        const m = /PLA Desk: (https:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[1]);
        }
      });
      server!.stderr!.on('data', (d) => (out += d));
    });
    const origin = new URL(url).origin;
    // The desktop app's remembered choice (as its connection chooser writes it), in its profile under --data-dir.
    const profile = path.join(desktopDir, 'electron-profile');
    fs.mkdirSync(profile, { recursive: true });
    fs.writeFileSync(
      path.join(profile, 'connection.json'),
      JSON.stringify({ mode: 'team', origin, token: new URL(url).searchParams.get('token'), fingerprint, certPem: fs.readFileSync(cert, 'utf8') }),
    );

    const run = spawnSync(process.execPath, ['--import', path.join(STUB, 'register.mjs'), path.join(STUB, 'drive.mjs'), 'coord', PASSWORD], {
      cwd: ROOT,
      env: { ...process.env, PLA_DESK_DATA_DIR: desktopDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, `no RESULT line\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBeTruthy();
    const r = JSON.parse(line!.slice('RESULT '.length));

    const host = new URL(origin).host;
    expect(r.window.title).toBe(`PLA Desk — server echipă ${host}`);
    expect(r.channels.sort()).toEqual(METHOD_NAMES.map((n) => `pla:${n}`).sort());
    expect(r.statusBefore).toMatchObject({ ok: true, value: { hasUsers: true, user: null, mode: 'electron', server: host } });
    expect(r.badLogin).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(r.login).toMatchObject({ ok: true, value: { username: 'coord', role: 'coordinator' } });
    expect(r.commitments.value.map((c: { title: string }) => c.title)).toContain('Creșterea gradului de implicare civică');
    expect(r.validation).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(r.foreignFrame).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(r.quit).toBe('clean');
    // No local database: the data lives on the server.
    expect(fs.existsSync(path.join(desktopDir, 'pla-desk.db'))).toBe(false);
  } finally {
    server?.kill('SIGTERM');
    fs.rmSync(serverDir, { recursive: true, force: true });
    fs.rmSync(desktopDir, { recursive: true, force: true });
  }
});
