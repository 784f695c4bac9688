import { App as AntApp, ConfigProvider } from 'antd';
import roRO from 'antd/locale/ro_RO';
import enUS from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { HashRouter } from 'react-router-dom';
import { useLang } from '../ui/hooks';
import { AuthGate } from './AuthGate';
import { isApiError } from '../api/client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Local server: failures are real (validation, permission), retrying only delays the message.
      retry: (count, e) => !isApiError(e) && count < 1,
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

/** Calm, readable back-office look: one blue, neutral greys, compact but not cramped. */
const theme = {
  zeroRuntime: true,
  token: {
    colorPrimary: '#1f5fa8',
    borderRadius: 6,
    fontFamily: '"Segoe UI", system-ui, -apple-system, "Noto Sans", "DejaVu Sans", Roboto, Arial, sans-serif',
    fontSize: 14,
  },
  components: {
    Layout: { siderBg: '#17324f', headerBg: '#ffffff' },
    Menu: { darkItemBg: '#17324f', darkSubMenuItemBg: '#132a43', darkItemSelectedBg: '#1f5fa8' },
  },
};

export function App() {
  const lang = useLang();
  return (
    <ConfigProvider locale={lang === 'ro' ? roRO : enUS} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <HashRouter>
            <AuthGate />
          </HashRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
