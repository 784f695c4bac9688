/** Which side-menu groups are open, by group key; remembered in localStorage under NAV_STORAGE_KEY. */
export type OpenGroups = Record<string, boolean>;

export const NAV_STORAGE_KEY = 'pla-desk.nav.groups';

/** Heights of the side menu's parts, in CSS pixels (ui/global.css: .pla-brand, .pla-nav-group-title, .pla-nav-item). */
export const NAV_HEIGHTS = { brand: 56, padding: 20, title: 28, item: 34 } as const;

/** The remembered state, or null when there is none (or it is not ours). */
export function readOpenGroups(stored: string | null): OpenGroups | null {
  if (!stored) return null;
  try {
    const v: unknown = JSON.parse(stored);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    return Object.fromEntries(Object.entries(v).filter(([, b]) => typeof b === 'boolean')) as OpenGroups;
  } catch {
    return null;
  }
}

/** The menu's height with the given groups open. */
export function menuHeight(groups: Array<{ key: string; items: unknown[] }>, open: OpenGroups): number {
  return NAV_HEIGHTS.brand + NAV_HEIGHTS.padding + groups.reduce((h, g) => h + NAV_HEIGHTS.title + (open[g.key] ? g.items.length * NAV_HEIGHTS.item : 0), 0);
}

/**
 * The groups open on a first visit: every group when the whole menu fits the window; otherwise the current
 * page's group, then the others in menu order while they still fit — so nothing needs scrolling.
 */
export function initialOpenGroups(groups: Array<{ key: string; items: unknown[] }>, current: string | undefined, windowHeight: number): OpenGroups {
  const all = Object.fromEntries(groups.map((g) => [g.key, true]));
  if (menuHeight(groups, all) <= windowHeight) return all;
  const open: OpenGroups = Object.fromEntries(groups.map((g) => [g.key, false]));
  const order = [...groups.filter((g) => g.key === current), ...groups.filter((g) => g.key !== current)];
  for (const g of order) {
    const next = { ...open, [g.key]: true };
    if (g.key === current || menuHeight(groups, next) <= windowHeight) Object.assign(open, next);
  }
  return open;
}
