import { FieldTimeOutlined, FileDoneOutlined, FundOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { ApplicationDetail } from './ApplicationDetail';
import { ApplicationsList } from './ApplicationsList';
import { CallDetail } from './CallDetail';
import { CallsList } from './CallsList';
import { Deadlines } from './Deadlines';

/** The funding registry (action A4.5): calls, applications with their pipeline, upcoming deadlines. */
export const fundingModule: FeatureModule = {
  key: 'funding',
  group: 'registries',
  nav: [
    { path: '/funding/calls', icon: <FundOutlined />, label: 'funding.nav.calls', testId: 'nav-funding-calls' },
    { path: '/funding/applications', icon: <FileDoneOutlined />, label: 'funding.nav.applications', testId: 'nav-funding-applications' },
    { path: '/funding/deadlines', icon: <FieldTimeOutlined />, label: 'funding.nav.deadlines', testId: 'nav-funding-deadlines' },
  ],
  routes: [
    { path: '/funding/calls', element: <CallsList /> },
    { path: '/funding/calls/:id', element: <CallDetail /> },
    { path: '/funding/applications', element: <ApplicationsList /> },
    { path: '/funding/applications/:id', element: <ApplicationDetail /> },
    { path: '/funding/deadlines', element: <Deadlines /> },
  ],
};
