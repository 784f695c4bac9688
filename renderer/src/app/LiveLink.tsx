import { Alert, Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { connection } from '../api/client';
import { followDataChanges } from '../api/live';
import { transport } from '../api/transport';

/**
 * The signed-in app's link to its server: colleagues' saves refetch what is on screen (live refresh), and
 * while the server cannot be reached a banner says so and retries by itself. Nothing here touches a form:
 * what the user typed stays where it is, and a save that did not reach the server says it was not saved.
 */
export function LiveLink() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const link = connection();
  const state = useSyncExternalStore(link.subscribe, link.state);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => followDataChanges((cb) => transport().subscribe(cb), qc), [qc]);
  // Back online: refetch what is on screen (a colleague may have saved meanwhile).
  useEffect(() => link.onReconnect(() => void qc.invalidateQueries()), [link, qc]);
  useEffect(() => {
    if (state.online) return;
    const h = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(h);
  }, [state.online]);

  if (state.online) return null;
  const seconds = state.nextRetryAt === null ? 0 : Math.max(0, Math.ceil((state.nextRetryAt - now) / 1_000));
  // Fixed above everything, modal forms included: the user is usually in a form when the link drops.
  return (
    <div style={{ position: 'fixed', top: 0, left: 0, right: 0, zIndex: 2000 }}>
      <Alert
        type="error"
        showIcon
        banner
        role="alert"
        data-testid="offline-banner"
        title={t('connection.offline')}
        description={seconds > 0 ? t('connection.retryIn', { seconds }) : t('connection.retrying')}
        action={
          <Button size="small" onClick={() => link.retryNow()} data-testid="offline-retry">
            {t('connection.retryNow')}
          </Button>
        }
      />
    </div>
  );
}
