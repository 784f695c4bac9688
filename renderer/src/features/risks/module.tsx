import { AlertOutlined, HeatMapOutlined, ScheduleOutlined, WarningOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { Alerts } from './Alerts';
import { Overview } from './Overview';
import { Reviews } from './Reviews';
import { RiskDetail } from './RiskDetail';
import { RisksList } from './RisksList';
import { warmRisks } from './queries';

export const risksModule: FeatureModule = {
  key: 'risks',
  group: 'registries',
  nav: [
    { path: '/risks', icon: <WarningOutlined />, label: 'risks.nav.list', testId: 'nav-risks' },
    { path: '/risks-overview', icon: <HeatMapOutlined />, label: 'risks.nav.overview', testId: 'nav-risks-overview' },
    { path: '/risks-reviews', icon: <ScheduleOutlined />, label: 'risks.nav.reviews', testId: 'nav-risks-reviews' },
    { path: '/risks-alerts', icon: <AlertOutlined />, label: 'risks.nav.alerts', testId: 'nav-risks-alerts' },
  ],
  routes: [
    { path: '/risks', element: <RisksList />, keepAlive: warmRisks },
    { path: '/risks/:id', element: <RiskDetail /> },
    { path: '/risks-overview', element: <Overview /> },
    { path: '/risks-reviews', element: <Reviews /> },
    { path: '/risks-alerts', element: <Alerts /> },
  ],
};
