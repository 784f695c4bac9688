import { memo, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { DownOutlined, RightOutlined } from '@ant-design/icons';
import { hashHref, isPlainLeftClick } from '../ui/links';
import { initialOpenGroups, NAV_STORAGE_KEY, readOpenGroups, type OpenGroups } from './navGroups';

export interface NavGroup {
  key: string;
  label: string;
  items: Array<{ path: string; icon: ReactNode; label: string; testId: string }>;
  /** Items of "Ce am de făcut" in this group (late or due this week), shown beside its title. */
  count?: number;
  countLabel?: string;
}

/**
 * The side navigation, by task: labelled groups (Plan; Registre; Bugetare participativă; …) that open and close
 * with their title (a button, aria-expanded), remembered in localStorage. With nothing remembered, as many groups
 * open as fit the window — the current page's first — so a 1366×768 screen shows the whole menu without scrolling.
 * Plain links, so the keyboard, screen readers and "open in a new tab" (browser mode) work as on any page; a click
 * moves inside the app. It re-renders only when the page, the language or the user's menu changes.
 */
export const SideNav = memo(function SideNav({
  groups,
  selected,
  collapsed,
  label,
}: {
  groups: NavGroup[];
  selected: string;
  collapsed: boolean;
  label: string;
}) {
  const navigate = useNavigate();
  const current = groups.find((g) => g.items.some((i) => i.path === selected))?.key;
  const [open, setOpen] = useState<OpenGroups>(
    () => readOpenGroups(localStorage.getItem(NAV_STORAGE_KEY)) ?? initialOpenGroups(groups, current, window.innerHeight),
  );
  // Arriving on a page (a link, the palette, the address) opens its group: as on a first visit while the user has
  // opened or closed none (so the menu keeps fitting the window), else beside the groups they chose.
  useEffect(() => {
    if (!current) return;
    if (readOpenGroups(localStorage.getItem(NAV_STORAGE_KEY)) === null) setOpen(initialOpenGroups(groups, current, window.innerHeight));
    else if (!open[current]) setOpen((o) => ({ ...o, [current]: true }));
    // only when the page changes, not when the user closes its group
  }, [current]);
  const toggle = (key: string) =>
    setOpen((o) => {
      const next = { ...o, [key]: !o[key] };
      localStorage.setItem(NAV_STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  const go = (path: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainLeftClick(e)) return; // the browser opens it elsewhere
    e.preventDefault();
    navigate(path);
  };
  return (
    <nav className={collapsed ? 'pla-nav pla-nav-collapsed' : 'pla-nav'} aria-label={label} data-testid="side-nav">
      {groups.map((g) => {
        // the icon-only menu (narrow windows) has no titles to open groups with: every entry shows
        const shown = collapsed || !!open[g.key];
        return (
          <div key={g.key} className="pla-nav-group" data-testid={`menu-group-${g.key}`}>
            <button
              type="button"
              className="pla-nav-group-title"
              aria-expanded={shown}
              aria-controls={`pla-nav-${g.key}`}
              onClick={() => toggle(g.key)}
              data-testid={`menu-group-toggle-${g.key}`}
              tabIndex={collapsed ? -1 : 0}
            >
              <span className="pla-nav-group-label">{g.label}</span>
              <span className="pla-nav-caret" aria-hidden>
                {shown ? <DownOutlined /> : <RightOutlined />}
              </span>
            </button>
            {!!g.count && !collapsed && (
              <span className="pla-nav-count" data-testid={`menu-count-${g.key}`} title={g.countLabel}>
                <span aria-hidden>{g.count}</span>
                <span className="pla-sr-only">{g.countLabel}</span>
              </span>
            )}
            <ul id={`pla-nav-${g.key}`} aria-label={g.label} hidden={!shown}>
              {g.items.map((i) => (
                <li key={i.path}>
                  <a
                    href={hashHref(i.path)}
                    onClick={go(i.path)}
                    className={i.path === selected ? 'pla-nav-item on' : 'pla-nav-item'}
                    aria-current={i.path === selected ? 'page' : undefined}
                    title={collapsed ? i.label : undefined}
                  >
                    <span className="pla-nav-icon" aria-hidden>
                      {i.icon}
                    </span>
                    <span className="pla-nav-label" data-testid={i.testId}>
                      {i.label}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
});
