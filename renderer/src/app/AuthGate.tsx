import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, setUnauthenticatedHandler } from '../api/client';
import { errorText, toErrorData } from '../api/errors';
import { transport } from '../api/transport';
import { refreshSession, STATUS_KEY } from '../features/admin/mutations';
import { AuthContext } from './auth';
import { Login } from './Login';
import { AppLayout, Dashboard, FirstRun } from './screens';
import { PageLoading, ScreenBoundary, whenIdle } from './lazyScreen';

/** First run → create the coordinator; no session → sign in; otherwise the app. */
export function AuthGate() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => api.get('admin.status', {}) });

  useEffect(() => {
    setUnauthenticatedHandler(() => void refreshSession(qc));
    return () => setUnauthenticatedHandler(null);
  }, [qc]);

  // The app's frame and its home screen, fetched while the user signs in (the sign-in form itself needs neither).
  // Signed in already (a reload): the frame, and a viewer's start page beside it rather than after it.
  const signedOut = status.data?.hasUsers === true && !status.data.user;
  const role = status.data?.user?.role;
  useEffect(() => {
    if (signedOut)
      whenIdle(
        () =>
          void AppLayout.preload()
            .then(Dashboard.preload)
            .catch(() => undefined),
      );
    else if (role === 'viewer') void Dashboard.preload().catch(() => undefined);
  }, [signedOut, role]);

  if (status.isPending) {
    return (
      <div className="pla-auth">
        <Spin size="large" />
      </div>
    );
  }
  // A failed refetch keeps the app on screen (the connection banner says the server is away); only a first
  // answer that never came shows this page.
  if (status.isError && !status.data) {
    return (
      <div className="pla-auth">
        <Result
          status="warning"
          title={t('auth.unreachable')}
          subTitle={
            <Alert
              type="error"
              title={toErrorData(status.error).code === 'UNAUTHENTICATED' && transport().mode === 'browser' ? t('auth.needToken') : errorText(t, status.error)}
              data-testid="status-error"
            />
          }
          extra={<Button onClick={() => void status.refetch()}>{t('common.retry')}</Button>}
        />
      </div>
    );
  }
  const s = status.data;
  if (!s) return null;
  if (!s.hasUsers)
    return (
      <ScreenBoundary fallback={<PageLoading />}>
        <FirstRun />
      </ScreenBoundary>
    );
  if (!s.user) return <Login />;
  const user = s.user;
  return (
    <AuthContext.Provider
      value={{ user, status: s, isCoordinator: user.role === 'coordinator', canEdit: user.role === 'coordinator' || user.role === 'member' }}
    >
      <ScreenBoundary fallback={<PageLoading />}>
        <AppLayout />
      </ScreenBoundary>
    </AuthContext.Provider>
  );
}
