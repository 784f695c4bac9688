import { AlertOutlined, HeatMapOutlined, ScheduleOutlined, WarningOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { warmRisks } from './queries';
import { rolesFor } from '../../app/access';
import { lazyScreen } from '../../app/lazyScreen';
import { paletteSource } from '../../app/paletteSearch';
import { api } from '../../api/client';

// Each screen's code is fetched when it is first opened (or when the app is idle): app/lazyScreen.tsx.
const Alerts = lazyScreen(() => import('./Alerts'), 'Alerts');
const Overview = lazyScreen(() => import('./Overview'), 'Overview');
const Reviews = lazyScreen(() => import('./Reviews'), 'Reviews');
const RiskDetail = lazyScreen(() => import('./RiskDetail'), 'RiskDetail');
const RisksList = lazyScreen(() => import('./RisksList'), 'RisksList');

export const risksModule: FeatureModule = {
  key: 'risks',
  group: 'registries',
  nav: [
    { path: '/risks', icon: <WarningOutlined />, label: 'risks.nav.list', testId: 'nav-risks', roles: rolesFor('risks.list') },
    { path: '/risks-overview', icon: <HeatMapOutlined />, label: 'risks.nav.overview', testId: 'nav-risks-overview', roles: rolesFor('risks.overview') },
    {
      path: '/risks-reviews',
      icon: <ScheduleOutlined />,
      label: 'risks.nav.reviews',
      testId: 'nav-risks-reviews',
      roles: rolesFor('risks.list', 'risks.openMeasures'),
    },
    { path: '/risks-alerts', icon: <AlertOutlined />, label: 'risks.nav.alerts', testId: 'nav-risks-alerts', roles: rolesFor('risks.listAlerts') },
  ],
  routes: [
    { path: '/risks', element: <RisksList />, keepAlive: warmRisks, roles: rolesFor('risks.list') },
    { path: '/risks/:id', element: <RiskDetail />, roles: rolesFor('risks.get') },
    { path: '/risks-overview', element: <Overview />, roles: rolesFor('risks.overview') },
    { path: '/risks-reviews', element: <Reviews />, roles: rolesFor('risks.list', 'risks.openMeasures') },
    { path: '/risks-alerts', element: <Alerts />, roles: rolesFor('risks.listAlerts') },
  ],
  palette: [
    paletteSource({
      reads: ['risks.list'],
      key: ['palette', 'risks'],
      search: true,
      fetch: (search, limit) => api.get('risks.list', { search, limit }),
      entries: (page) => page.rows.map((r) => ({ kind: 'risk', path: `/risks/${r.id}`, code: r.code, title: r.description })),
    }),
  ],
};
