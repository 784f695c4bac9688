import { CheckSquareOutlined, DashboardOutlined, FlagOutlined, LineChartOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { lazyScreen } from '../../app/lazyScreen';
import { Dashboard, warmDashboard } from '../../app/screens';
import { AgendaPage } from '../../app/AgendaPage';
import { paletteSource } from '../../app/paletteSearch';
import { api } from '../../api/client';

// Each screen's code is fetched when it is first opened (or when the app is idle): app/lazyScreen.tsx. The dashboard's
// is in app/screens.ts: the sign-in screen fetches it ahead, while the user types.
const ActionDetail = lazyScreen(() => import('./ActionDetail'), 'ActionDetail');
const CommitmentDetail = lazyScreen(() => import('./CommitmentDetail'), 'CommitmentDetail');
const CommitmentsList = lazyScreen(() => import('./CommitmentsList'), 'CommitmentsList');
const IndicatorDetail = lazyScreen(() => import('./IndicatorDetail'), 'IndicatorDetail');
const IndicatorsList = lazyScreen(() => import('./IndicatorsList'), 'IndicatorsList');

/** "Ce am de făcut" (what is late and due this week, across modules): the editors' start page. */
export const AGENDA_ROLES = ['coordinator', 'member'] as const;

/** The implementation plan: the agenda, the dashboard (home), commitments with their actions, indicators. */
export const planModule: FeatureModule = {
  key: 'plan',
  group: 'plan',
  nav: [
    { path: '/agenda', icon: <CheckSquareOutlined />, label: 'nav.agenda', testId: 'nav-agenda', roles: AGENDA_ROLES },
    { path: '/', icon: <DashboardOutlined />, label: 'nav.dashboard', testId: 'nav-dashboard' },
    { path: '/commitments', icon: <FlagOutlined />, label: 'nav.commitments', testId: 'nav-commitments', also: ['/actions'] },
    { path: '/indicators', icon: <LineChartOutlined />, label: 'nav.indicators', testId: 'nav-indicators' },
  ],
  routes: [
    // the home screen is kept like the big lists: leaving it hides its charts instead of tearing them down
    { path: '/', element: <Dashboard />, keepAlive: warmDashboard },
    { path: '/agenda', element: <AgendaPage />, roles: AGENDA_ROLES },
    { path: '/commitments', element: <CommitmentsList /> },
    { path: '/commitments/:id', element: <CommitmentDetail /> },
    { path: '/actions/:id', element: <ActionDetail /> },
    { path: '/indicators', element: <IndicatorsList /> },
    { path: '/indicators/:id', element: <IndicatorDetail /> },
  ],
  palette: [
    paletteSource({
      reads: ['plan.listCommitments'],
      key: ['plan', 'commitments'],
      fetch: () => api.get('plan.listCommitments', {}),
      entries: (rows) => rows.map((c) => ({ kind: 'commitment', path: `/commitments/${c.id}`, code: c.code, title: c.title })),
    }),
    paletteSource({
      reads: ['plan.listActions'],
      key: ['plan', 'actions', 'all'],
      fetch: () => api.get('plan.listActions', {}),
      entries: (rows) => rows.map((a) => ({ kind: 'action', path: `/actions/${a.id}`, code: a.code, title: a.title })),
    }),
    paletteSource({
      reads: ['plan.listIndicators'],
      key: ['plan', 'indicators', 'all'],
      fetch: () => api.get('plan.listIndicators', {}),
      entries: (rows) => rows.map((i) => ({ kind: 'indicator', path: `/indicators/${i.id}`, code: i.code, title: i.name })),
    }),
  ],
};
