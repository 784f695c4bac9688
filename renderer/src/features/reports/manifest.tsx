import { AuditOutlined, FileTextOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { rolesFor } from '../../app/access';
import { lazyScreen } from '../../app/lazyScreen';

// Each screen's code is fetched when it is first opened (or when the app is idle): app/lazyScreen.tsx.
const AssessmentsPage = lazyScreen(() => import('./AssessmentsPage'), 'AssessmentsPage');
const ProgressReportPage = lazyScreen(() => import('./ProgressReportPage'), 'ProgressReportPage');

export const reportsModule: FeatureModule = {
  key: 'reports',
  group: 'reports',
  nav: [
    { path: '/reports', icon: <FileTextOutlined />, label: 'reports.nav.progress', testId: 'nav-reports', roles: rolesFor('reports.progress') },
    {
      path: '/reports-assessments',
      icon: <AuditOutlined />,
      label: 'reports.nav.assessments',
      testId: 'nav-reports-assessments',
      roles: rolesFor('reports.assessments'),
    },
  ],
  routes: [
    { path: '/reports', element: <ProgressReportPage />, roles: rolesFor('reports.progress') },
    { path: '/reports-assessments', element: <AssessmentsPage />, roles: rolesFor('reports.assessments') },
  ],
};
