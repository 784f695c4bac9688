import { DatabaseOutlined, FieldTimeOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { rolesFor } from '../../app/access';
import { lazyScreen } from '../../app/lazyScreen';
import { paletteSource } from '../../app/paletteSearch';
import { api } from '../../api/client';

// Each screen's code is fetched when it is first opened (or when the app is idle): app/lazyScreen.tsx.
const DatasetPage = lazyScreen(() => import('./DatasetPage'), 'DatasetPage');
const DatasetsList = lazyScreen(() => import('./DatasetsList'), 'DatasetsList');
const OverdueReviews = lazyScreen(() => import('./OverdueReviews'), 'OverdueReviews');

/** Open-data datasets (commitment A3): inventory, schema, import and validation, cleaning, export, periodic review. */
export const datasetsModule: FeatureModule = {
  key: 'datasets',
  group: 'data',
  nav: [
    {
      path: '/datasets',
      icon: <DatabaseOutlined />,
      label: 'datasets.nav.inventory',
      testId: 'nav-datasets',
      roles: rolesFor('datasets.list', 'datasets.get'),
    },
    {
      path: '/datasets/overdue',
      icon: <FieldTimeOutlined />,
      label: 'datasets.nav.overdue',
      testId: 'nav-datasets-overdue',
      roles: rolesFor('datasets.overdueReviews'),
    },
  ],
  routes: [
    { path: '/datasets', element: <DatasetsList />, roles: rolesFor('datasets.list', 'datasets.get') },
    { path: '/datasets/overdue', element: <OverdueReviews />, roles: rolesFor('datasets.overdueReviews') },
    { path: '/datasets/:id', element: <DatasetPage />, roles: rolesFor('datasets.list', 'datasets.get') },
  ],
  palette: [
    paletteSource({
      reads: ['datasets.list'],
      key: ['palette', 'datasets'],
      fetch: () => api.get('datasets.list', {}),
      entries: (rows) => rows.map((d) => ({ kind: 'dataset', path: `/datasets/${d.id}`, title: d.name, context: d.holderInstitution })),
    }),
  ],
};
