import { FieldTimeOutlined, FileDoneOutlined, FundOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { rolesFor } from '../../app/access';
import { lazyScreen } from '../../app/lazyScreen';

// Each screen's code is fetched when it is first opened (or when the app is idle): app/lazyScreen.tsx.
const ApplicationDetail = lazyScreen(() => import('./ApplicationDetail'), 'ApplicationDetail');
const ApplicationsList = lazyScreen(() => import('./ApplicationsList'), 'ApplicationsList');
const CallDetail = lazyScreen(() => import('./CallDetail'), 'CallDetail');
const CallsList = lazyScreen(() => import('./CallsList'), 'CallsList');
const Deadlines = lazyScreen(() => import('./Deadlines'), 'Deadlines');

/** The funding registry (action A4.5): calls, applications with their pipeline, upcoming deadlines. */
export const fundingModule: FeatureModule = {
  key: 'funding',
  group: 'registries',
  nav: [
    {
      path: '/funding/calls',
      icon: <FundOutlined />,
      label: 'funding.nav.calls',
      testId: 'nav-funding-calls',
      roles: rolesFor('funding.listCalls', 'funding.listApplications'),
    },
    {
      path: '/funding/applications',
      icon: <FileDoneOutlined />,
      label: 'funding.nav.applications',
      testId: 'nav-funding-applications',
      roles: rolesFor('funding.listCalls', 'funding.listApplications'),
    },
    {
      path: '/funding/deadlines',
      icon: <FieldTimeOutlined />,
      label: 'funding.nav.deadlines',
      testId: 'nav-funding-deadlines',
      roles: rolesFor('funding.upcomingDeadlines'),
    },
  ],
  routes: [
    { path: '/funding/calls', element: <CallsList />, roles: rolesFor('funding.listCalls', 'funding.listApplications') },
    { path: '/funding/calls/:id', element: <CallDetail />, roles: rolesFor('funding.listCalls', 'funding.listApplications') },
    { path: '/funding/applications', element: <ApplicationsList />, roles: rolesFor('funding.listCalls', 'funding.listApplications') },
    { path: '/funding/applications/:id', element: <ApplicationDetail />, roles: rolesFor('funding.listCalls', 'funding.listApplications') },
    { path: '/funding/deadlines', element: <Deadlines />, roles: rolesFor('funding.upcomingDeadlines') },
  ],
};
