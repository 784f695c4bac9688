import { CloudUploadOutlined, GlobalOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { rolesFor } from '../../app/access';
import { lazyScreen } from '../../app/lazyScreen';

// Each screen's code is fetched when it is first opened (or when the app is idle): app/lazyScreen.tsx.
const SitePage = lazyScreen(() => import('./SitePage'), 'SitePage');
const SyncPage = lazyScreen(() => import('./SyncPanel'), 'SyncPage');

/** The public site (A4.6): settings and the static build, then its publication to folders and SFTP servers. */
export const publishingModule: FeatureModule = {
  key: 'publishing',
  group: 'reports',
  nav: [
    { path: '/publishing/site', icon: <GlobalOutlined />, label: 'publishing.nav.site', testId: 'nav-publishing-site' },
    {
      path: '/publishing/sync',
      icon: <CloudUploadOutlined />,
      label: 'publishing.nav.sync',
      testId: 'nav-publishing-sync',
      roles: rolesFor('publishing.listTargets', 'publishing.listQueue', 'publishing.listLog'),
    },
  ],
  routes: [
    { path: '/publishing/site', element: <SitePage /> },
    { path: '/publishing/sync', element: <SyncPage />, roles: rolesFor('publishing.listTargets', 'publishing.listQueue', 'publishing.listLog') },
  ],
};
