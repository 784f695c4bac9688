import { Button, Input, Modal, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { FEATURE_MODULES } from '../features/registry';
import { useAuth } from './auth';
import { mayCall } from './access';
import { matchPalette, type PaletteEntry, type PaletteSource } from './paletteSearch';
import type { NavGroup } from './SideNav';

const LIMIT = 8;

/** Every module's palette records (its manifest's `palette`): the small lists, then the big registers matched on the server. */
const SOURCES = FEATURE_MODULES.flatMap((m) => m.palette ?? []);
const LOCAL = SOURCES.filter((s) => !s.search);
const SERVER = SOURCES.filter((s) => s.search);

/**
 * The entries of the given sources a role may read: a small list is fetched when the palette opens; a register is
 * asked for what is typed (two characters or more), and shows nothing below that.
 */
function useSourceEntries(sources: readonly PaletteSource[], open: boolean, role: string, query: string): PaletteEntry[] {
  const q = query.trim();
  const typed = q.length >= 2;
  const combine = useCallback(
    (results: Array<UseQueryResult<unknown>>) =>
      results.flatMap((r, i) => {
        const s = sources[i]!;
        return r.data === undefined || (s.search && !typed) ? [] : s.entries(r.data);
      }),
    [sources, typed],
  );
  return useQueries({
    queries: sources.map((s) => ({
      queryKey: s.search ? [...s.key, q] : s.key,
      enabled: open && (!s.search || typed) && s.reads.every((m) => mayCall(role, m)),
      queryFn: () => s.fetch(q, LIMIT),
    })),
    combine,
  });
}

/**
 * The command palette: Ctrl+K (⌘K) anywhere, or the search button in the header, then type a screen's name or a
 * record's code or name — diacritics and case aside — and Enter (or a click) opens it. Arrow keys move through the
 * results; Esc closes and gives the focus back to where it was (antd's Modal).
 */
export function CommandPalette({ groups }: { groups: NavGroup[] }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(query);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const screens = useMemo(
    () => groups.flatMap((g) => g.items.map((i): PaletteEntry => ({ kind: 'screen', path: i.path, title: i.label, context: g.label }))),
    [groups],
  );
  const local = useSourceEntries(LOCAL, open, user.role, '');
  const server = useSourceEntries(SERVER, open, user.role, deferred);
  const results = useMemo(() => matchPalette([...screens, ...local, ...server], deferred, 40), [screens, local, server, deferred]);
  useEffect(() => {
    setActive(0);
  }, [deferred]);

  const go = (e: PaletteEntry | undefined) => {
    if (!e) return;
    setOpen(false);
    setQuery('');
    navigate(e.path);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(results[active]);
    }
  };
  useEffect(() => {
    document.getElementById(`pla-palette-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <>
      <Button type="text" icon={<SearchOutlined />} onClick={() => setOpen(true)} aria-keyshortcuts="Control+K" data-testid="palette-open">
        {t('palette.button')} <kbd className="pla-kbd">Ctrl K</kbd>
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t('palette.title')} width={640} destroyOnHidden data-testid="palette">
        <Input
          autoFocus
          size="large"
          prefix={<SearchOutlined aria-hidden />}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t('palette.placeholder')}
          aria-label={t('palette.placeholder')}
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls="pla-palette-list"
          aria-activedescendant={results.length ? `pla-palette-${active}` : undefined}
          aria-autocomplete="list"
          data-testid="palette-input"
        />
        <ul id="pla-palette-list" role="listbox" aria-label={t('palette.results')} className="pla-palette-list" data-testid="palette-results">
          {results.map((r, i) => (
            <li
              key={`${r.kind}-${r.path}-${r.code ?? r.title}`}
              id={`pla-palette-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'pla-palette-item on' : 'pla-palette-item'}
              onMouseEnter={() => setActive(i)}
              onClick={() => go(r)}
              data-testid="palette-result"
              data-kind={r.kind}
            >
              <Tag className="pla-palette-kind">{t(`paletteKind.${r.kind}`)}</Tag>
              {r.code && <strong className="pla-palette-code">{r.code}</strong>}
              <span className="pla-palette-title">{r.title}</span>
              {r.context && <span className="pla-palette-context">{r.context}</span>}
            </li>
          ))}
        </ul>
        {results.length === 0 && <Typography.Text type="secondary">{t('palette.none')}</Typography.Text>}
      </Modal>
    </>
  );
}
