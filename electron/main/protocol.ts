/**
 * The `app://pla-desk/` scheme: the built renderer is served from out/renderer (never file://), with a
 * strict Content-Security-Policy header on every response. Path resolution lives in paths.ts (tested).
 */
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME } from './trusted-url';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveRendererFile } from './paths';

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

const textResponse = (status: number, body: string) =>
  new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** Serves `rendererRoot` on app://pla-desk/ for one session. Call after `app` is ready. */
export function handleAppProtocol(ses: Session, rendererRoot: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method Not Allowed');
    const resolved = resolveRendererFile(rendererRoot, request.url);
    if (!resolved.ok) return textResponse(resolved.status, resolved.reason);
    let body: Buffer;
    try {
      body = await readFile(resolved.path);
    } catch {
      return textResponse(404, 'Not Found');
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(resolved.path) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  });
}
