/**
 * Can this machine run the Electron suite? Pure Node: never imports `electron` (Electron ≥ 42 would try
 * to download its binary on the first value import).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** ELECTRON_EXEC_PATH, else node_modules/electron/path.txt → node_modules/electron/dist/<path>, if present. */
export function findElectronBinary(root = ROOT, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ELECTRON_EXEC_PATH) return fs.existsSync(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null;
  const pathTxt = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!fs.existsSync(pathTxt)) return null;
  const exe = path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

export const NATIVE_BINDING = path.join(ROOT, '.cache', 'electron-native', 'better_sqlite3.node');

/** Why the suite cannot run here, or null when it can. */
export function electronSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!findElectronBinary(ROOT, env)) {
    return env.ELECTRON_EXEC_PATH
      ? `ELECTRON_EXEC_PATH=${env.ELECTRON_EXEC_PATH} does not exist`
      : 'the Electron binary is not downloaded (node_modules/electron/path.txt or dist/ missing; Electron ≥ 42 fetches it lazily ' +
          'and this machine cannot) — run `npm start -- --prepare-only` on a machine with internet, or set ELECTRON_EXEC_PATH';
  }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'no X/Wayland display (DISPLAY unset) — run under `xvfb-run -a npm run test:electron`';
  }
  if (!fs.existsSync(NATIVE_BINDING) && env.PLA_DESK_NATIVE_READY !== '1') {
    return (
      'better-sqlite3 has not been built for Electron (.cache/electron-native/better_sqlite3.node missing) — run ' +
      '`npm start -- --prepare-only` once (or set PLA_DESK_NATIVE_READY=1 if node_modules/better-sqlite3 was rebuilt for Electron)'
    );
  }
  return null;
}
