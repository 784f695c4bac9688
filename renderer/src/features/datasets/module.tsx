import { DatabaseOutlined, FieldTimeOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { DatasetPage } from './DatasetPage';
import { DatasetsList } from './DatasetsList';
import { OverdueReviews } from './OverdueReviews';

/** Open-data datasets (commitment A3): inventory, schema, import and validation, cleaning, export, periodic review. */
export const datasetsModule: FeatureModule = {
  key: 'datasets',
  group: 'registries',
  nav: [
    { path: '/datasets', icon: <DatabaseOutlined />, label: 'datasets.nav.inventory', testId: 'nav-datasets' },
    { path: '/datasets/overdue', icon: <FieldTimeOutlined />, label: 'datasets.nav.overdue', testId: 'nav-datasets-overdue' },
  ],
  routes: [
    { path: '/datasets', element: <DatasetsList /> },
    { path: '/datasets/overdue', element: <OverdueReviews /> },
    { path: '/datasets/:id', element: <DatasetPage /> },
  ],
};
