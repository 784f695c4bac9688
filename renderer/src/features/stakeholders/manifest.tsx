import { ApartmentOutlined, DotChartOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { warmStakeholders } from './queries';
import { rolesFor } from '../../app/access';
import { lazyScreen } from '../../app/lazyScreen';
import { paletteSource } from '../../app/paletteSearch';
import { api } from '../../api/client';

// Each screen's code is fetched when it is first opened (or when the app is idle): app/lazyScreen.tsx.
const PowerInterestGrid = lazyScreen(() => import('./PowerInterestGrid'), 'PowerInterestGrid');
const RaciMatrix = lazyScreen(() => import('./RaciMatrix'), 'RaciMatrix');
const StakeholderDetail = lazyScreen(() => import('./StakeholderDetail'), 'StakeholderDetail');
const StakeholdersList = lazyScreen(() => import('./StakeholdersList'), 'StakeholdersList');

export const stakeholdersModule: FeatureModule = {
  key: 'stakeholders',
  group: 'registries',
  nav: [
    {
      path: '/stakeholders',
      icon: <TeamOutlined />,
      label: 'stakeholders.nav.list',
      testId: 'nav-stakeholders',
      roles: rolesFor('stakeholders.list', 'stakeholders.get', 'stakeholders.listRaci', 'stakeholders.listTakeovers', 'stakeholders.listPartnerships'),
    },
    {
      path: '/stakeholders-grid',
      icon: <DotChartOutlined />,
      label: 'stakeholders.nav.grid',
      testId: 'nav-stakeholders-grid',
      roles: rolesFor('stakeholders.listScores'),
    },
    {
      path: '/stakeholders-raci',
      icon: <ApartmentOutlined />,
      label: 'stakeholders.nav.raci',
      testId: 'nav-stakeholders-raci',
      roles: rolesFor('stakeholders.listRaci', 'stakeholders.listScores'),
    },
  ],
  routes: [
    {
      path: '/stakeholders',
      element: <StakeholdersList />,
      keepAlive: warmStakeholders,
      roles: rolesFor('stakeholders.list', 'stakeholders.get', 'stakeholders.listRaci', 'stakeholders.listTakeovers', 'stakeholders.listPartnerships'),
    },
    {
      path: '/stakeholders/:id',
      element: <StakeholderDetail />,
      roles: rolesFor('stakeholders.list', 'stakeholders.get', 'stakeholders.listRaci', 'stakeholders.listTakeovers', 'stakeholders.listPartnerships'),
    },
    { path: '/stakeholders-grid', element: <PowerInterestGrid />, roles: rolesFor('stakeholders.listScores') },
    { path: '/stakeholders-raci', element: <RaciMatrix />, roles: rolesFor('stakeholders.listRaci', 'stakeholders.listScores') },
  ],
  palette: [
    paletteSource({
      reads: ['stakeholders.list'],
      key: ['palette', 'stakeholders'],
      search: true,
      fetch: (search, limit) => api.get('stakeholders.list', { search, limit }),
      entries: (page) => page.rows.map((s) => ({ kind: 'organisation', path: `/stakeholders/${s.id}`, title: s.name })),
    }),
  ],
};
