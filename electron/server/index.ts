import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { AppError, type CoreEvent, type Result } from '../contract';
import { createCore, headlessPlatform, type Connection, type Core } from '../core';

/**
 * Browser mode: the same core and contract as the desktop app, served on 127.0.0.1 only.
 * Every API call must carry the per-run token; sessions are bound to the tab's client id.
 */
export interface ServerOptions {
  dataDir: string;
  port: number;
  staticDir: string;
  token?: string;
  /** Inject a ready core (tests); otherwise one is created on dataDir. */
  core?: Core;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  core: Core;
  close(): Promise<void>;
}

const MAX_BODY = 48 * 1024 * 1024;
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
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

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AppError('VALIDATION', 'request too large', { issues: [{ field: '(input)', reason: 'too_big', message: 'request larger than 48 MB' }] }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const core = opts.core ?? (await createCore({ dataDir: opts.dataDir, platform: headlessPlatform('browser'), lock: true }));
  const staticRoot = path.resolve(opts.staticDir);
  const connections = new Map<string, Connection>();
  const connectionFor = (clientId: string | null): Connection => {
    if (!clientId || !CLIENT_ID.test(clientId)) return { sessionId: null };
    let c = connections.get(clientId);
    if (!c) connections.set(clientId, (c = { sessionId: null }));
    return c;
  };
  const sse = new Set<http.ServerResponse>();
  const unsubscribe = core.onEvent((e: CoreEvent) => {
    const line = `data: ${JSON.stringify(e)}\n\n`;
    for (const r of sse) r.write(line);
  });
  let port = opts.port;

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      // DNS-rebinding guard: only our own host names.
      const host = (req.headers.host ?? '').toLowerCase();
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendJson(res, 403, fail('FORBIDDEN', 'wrong host'));

      if (url.pathname.startsWith('/api/')) {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('token');
        if (!sameToken(bearer, token)) return sendJson(res, 401, fail('UNAUTHENTICATED', 'missing or wrong token'));
        if (url.pathname === '/api/events' && req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          res.write(': connected\n\n');
          sse.add(res);
          req.on('close', () => sse.delete(res));
          return;
        }
        if (req.method !== 'POST') return sendJson(res, 405, fail('VALIDATION', 'use POST'));
        const method = decodeURIComponent(url.pathname.slice('/api/'.length));
        let input: unknown = {};
        const body = await readBody(req);
        if (body.length) {
          try {
            input = JSON.parse(body.toString('utf8'));
          } catch {
            return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'the request body is not JSON', details: { issues: [{ field: '(input)', reason: 'invalid_json', message: 'not JSON' }] } } });
          }
        }
        const clientId = (req.headers['x-pla-client'] as string | undefined) ?? null;
        const result = await core.call(method, input, connectionFor(clientId));
        return sendJson(res, 200, result);
      }

      const file = /^\/files\/(export|attachment)\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (file) {
        if (!sameToken(url.searchParams.get('token'), token)) return sendJson(res, 401, fail('UNAUTHENTICATED', 'missing or wrong token'));
        const f = await core.resolveFile(file[1] as 'export' | 'attachment', file[2], connectionFor(url.searchParams.get('client')));
        if (!f) return sendJson(res, 404, fail('NOT_FOUND', 'file not found'));
        const ascii = f.name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_');
        res.writeHead(200, {
          'content-type': f.mimeType,
          'content-length': fs.statSync(f.path).size,
          'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        fs.createReadStream(f.path).pipe(res);
        return;
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('VALIDATION', 'method not allowed'));
      const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
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
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(target).pipe(res);
    } catch (e) {
      if (e instanceof AppError) return sendJson(res, 400, { ok: false, error: e.toData() });
      console.error('[pla-desk] server error', e);
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', 'unexpected error'));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    core,
    async close() {
      unsubscribe();
      for (const r of sse) r.end();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (!opts.core) await core.close();
    },
  };
}
