import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The one line `npm run web` prints when it is ready. */
export const READY_LINE = /^PLA Desk: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))\s*$/m;

export interface WebServer {
  /** The URL as printed: with the per-run token in local mode, plain in team mode. */
  url: string;
  /** http://127.0.0.1:N */
  origin: string;
  /** The per-run token (local mode); empty for a team server, which prints none. */
  token: string;
  port: number;
  log: () => string;
  /** SIGTERM to the whole process group, waiting for it to exit (SIGKILL after the timeout). */
  stop: () => Promise<void>;
}

export function tempDataDir(label = 'pla-e2e'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** The line a TLS server (team mode) prints when it is ready: its plain address (each person signs in; no token). */
const TLS_READY_LINE = /^PLA Desk: (https:\/\/127\.0\.0\.1:(\d+)\/)\s*$/m;

/**
 * Starts browser mode exactly as a user would: `npm run web -- --data-dir DIR --port N`; with `tls`, as city IT
 * starts a team server: `--listen 127.0.0.1:N --tls-cert FILE --tls-key FILE` (HTTPS, Secure cookies).
 */
export async function startWeb(dataDir: string, timeoutMs = 180_000, opts: { tls?: { cert: string; key: string } } = {}): Promise<WebServer> {
  const port = await freePort();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const listen = opts.tls ? ['--listen', `127.0.0.1:${port}`, '--tls-cert', opts.tls.cert, '--tls-key', opts.tls.key] : ['--port', String(port)];
  const ready = opts.tls ? TLS_READY_LINE : READY_LINE;
  const child = spawn(npm, ['run', 'web', '--', '--data-dir', dataDir, ...listen], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  // If the test process ends without calling stop() (a crash, an interrupted run), take the server down with it.
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));

  const stop = async () => {
    if ((child.exitCode !== null || child.signalCode !== null) && !groupAlive(child.pid!)) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 20_000);
    await exited(child);
    // npm leaves first; wait for the whole group (web.mjs and the server, which closes the database).
    while (groupAlive(child.pid!)) await new Promise((r) => setTimeout(r, 50));
    clearTimeout(timer);
  };

  const m = await new Promise<RegExpExecArray>((resolve, reject) => {
    const deadline = setTimeout(() => {
      void stop();
      reject(new Error(`npm run web did not print its URL in ${timeoutMs / 1000} s:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const hit = ready.exec(out);
      if (hit) {
        clearTimeout(deadline);
        resolve(hit);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`npm run web exited (${code}) before it was ready:\n${out}`));
    });
  });
  const [, url, p, token = ''] = m;
  if (Number(p) !== port) throw new Error(`server printed port ${p}, asked for ${port}`);
  return { url, origin: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`, token, port, log: () => out, stop };
}
