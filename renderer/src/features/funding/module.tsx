import { FieldTimeOutlined, FileDoneOutlined, FundOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { ApplicationDetail } from './ApplicationDetail';
import { ApplicationsList } from './ApplicationsList';
import { CallDetail } from './CallDetail';
import { CallsList } from './CallsList';
import { Deadlines } from './Deadlines';
import { rolesFor } from '../../app/access';

/** The funding registry (action A4.5): calls, applications with their pipeline, upcoming deadlines. */
export const fundingModule: FeatureModule = {
  key: 'funding',
  group: 'registries',
  nav: [
    { path: '/funding/calls', icon: <FundOutlined />, label: 'funding.nav.calls', testId: 'nav-funding-calls', roles: rolesFor('funding.listCalls', 'funding.listApplications') },
    { path: '/funding/applications', icon: <FileDoneOutlined />, label: 'funding.nav.applications', testId: 'nav-funding-applications', roles: rolesFor('funding.listCalls', 'funding.listApplications') },
    { path: '/funding/deadlines', icon: <FieldTimeOutlined />, label: 'funding.nav.deadlines', testId: 'nav-funding-deadlines', roles: rolesFor('funding.upcomingDeadlines') },
  ],
  routes: [
    { path: '/funding/calls', element: <CallsList />, roles: rolesFor('funding.listCalls', 'funding.listApplications') },
    { path: '/funding/calls/:id', element: <CallDetail />, roles: rolesFor('funding.listCalls', 'funding.listApplications') },
    { path: '/funding/applications', element: <ApplicationsList />, roles: rolesFor('funding.listCalls', 'funding.listApplications') },
    { path: '/funding/applications/:id', element: <ApplicationDetail />, roles: rolesFor('funding.listCalls', 'funding.listApplications') },
    { path: '/funding/deadlines', element: <Deadlines />, roles: rolesFor('funding.upcomingDeadlines') },
  ],
};
