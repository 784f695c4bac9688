/**
 * Browser-mode session bootstrap. The page is opened as http://127.0.0.1:N/?token=TOKEN: the token is kept
 * in sessionStorage (per tab) and removed from the address bar so it does not linger in history or get
 * copied into a screenshot. Who is signed in is not kept here: the server sets an HttpOnly session cookie at
 * sign-in (script cannot read it), which the browser sends with every call, download and event stream.
 */
export const TOKEN_KEY = 'pla.token';

export interface BrowserSession {
  token: string | null;
}

interface Deps {
  href: string;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  replaceUrl: (url: string) => void;
}

export function bootstrapSession(deps: Deps): BrowserSession {
  const url = new URL(deps.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    deps.storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    deps.replaceUrl(url.pathname + url.search + url.hash);
  }
  return { token: deps.storage.getItem(TOKEN_KEY) };
}

let current: BrowserSession | null = null;

/** The session of this tab (bootstrapped once). */
export function browserSession(): BrowserSession {
  if (!current) {
    current = bootstrapSession({
      href: window.location.href,
      storage: window.sessionStorage,
      replaceUrl: (u) => window.history.replaceState(window.history.state, '', u),
    });
  }
  return current;
}

/** `?token=..` for EventSource and downloads, which cannot send headers (the session cookie goes by itself). */
export function authQuery(s: BrowserSession): string {
  const q = new URLSearchParams();
  if (s.token) q.set('token', s.token);
  return q.toString();
}
