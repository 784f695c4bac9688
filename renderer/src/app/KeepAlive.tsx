import { Activity, memo, startTransition, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { NavigationType, Route, Routes, UNSAFE_LocationContext as LocationContext, type Location } from 'react-router-dom';
import { ScreenBoundary } from './lazyScreen';

/** A route as features/registry.tsx declares it; `keepAlive` fetches what its first render reads. */
export interface KeepAliveRoute {
  path: string;
  element: ReactNode;
  keepAlive?: (qc: QueryClient) => Promise<unknown>;
}

const idle = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 4_000 }) : setTimeout(fn, 200));

const sameView = (a: Location, b: Location) => a.pathname === b.pathname && a.search === b.search && a.hash === b.hash;

/**
 * One kept screen, under its own location: while hidden it keeps the location it was last shown at, so the
 * user's navigation elsewhere does not re-render it (its links, its routes and the router's hooks all read the
 * location), and showing it again at the same address renders nothing anew. React Router offers no public way to
 * give a subtree its own location without a second router, hence its UNSAFE_LocationContext (stable since v6).
 */
const KeptScreen = memo(function KeptScreen({ path, element, location, visible }: { path: string; element: ReactNode; location: Location; visible: boolean }) {
  // The same element while the location stays: showing or hiding the screen re-renders nothing inside it (a new
  // <Routes> would give every link and router hook below a new route context, past the rows' memo).
  const screen = useMemo(
    () => (
      <LocationContext.Provider value={{ location, navigationType: NavigationType.Pop }}>
        <Routes>
          <Route path={path} element={<ScreenBoundary>{element}</ScreenBoundary>} />
        </Routes>
      </LocationContext.Provider>
    ),
    [location, path, element],
  );
  return <Activity mode={visible ? 'visible' : 'hidden'}>{screen}</Activity>;
});

/**
 * The dashboard and the big lists (risks, people, sessions, stakeholders: routes with `keepAlive` in
 * features/registry.tsx) stay mounted when the user leaves them, hidden by React's
 * <Activity>: coming back shows them at once with the search, filters, page and scroll as they were, and their
 * data refreshes in the background if it changed. Once the app is idle each is also pre-rendered hidden, one after
 * the other (its first page fetched ahead), so even the first visit opens without waiting for the server or a
 * full render. Hidden screens run no effects and do not re-render as the user moves around the app.
 */
export function KeepAliveScreens({ routes, location }: { routes: KeepAliveRoute[]; location: Location }) {
  const qc = useQueryClient();
  const [mounted, setMounted] = useState<ReadonlySet<string>>(() => new Set());
  const current = routes.find((r) => r.path === location.pathname)?.path;
  if (current && !mounted.has(current)) setMounted(new Set(mounted).add(current));

  // The location each screen was last shown at (pre-rendered: its bare path); kept while it is hidden.
  const seen = useRef(new Map<string, Location>());
  const locationOf = (path: string): Location => {
    const last = seen.current.get(path);
    if (path === current && !(last && sameView(last, location))) {
      seen.current.set(path, location);
      return location;
    }
    if (last) return last;
    const bare: Location = { pathname: path, search: '', hash: '', state: null, key: 'keep-alive' };
    seen.current.set(path, bare);
    return bare;
  };

  const paths = routes.map((r) => r.path).join('\n');
  useEffect(() => {
    let cancelled = false;
    const queue = routes.filter((r) => r.keepAlive);
    const next = () => {
      const r = queue.shift();
      if (cancelled || !r) return;
      // A failed fetch leaves the screen to load on its first visit, as any other.
      void r.keepAlive!(qc)
        .catch(() => undefined)
        .then(() => {
          if (cancelled) return;
          startTransition(() => setMounted((m) => (m.has(r.path) ? m : new Set(m).add(r.path))));
          idle(next);
        });
    };
    idle(next);
    return () => {
      cancelled = true;
    };
    // The routes change only with the user's role; `paths` names them.
  }, [qc, paths]);

  return routes
    .filter((r) => mounted.has(r.path))
    .map((r) => <KeptScreen key={r.path} path={r.path} element={r.element} location={locationOf(r.path)} visible={r.path === current} />);
}
