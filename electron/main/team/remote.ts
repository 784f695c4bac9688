/**
 * The desktop client's proxy to a team server: main holds the session cookie (one per window) and the pinned
 * certificate, and forwards each contract call the preload sends as `POST /api/<method>` — the same requests
 * the browser sends. Pure Node (no `electron`), tests in tests/unit/team-remote.test.ts against a real
 * browser-mode server over TLS.
 *
 * Every outcome is a Result: a server that cannot be reached is `details.network` (the renderer's banner says
 * so and retries), a changed certificate also `details.certificate: 'changed'` (and nothing is sent to it).
 */
import fs from 'node:fs';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import type { ApiErrorData, CoreEvent, Delivery, Result } from '../../contract';
import { fetchServerCertificate, PinMismatchError, pinnedAgent, type Pin } from './pin';
import type { TeamSettings } from './settings';

/** A window's sign-in on the team server: its session cookie (`name=value`), kept only in main. */
export interface CookieJar {
  cookie: string | null;
  /** A team server reached without its token: the CSRF token bound to this session, renewed by every answer. */
  csrf?: string | null;
}

export interface ApiRequest {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body: string | null;
}

/** The HTTP request for one contract call. */
export function buildApiRequest(s: Pick<TeamSettings, 'origin' | 'token'>, method: string, input: unknown, jar: CookieJar): ApiRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (s.token) headers.authorization = `Bearer ${s.token}`;
  else if (jar.csrf) headers['x-pla-csrf'] = jar.csrf;
  if (jar.cookie) headers.cookie = jar.cookie;
  return { url: `${s.origin}/api/${encodeURIComponent(method).replace(/%2E/gi, '.')}`, method: 'POST', headers, body: JSON.stringify(input ?? {}) };
}

/** The jar after a response: a new session cookie replaces the old one; `Max-Age=0` (sign-out) empties it. */
export function applySetCookie(jar: CookieJar, setCookie: string[] | string | undefined): void {
  for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
    const [pair, ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!/^pla_sid(_\d+)?$/.test(name)) continue;
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a)) || value === '';
    jar.cookie = expired ? null : `${name}=${value}`;
  }
}

/** OpenSSL's verdicts when the presented certificate does not chain to the pinned one. */
const CERT_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'PIN_MISMATCH',
]);

const isResult = (b: unknown): b is Result<unknown> => !!b && typeof b === 'object' && typeof (b as { ok?: unknown }).ok === 'boolean';

export function networkFailure(message: string, extra: Record<string, unknown> = {}): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message, details: { network: true, ...extra } } as ApiErrorData };
}

/** A response turned into the call's Result. */
export function resultOf(status: number, text: string): Result<unknown> {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: a proxy's page */
  }
  if (isResult(body)) return body;
  if (status === 502 || status === 503 || status === 504) return networkFailure(`HTTP ${status}`);
  return { ok: false, error: { code: status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : 'INTERNAL', message: `HTTP ${status}` } };
}

/** The file name a download offers (`filename*=UTF-8''…` first, then `filename="…"`). */
export function fileNameOf(contentDisposition: string | undefined, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(contentDisposition ?? '');
  if (star) {
    try {
      return decodeURIComponent(star[1]).replace(/[\\/]/g, '_');
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="([^"]+)"/i.exec(contentDisposition ?? '');
  return (plain?.[1] ?? fallback).replace(/[\\/]/g, '_');
}

export interface RemoteClient {
  call(method: string, input: unknown, jar: CookieJar): Promise<Result<unknown>>;
  /**
   * A file the server offers (`files.deliver` → downloadPath), streamed to where the user chooses (`chooseDest`
   * gets the server's file name; null: they cancelled). Answers as the desktop app's own delivery: `savedTo`.
   */
  download(downloadPath: string, jar: CookieJar, chooseDest: (name: string) => Promise<string | null>): Promise<Result<Delivery>>;
  /** Follows the server's event stream for a signed-in window; reconnects after a drop. Returns stop. */
  follow(jar: CookieJar, onEvent: (e: CoreEvent) => void): () => void;
  close(): void;
}

export function createRemoteClient(s: TeamSettings, opts: { timeoutMs?: number; onPinMismatch?: (e: PinMismatchError) => void } = {}): RemoteClient {
  const pin: Pin = { fingerprint: s.fingerprint, pem: s.certPem };
  const agent = pinnedAgent(pin);
  const timeoutMs = opts.timeoutMs ?? 30_000;

  const target = new URL(s.origin);
  const failure = async (e: unknown): Promise<Result<never>> => {
    const err = e as Error & { code?: string; reason?: unknown };
    let mismatch = e instanceof PinMismatchError ? e : err?.reason instanceof PinMismatchError ? err.reason : null;
    // The chain check (only the pinned certificate is trusted) refused another certificate: read which one the
    // server shows now (nothing is sent on that socket), so the user is told plainly that it changed.
    if (!mismatch && CERT_ERRORS.has(err?.code ?? '')) {
      const seen = await fetchServerCertificate(target.hostname.replace(/^\[|\]$/g, ''), Number(target.port || 443), { timeoutMs: 5_000 }).catch(() => null);
      if (seen && seen.fingerprint !== pin.fingerprint) mismatch = new PinMismatchError(pin.fingerprint, seen.fingerprint);
    }
    if (mismatch) {
      opts.onPinMismatch?.(mismatch);
      return networkFailure('the server certificate changed', { certificate: 'changed' });
    }
    return networkFailure(err?.message ?? String(e));
  };

  const send = (r: ApiRequest) =>
    new Promise<{ status: number; text: string; setCookie: string[] | undefined; csrf: string | null }>((resolve, reject) => {
      const req = https.request(r.url, { method: r.method, headers: r.headers, agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        const csrf = res.headers['x-pla-csrf'];
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            setCookie: res.headers['set-cookie'],
            csrf: typeof csrf === 'string' ? csrf : null,
          }),
        );
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${s.origin} in ${timeoutMs / 1000} s`)));
      req.on('error', reject);
      req.end(r.body ?? undefined);
    });

  return {
    async call(method, input, jar) {
      try {
        // No token: the CSRF token first (GET /api/csrf), then each answer brings the next one.
        if (!s.token && !jar.csrf) {
          const headers: Record<string, string> = jar.cookie ? { cookie: jar.cookie } : {};
          jar.csrf = (await send({ url: `${s.origin}/api/csrf`, method: 'GET', headers, body: null })).csrf;
        }
        const res = await send(buildApiRequest(s, method, input, jar));
        applySetCookie(jar, res.setCookie);
        if (res.csrf) jar.csrf = res.csrf;
        return resultOf(res.status, res.text);
      } catch (e) {
        return await failure(e);
      }
    },
    async download(downloadPath, jar, chooseDest) {
      if (!/^\/files\/(export|attachment)\/[0-9a-f-]{36}$/.test(downloadPath))
        return { ok: false, error: { code: 'VALIDATION', message: 'not a file of this server' } };
      const headers: Record<string, string> = {};
      if (jar.cookie) headers.cookie = jar.cookie;
      const query = s.token ? `?token=${encodeURIComponent(s.token)}` : '';
      try {
        return await new Promise<Result<Delivery>>((resolve, reject) => {
          const req = https.request(`${s.origin}${downloadPath}${query}`, { method: 'GET', headers, agent, timeout: timeoutMs }, (res) => {
            if (res.statusCode !== 200) {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => resolve(resultOf(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')) as Result<Delivery>));
              return;
            }
            res.pause();
            chooseDest(fileNameOf(res.headers['content-disposition'], downloadPath.split('/').pop()!))
              .then(async (dest) => {
                if (!dest) {
                  res.destroy();
                  return resolve({ ok: true, value: { savedTo: null } });
                }
                // Streamed to a temporary name, renamed when whole: a dropped link leaves no half file behind.
                const tmp = `${dest}.part`;
                try {
                  await pipeline(res, fs.createWriteStream(tmp));
                  fs.renameSync(tmp, dest);
                } catch (e) {
                  fs.rmSync(tmp, { force: true });
                  throw e;
                }
                resolve({ ok: true, value: { savedTo: dest } });
              })
              .catch(reject);
          });
          req.on('timeout', () => req.destroy(new Error(`no answer from ${s.origin} in ${timeoutMs / 1000} s`)));
          req.on('error', reject);
          req.end();
        });
      } catch (e) {
        return await failure(e);
      }
    },
    follow(jar, onEvent) {
      let stopped = false;
      let req: ReturnType<typeof https.request> | null = null;
      let wait = 1_000;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const again = () => {
        if (stopped || !jar.cookie) return;
        timer = setTimeout(open, wait);
        wait = Math.min(wait * 2, 30_000);
      };
      const open = () => {
        timer = null;
        if (stopped || !jar.cookie) return;
        const headers: Record<string, string> = { accept: 'text/event-stream', cookie: jar.cookie };
        if (s.token) headers.authorization = `Bearer ${s.token}`;
        req = https.request(`${s.origin}/api/events`, { method: 'GET', headers, agent }, (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            return again();
          }
          wait = 1_000;
          let buf = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buf += chunk;
            let i: number;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              const block = buf.slice(0, i);
              buf = buf.slice(i + 2);
              for (const line of block.split('\n')) {
                if (!line.startsWith('data: ')) continue;
                try {
                  onEvent(JSON.parse(line.slice(6)) as CoreEvent);
                } catch {
                  /* not an event */
                }
              }
            }
          });
          res.on('end', again);
          res.on('error', again);
        });
        req.on('error', (e) => {
          void failure(e).then(again);
        });
        req.end();
      };
      open();
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        req?.destroy();
      };
    },
    close() {
      agent.destroy();
    },
  };
}
