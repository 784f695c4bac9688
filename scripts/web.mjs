#!/usr/bin/env node
// `npm run web -- --data-dir DIR --port N`: builds the renderer when its sources are newer than the build,
// then serves the app and its API on 127.0.0.1 (browser mode). Prints `PLA Desk: http://127.0.0.1:N/?token=…`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = path.join(root, 'out', 'web', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = [path.join(root, 'renderer'), path.join(root, 'electron', 'contract')];
const built = fs.existsSync(outIndex) ? fs.statSync(outIndex).mtimeMs : 0;
if (!built || sources.some((d) => newestMtime(d) > built)) {
  process.stderr.write('PLA Desk: building the interface (vite build)…\n');
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 2, 2],
    },
  );
  if (r.status !== 0) {
    process.stderr.write('PLA Desk: the interface build failed (see above).\n');
    process.exit(r.status ?? 1);
  }
}

const child = spawn(process.execPath, [path.join(root, 'bin', 'pla-desk.js'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
