#!/usr/bin/env node
// `npm test`: everything that can run on this machine, in order, continuing past a failure so one run shows
// every problem: typecheck, lint, format (Prettier), unit and database tests (Vitest; the database tier on SQLite and on PostgreSQL, then a check that every query module ran on both), the Electron build, configuration checks (of the built preload too),
// end-to-end tests (Playwright on Chromium against browser mode) and the Electron suite (skips without the binary).
// Closes with one line `tests: N passed, N failed, N skipped` counting test cases of every runner.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const queryTrace = path.join(results, 'query-trace');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
// Names of failed test cases, printed again at the very end so a CI log's tail says what failed.
const failedTests = [];

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const readJson = (f) => {
  try {
    return JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch {
    return null;
  }
};

const steps = [
  { name: 'typecheck', run: () => run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) },
  { name: 'lint', run: () => run(bin('eslint'), ['.', '--max-warnings=0']) },
  // Prettier with the repository's settings (.prettierrc.json); `npm run format` rewrites what this step finds.
  { name: 'format', run: () => run(bin('prettier'), ['--check', '.', '--log-level', 'warn']) },
  {
    name: 'unit',
    run: async () => {
      const file = path.join(results, 'vitest.json');
      fs.rmSync(file, { force: true });
      fs.rmSync(queryTrace, { recursive: true, force: true });
      // Vitest's projects `sqlite` and `postgres` run the database tier on both engines (see vitest.config.ts).
      const r = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${file}`], { PLA_DESK_QUERY_TRACE: queryTrace });
      const j = readJson(file);
      if (j) {
        totals.passed += j.numPassedTests;
        totals.failed += j.numFailedTests;
        totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
        for (const f of j.testResults ?? []) {
          const bad = (f.assertionResults ?? []).filter((a) => a.status === 'failed');
          for (const a of bad) failedTests.push(`unit  ${path.relative(root, f.name)} › ${a.fullName ?? a.title}`);
          if (!bad.length && f.status === 'failed') failedTests.push(`unit  ${path.relative(root, f.name)}: ${(f.message ?? '').split('\n')[0]}`);
        }
      }
      return r;
    },
  },
  {
    // Every query module ran statements on both engines in the step above (db/query-trace.ts records them).
    name: 'engines',
    run: async () => {
      const r = await run(process.execPath, ['scripts/check-engine-coverage.mjs', queryTrace]);
      const m = /(\d+) passed, (\d+) failed\s*$/m.exec(r.out);
      if (m) {
        totals.passed += Number(m[1]);
        totals.failed += Number(m[2]);
      }
      return r;
    },
  },
  { name: 'build', run: () => run(bin('electron-vite'), ['build', '--logLevel', 'warn']) },
  {
    name: 'config',
    run: async () => {
      const r = await run(process.execPath, ['tests/config/run.mjs']);
      const m = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/m.exec(r.out);
      if (m) {
        totals.passed += Number(m[1]);
        totals.failed += Number(m[2]);
        totals.skipped += Number(m[3] ?? 0);
      }
      return r;
    },
  },
  ...['e2e', 'electron'].map((suite) => ({
    name: suite,
    run: async () => {
      const file = path.join(results, `playwright-${suite}.json`);
      fs.rmSync(file, { force: true });
      const r = await run(bin('playwright'), ['test', '-c', `tests/${suite}/playwright.config.ts`, '--reporter=list,json'], {
        PLAYWRIGHT_JSON_OUTPUT_FILE: file,
        PLAYWRIGHT_JSON_OUTPUT_NAME: file,
      });
      const report = readJson(file);
      const s = report?.stats;
      const walk = (node, titles) => {
        for (const spec of node.specs ?? []) {
          for (const t of spec.tests ?? []) {
            if (t.status === 'unexpected') failedTests.push(`${suite} ${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}`);
          }
        }
        for (const child of node.suites ?? []) walk(child, [...titles, child.title]);
      };
      for (const top of report?.suites ?? []) walk(top, []);
      if (s) {
        totals.passed += s.expected + (s.flaky ?? 0);
        totals.failed += s.unexpected;
        totals.skipped += s.skipped;
      }
      return r;
    },
  })),
];

for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  console.log(`\n── ${step.name} ──`);
  const t0 = Date.now();
  const { code } = await step.run();
  console.log(`── ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (code !== 0) failedSteps.push(step.name);
}

if (failedSteps.length) {
  if (failedTests.length) console.log(`\nFailed tests:\n${failedTests.map((t) => `  ✗ ${t}`).join('\n')}`);
  console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
  if (totals.failed === 0) totals.failed = failedSteps.length;
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
