import { GlobalOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { SitePage } from './SitePage';

/** The public site (A4.6): settings and the static build; the sync panel joins here. */
export const publishingModule: FeatureModule = {
  key: 'publishing',
  group: 'registries',
  nav: [{ path: '/publishing/site', icon: <GlobalOutlined />, label: 'publishing.nav.site', testId: 'nav-publishing-site' }],
  routes: [{ path: '/publishing/site', element: <SitePage /> }],
};
