import { AlertOutlined, HeatMapOutlined, ScheduleOutlined, WarningOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { Alerts } from './Alerts';
import { Overview } from './Overview';
import { Reviews } from './Reviews';
import { RiskDetail } from './RiskDetail';
import { RisksList } from './RisksList';
import { warmRisks } from './queries';
import { rolesFor } from '../../app/access';

export const risksModule: FeatureModule = {
  key: 'risks',
  group: 'registries',
  nav: [
    { path: '/risks', icon: <WarningOutlined />, label: 'risks.nav.list', testId: 'nav-risks', roles: rolesFor('risks.list') },
    { path: '/risks-overview', icon: <HeatMapOutlined />, label: 'risks.nav.overview', testId: 'nav-risks-overview', roles: rolesFor('risks.overview') },
    { path: '/risks-reviews', icon: <ScheduleOutlined />, label: 'risks.nav.reviews', testId: 'nav-risks-reviews', roles: rolesFor('risks.list', 'risks.openMeasures') },
    { path: '/risks-alerts', icon: <AlertOutlined />, label: 'risks.nav.alerts', testId: 'nav-risks-alerts', roles: rolesFor('risks.listAlerts') },
  ],
  routes: [
    { path: '/risks', element: <RisksList />, keepAlive: warmRisks, roles: rolesFor('risks.list') },
    { path: '/risks/:id', element: <RiskDetail />, roles: rolesFor('risks.get') },
    { path: '/risks-overview', element: <Overview />, roles: rolesFor('risks.overview') },
    { path: '/risks-reviews', element: <Reviews />, roles: rolesFor('risks.list', 'risks.openMeasures') },
    { path: '/risks-alerts', element: <Alerts />, roles: rolesFor('risks.listAlerts') },
  ],
};
