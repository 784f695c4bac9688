#!/usr/bin/env node
/**
 * `npm run test:config` — offline checks of the packaging and security configuration:
 *   1. electron-builder.yml passes app-builder-lib's own validator (its JSON schema: a misspelt or
 *      wrongly-typed key fails), the same one `electron-builder` runs before building;
 *   2. our packaging rules (assisted per-user NSIS, native module handling, fuses, targets);
 *   3. the Electron security scan (@doyensec/electronegativity) has no HIGH finding;
 *   4. the built preload (when out/ exists) is one CommonJS file that requires only `electron`.
 * Usage: node tests/config/run.mjs [--builder-config <file.yml>]
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const argIdx = process.argv.indexOf('--builder-config');
const BUILDER_CONFIG = path.resolve(argIdx > 0 ? process.argv[argIdx + 1] : path.join(ROOT, 'electron-builder.yml'));

const results = [];
async function check(name, fn) {
  const t0 = Date.now();
  try {
    const note = await fn();
    if (note && typeof note === 'object' && note.skipped) {
      results.push({ name, status: 'skipped' });
      console.log(`- ${name}: skipped (${note.skipped})`);
      return;
    }
    results.push({ name, status: 'passed' });
    console.log(`✓ ${name} (${Date.now() - t0} ms)${note ? `\n    ${note}` : ''}`);
  } catch (e) {
    results.push({ name, status: 'failed' });
    console.log(
      `✗ ${name}\n    ${String(e && e.message ? e.message : e)
        .split('\n')
        .join('\n    ')}`,
    );
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function loadBuilderConfig() {
  const yaml = require('js-yaml');
  const config = yaml.load(fs.readFileSync(BUILDER_CONFIG, 'utf8'));
  assert(config && typeof config === 'object' && !Array.isArray(config), `${BUILDER_CONFIG} is not a YAML mapping`);
  return config;
}

/** app-builder-lib 26.x keeps the validator at this deep path (no exports map); v27 moves it — adapt here only. */
async function validateWithAppBuilderLib(config) {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  await validateConfiguration(structuredClone(config), new DebugLogger(false));
}

const asList = (v) => (v == null ? [] : Array.isArray(v) ? v : [v]);
const targetNames = (platformConfig) => asList(platformConfig && platformConfig.target).map((t) => (typeof t === 'string' ? t : t.target));

await check(`electron-builder config is valid for app-builder-lib (${path.relative(ROOT, BUILDER_CONFIG) || BUILDER_CONFIG})`, async () => {
  const config = loadBuilderConfig();
  await validateWithAppBuilderLib(config);
  const { PACKAGE_VERSION } = require('app-builder-lib/out/version.js');
  return `validated against electron-builder ${PACKAGE_VERSION}'s schema`;
});

await check('electron-builder config follows the packaging rules (ARCHITECTURE.md §8)', () => {
  const c = loadBuilderConfig();
  const problems = [];
  const want = (cond, msg) => cond || problems.push(msg);
  want(c.appId === 'ro.primariatm.pladesk', 'appId must be ro.primariatm.pladesk');
  want(c.productName === 'PLA Desk', 'productName must be "PLA Desk"');
  want(c.nsis && c.nsis.oneClick === false, 'nsis.oneClick must be false (assisted installer)');
  want(c.nsis && c.nsis.perMachine === false, 'nsis.perMachine must be false (per-user by default)');
  want(c.nsis && c.nsis.allowToChangeInstallationDirectory === true, 'nsis.allowToChangeInstallationDirectory must be true');
  want(targetNames(c.win).includes('nsis'), 'win.target must include nsis');
  const linuxTargets = targetNames(c.linux);
  want(linuxTargets.includes('AppImage') && linuxTargets.includes('deb'), 'linux.target must include AppImage and deb');
  want(c.linux && c.linux.category === 'Office' && !!c.linux.maintainer, 'linux needs category Office and a maintainer');
  want(
    asList(c.asarUnpack).some((p) => /\*\*\/\*\.node$|\*\.\{?[^}]*node/.test(p)),
    'asarUnpack must cover **/*.node',
  );
  want(c.npmRebuild === false, 'npmRebuild must be false (better-sqlite3 is rebuilt in beforePack)');
  want(typeof c.beforePack === 'string' && c.beforePack.length > 0, 'beforePack hook must be set');
  for (const hook of ['beforePack', 'afterPack']) {
    if (typeof c[hook] !== 'string') continue;
    const file = path.resolve(ROOT, c[hook]);
    if (!fs.existsSync(file)) problems.push(`${hook} file ${c[hook]} does not exist`);
    else if (typeof require(file).default !== 'function') problems.push(`${hook} file ${c[hook]} must export a default function`);
  }
  const files = asList(c.files).filter((f) => typeof f === 'string');
  want(files.includes('out/**') && files.includes('package.json'), 'files must include out/** and package.json');
  want(!files.some((f) => !f.startsWith('!') && /^(electron|renderer|db|tests|scripts|src)\b/.test(f)), 'files must not include sources');
  want(
    files.some((f) => f.startsWith('!') && f.includes('.map')),
    'files must exclude source maps',
  );
  want(
    files.some((f) => f.startsWith('!node_modules/better-sqlite3/') && f.includes('src')),
    'files must exclude better-sqlite3 sources',
  );
  want(
    asList(c.extraResources).some((r) => (typeof r === 'string' ? r : r.from).replace(/\/$/, '') === 'resources/seed'),
    'extraResources must ship resources/seed',
  );
  // Every fuse, each with the value a release build must have (issue 12): none left to its default.
  const FUSES = {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  };
  const f = c.electronFuses || {};
  for (const [name, value] of Object.entries(FUSES)) want(f[name] === value, `electronFuses.${name} must be ${value}`);
  for (const name of Object.keys(f))
    want(name in FUSES || name === 'resetAdHocDarwinSignature', `electronFuses.${name} is not a fuse this check knows; give it its release value here`);
  assert(problems.length === 0, problems.join('\n'));
});

/** Copies what the scan should see into one temp dir, so electronegativity runs once (it makes a network call per run). */
function prepareScanDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-eneg-'));
  const copy = (from, to) => {
    const src = path.join(ROOT, from);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dir, to), { recursive: true, filter: (p) => !p.endsWith('.map') });
  };
  copy('electron', 'electron');
  copy('renderer/index.html', 'renderer/index.html');
  copy('out/main', 'out/main');
  copy('out/preload', 'out/preload');
  copy('out/renderer/index.html', 'out/renderer/index.html');
  fs.writeFileSync(path.join(dir, 'package.json'), fs.readFileSync(path.join(ROOT, 'package.json')));
  return dir;
}

await check('Electron security scan (@doyensec/electronegativity): no HIGH finding', async () => {
  const run = require('@doyensec/electronegativity');
  const { severity } = require('@doyensec/electronegativity/dist/finder/attributes.js');
  const electronVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
  const dir = prepareScanDir();
  const chatter = [];
  const log = console.log;
  console.log = (...a) => chatter.push(a.join(' ')); // the library's own progress and connectivity notes
  let report;
  try {
    report = await run(
      {
        input: dir,
        output: undefined,
        isSarif: false,
        customScan: [],
        // Needs GitHub to list Electron releases; our Electron version is pinned in package.json instead.
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: true,
        isVerbose: false,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const hard = report.errors.filter((e) => !e.tolerable);
  assert(hard.length === 0, `scan could not parse:\n${hard.map((e) => `${e.file}: ${e.message}`).join('\n')}`);
  const rows = report.issues
    .map((i) => ({
      check: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      where: `${i.file}${i.location && i.location.line ? `:${i.location.line}` : ''}`,
      review: i.manualReview ? 'manual review' : '',
      value: i.severity.value,
    }))
    .sort((a, b) => b.value - a.value || a.check.localeCompare(b.check));
  const header = `checks: ${report.globalChecks} global + ${report.atomicChecks} atomic; findings: ${rows.length}`;
  let table = '';
  if (rows.length) {
    const cols = ['check', 'severity', 'confidence', 'where', 'review'];
    const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => r[c].length))]));
    const line = (r) => cols.map((c) => r[c].padEnd(width[c])).join(' | ');
    table = [line(Object.fromEntries(cols.map((c) => [c, c.toUpperCase()]))), cols.map((c) => '-'.repeat(width[c])).join('-+-'), ...rows.map(line)].join(
      '\n    ',
    );
  }
  const high = rows.filter((r) => r.value >= severity.HIGH.value);
  assert(high.length === 0, `${high.length} HIGH finding(s):\n${table}`);
  return `${header}\n    ${table || 'no findings'}`;
});

await check('built preload is one CommonJS file that requires only electron (sandbox)', () => {
  const file = path.join(ROOT, 'out/preload/index.cjs');
  if (!fs.existsSync(file)) return { skipped: 'out/preload/index.cjs not built; run npx electron-vite build' };
  const others = fs.readdirSync(path.dirname(file)).filter((f) => !f.endsWith('.map') && f !== 'index.cjs');
  assert(others.length === 0, `out/preload must hold one file, found also: ${others.join(', ')}`);
  const src = fs.readFileSync(file, 'utf8');
  const requires = [...src.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const bad = requires.filter((r) => r !== 'electron');
  assert(bad.length === 0, `the preload requires ${bad.join(', ')} — a sandboxed preload can only require electron`);
  assert(!/^\s*(import|export)\s/m.test(src), 'the preload contains ES module syntax');
  assert(/exposeInMainWorld\(\s*["']plaApi["']/.test(src), 'the preload does not expose plaApi');
  assert(!/exposeInMainWorld\([^)]*\bipcRenderer\s*\)/.test(src), 'the preload exposes ipcRenderer itself');
});

const count = (s) => results.filter((r) => r.status === s).length;
const skipped = count('skipped');
console.log(`config: ${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(count('failed') === 0 ? 0 : 1);
