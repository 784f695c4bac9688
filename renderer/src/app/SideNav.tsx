import { memo, type MouseEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { hashHref, isPlainLeftClick } from '../ui/links';

export interface NavGroup {
  key: string;
  label: string;
  items: Array<{ path: string; icon: ReactNode; label: string; testId: string }>;
}

/**
 * The side navigation: a list of links per group, the current page marked (aria-current). Plain links, so the
 * keyboard, screen readers and "open in a new tab" (browser mode) work as on any page; a click moves inside the
 * app. It re-renders only when the page, the language or the user's menu changes — not with everything else on a
 * navigation, as antd's Menu did (every item, its tooltip and icon, on every click).
 */
export const SideNav = memo(function SideNav({ groups, selected, collapsed, label }: { groups: NavGroup[]; selected: string; collapsed: boolean; label: string }) {
  const navigate = useNavigate();
  const go = (path: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainLeftClick(e)) return; // the browser opens it elsewhere
    e.preventDefault();
    navigate(path);
  };
  return (
    <nav className={collapsed ? 'pla-nav pla-nav-collapsed' : 'pla-nav'} aria-label={label} data-testid="side-nav">
      {groups.map((g) => (
        <div key={g.key} className="pla-nav-group" role="group" aria-label={g.label}>
          <div className="pla-nav-group-title" aria-hidden>
            {g.label}
          </div>
          <ul>
            {g.items.map((i) => (
              <li key={i.path}>
                <a href={hashHref(i.path)} onClick={go(i.path)} className={i.path === selected ? 'pla-nav-item on' : 'pla-nav-item'} aria-current={i.path === selected ? 'page' : undefined} title={collapsed ? i.label : undefined}>
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
      ))}
    </nav>
  );
});
