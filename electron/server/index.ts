import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, type CoreEvent, type Result } from '../contract';
import { isLoopback } from './loopback';
import { createCore, headlessPlatform, type Connection, type Core, type CoreOptions, type EventAudience } from '../core';

/**
 * Browser mode: the same core and contract as the desktop app, served on 127.0.0.1 by default.
 * Every API call must carry the per-run token; the signed-in user is a server-issued session id in an
 * HttpOnly, SameSite=Strict cookie (Secure under TLS), which downloads and the event stream send too.
 * Any address other than loopback needs TLS (README "Security").
 */
export { isLoopback };

export interface ServerOptions {
  dataDir: string;
  port: number;
  staticDir: string;
  /** Address to bind (default 127.0.0.1). Anything but loopback requires `tls`. */
  host?: string;
  /** PEM certificate and key: the server speaks HTTPS and the session cookie is Secure. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  token?: string;
  /**
   * Team mode (the default under TLS): no per-run token is needed — a user opens https://host:port/ and signs in.
   * State-changing calls then carry the `x-pla-csrf` header instead (see csrfFor). Loopback without TLS keeps the
   * per-run token.
   */
  team?: boolean;
  /** Inject a ready core (tests); otherwise one is created on dataDir. */
  core?: Core;
  /** Passed to the core this server creates (session expiry, throttling). */
  coreOptions?: Pick<CoreOptions, 'sessionPolicy' | 'throttlePolicy' | 'database'>;
  /** A request (headers and body) must arrive within this time (default 60 s). */
  requestTimeoutMs?: number;
  /** Open connections allowed from one client address at once (default 32). */
  maxConnectionsPerAddress?: number;
}

/** How long a shutdown (SIGTERM) lets running jobs finish before it stops them and records them as failed. */
export const SHUTDOWN_GRACE_MS = 30_000;

export interface RunningServer {
  /** The address to open: plain in team mode (per-user sign-in); with `?token=` in local mode. */
  url: string;
  token: string;
  port: number;
  core: Core;
  /** The session cookie's name (it carries the port: servers on other ports keep their own sign-in). */
  cookieName: string;
  /** Under TLS: the certificate's SHA-256 fingerprint (AB:CD:…), which a desktop client pins on first connection. */
  fingerprint: string | null;
  /**
   * Stops taking requests, lets running jobs (and the requests waiting on them) finish for up to `graceMs`
   * (default 0), records those still running as failed, then closes the database.
   */
  close(graceMs?: number): Promise<void>;
}

const MAX_BODY = 48 * 1024 * 1024;
const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The header that carries the CSRF token in team mode. */
export const CSRF_HEADER = 'x-pla-csrf';

/**
 * The CSRF token of a request in team mode, bound to its session (or, before sign-in, to its address) by an HMAC
 * with the server's kept secret: a page on another site can neither read it (no CORS) nor send a custom header
 * without a preflight this server never grants. Every API answer carries the current one in `x-pla-csrf`, and
 * `GET /api/csrf` hands it out, so a client signing in picks up its new one from the sign-in answer.
 */
export function csrfFor(secret: string, conn: { sessionId: string | null; address?: string | null }): string {
  const bound = conn.sessionId ? `sid:${conn.sessionId}` : `anon:${conn.address ?? ''}`;
  return crypto.createHmac('sha256', secret).update(bound).digest('base64url');
}

const sameToken = (a: string | null | undefined, b: string) => {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(data);
}

const fail = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });
const invalid = (reason: string, message: string): Result<never> => ({
  ok: false,
  error: { code: 'VALIDATION', message, details: { issues: [{ field: '(input)', reason, message }] } },
});

/** decodeURIComponent that answers null for a malformed %-sequence instead of throwing. */
function decodePath(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The host names a certificate is valid for (its subjectAltName DNS and IP entries). */
function certificateNames(cert: string | Buffer): string[] {
  try {
    const san = new crypto.X509Certificate(cert).subjectAltName ?? '';
    return san
      .split(',')
      .map((x) => x.trim())
      .filter((x) => /^(DNS|IP Address):/.test(x))
      .map((x) => x.slice(x.indexOf(':') + 1).toLowerCase());
  } catch {
    return [];
  }
}

/**
 * Team mode (TLS): the token stays the same across restarts, so the address IT hands out keeps working and the
 * sessions kept in the database stay usable. It lives in `<data folder>/server-token`, readable by the server's
 * account only. Loopback without TLS keeps a new token for every run.
 */
function keptToken(dataDir: string): string {
  const file = path.join(path.resolve(dataDir), 'server-token');
  try {
    const t = fs.readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(t)) return t;
  } catch {
    // none yet
  }
  const t = crypto.randomBytes(24).toString('base64url');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${t}\n`, { mode: 0o600 });
  return t;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AppError('VALIDATION', 'request too large', { issues: [{ field: '(input)', reason: 'too_big', message: 'request larger than 48 MB' }] }));
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * One core event to the open event streams: a job's events to the sessions of the user who started it, a
 * data-changed notice (`everyone`) to every signed-in session whose role may read the module (`roles`). A stream
 * whose session ended is closed. Resolves when every stream has been answered.
 */
export async function broadcastEvent(
  core: Pick<Core, 'userOf' | 'roleOf'>,
  streams: Map<http.ServerResponse, Connection>,
  e: CoreEvent,
  audience: EventAudience,
): Promise<void> {
  if (!audience.userId && !audience.everyone) return;
  const line = `data: ${JSON.stringify(e)}\n\n`;
  const checks: Promise<void>[] = [];
  for (const [r, conn] of streams) {
    const uid = core.userOf(conn);
    if (uid === null) {
      // Signed out or expired: the stream ends.
      streams.delete(r);
      r.end();
    } else if (audience.everyone) {
      const roles = audience.roles;
      if (!roles) r.write(line);
      else
        checks.push(
          core.roleOf(conn).then(
            (role) => {
              if (role && roles.includes(role) && streams.has(r)) r.write(line);
            },
            () => {},
          ),
        );
    } else if (uid === audience.userId) r.write(line);
  }
  await Promise.all(checks);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host) && !opts.tls) throw new Error(`listening on ${host} needs --tls-cert and --tls-key: only 127.0.0.1 may serve without TLS`);
  const token = opts.token ?? (opts.tls ? keptToken(opts.dataDir) : crypto.randomBytes(24).toString('base64url'));
  const team = opts.team ?? !!opts.tls;
  // The server keeps sessions, sign-in locks and jobs in the database: a restart signs nobody out.
  const core =
    opts.core ?? (await createCore({ dataDir: opts.dataDir, platform: headlessPlatform('browser'), lock: true, serverState: true, ...opts.coreOptions }));
  const staticRoot = path.resolve(opts.staticDir);
  const secure = !!opts.tls;
  const scheme = secure ? 'https' : 'http';
  const maxPerAddress = opts.maxConnectionsPerAddress ?? 32;
  let port = opts.port;
  let cookieName = 'pla_sid';
  const hostNames = new Set(['127.0.0.1', 'localhost', host.toLowerCase(), ...(opts.tls ? certificateNames(opts.tls.cert) : [])]);
  hostNames.delete('0.0.0.0');
  hostNames.delete('::');

  /** One Connection per request, made from the session cookie: the server keeps no table keyed by anything a client chose. */
  const connectionOf = (req: http.IncomingMessage): Connection => {
    const sid = readCookie(req.headers.cookie, cookieName);
    return { sessionId: sid && SESSION_ID.test(sid) ? sid : null, address: req.socket.remoteAddress ?? null };
  };
  const sessionCookie = (value: string | null) =>
    value
      ? `${cookieName}=${value}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`
      : `${cookieName}=; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}; Max-Age=0`;

  // Event streams, each with its session: a job's events go only to the sessions of the user who started it.
  const sse = new Map<http.ServerResponse, Connection>();
  const unsubscribe = core.onEvent((e: CoreEvent, audience) => void broadcastEvent(core, sse, e, audience));

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      // DNS-rebinding guard: only our own host names.
      const hostHeader = (req.headers.host ?? '').toLowerCase();
      const hm = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(hostHeader);
      const hostName = hm?.[1].replace(/^\[|\]$/g, '');
      const hostPort = hm?.[2] ? Number(hm[2]) : secure ? 443 : 80;
      if (!hostName || !hostNames.has(hostName) || hostPort !== port) return sendJson(res, 403, fail('FORBIDDEN', 'wrong host'));
      const url = new URL(req.url ?? '/', `${scheme}://${hostHeader}`);
      const decoded = decodePath(url.pathname);
      if (decoded === null) return sendJson(res, 400, invalid('bad_path', 'malformed %-encoding in the address'));

      // Cross-site requests: a browser names the page's origin; only our own may change anything.
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const origin = req.headers.origin;
        const site = req.headers['sec-fetch-site'];
        if ((origin !== undefined && origin !== `${scheme}://${hostHeader}`) || (site !== undefined && site !== 'same-origin' && site !== 'none'))
          return sendJson(res, 403, fail('FORBIDDEN', 'cross-site request refused'));
      }

      if (url.pathname.startsWith('/api/')) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('token');
        const conn = connectionOf(req);
        // Local mode: the per-run token on every call. Team mode: a token, when sent, must be right; without one,
        // reads (the event stream, the CSRF token) need only the session cookie, and every POST the CSRF header.
        if (team) res.setHeader(CSRF_HEADER, csrfFor(token, conn));
        if (!team || bearer) {
          if (!sameToken(bearer, token)) return sendJson(res, 401, fail('UNAUTHENTICATED', 'missing or wrong token'));
        } else if (req.method !== 'GET' && req.method !== 'HEAD') {
          const sent = req.headers[CSRF_HEADER];
          if (typeof sent !== 'string' || !sameToken(sent, csrfFor(token, conn)))
            return sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'missing or wrong CSRF token', details: { reason: 'csrf' } } });
        }
        if (url.pathname === '/api/csrf' && req.method === 'GET') {
          if (!team) return sendJson(res, 404, fail('NOT_FOUND', 'not a team server'));
          return sendJson(res, 200, { ok: true, value: { token: csrfFor(token, conn) } });
        }
        if (url.pathname === '/api/events' && req.method === 'GET') {
          if (!core.userOf(conn)) return sendJson(res, 401, fail('UNAUTHENTICATED', 'sign in first'));
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          res.write(': connected\n\n');
          sse.set(res, conn);
          req.on('close', () => sse.delete(res));
          return;
        }
        if (req.method !== 'POST') return sendJson(res, 405, fail('VALIDATION', 'use POST'));
        // JSON only: a plain HTML form (which a browser may send cross-site without asking) cannot set it.
        if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
          return sendJson(res, 415, invalid('content_type', 'send the request as application/json'));
        const method = decoded.slice('/api/'.length);
        let input: unknown = {};
        const body = await readBody(req);
        if (body.length) {
          let text: string;
          try {
            text = utf8.decode(body);
          } catch {
            return sendJson(res, 400, invalid('encoding', 'the request body is not valid UTF-8'));
          }
          try {
            input = JSON.parse(text);
          } catch {
            return sendJson(res, 400, {
              ok: false,
              error: {
                code: 'VALIDATION',
                message: 'the request body is not JSON',
                details: { issues: [{ field: '(input)', reason: 'invalid_json', message: 'not JSON' }] },
              },
            });
          }
        }
        const before = conn.sessionId;
        const result = await core.call(method, input, conn);
        // Sign-in and sign-out change the session: the cookie follows (a new id at every sign-in).
        if (conn.sessionId !== before) {
          res.setHeader('set-cookie', sessionCookie(conn.sessionId));
          if (team) res.setHeader(CSRF_HEADER, csrfFor(token, conn));
        }
        return sendJson(res, 200, result);
      }

      const file = /^\/files\/(export|attachment)\/([0-9a-f-]{36})$/.exec(decoded);
      if (file) {
        const q = url.searchParams.get('token');
        if ((!team || q) && !sameToken(q, token)) return sendJson(res, 401, fail('UNAUTHENTICATED', 'missing or wrong token'));
        const conn = connectionOf(req);
        if (!core.userOf(conn)) return sendJson(res, 401, fail('UNAUTHENTICATED', 'sign in first'));
        const f = await core.resolveFile(file[1] as 'export' | 'attachment', file[2], conn);
        if (!f) return sendJson(res, 404, fail('NOT_FOUND', 'file not found'));
        const ascii = f.name
          .normalize('NFD')
          .replace(/[^\x20-\x7e]/g, '')
          .replace(/["\\]/g, '_');
        res.writeHead(200, {
          'content-type': f.mimeType,
          'content-length': f.size,
          'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        // From the data folder or the database, a chunk at a time; a read error ends the response.
        pipeline(f.open(), res).catch(() => res.destroy());
        return;
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('VALIDATION', 'method not allowed'));
      const rel = decoded === '/' ? '/index.html' : decoded;
      const target = path.resolve(staticRoot, `.${rel}`);
      if (!target.startsWith(staticRoot + path.sep) || !fs.existsSync(target) || !fs.statSync(target).isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end('Not found');
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
        ...(secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(target).pipe(res);
    } catch (e) {
      if (e instanceof AppError) {
        res.setHeader('connection', 'close');
        return sendJson(res, 400, { ok: false, error: e.toData() });
      }
      // The client went away (or the timeout cut its request): nothing to answer, nothing to log.
      if (req.destroyed || (e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as Error).message === 'aborted') return;
      console.error('[pla-desk] server error', e instanceof Error ? e.message : String(e));
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', 'unexpected error'));
    }
  };

  // Slow requests: headers within 15 s, the whole request (body included) within 60 s (checked every second),
  // idle keep-alive 5 s.
  const requestTimeout = opts.requestTimeoutMs ?? 60_000;
  const timing = {
    requestTimeout,
    headersTimeout: Math.min(15_000, requestTimeout),
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: Math.min(1_000, requestTimeout / 2),
  };
  const server: http.Server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key, ...timing }, handler)
    : http.createServer(timing, handler);
  // At most maxPerAddress open connections per client address.
  const perAddress = new Map<string, number>();
  server.on('connection', (socket: net.Socket) => {
    const addr = socket.remoteAddress ?? '?';
    const n = (perAddress.get(addr) ?? 0) + 1;
    if (n > maxPerAddress) {
      socket.destroy();
      return;
    }
    perAddress.set(addr, n);
    socket.once('close', () => {
      const left = (perAddress.get(addr) ?? 1) - 1;
      if (left <= 0) perAddress.delete(addr);
      else perAddress.set(addr, left);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  port = (server.address() as { port: number }).port;
  cookieName = `pla_sid_${port}`;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const address = `${scheme}://${shownHost}:${port}/`;
  return {
    // Team mode signs each person in with their own account (cookie + CSRF header): the address to hand out is the
    // plain one; a token in it would only travel into bookmarks, browser history and chat messages. Local mode
    // (`npm run web`, loopback without TLS) needs its per-run token on every call, so its address carries it.
    url: team ? address : `${address}?token=${token}`,
    token,
    port,
    core,
    cookieName,
    fingerprint: opts.tls ? new crypto.X509Certificate(opts.tls.cert).fingerprint256 : null,
    async close(graceMs = 0) {
      // No new connections; idle keep-alive ones go now, requests under way may finish.
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      unsubscribe();
      for (const r of sse.keys()) r.end();
      if (!opts.core) await core.close(graceMs);
      // Requests whose work has ended have a moment to send their answer; then every connection goes.
      await Promise.race([closed, new Promise((r) => setTimeout(r, Math.min(graceMs, 2_000)).unref())]);
      server.closeAllConnections();
      await closed;
    },
  };
}
