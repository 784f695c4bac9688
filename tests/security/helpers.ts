import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import path from 'node:path';
import type { Role } from '../../electron/contract';
import { createCore, headlessPlatform, type CoreOptions } from '../../electron/core';
import { startServer, type RunningServer, type ServerOptions } from '../../electron/server';
import { afterEach } from 'vitest';
import { ok, SYSTEM, tempDir } from '../db/helpers';

export { tempDir };

export const PASSWORD = 'parola-sigura-123';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: any;
}

/** A raw HTTP(S) request: exactly the bytes and headers given (no cookie jar, no defaults). */
export function request(
  base: string,
  p: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; ca?: Buffer | string } = {},
): Promise<Reply> {
  const u = new URL(base);
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      {
        host: u.hostname,
        port: u.port,
        path: p,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        // The certificate is checked against the address dialled, whatever Host header the test sends.
        ...(opts.ca ? { ca: opts.ca, checkServerIdentity: (_h: string, c: tls.PeerCertificate) => tls.checkServerIdentity(u.hostname, c) } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = null;
          try {
            body = JSON.parse(text);
          } catch {
            body = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** One browser: the per-run token and whatever session cookie the server set. */
export class Client {
  cookie: string | null = null;
  lastSetCookie: string | null = null;
  constructor(
    readonly s: Served,
    readonly extraHeaders: Record<string, string> = {},
  ) {}
  async call(method: string, input: unknown = {}, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${this.s.server.token}`, ...this.extraHeaders, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    const r = await request(this.s.base, `/api/${method}`, { method: 'POST', headers: h, body: JSON.stringify(input), ca: this.s.ca });
    const set = r.headers['set-cookie']?.[0];
    if (set) {
      this.lastSetCookie = set;
      const pair = set.split(';')[0];
      this.cookie = /=$/.test(pair) || /max-age=0/i.test(set) ? null : pair;
    }
    return r;
  }
  async ok(method: string, input: unknown = {}) {
    const r = await this.call(method, input);
    if (!r.body?.ok) throw new Error(`${method}: ${JSON.stringify(r.body)}`);
    return r.body.value;
  }
  async login(username: string, password = PASSWORD) {
    return this.call('admin.login', { username, password });
  }
  get(p: string, headers: Record<string, string> = {}) {
    return request(this.s.base, p, { headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers }, ca: this.s.ca });
  }
}

export interface Served {
  server: RunningServer;
  base: string;
  dataDir: string;
  ca?: Buffer;
  /** Creates a user (through the system connection) and returns a browser signed in as them. */
  user(role: Role, username?: string): Promise<Client & { userId: string; username: string }>;
  client(): Client;
}

let n = 0;

/** Browser mode started in-process, as tests/db/server.test.ts does, with a core we can reach for setup. */
export async function serve(opts: Partial<ServerOptions> & { core?: never; coreOptions?: Partial<CoreOptions>; ca?: Buffer } = {}): Promise<Served> {
  const dataDir = tempDir();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PLA Desk</title>');
  const core = await createCore({
    dataDir,
    platform: headlessPlatform('browser'),
    secretsKeyFile: path.join(tempDir(), 'secrets.key'),
    ...opts.coreOptions,
  });
  const { coreOptions: _c, ca, ...serverOpts } = opts;
  const server = await startServer({ dataDir, port: 0, staticDir, ...serverOpts, core });
  const scheme = opts.tls ? 'https' : 'http';
  const s: Served = {
    server,
    base: `${scheme}://127.0.0.1:${server.port}`,
    dataDir,
    ca,
    async user(role, username) {
      const name = username ?? `${role}.${++n}`;
      const u = await ok(core, 'admin.saveUser', { username: name, displayName: `Test ${role} ${n}`, role, password: PASSWORD, active: true }, SYSTEM);
      const c = new Client(s);
      const r = await c.login(name);
      if (!r.body?.ok) throw new Error(`login ${name}: ${JSON.stringify(r.body)}`);
      return Object.assign(c, { userId: u.id, username: name });
    },
    client: () => new Client(s),
  };
  cleanupLater(async () => {
    await server.close();
    await core.close();
  });
  return s;
}

const pending: Array<() => Promise<void>> = [];
function cleanupLater(fn: () => Promise<void>) {
  pending.push(fn);
}
/** Closes every server started by serve() (call in afterEach). */
export async function closeAll() {
  while (pending.length) await pending.pop()!();
}

/** Opens the event stream as a browser tab would; `events` fills as they come; `stop()` ends it. */
export function listen(s: Served, cookie: string | null): { status: Promise<number>; events: any[]; stop(): void } {
  const u = new URL(s.base);
  const mod = u.protocol === 'https:' ? https : http;
  const events: any[] = [];
  let setStatus: (n: number) => void = () => {};
  const status = new Promise<number>((r) => (setStatus = r));
  const req = mod.get(
    { host: u.hostname, port: u.port, path: `/api/events?token=${s.server.token}`, headers: cookie ? { cookie } : {}, ...(s.ca ? { ca: s.ca } : {}) },
    (res) => {
      setStatus(res.statusCode ?? 0);
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
      });
    },
  );
  req.on('error', () => setStatus(0));
  return { status, events, stop: () => req.destroy() };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(closeAll);
