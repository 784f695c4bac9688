import { CloudUploadOutlined, GlobalOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { SitePage } from './SitePage';
import { SyncPage } from './SyncPanel';

/** The public site (A4.6): settings and the static build, then its publication to folders and SFTP servers. */
export const publishingModule: FeatureModule = {
  key: 'publishing',
  group: 'registries',
  nav: [
    { path: '/publishing/site', icon: <GlobalOutlined />, label: 'publishing.nav.site', testId: 'nav-publishing-site' },
    { path: '/publishing/sync', icon: <CloudUploadOutlined />, label: 'publishing.nav.sync', testId: 'nav-publishing-sync' },
  ],
  routes: [
    { path: '/publishing/site', element: <SitePage /> },
    { path: '/publishing/sync', element: <SyncPage /> },
  ],
};
