// The prebuilt command line: esbuild bundles our TypeScript (the CLI, the core it runs, browser mode's server and
// the worker threads: dataset validation, the risk import's read) into .cache/cli/, so `pla-desk` starts as plain JavaScript instead of compiling
// its sources through tsx on every run. Packages stay in node_modules (external). bin/pla-desk.js calls
// ensureCli() on every start: it rebuilds when a source is newer than the build (a few ms to check), so the two
// README commands stay all a newcomer runs; `npm ci` builds it once through the `prepare` script.
// Beside the bundle: commands.json (every command's usage, summary and help) lets `pla-desk --help` and
// `pla-desk <command> --help` answer without loading the core.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliDir = path.join(root, '.cache', 'cli');
const stampFile = path.join(cliDir, 'stamp.json');
/** What the bundle is made of; a change under any of these rebuilds it. */
const SOURCES = ['electron/cli', 'electron/core', 'electron/contract', 'electron/server', 'db', 'resources/seed', 'scripts/cli-build.mjs'];
/** Stands for the user's default data folder in the recorded help texts (it depends on who runs the command). */
export const DATA_DIR_MARK = '\u0000PLA_DATA_DIR\u0000';

/** The newest modification time under the sources (files and folders, so a deleted file counts too). */
function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  let newest = st.mtimeMs;
  if (st.isDirectory()) for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

const sourcesMtime = () => Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

/** Builds into a folder of its own, then moves the files in (each rename atomic; the stamp last). */
export async function buildCli({ quiet = false } = {}) {
  const started = sourcesMtime();
  if (!quiet) process.stderr.write('PLA Desk: building the command line (once after a change)…\n');
  const { build } = await import('esbuild');
  fs.mkdirSync(cliDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cliDir, '.build-'));
  try {
    await build({
      absWorkingDir: root,
      entryPoints: {
        run: 'electron/cli/run.ts',
        index: 'electron/cli/index.ts',
        help: 'electron/cli/help.ts',
        'datasets-validate-worker': 'electron/core/datasets/validate/worker.ts',
        'risks-read-worker': 'electron/core/risks/read-worker.ts',
      },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'error',
      chunkNames: 'chunk-[hash]',
    });
    // The commands' texts, for the answers that need no command to run.
    const saved = process.env.PLA_DESK_DATA_DIR;
    process.env.PLA_DESK_DATA_DIR = DATA_DIR_MARK;
    let table;
    try {
      const { commands } = await import(pathToFileURL(path.join(tmp, 'index.js')).href);
      table = Object.fromEntries(Object.entries(commands).map(([name, c]) => [name, { usage: c.usage, summary: c.summary, help: c.help }]));
    } finally {
      if (saved === undefined) delete process.env.PLA_DESK_DATA_DIR;
      else process.env.PLA_DESK_DATA_DIR = saved;
    }
    const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
    fs.writeFileSync(path.join(tmp, 'commands.json'), JSON.stringify({ version, commands: table }));
    for (const f of fs.readdirSync(tmp)) fs.renameSync(path.join(tmp, f), path.join(cliDir, f));
    fs.writeFileSync(`${stampFile}.tmp-${process.pid}`, JSON.stringify({ sourcesMtime: started, builtAt: new Date().toISOString() }));
    fs.renameSync(`${stampFile}.tmp-${process.pid}`, stampFile);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  // Chunks of earlier builds that nothing has used for a day.
  for (const f of fs.readdirSync(cliDir)) {
    const p = path.join(cliDir, f);
    if (/^chunk-/.test(f) && Date.now() - fs.statSync(p).mtimeMs > 86_400_000) fs.rmSync(p, { force: true });
  }
}

/** The bundle's folder, built or rebuilt first when missing or older than its sources. */
export async function ensureCli() {
  const stamp = readStamp();
  const fresh =
    stamp && fs.existsSync(path.join(cliDir, 'run.js')) && fs.existsSync(path.join(cliDir, 'commands.json')) && sourcesMtime() <= stamp.sourcesMtime;
  if (!fresh) await buildCli();
  return cliDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli({ quiet: process.argv.includes('--quiet') });
}
