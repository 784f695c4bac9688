#!/usr/bin/env node
/**
 * `npm start` — run PLA Desk under Electron from a fresh `npm ci` (needs internet the first time):
 *   1. make sure Electron's binary is present (Electron ≥ 42 downloads it lazily, not at install);
 *   2. build better-sqlite3 for Electron's ABI into .cache/electron-native/ — a COPY of the package is
 *      built there, node_modules/better-sqlite3 (the Node build the CLI and tests use) is only read;
 *      main passes .cache/electron-native/better_sqlite3.node to core as `nativeBinding`;
 *   3. `electron-vite build` (offline);
 *   4. launch Electron on the repo root (package.json "main": out/main/index.js).
 * Flags: --prepare-only (steps 1–3, no launch). Other arguments go to the app, e.g.
 *   npm start -- --data-dir ./.data
 * Env: PLA_START_SKIP_NETWORK_CHECK=1 (behind a proxy Node's fetch cannot use), ELECTRON_MIRROR,
 *   ELECTRON_OVERRIDE_DIST_PATH / ELECTRON_EXEC_PATH (use an Electron you already have).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NM = path.join(ROOT, 'node_modules');
const CACHE = path.join(ROOT, '.cache', 'electron-native');
const NATIVE_OUT = path.join(CACHE, 'better_sqlite3.node');
const STAMP = path.join(CACHE, 'stamp.json');
const BUILD_DIR = path.join(CACHE, 'better-sqlite3');

const args = process.argv.slice(2);
const prepareOnly = args.includes('--prepare-only');
const appArgs = args.filter((a) => a !== '--prepare-only');

const log = (msg) => console.log(`[start] ${msg}`);
const t0 = Date.now();

class StartError extends Error {
  constructor(en, ro, detail) {
    super(en);
    this.ro = ro;
    this.detail = detail;
  }
}

const OFFLINE = ([what, ce]) =>
  new StartError(
    `No internet connection: ${what}. The first \`npm start\` downloads Electron (~110 MB) and a better-sqlite3 build ` +
      'for Electron; later runs work offline. Connect and run `npm start` again. Browser mode works offline now: `npm run web`. ' +
      '(Behind a proxy: set PLA_START_SKIP_NETWORK_CHECK=1 and ELECTRON_GET_USE_PROXY=1 with HTTPS_PROXY.)',
    `Nu există conexiune la internet: ${ce}. La prima rulare, \`npm start\` descarcă Electron (~110 MB) și o versiune ` +
      'better-sqlite3 pentru Electron; rulările următoare funcționează offline. Conectați-vă și rulați din nou `npm start`. ' +
      'Modul browser funcționează și offline: `npm run web`.',
  );

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function requireFile(file, hintEn, hintRo) {
  if (!fs.existsSync(file)) throw new StartError(`${path.relative(ROOT, file)} is missing. ${hintEn}`, `Lipsește ${path.relative(ROOT, file)}. ${hintRo}`);
}

/** The Electron executable if it is already there, else null. Never imports `electron` (that would download). */
function findElectron() {
  for (const env of ['ELECTRON_EXEC_PATH']) {
    const p = process.env[env];
    if (p && fs.existsSync(p)) return p;
  }
  const pathTxt = path.join(NM, 'electron', 'path.txt');
  const rel = fs.existsSync(pathTxt) ? fs.readFileSync(pathTxt, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return fs.existsSync(p) ? p : null;
  }
  if (!rel) return null;
  const p = path.join(NM, 'electron', 'dist', rel);
  return fs.existsSync(p) ? p : null;
}

async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(8000) });
    return true;
  } catch {
    return false;
  }
}

async function requireNetwork(what /* [en, ro] */) {
  if (process.env.PLA_START_SKIP_NETWORK_CHECK === '1') return;
  const host = process.env.ELECTRON_MIRROR || 'https://github.com/';
  log(`checking the connection (${new URL(host).host}) …`);
  if (!(await reachable(host))) throw OFFLINE(what);
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', timeout: 20 * 60_000, ...opts });
  if (r.error) return { ok: false, message: r.error.message };
  return { ok: r.status === 0, message: `exit code ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}` };
}

async function ensureElectron(version) {
  const existing = findElectron();
  if (existing) {
    log(`1/4 Electron ${version}: present (${path.relative(ROOT, existing)})`);
    return existing;
  }
  log(`1/4 Electron ${version}: not downloaded yet`);
  await requireNetwork(['Electron is not downloaded yet', 'Electron nu este încă descărcat']);
  const [maj, min] = process.versions.node.split('.').map(Number);
  if (maj < 22 || (maj === 22 && min < 12)) {
    log(`warning: Electron's downloader (@electron/get) declares Node >= 22.12; this is Node ${process.versions.node}. Trying anyway.`);
  }
  log('downloading Electron (node_modules/electron/install.js) …');
  const r = run(process.execPath, [path.join(NM, 'electron', 'install.js')], { cwd: path.join(NM, 'electron') });
  const exe = findElectron();
  if (!r.ok || !exe) {
    throw new StartError(
      `Downloading Electron failed (${r.message}). Check the connection (or ELECTRON_MIRROR) and run \`npm start\` again; ` +
        'with Node < 22.12 install Node 22 first.',
      `Descărcarea Electron a eșuat (${r.message}). Verificați conexiunea (sau ELECTRON_MIRROR) și rulați din nou \`npm start\`; ` +
        'cu Node < 22.12 instalați întâi Node 22.',
    );
  }
  log(`Electron ready: ${path.relative(ROOT, exe)}`);
  return exe;
}

function nativeStamp(electronVersion) {
  const bs = readJson(path.join(NM, 'better-sqlite3', 'package.json')).version;
  return { electron: electronVersion, betterSqlite3: bs, platform: process.platform, arch: process.arch };
}

function stampMatches(want) {
  try {
    const have = readJson(STAMP);
    return fs.existsSync(NATIVE_OUT) && Object.keys(want).every((k) => have[k] === want[k]);
  } catch {
    return false;
  }
}

/** Copies node_modules/better-sqlite3 (sources only, never its build/) into .cache and builds it there for Electron. */
async function ensureNativeBinding(electronVersion) {
  const want = nativeStamp(electronVersion);
  if (stampMatches(want)) {
    log(`2/4 better-sqlite3 ${want.betterSqlite3} for Electron ${electronVersion}: present (.cache/electron-native)`);
    return;
  }
  log(`2/4 better-sqlite3 ${want.betterSqlite3} for Electron ${electronVersion} (${want.platform}-${want.arch}): building in .cache/electron-native`);
  await requireNetwork(['better-sqlite3 has not been built for Electron yet', 'better-sqlite3 nu a fost încă compilat pentru Electron']);

  const src = path.join(NM, 'better-sqlite3');
  requireFile(path.join(src, 'package.json'), 'Run `npm ci` first.', 'Rulați întâi `npm ci`.');
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
  fs.mkdirSync(CACHE, { recursive: true });
  fs.cpSync(src, BUILD_DIR, {
    recursive: true,
    filter: (p) => {
      const rel = path.relative(src, p);
      return rel === '' || !(rel === 'build' || rel.startsWith(`build${path.sep}`) || rel === 'node_modules' || rel.startsWith(`node_modules${path.sep}`));
    },
  });

  // Nothing below may inherit npm's per-package settings or write outside BUILD_DIR.
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_(config|package)_/i.test(k)) delete env[k];
  const common = { cwd: BUILD_DIR, env };

  log('trying a prebuilt binary (prebuild-install --runtime electron) …');
  let r = run(
    process.execPath,
    [
      path.join(NM, 'prebuild-install', 'bin.js'),
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      process.arch,
      '--platform',
      process.platform,
      '--verbose',
    ],
    common,
  );
  const built = path.join(BUILD_DIR, 'build', 'Release', 'better_sqlite3.node');
  if (!r.ok || !fs.existsSync(built)) {
    log(`no prebuilt binary (${r.message}); compiling with node-gyp against Electron ${electronVersion} headers …`);
    r = run(
      process.execPath,
      [
        path.join(NM, 'node-gyp', 'bin', 'node-gyp.js'),
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      common,
    );
  }
  if (!r.ok || !fs.existsSync(built)) {
    throw new StartError(
      `Could not build better-sqlite3 for Electron ${electronVersion} (${r.message}): no prebuilt binary could be downloaded and ` +
        'node-gyp failed (it downloads Electron headers and needs Python 3 and a C++ toolchain; Windows: Visual Studio Build Tools). ' +
        'node_modules was not modified.',
      `better-sqlite3 nu a putut fi compilat pentru Electron ${electronVersion} (${r.message}): nu s-a putut descărca o versiune ` +
        'precompilată, iar node-gyp a eșuat (descarcă antetele Electron și are nevoie de Python 3 și de un compilator C++; ' +
        'Windows: Visual Studio Build Tools). node_modules nu a fost modificat.',
    );
  }
  fs.copyFileSync(built, NATIVE_OUT);
  fs.writeFileSync(STAMP, `${JSON.stringify(want, null, 2)}\n`);
  log(`better-sqlite3 for Electron ready: ${path.relative(ROOT, NATIVE_OUT)}`);
}

function buildApp() {
  log('3/4 electron-vite build …');
  const r = run(process.execPath, [path.join(NM, 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT });
  if (!r.ok) throw new StartError(`electron-vite build failed (${r.message}).`, `electron-vite build a eșuat (${r.message}).`);
}

function launch(exe) {
  const extra = [];
  if (process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0) {
    log("warning: running as root — Chromium's sandbox needs --no-sandbox here; run as a normal user for real work.");
    extra.push('--no-sandbox');
  }
  log(`4/4 launching PLA Desk (${((Date.now() - t0) / 1000).toFixed(1)} s of preparation)`);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(exe, [...extra, ROOT, ...appArgs], { cwd: ROOT, stdio: 'inherit', env, windowsHide: false });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

try {
  requireFile(path.join(NM, 'electron', 'package.json'), 'Run `npm ci` first.', 'Rulați întâi `npm ci`.');
  const electronVersion = readJson(path.join(NM, 'electron', 'package.json')).version;
  const exe = await ensureElectron(electronVersion);
  await ensureNativeBinding(electronVersion);
  buildApp();
  if (prepareOnly) log('prepared (--prepare-only): not launching');
  else launch(exe);
} catch (e) {
  if (e instanceof StartError) {
    console.error(`\n[start] ERROR: ${e.message}\n[start] EROARE: ${e.ro}\n`);
    process.exit(1);
  }
  throw e;
}
