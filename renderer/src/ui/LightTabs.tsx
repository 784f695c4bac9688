import { Activity, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * Tabs for a kept screen (the training sessions and programmes): a WAI-ARIA tab list (← → Home End move between
 * tabs) over panels that stay mounted once opened, hidden with React's Activity, so switching back keeps a tab's
 * search and page. antd's Tabs measure their tab bar in a layout effect each time the screen is shown, which laid
 * out the page early and rendered it twice.
 */
export function LightTabs<K extends string>({
  active,
  onChange,
  items,
  label,
}: {
  active: K;
  onChange: (key: K) => void;
  items: Array<{ key: K; label: ReactNode; children: ReactNode }>;
  label: string;
}) {
  const opened = useRef(new Set<K>());
  opened.current.add(active);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: items.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = (to + items.length) % items.length;
    tabs.current[next]?.focus();
    onChange(items[next].key);
  };
  return (
    <>
      <div className="pla-tabs" role="tablist" aria-label={label}>
        {items.map((it, i) => (
          <button
            key={it.key}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${it.key}`}
            aria-selected={it.key === active}
            aria-controls={`tabpanel-${it.key}`}
            tabIndex={it.key === active ? 0 : -1}
            className={it.key === active ? 'pla-tab on' : 'pla-tab'}
            onClick={() => onChange(it.key)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {it.label}
          </button>
        ))}
      </div>
      {items
        .filter((it) => opened.current.has(it.key))
        .map((it) => (
          <Activity key={it.key} mode={it.key === active ? 'visible' : 'hidden'}>
            <div role="tabpanel" id={`tabpanel-${it.key}`} aria-labelledby={`tab-${it.key}`}>
              {it.children}
            </div>
          </Activity>
        ))}
    </>
  );
}
