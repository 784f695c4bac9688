import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { AuditOutlined, DashboardOutlined, KeyOutlined, FlagOutlined, LineChartOutlined, LogoutOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { ItemType } from 'antd/es/menu/interface';
import { useState } from 'react';
import { api } from '../api/client';
import { ChangePassword } from './ChangePassword';
import { useAuth } from './auth';
import { LangSwitch } from './LangSwitch';
import { refreshSession } from './AuthGate';
import { ExportButton } from '../ui/ExportButton';
import { Dashboard } from '../features/plan/Dashboard';
import { CommitmentsList } from '../features/plan/CommitmentsList';
import { CommitmentDetail } from '../features/plan/CommitmentDetail';
import { ActionDetail } from '../features/plan/ActionDetail';
import { IndicatorsList } from '../features/plan/IndicatorsList';
import { IndicatorDetail } from '../features/plan/IndicatorDetail';
import { UsersPage } from '../features/admin/UsersPage';
import { AuditPage } from '../features/admin/AuditPage';
import { SettingsPage } from '../features/admin/SettingsPage';
import { FEATURE_MODULES } from '../features/registry';
import { KeepAliveScreens } from './KeepAlive';

/** Which menu entry a path belongs to (detail pages light up their list). */
export function menuKeyFor(pathname: string): string {
  if (pathname.startsWith('/commitments') || pathname.startsWith('/actions')) return '/commitments';
  if (pathname.startsWith('/indicators')) return '/indicators';
  if (pathname.startsWith('/admin/')) return pathname.split('/').slice(0, 3).join('/');
  const own = FEATURE_MODULES.flatMap((m) => m.nav).find((n) => pathname === n.path || pathname.startsWith(`${n.path}/`));
  return own ? own.path : '/';
}

export function AppLayout() {
  const { t } = useTranslation();
  const { user, isCoordinator, status } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const [changingPassword, setChangingPassword] = useState(false);

  const items: ItemType[] = [
    {
      type: 'group',
      key: 'plan',
      label: t('nav.plan'),
      children: [
        { key: '/', icon: <DashboardOutlined />, label: <span data-testid="nav-dashboard">{t('nav.dashboard')}</span> },
        { key: '/commitments', icon: <FlagOutlined />, label: <span data-testid="nav-commitments">{t('nav.commitments')}</span> },
        { key: '/indicators', icon: <LineChartOutlined />, label: <span data-testid="nav-indicators">{t('nav.indicators')}</span> },
      ],
    },
  ];
  const allowed = (roles?: readonly string[]) => !roles || roles.includes(user.role);
  const routes = FEATURE_MODULES.flatMap((m) => m.routes.filter((r) => allowed(r.roles)));
  const keepAlive = routes.filter((r) => r.keepAlive);
  const registries = FEATURE_MODULES.filter((m) => m.group === 'registries').flatMap((m) => m.nav.filter((n) => allowed(n.roles)));
  if (registries.length) {
    items.push({
      type: 'group',
      key: 'registries',
      label: t('nav.registries'),
      children: registries.map((n) => ({ key: n.path, icon: n.icon, label: <span data-testid={n.testId}>{t(n.label)}</span> })),
    });
  }
  if (isCoordinator) {
    items.push({
      type: 'group',
      key: 'admin',
      label: t('nav.admin'),
      children: [
        { key: '/admin/users', icon: <TeamOutlined />, label: <span data-testid="nav-users">{t('nav.users')}</span> },
        { key: '/admin/audit', icon: <AuditOutlined />, label: <span data-testid="nav-audit">{t('nav.audit')}</span> },
        { key: '/admin/settings', icon: <SettingOutlined />, label: <span data-testid="nav-settings">{t('nav.settings')}</span> },
      ],
    });
  }

  const logout = async () => {
    await api.call('admin.logout', {});
    await refreshSession(qc);
    navigate('/');
  };

  return (
    <Layout hasSider style={{ minHeight: '100vh' }}>
      <Layout.Sider width={232} breakpoint="lg" collapsedWidth={64}>
        <div style={{ position: 'sticky', top: 0, maxHeight: '100vh', overflowY: 'auto' }}>
        <div className="pla-brand">
          <FlagOutlined style={{ fontSize: 20 }} />
          <div>
            PLA Desk
            <small>{t('layout.subtitle')}</small>
          </div>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[menuKeyFor(location.pathname)]}
          items={items}
          onClick={(e) => navigate(e.key)}
          data-testid="side-nav"
        />
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="pla-header">
          <ExportButton />
          <LangSwitch />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'role', disabled: true, label: t(`roles.${user.role}`) },
                { type: 'divider' },
                { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">{t('users.changeOwnPassword')}</span>, onClick: () => setChangingPassword(true) },
                { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('layout.logout')}</span>, onClick: () => void logout() },
              ],
            }}
          >
            <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
              <Space size={6}>
                <span data-testid="user-name">{user.displayName}</span>
                {status.mode === 'browser' && <Tag style={{ marginInlineEnd: 0 }}>{t('layout.browserMode')}</Tag>}
              </Space>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content>
          <main className="pla-content">
            <Routes>
              <Route path="/" element={<Dashboard />} />
              <Route path="/commitments" element={<CommitmentsList />} />
              <Route path="/commitments/:id" element={<CommitmentDetail />} />
              <Route path="/actions/:id" element={<ActionDetail />} />
              <Route path="/indicators" element={<IndicatorsList />} />
              <Route path="/indicators/:id" element={<IndicatorDetail />} />
              {routes.map((r) => (
                <Route key={r.path} path={r.path} element={r.keepAlive ? null : r.element} />
              ))}
              {isCoordinator && <Route path="/admin/users" element={<UsersPage />} />}
              {isCoordinator && <Route path="/admin/audit" element={<AuditPage />} />}
              {isCoordinator && <Route path="/admin/settings" element={<SettingsPage />} />}
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
            <KeepAliveScreens routes={keepAlive} location={location} />
          </main>
          <Typography.Text className="pla-muted" style={{ display: 'block', textAlign: 'center', paddingBottom: 16, fontSize: 12 }}>
            PLA Desk {status.version}
          </Typography.Text>
          {changingPassword && <ChangePassword onClose={() => setChangingPassword(false)} />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
