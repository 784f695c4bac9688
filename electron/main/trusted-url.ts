/**
 * URL trust decisions for the Electron main process. Pure: no `electron` import, so it is unit-tested in
 * plain Node (tests/unit/electron-trusted-url.test.ts). Every check goes through the WHATWG URL parser,
 * never `startsWith` (Electron security checklist items 13–15 and 17).
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'pla-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Schemes a link may be opened with in the user's browser. Nothing else leaves the app. */
export const EXTERNAL_PROTOCOLS: readonly string[] = ['https:'];

/**
 * Permissions the app's own pages may use. Everything else (camera, geolocation, notifications, HID,
 * serial, …) is denied, and nothing at all is granted to any other origin.
 * `clipboard-sanitized-write` lets "copy" buttons (navigator.clipboard.writeText) work.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 32_768) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True for `app://pla-desk/<anything>` and nothing else (no credentials, no port, no look-alike host). */
export function isTrustedAppUrl(raw: unknown): boolean {
  const u = parseUrl(raw);
  if (!u) return false;
  return u.protocol === `${APP_SCHEME}:` && u.hostname.toLowerCase() === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/** A download the app's own pages started: an app:// URL or a `blob:` minted by an app:// page. */
export function isTrustedDownloadUrl(raw: unknown): boolean {
  const u = parseUrl(raw);
  if (!u) return false;
  if (u.protocol === 'blob:') return isTrustedAppUrl(u.pathname);
  return isTrustedAppUrl(raw);
}

/** True when `raw` may be handed to `shell.openExternal`: an https URL with a host and no credentials. */
export function isSafeExternalUrl(raw: unknown): boolean {
  const u = parseUrl(raw);
  if (!u) return false;
  return EXTERNAL_PROTOCOLS.includes(u.protocol) && u.hostname !== '' && u.username === '' && u.password === '';
}

/** Deny by default: only the allowlisted permissions, and only for the app's own pages. */
export function isPermissionAllowed(permission: string, requestingUrl: unknown): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isTrustedAppUrl(requestingUrl);
}

/** What to do with a navigation of an app window: stay when it is our own page, otherwise block. */
export function navigationDecision(raw: unknown): 'allow' | 'block' {
  return isTrustedAppUrl(raw) ? 'allow' : 'block';
}
