/**
 * One guard for every webContents the app ever creates (Electron security checklist 11–15) and
 * deny-by-default permissions for every session. The decisions are pure functions in trusted-url.ts.
 */
import { app, shell, session, type Session, type WebContents } from 'electron';
import { isPermissionAllowed, isSafeExternalUrl, isTrustedDownloadUrl, navigationDecision } from './trusted-url';

function openExternally(url: string): void {
  if (!isSafeExternalUrl(url)) {
    console.warn(`[security] refused to open ${JSON.stringify(url.slice(0, 200))}`);
    return;
  }
  shell.openExternal(url).catch((e: unknown) => console.error('[security] openExternal failed', e));
}

/** Navigation, new windows and <webview> for one webContents. */
export function guardWebContents(contents: WebContents): void {
  const blockForeign = (event: { preventDefault(): void; url: string }) => {
    if (navigationDecision(event.url) === 'allow') return;
    event.preventDefault();
    console.warn(`[security] blocked navigation to ${JSON.stringify(event.url.slice(0, 200))}`);
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-frame-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);

  contents.setWindowOpenHandler(({ url }) => {
    // Never a new Electron window; an https link goes to the user's browser, anything else is dropped.
    openExternally(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** Permission requests and checks: deny unless allowlisted for the app's own origin. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event, item) => {
    // Downloads only come from our own pages (exports go through the save dialog in platform-electron.ts).
    if (!isTrustedDownloadUrl(item.getURL())) event.preventDefault();
  });
}

/** Installs the guards for every present and future webContents and hardens the default session. Call once, when ready. */
export function installSecurityGuards(): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents);
  });
  hardenSession(session.defaultSession);
}
