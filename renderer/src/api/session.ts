/**
 * Browser-mode session bootstrap. The page is opened as http://127.0.0.1:N/?token=TOKEN: the token is kept
 * in sessionStorage (per tab) and removed from the address bar so it does not linger in history or get
 * copied into a screenshot. Every tab gets its own client id, which the server binds the sign-in to.
 */
export const TOKEN_KEY = 'pla.token';
export const CLIENT_KEY = 'pla.client';

export interface BrowserSession {
  token: string | null;
  clientId: string;
}

interface Deps {
  href: string;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  replaceUrl: (url: string) => void;
  randomId: () => string;
}

export function bootstrapSession(deps: Deps): BrowserSession {
  const url = new URL(deps.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    deps.storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    deps.replaceUrl(url.pathname + url.search + url.hash);
  }
  let clientId = deps.storage.getItem(CLIENT_KEY);
  if (!clientId) {
    clientId = deps.randomId();
    deps.storage.setItem(CLIENT_KEY, clientId);
  }
  return { token: deps.storage.getItem(TOKEN_KEY), clientId };
}

const fallbackUuid = () =>
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });

let current: BrowserSession | null = null;

/** The session of this tab (bootstrapped once). */
export function browserSession(): BrowserSession {
  if (!current) {
    current = bootstrapSession({
      href: window.location.href,
      storage: window.sessionStorage,
      replaceUrl: (u) => window.history.replaceState(window.history.state, '', u),
      randomId: () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : fallbackUuid()),
    });
  }
  return current;
}

/** `?token=..&client=..` for EventSource and downloads, which cannot send headers. */
export function authQuery(s: BrowserSession): string {
  const q = new URLSearchParams();
  if (s.token) q.set('token', s.token);
  q.set('client', s.clientId);
  return q.toString();
}
