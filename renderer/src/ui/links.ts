import type { MouseEvent } from 'react';

/** A click the app handles itself; with a modifier or another button the browser opens the link elsewhere. */
export const isPlainLeftClick = (e: MouseEvent) => e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

/** The href of an in-app path under the hash router, for links that navigate themselves. */
export const hashHref = (path: string) => `#${path}`;

/** The one Setări screen (plan thresholds, risk register, public site); `?section=plan|risks|site` opens at a section. */
export const SETTINGS_PATH = '/settings';
