import { ApartmentOutlined, DotChartOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { PowerInterestGrid } from './PowerInterestGrid';
import { RaciMatrix } from './RaciMatrix';
import { StakeholderDetail } from './StakeholderDetail';
import { StakeholdersList } from './StakeholdersList';
import { warmStakeholders } from './queries';

export const stakeholdersModule: FeatureModule = {
  key: 'stakeholders',
  group: 'registries',
  nav: [
    { path: '/stakeholders', icon: <TeamOutlined />, label: 'stakeholders.nav.list', testId: 'nav-stakeholders' },
    { path: '/stakeholders-grid', icon: <DotChartOutlined />, label: 'stakeholders.nav.grid', testId: 'nav-stakeholders-grid' },
    { path: '/stakeholders-raci', icon: <ApartmentOutlined />, label: 'stakeholders.nav.raci', testId: 'nav-stakeholders-raci' },
  ],
  routes: [
    { path: '/stakeholders', element: <StakeholdersList />, keepAlive: warmStakeholders },
    { path: '/stakeholders/:id', element: <StakeholderDetail /> },
    { path: '/stakeholders-grid', element: <PowerInterestGrid /> },
    { path: '/stakeholders-raci', element: <RaciMatrix /> },
  ],
};
