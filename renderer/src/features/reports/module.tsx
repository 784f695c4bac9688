import { AuditOutlined, FileTextOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { AssessmentsPage } from './AssessmentsPage';
import { ProgressReportPage } from './ProgressReportPage';

export const reportsModule: FeatureModule = {
  key: 'reports',
  group: 'registries',
  nav: [
    { path: '/reports', icon: <FileTextOutlined />, label: 'reports.nav.progress', testId: 'nav-reports' },
    { path: '/reports-assessments', icon: <AuditOutlined />, label: 'reports.nav.assessments', testId: 'nav-reports-assessments' },
  ],
  routes: [
    { path: '/reports', element: <ProgressReportPage /> },
    { path: '/reports-assessments', element: <AssessmentsPage /> },
  ],
};
