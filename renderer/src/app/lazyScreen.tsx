import { Component, isValidElement, lazy, Suspense, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Skeleton, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The interface is split per screen (issue 15 §9): the sign-in form loads only what it shows, and each screen's code
 * (with the libraries only it uses, e.g. Recharts for the charts) is fetched when the screen is first opened — or
 * earlier, when the app is idle (`preload`), so the usual next screen opens without waiting.
 */
export type LazyScreen<P extends object = object> = ComponentType<P> & {
  /** Fetches the screen's code now (once; a failed fetch is retried on the next call). */
  preload: () => Promise<void>;
};

/** A thenable that calls back at once: React.lazy reads an already-fetched screen without suspending (no flash of the fallback). */
const settled = <T,>(value: T) => ({ then: (ok: (v: T) => void) => ok(value) }) as unknown as Promise<T>;

/** A screen's code could not be fetched (the server stopped, or the app was rebuilt meanwhile): <ScreenBoundary> offers a retry. */
export class ScreenLoadError extends Error {
  override name = 'ScreenLoadError';
  /** `retry()` makes the next render fetch the screen again (React.lazy keeps a failure for good: a new one is made). */
  constructor(
    message: string,
    readonly retry: () => void,
  ) {
    super(message);
  }
}

/**
 * `lazyScreen(() => import('./RisksList'), 'RisksList')`: the named export of a screen's file, fetched on first render
 * (inside a <ScreenBoundary>) or by `preload()`.
 */
export function lazyScreen<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyScreen<M[K] extends ComponentType<infer P> ? P & object : object> {
  type P = M[K] extends ComponentType<infer Q> ? Q & object : object;
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const fetchScreen = () =>
    (pending ??= load().then(
      (m) => (loaded = m[name] as ComponentType<P>),
      (e: unknown) => {
        pending = null;
        throw new ScreenLoadError(e instanceof Error ? e.message : String(e), () => (current = makeLazy()));
      },
    ));
  const makeLazy = () => lazy(() => (loaded ? settled({ default: loaded }) : fetchScreen().then((c) => ({ default: c }))));
  let current = makeLazy();
  const Screen = (props: P) => {
    const C = current;
    return <C {...props} />;
  };
  return Object.assign(Screen, { preload: () => fetchScreen().then(() => undefined) });
}

/** Runs `fn` when the browser is idle (soon after the first paint), so prefetching never delays what the user sees. */
export function whenIdle(fn: () => void) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 2_000 });
  else setTimeout(fn, 200);
}

/**
 * Once the first screen is up, fetches the code of the screens the user may open next, one at a time when the browser
 * is idle, so a first visit opens as fast as a later one. `screens`: lazy screens, or route elements made of them (others
 * are skipped). Returns a function that stops it.
 */
export function preloadScreens(screens: readonly unknown[], startAfterMs = 1_000): () => void {
  const queue = [...new Set(screens.map((s) => (isValidElement(s) ? s.type : s)))].filter((c): c is LazyScreen => typeof c === 'function' && 'preload' in c);
  let stopped = false;
  const next = () => {
    const screen = queue.shift();
    // a screen that cannot be fetched now is fetched when opened (and says so then)
    if (!stopped && screen)
      void screen.preload().then(
        () => whenIdle(next),
        () => whenIdle(next),
      );
  };
  const timer = setTimeout(() => whenIdle(next), startAfterMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** What a screen shows while its code arrives: announced to screen readers ("Se încarcă…"), a skeleton for the eyes. */
export function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" aria-busy="true" data-testid="screen-loading">
      <span className="pla-sr-only">{t('common.loadingScreen')}</span>
      <Skeleton active paragraph={{ rows: 6 }} />
    </div>
  );
}

/** The same for the whole window (the app's frame is on its way): a spinner in the middle, as while signing in. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="pla-auth" role="status" aria-live="polite" aria-busy="true" data-testid="screen-loading">
      <span className="pla-sr-only">{t('common.loadingScreen')}</span>
      <Spin size="large" />
    </div>
  );
}

function ScreenLoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('common.screenLoadFailed')}
      subTitle={t('common.screenLoadFailedHint')}
      data-testid="screen-load-failed"
      extra={[
        <Button key="retry" onClick={onRetry}>
          {t('common.retry')}
        </Button>,
        <Button key="reload" type="primary" onClick={() => location.reload()}>
          {t('common.reload')}
        </Button>,
      ]}
    />
  );
}

/** A screen's code that cannot be fetched (the server stopped, or the app was updated meanwhile) says so, with a retry. */
class LoadErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    if (error instanceof ScreenLoadError) console.error('[pla-desk] a screen failed to load:', error.message, info.componentStack);
  }
  override render() {
    const { error } = this.state;
    // any other error is not ours to explain: it goes on up, as it did before screens were split
    if (error && !(error instanceof ScreenLoadError)) throw error;
    const retry = () => {
      (error as ScreenLoadError).retry();
      this.setState({ error: null });
    };
    return error ? <ScreenLoadFailed onRetry={retry} /> : this.props.children;
  }
}

/** Around lazy screens: the loading state while their code arrives, and a retry if it does not. */
export function ScreenBoundary({ children, fallback }: { children: ReactNode; fallback?: ReactNode }) {
  return (
    <LoadErrorBoundary>
      <Suspense fallback={fallback ?? <ScreenLoading />}>{children}</Suspense>
    </LoadErrorBoundary>
  );
}
