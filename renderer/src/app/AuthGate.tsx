import { useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Alert, Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, setUnauthenticatedHandler } from '../api/client';
import { errorText, toErrorData } from '../api/errors';
import { transport } from '../api/transport';
import { AuthContext } from './auth';
import { FirstRun } from './FirstRun';
import { Login } from './Login';
import { AppLayout } from './AppLayout';

export const STATUS_KEY = ['status'] as const;

/**
 * After sign-in, sign-out or a lost session: drop every cached answer of the previous user and ask the
 * server who we are now (the gate re-renders from the fresh status).
 */
export async function refreshSession(qc: QueryClient) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== STATUS_KEY[0] });
  await qc.refetchQueries({ queryKey: STATUS_KEY });
}

/** First run → create the coordinator; no session → sign in; otherwise the app. */
export function AuthGate() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => api.get('admin.status', {}) });

  useEffect(() => {
    setUnauthenticatedHandler(() => void refreshSession(qc));
    return () => setUnauthenticatedHandler(null);
  }, [qc]);

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
  if (!s.hasUsers) return <FirstRun />;
  if (!s.user) return <Login />;
  const user = s.user;
  return (
    <AuthContext.Provider
      value={{ user, status: s, isCoordinator: user.role === 'coordinator', canEdit: user.role === 'coordinator' || user.role === 'member' }}
    >
      <AppLayout />
    </AuthContext.Provider>
  );
}
