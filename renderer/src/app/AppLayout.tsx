import { Button, Dropdown, Layout, Space, Tag, Typography } from 'antd';
import { FlagOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import { ChangePassword } from './ChangePassword';
import { useAuth } from './auth';
import { LangSwitch } from './LangSwitch';
import { refreshSession } from '../features/admin/mutations';
import { ExportButton } from '../ui/ExportButton';
import { ScreenBoundary, preloadScreens } from './lazyScreen';
import { useFocusOnNavigate } from '../ui/useFocusOnNavigate';
import { FEATURE_MODULES, NAV_GROUPS } from '../features/registry';
import { AGENDA_ROLES } from '../features/plan/manifest';
import { KeepAliveScreens } from './KeepAlive';
import { SideNav, type NavGroup } from './SideNav';
import { LiveLink } from './LiveLink';
import { CommandPalette } from './CommandPalette';
import { useAgenda } from './AgendaPage';

/** Which menu entry a path belongs to (detail pages light up their list; an entry's `also` addresses light it too). */
export function menuKeyFor(pathname: string): string {
  const under = (p: string) => pathname === p || pathname.startsWith(`${p}/`);
  const own = FEATURE_MODULES.flatMap((m) => m.nav).find((n) => under(n.path) || n.also?.some(under));
  return own ? own.path : '/';
}

/** Where an evaluator lands on signing in: their assignments, with progress and the next proposal to score. */
export const EVALUATOR_HOME = '/budgeting/my-evaluations';

/** Where coordinators and members land: "Ce am de făcut" (what is late and due this week, across modules). */
export const AGENDA_HOME = '/agenda';
const hasAgenda = (role: string) => (AGENDA_ROLES as readonly string[]).includes(role);

/** The plan's own screens, where the header offers the plan's Excel export (other screens export their own records). */
export const isPlanPath = (pathname: string) => pathname === '/' || /^\/(commitments|actions|indicators)(\/|$)/.test(pathname);

/** Whether a user of `role` may see an entry limited to `roles` (none: everyone). */
const allowedFor = (role: string) => (roles?: readonly string[]) => !roles || roles.includes(role);

/**
 * A route's screen inside its own loading boundary, keyed by the route: opening another screen mounts a new boundary,
 * so its loading state shows at once while its code arrives (the router's transition would otherwise keep the previous
 * screen up, with no sign that anything is happening); moving between records of the same screen keeps it mounted.
 */
const screen = (path: string, element: ReactNode) => <ScreenBoundary key={path}>{element}</ScreenBoundary>;

export function AppLayout() {
  const { t } = useTranslation();
  const { user, status } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  useFocusOnNavigate(location.pathname, mainRef);
  const qc = useQueryClient();
  const [changingPassword, setChangingPassword] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const allowed = allowedFor(user.role);
  const agenda = useAgenda(hasAgenda(user.role)).data;
  const routes = FEATURE_MODULES.flatMap((m) => m.routes.filter((r) => allowed(r.roles)));
  const keepAlive = routes.filter((r) => r.keepAlive);
  // The menu is the same until the language (`t`) or the user changes: built once for them, so SideNav skips the
  // re-render a navigation gives everything else here.
  const groups = useMemo<NavGroup[]>(() => {
    const can = allowedFor(user.role);
    const nav = (path: string, icon: ReactNode, label: string, testId: string) => ({ path, icon, label: t(label), testId });
    const out: NavGroup[] = [];
    // the modules' entries, grouped by task in this order (an evaluator's own work comes first: below)
    for (const group of NAV_GROUPS) {
      const entries = FEATURE_MODULES.filter((m) => m.group === group).flatMap((m) => m.nav.filter((n) => can(n.roles)));
      if (entries.length) out.push({ key: group, label: t(`nav.${group}`), items: entries.map((n) => nav(n.path, n.icon, n.label, n.testId)) });
    }
    if (user.role === 'evaluator') out.sort((a, b) => (a.key === 'budgeting' ? -1 : b.key === 'budgeting' ? 1 : 0));
    // counters beside the groups: what is late or due this week in each (the agenda's items per module)
    if (agenda)
      for (const [module, n] of Object.entries(agenda.byModule)) {
        const key = FEATURE_MODULES.find((m) => m.key === module)?.group ?? 'plan';
        const g = out.find((x) => x.key === key);
        if (g && n) g.count = (g.count ?? 0) + n;
      }
    for (const g of out) if (g.count) g.countLabel = t('agenda.menuCount', { count: g.count });
    return out;
  }, [t, user.role, agenda]);

  // Each role's start page: an evaluator signs in to their assignments, coordinators and members to "Ce am de
  // făcut" (the dashboard stays in the menu), viewers to the dashboard.
  useEffect(() => {
    if (user.role === 'evaluator' && location.pathname === '/') navigate(EVALUATOR_HOME, { replace: true });
    if (hasAgenda(user.role) && location.pathname === '/') navigate(AGENDA_HOME, { replace: true });
    // on signing in only, not on every visit to the dashboard
  }, []);

  // the other screens' code, fetched while the user reads the start page (the route list changes only with the role)
  useEffect(() => preloadScreens(routes.map((r) => r.element)), [user.role]);

  const logout = async () => {
    await api.call('admin.logout', {});
    await refreshSession(qc);
    navigate('/');
  };

  return (
    <Layout hasSider style={{ minHeight: '100vh' }}>
      <Layout.Sider width={232} breakpoint="lg" collapsedWidth={64} onCollapse={setCollapsed}>
        <div style={{ position: 'sticky', top: 0, maxHeight: '100vh', overflowY: 'auto' }}>
          <div className={collapsed ? 'pla-brand pla-brand-collapsed' : 'pla-brand'} title={collapsed ? 'PLA Desk' : undefined}>
            <FlagOutlined style={{ fontSize: 20 }} />
            {!collapsed && (
              <div>
                PLA Desk
                <small>{t('layout.subtitle')}</small>
              </div>
            )}
          </div>
          <SideNav groups={groups} selected={menuKeyFor(location.pathname)} collapsed={collapsed} label={t('nav.label')} />
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="pla-header">
          <CommandPalette groups={groups} />
          {isPlanPath(location.pathname) && <ExportButton label="export.plan" />}
          <LangSwitch />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'role', disabled: true, label: t(`roles.${user.role}`) },
                { type: 'divider' },
                {
                  key: 'password',
                  icon: <KeyOutlined />,
                  label: <span data-testid="change-password">{t('users.changeOwnPassword')}</span>,
                  onClick: () => setChangingPassword(true),
                },
                { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('layout.logout')}</span>, onClick: () => void logout() },
              ],
            }}
          >
            <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
              <Space size={6}>
                <span data-testid="user-name">{user.displayName}</span>
                {status.mode === 'browser' && <Tag style={{ marginInlineEnd: 0 }}>{t('layout.browserMode')}</Tag>}
                {status.server && (
                  <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="team-server-tag">
                    {t('layout.teamServer', { server: status.server })}
                  </Tag>
                )}
              </Space>
            </Button>
          </Dropdown>
        </Layout.Header>
        <LiveLink />
        <Layout.Content>
          <main className="pla-content" ref={mainRef}>
            <Routes>
              {routes.map((r) => (
                <Route key={r.path} path={r.path} element={r.keepAlive ? null : screen(r.path, r.element)} />
              ))}
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
