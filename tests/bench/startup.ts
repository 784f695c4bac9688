/**
 * Browser mode from start to the first dashboard paint, with a baseline in the same run: a bare Node static
 * server serving the same built interface (what the browser needs before any of our code runs).
 * Run by `npm run bench`; prints figures, asserts nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createCore, headlessPlatform } from '../../electron/core';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB = path.join(ROOT, 'out', 'web');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function waitForLine(child: ChildProcess, re: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      const m = re.exec(buf);
      if (m) {
        child.stdout!.off('data', onData);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready: ${buf}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchStartup() {
  if (!fs.existsSync(path.join(WEB, 'index.html'))) {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('renderer build failed');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-start-'));
  const core = await createCore({ dataDir, platform: headlessPlatform('cli') });
  // a viewer: the dashboard is their start page (coordinators and members start on "Ce am de făcut")
  await core.call(
    'admin.saveUser',
    { username: 'bench', displayName: 'Bench', role: 'viewer', password: 'parola-sigura-123', active: true },
    { sessionId: null, system: true },
  );
  await core.close();

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  const baseline: number[] = [];
  const ready: number[] = [];
  const login: number[] = [];
  const dashboard: number[] = [];
  const total: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // Baseline: a bare static server, then the same page's first load.
      {
        const t0 = performance.now();
        const child = spawn(
          process.execPath,
          [
            '-e',
            `const h=require('http'),f=require('fs'),p=require('path');const r=${JSON.stringify(WEB)};` +
              `const s=h.createServer((q,w)=>{const u=decodeURIComponent(q.url.split('?')[0]);const t=p.join(r,u==='/'?'index.html':u);` +
              `if(!t.startsWith(r)||!f.existsSync(t)){w.writeHead(404);return w.end()}w.writeHead(200,{'content-type':t.endsWith('.js')?'text/javascript':t.endsWith('.css')?'text/css':'text/html'});f.createReadStream(t).pipe(w)});` +
              `s.listen(0,'127.0.0.1',()=>console.log('READY http://127.0.0.1:'+s.address().port+'/'))`,
          ],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        const url = (await waitForLine(child, /http:\/\/127\.0\.0\.1:\d+\//)).trim();
        const page = await browser.newPage();
        await page.goto(url, { waitUntil: 'load' });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        baseline.push(performance.now() - t0);
        await page.close();
        child.kill();
      }
      // PLA Desk browser mode: server start → login screen → signed in → dashboard charts painted.
      {
        const t0 = performance.now();
        const child = spawn(process.execPath, [path.join(ROOT, 'bin/pla-desk.js'), 'serve', '--data-dir', dataDir, '--port', '0'], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        const url = (await waitForLine(child, /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/)).trim();
        const t1 = performance.now();
        const page = await browser.newPage();
        await page.goto(url);
        await page.getByTestId('login-username').waitFor();
        const t2 = performance.now();
        await page.getByTestId('login-username').fill('bench');
        await page.getByTestId('login-password').fill('parola-sigura-123');
        const t3 = performance.now();
        await page.getByTestId('login-submit').click();
        await page.locator('[data-testid="commitment-chart"] .recharts-surface').first().waitFor();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const t4 = performance.now();
        ready.push(t1 - t0);
        login.push(t2 - t0);
        dashboard.push(t4 - t3);
        total.push(t2 - t0 + (t4 - t3));
        await page.close();
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const b = median(baseline);
  const t = median(total);
  console.log(`\nBrowser mode: start → first dashboard paint (median of ${RUNS})`);
  console.log(`  server ready (URL printed)                 ${median(ready).toFixed(0)} ms`);
  console.log(`  start → login screen painted               ${median(login).toFixed(0)} ms`);
  console.log(`  sign-in click → dashboard charts painted   ${median(dashboard).toFixed(0)} ms`);
  console.log(`  start → dashboard (typing time excluded)   ${t.toFixed(0)} ms`);
  console.log(`  baseline: bare static server → page painted ${b.toFixed(0)} ms`);
  console.log(`  ratio PLA Desk / baseline                  ${(t / b).toFixed(2)}×`);
  return { readyMs: median(ready), loginMs: median(login), dashboardMs: median(dashboard), totalMs: t, baselineMs: b };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchStartup().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
