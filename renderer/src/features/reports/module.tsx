import { AuditOutlined, FileTextOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { AssessmentsPage } from './AssessmentsPage';
import { ProgressReportPage } from './ProgressReportPage';
import { rolesFor } from '../../app/access';

export const reportsModule: FeatureModule = {
  key: 'reports',
  group: 'reports',
  nav: [
    { path: '/reports', icon: <FileTextOutlined />, label: 'reports.nav.progress', testId: 'nav-reports', roles: rolesFor('reports.progress') },
    { path: '/reports-assessments', icon: <AuditOutlined />, label: 'reports.nav.assessments', testId: 'nav-reports-assessments', roles: rolesFor('reports.assessments') },
  ],
  routes: [
    { path: '/reports', element: <ProgressReportPage />, roles: rolesFor('reports.progress') },
    { path: '/reports-assessments', element: <AssessmentsPage />, roles: rolesFor('reports.assessments') },
  ],
};
