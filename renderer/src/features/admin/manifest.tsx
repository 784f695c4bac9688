import { Navigate } from 'react-router-dom';
import { AuditOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { lazyScreen } from '../../app/lazyScreen';
import { SETTINGS_PATH } from '../../ui/links';

// Each screen's code is fetched when it is first opened (or when the app is idle): app/lazyScreen.tsx.
const AuditPage = lazyScreen(() => import('./AuditPage'), 'AuditPage');
const SettingsPage = lazyScreen(() => import('./SettingsPage'), 'SettingsPage');
const UsersPage = lazyScreen(() => import('./UsersPage'), 'UsersPage');

const COORDINATOR = ['coordinator'] as const;

/** Administration: users and roles, the audit log (the coordinator's), and the one Setări screen (everyone's). */
export const adminModule: FeatureModule = {
  key: 'admin',
  group: 'admin',
  nav: [
    { path: '/admin/users', icon: <TeamOutlined />, label: 'nav.users', testId: 'nav-users', roles: COORDINATOR },
    { path: '/admin/audit', icon: <AuditOutlined />, label: 'nav.audit', testId: 'nav-audit', roles: COORDINATOR },
    { path: SETTINGS_PATH, icon: <SettingOutlined />, label: 'nav.settings', testId: 'nav-settings', roles: COORDINATOR, also: ['/admin/settings'] },
  ],
  routes: [
    { path: '/admin/users', element: <UsersPage />, roles: COORDINATOR },
    { path: '/admin/audit', element: <AuditPage />, roles: COORDINATOR },
    // the one Setări screen (plan, risk register, public site); its old address leads there
    { path: '/settings', element: <SettingsPage /> },
    { path: '/admin/settings', element: <Navigate to={SETTINGS_PATH} replace /> },
  ],
};
