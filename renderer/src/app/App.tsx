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

/**
 * Calm, readable back-office look: one blue, neutral greys, compact but not cramped. Every text colour passes
 * WCAG AA contrast (4.5:1) on white and on antd's light greys: links in the brand blue (antd's default #1677ff is
 * 4.1:1), secondary and muted text #595959 (7:1) instead of antd's 45 % black (#8c8c8c, 3.4:1), red and amber
 * texts a shade darker than antd's. Tag colours and empty-table texts are darkened in ui/global.css.
 */
export const theme = {
  zeroRuntime: true,
  token: {
    colorPrimary: '#1f5fa8',
    colorLink: '#1f5fa8',
    colorLinkHover: '#174a85',
    colorLinkActive: '#123a69',
    colorInfo: '#1f5fa8',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#707070',
    // status texts (danger buttons, "late" dates, warnings under a disabled action) dark enough to read
    colorError: '#cf1322',
    colorErrorText: '#cf1322',
    colorWarningText: '#874d00',
    colorSuccessText: '#237804',
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
