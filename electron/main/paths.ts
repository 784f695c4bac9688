/**
 * Path decisions for the Electron main process. Pure: no `electron` import (unit-tested in plain Node,
 * tests/unit/electron-paths.test.ts). Electron values (app.isPackaged, app.getPath, process.argv) are passed in.
 */
import nodePath from 'node:path';
import { APP_HOST, APP_SCHEME, parseUrl } from './trusted-url';

type PathImpl = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'join' | 'basename' | 'extname' | 'sep'>;

/** The Content-Security-Policy sent with every app:// response (kept in step with renderer/index.html's meta tag). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Ant Design (CSS-in-JS) injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type RendererFileResolution = { ok: true; path: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps an `app://pla-desk/<path>` request to a file under `rendererRoot` (the built renderer, out/renderer).
 * Refuses other hosts, encoded NULs and backslashes, and any path that resolves outside the root.
 */
export function resolveRendererFile(rendererRoot: string, requestUrl: string, path: PathImpl = nodePath): RendererFileResolution {
  const u = parseUrl(requestUrl);
  if (!u || u.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: 'not an app:// URL' };
  if (u.hostname.toLowerCase() !== APP_HOST || u.port || u.username || u.password) {
    return { ok: false, status: 403, reason: 'foreign host' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400, reason: 'forbidden character' };
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';

  const root = path.resolve(rendererRoot);
  const full = path.resolve(root, `.${pathname.startsWith('/') ? '' : '/'}${pathname}`);
  const rel = path.relative(root, full);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || rel.startsWith('../') || path.isAbsolute(rel)) {
    return { ok: false, status: 403, reason: 'outside the renderer directory' };
  }
  return { ok: true, path: full };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return MIME[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Where `npm start` puts a better-sqlite3 binary built for Electron's ABI (relative to the app root). */
export const DEV_NATIVE_BINDING = ['.cache', 'electron-native', 'better_sqlite3.node'] as const;

/**
 * Which better_sqlite3.node core should load under Electron.
 * - Packaged: none — better-sqlite3 in the app's node_modules was rebuilt for Electron at pack time.
 * - Development (`npm start`): the copy in `.cache/electron-native/`, when it exists; node_modules keeps
 *   the Node build the CLI and the tests use.
 */
export function chooseNativeBinding(opts: { isPackaged: boolean; appRoot: string; exists: (p: string) => boolean; path?: PathImpl }): string | undefined {
  if (opts.isPackaged) return undefined;
  const path = opts.path ?? nodePath;
  const candidate = path.join(opts.appRoot, ...DEV_NATIVE_BINDING);
  return opts.exists(candidate) ? candidate : undefined;
}

export const DATA_DIR_FLAG = '--data-dir';
export const DATA_DIR_ENV = 'PLA_DESK_DATA_DIR';

/**
 * The data directory: `--data-dir <dir>` / `--data-dir=<dir>` on the command line, else the
 * PLA_DESK_DATA_DIR environment variable (tests), else Electron's per-user `userData` directory.
 * `explicit` tells main to keep Chromium's profile inside it too, so test runs never share state.
 */
export function resolveDataDir(opts: { argv: readonly string[]; env: Record<string, string | undefined>; defaultDir: string; cwd?: string; path?: PathImpl }): {
  dir: string;
  explicit: boolean;
} {
  const path = opts.path ?? nodePath;
  const cwd = opts.cwd ?? process.cwd();
  let fromArgv: string | undefined;
  for (let i = 0; i < opts.argv.length; i++) {
    const a = opts.argv[i];
    if (a === DATA_DIR_FLAG && i + 1 < opts.argv.length) fromArgv = opts.argv[i + 1];
    else if (a.startsWith(`${DATA_DIR_FLAG}=`)) fromArgv = a.slice(DATA_DIR_FLAG.length + 1);
  }
  const chosen = [fromArgv, opts.env[DATA_DIR_ENV]].find((v) => typeof v === 'string' && v.trim() !== '');
  if (chosen) return { dir: path.resolve(cwd, chosen.trim()), explicit: true };
  return { dir: opts.defaultDir, explicit: false };
}

/** A file name safe to offer in a save dialog: no directories, no control characters, never empty. */
export function safeFileName(name: string, fallback = 'fisier'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return cleaned === '' ? fallback : cleaned.slice(0, 200);
}
