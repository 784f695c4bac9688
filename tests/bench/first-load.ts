/**
 * First load in browser mode (issue 15 §9), the interface as it is now beside the interface before it was split per
 * module, both built and measured in the same run on the same data folder, through the same server:
 *
 *  - page open → login form painted
 *  - sign-in click → dashboard charts painted (a viewer: the dashboard is their start page), the form having been
 *    filled over 1.5 s as a person would (the split interface fetches the frame and the dashboard meanwhile)
 *  - sign-in click → "Ce am de făcut" painted (a coordinator's start page), then the first visit of the progress
 *    report and of the risk register (address changed → screen painted with its data)
 *  - a 7-row CSV in the app: file chosen → encoding shown, then "Validează" → report shown (a coordinator)
 *
 * "cold": a fresh browser profile (empty HTTP cache), as on the first open after an install or an update;
 * "warm": the same profile again (scripts and styles from the browser's cache), signed out in between.
 * The "before" interface is built from the sources at BENCH_FIRST_LOAD_BEFORE (default: the commit before the split)
 * with `git archive` into a temporary folder; if that fails the line says why and only "after" is measured.
 * Figures only; nothing is asserted (a target line says PASS or FAIL). Run alone: npx tsx tests/bench/first-load.ts
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createCore, dbPath, headlessPlatform } from '../../electron/core';
import { insertRisks } from './risks';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The last commit whose interface was one script: main just before the split (issue 15 §9). */
const BEFORE_REF = process.env.BENCH_FIRST_LOAD_BEFORE ?? 'c36ff4c';
const RUNS = Number(process.env.BENCH_FIRST_LOAD_RUNS ?? 3);
const TARGET_MS = 1000;
/** How long the bench takes to "type" the user name and password (a person takes 2–5 s). */
const TYPING_MS = 1500;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
ARGS.push('--disable-quic');
const SYSTEM = { sessionId: null, system: true };
const VIEWER = { username: 'cititor', password: 'parola-sigura-123' };
const COORD = { username: 'coord', password: 'parola-sigura-123' };
const CSV = [
  'cod,nume,cartier,suprafata_mp,deschis',
  'P01,Parcul Rozelor,Cetate,45000,2010-05-01',
  'P02,Parcul Botanic,Cetate,80000,1986-06-01',
  'P03,Parcul Copiilor,Elisabetin,16000,1953-09-01',
  'P04,Parcul Central,Cetate,92000,1870-04-01',
  'P05,Scuarul Nicolae Bălcescu,Elisabetin,3200,1930-01-01',
  'P06,Parcul Iosefin,Iosefin,12000,1900-01-01',
  'P07,Parcul Doina,Fabric,7000,1960-03-01',
].join('\n');

type Metric = 'login' | 'dashboard' | 'agenda' | 'reports' | 'risks' | 'upload' | 'validate';
const METRICS: Array<[Metric, string]> = [
  ['login', 'page open → login form painted'],
  ['dashboard', 'sign-in → dashboard charts painted'],
  ['agenda', 'sign-in → "Ce am de făcut" (coordinator)'],
  ['reports', 'first visit: progress report'],
  ['risks', 'first visit: risk register'],
  ['upload', '7-row CSV chosen → encoding shown'],
  ['validate', '7-row CSV "Validează" → report'],
];
type Figures = Record<Metric, number[]>;

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const emptyFigures = (): Figures => ({ login: [], dashboard: [], agenda: [], reports: [], risks: [], upload: [], validate: [] });
const painted = (p: Page) => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

function vite(args: string[], cwd: string) {
  const vitejs = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vitejs, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn', ...args], { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed in ${cwd}`);
}

/** The interface at `ref`: its renderer and contract sources from git, this checkout's node_modules, built by its own config. */
function buildAt(ref: string, dir: string): string {
  const src = path.join(dir, 'src');
  fs.mkdirSync(src, { recursive: true });
  const paths = ['package.json', 'renderer', 'electron/contract'];
  const tar = execFileSync('git', ['archive', '--format=tar', ref, ...paths], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', src], { input: tar });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(src, 'node_modules'), 'dir');
  const out = path.join(dir, 'web');
  vite(['--outDir', out, '--emptyOutDir'], src);
  return out;
}

/** What the page loads before anything runs: the files index.html names, and the whole build. */
function describeBuild(web: string) {
  const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
  const size = (f: string) => fs.statSync(path.join(web, f)).size;
  const named = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
  const js = named.filter((f) => f.endsWith('.js')).reduce((n, f) => n + size(f), 0);
  const css = named.filter((f) => f.endsWith('.css')).reduce((n, f) => n + size(f), 0);
  const all = fs.readdirSync(path.join(web, 'assets'));
  const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en-US')} KB`;
  const count = (ext: string) => all.filter((f) => f.endsWith(ext)).length;
  const total = kb(all.reduce((n, f) => n + size(`assets/${f}`), 0));
  return `${kb(js)} JS + ${kb(css)} CSS in index.html; ${count('.js')} scripts, ${count('.css')} style sheets in all (${total})`;
}

async function makeDataDir(): Promise<{ dataDir: string; datasetId: string; csv: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-first-load-'));
  const core = await createCore({ dataDir, platform: headlessPlatform('cli') });
  let datasetId: string;
  try {
    await core.call('admin.saveUser', { ...VIEWER, displayName: 'Cititor Bench', role: 'viewer', active: true }, SYSTEM);
    await core.call('admin.saveUser', { ...COORD, displayName: 'Coordonator Bench', role: 'coordinator', active: true }, SYSTEM);
    const d = await core.call('datasets.save', { name: 'Parcuri', slug: 'parcuri', holderInstitution: 'Primăria Municipiului Timișoara' }, SYSTEM);
    if (!d.ok) throw new Error(`datasets.save: ${d.error.message}`);
    datasetId = (d.value as { id: string }).id;
  } finally {
    await core.close();
  }
  insertRisks(dbPath(dataDir), 60);
  const csv = path.join(dataDir, 'parcuri.csv');
  fs.writeFileSync(csv, `${CSV}\n`);
  return { dataDir, datasetId, csv };
}

function serve(dataDir: string, staticDir: string): Promise<{ url: string; child: ChildProcess }> {
  const args = ['serve', '--data-dir', dataDir, '--port', '0', '--static-dir', staticDir];
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/pla-desk.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(buf);
      if (m) resolve({ url: m[0], child });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready: ${buf}`)));
  });
}

/** As a menu click does: the hash changes (the menu itself may be folded at this height). */
const go = (page: Page, to: string) => page.evaluate((h) => (location.hash = `#${h}`), to);

/**
 * Signs in as a person does: the form filled over TYPING_MS (the time to type a user name and a password; the app uses
 * it to fetch the frame and the start page), then the click; the figure starts at the click.
 */
async function signIn(page: Page, who: { username: string; password: string }) {
  await page.getByTestId('login-username').fill(who.username);
  await page.waitForTimeout(TYPING_MS / 2);
  await page.getByTestId('login-password').fill(who.password);
  await page.waitForTimeout(TYPING_MS / 2);
  const t0 = performance.now();
  await page.getByTestId('login-submit').click();
  return t0;
}

/** One pass through the app in `context` (cold the first time, warm after), adding one figure to each metric. */
async function pass(context: BrowserContext, url: string, datasetId: string, csv: string, out: Figures) {
  const page = await context.newPage();
  try {
    let t0 = performance.now();
    await page.goto(url);
    await page.getByTestId('login-username').waitFor();
    await painted(page);
    out.login.push(performance.now() - t0);

    t0 = await signIn(page, VIEWER);
    await page.locator('[data-testid="commitment-chart"] .recharts-surface').first().waitFor();
    await painted(page);
    out.dashboard.push(performance.now() - t0);

    // the coordinator: their start page ("Ce am de făcut"), the report and the register, then a dataset's import tab
    await context.clearCookies();
    await page.goto(url);
    t0 = await signIn(page, COORD);
    await page.getByTestId('agenda-empty').or(page.locator('[data-testid^="agenda-item-"]').first()).waitFor();
    await painted(page);
    out.agenda.push(performance.now() - t0);

    t0 = performance.now();
    await go(page, '/reports');
    await page.getByTestId('report-commitments').waitFor();
    await painted(page);
    out.reports.push(performance.now() - t0);

    t0 = performance.now();
    await go(page, '/risks');
    await page.getByTestId('risk-link').first().waitFor();
    await painted(page);
    out.risks.push(performance.now() - t0);

    await go(page, `/datasets/${datasetId}`);
    await page.getByTestId('tab-import').click();
    const imports = await page.locator('[data-testid^="import-item-"]').count();
    t0 = performance.now();
    await page.locator('[data-testid="import-panel"] input[type=file]').setInputFiles(csv);
    await page.locator('[data-testid^="import-item-"]').nth(imports).waitFor();
    await page.getByTestId('encoding-detected').waitFor();
    out.upload.push(performance.now() - t0);
    t0 = performance.now();
    await page.getByTestId('import-process').click();
    await page.getByTestId('report-valid').or(page.getByTestId('report-valid-warnings')).waitFor({ timeout: 60_000 });
    await painted(page);
    out.validate.push(performance.now() - t0);
  } finally {
    await page.close();
    await context.clearCookies();
  }
}

async function measure(browser: Browser, dataDir: string, staticDir: string, datasetId: string, csv: string) {
  const { url, child } = await serve(dataDir, staticDir);
  const cold = emptyFigures();
  const warm = emptyFigures();
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ locale: 'ro-RO', viewport: { width: 1366, height: 900 } });
      try {
        await pass(context, url, datasetId, csv, cold);
        await pass(context, url, datasetId, csv, warm);
      } finally {
        await context.close();
      }
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  return { cold, warm };
}

export async function benchFirstLoad() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-builds-'));
  const { dataDir, datasetId, csv } = await makeDataDir();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const load = os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
    const when = new Date().toISOString();
    console.log(`\nFirst load in browser mode (issue 15 §9): median of ${RUNS} runs; ${when}, load average ${load}, ${os.cpus().length} CPU`);
    const builds: Array<{ name: string; web: string }> = [];
    try {
      builds.push({ name: `before (${BEFORE_REF})`, web: buildAt(BEFORE_REF, path.join(tmp, 'before')) });
    } catch (e) {
      console.log(`  before: not measured, its build failed (${(e as Error).message.split('\n')[0]})`);
    }
    const after = path.join(tmp, 'after');
    vite(['--outDir', after, '--emptyOutDir'], ROOT);
    builds.push({ name: 'after (this checkout)', web: after });
    for (const b of builds) console.log(`  ${b.name}: ${describeBuild(b.web)}`);

    const results = [];
    for (const b of builds) results.push({ ...b, ...(await measure(browser, dataDir, b.web, datasetId, csv)) });

    const rows: string[][] = [];
    for (const [metric, label] of METRICS)
      for (const kind of ['cold', 'warm'] as const) {
        const values = results.map((r) => median(r[kind][metric]));
        const ratio = values.length === 2 ? (values[1] / values[0]).toFixed(2) : '';
        rows.push([`${label} (${kind})`, ...values.map((v) => `${v.toFixed(0)} ms`), ratio]);
      }
    const headers = ['ms, median', ...results.map((r) => r.name), results.length === 2 ? 'after/before' : ''];
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : (c ?? '').padStart(widths[i]))).join('  ');
    console.log(line(headers));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) console.log(line(r));
    const now = results.at(-1)!;
    const check = (metric: Metric) => {
      const worst = Math.max(median(now.cold[metric]), median(now.warm[metric]));
      return `${metric} ${worst.toFixed(0)} ms ${worst < TARGET_MS ? 'PASS' : 'FAIL'}`;
    };
    console.log(`target < ${TARGET_MS} ms cold and warm: ${(['login', 'dashboard', 'validate'] as const).map(check).join('; ')}`);
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchFirstLoad().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
