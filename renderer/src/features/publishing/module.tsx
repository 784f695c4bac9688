import { CloudUploadOutlined, GlobalOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { SitePage } from './SitePage';
import { SyncPage } from './SyncPanel';
import { rolesFor } from '../../app/access';

/** The public site (A4.6): settings and the static build, then its publication to folders and SFTP servers. */
export const publishingModule: FeatureModule = {
  key: 'publishing',
  group: 'reports',
  nav: [
    { path: '/publishing/site', icon: <GlobalOutlined />, label: 'publishing.nav.site', testId: 'nav-publishing-site' },
    { path: '/publishing/sync', icon: <CloudUploadOutlined />, label: 'publishing.nav.sync', testId: 'nav-publishing-sync', roles: rolesFor('publishing.listTargets', 'publishing.listQueue', 'publishing.listLog') },
  ],
  routes: [
    { path: '/publishing/site', element: <SitePage /> },
    { path: '/publishing/sync', element: <SyncPage />, roles: rolesFor('publishing.listTargets', 'publishing.listQueue', 'publishing.listLog') },
  ],
};
