import { Button, Input, Modal, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { useAuth } from './auth';
import { mayCall } from './access';
import { matchPalette, type PaletteEntry } from './paletteSearch';
import type { NavGroup } from './SideNav';

const LIMIT = 8;

/** Records matched on the server (the big registers), by their folded search keys. */
function useServerMatches(query: string, enabled: boolean, role: string): PaletteEntry[] {
  const q = query.trim();
  const on = enabled && q.length >= 2;
  const risks = useQuery({
    queryKey: ['palette', 'risks', q],
    enabled: on && mayCall(role, 'risks.list'),
    queryFn: () => api.get('risks.list', { search: q, limit: LIMIT }),
  });
  const orgs = useQuery({
    queryKey: ['palette', 'stakeholders', q],
    enabled: on && mayCall(role, 'stakeholders.list'),
    queryFn: () => api.get('stakeholders.list', { search: q, limit: LIMIT }),
  });
  const people = useQuery({
    queryKey: ['palette', 'people', q],
    enabled: on && mayCall(role, 'training.listPeople'),
    queryFn: () => api.get('training.listPeople', { search: q, limit: LIMIT }),
  });
  return useMemo(
    () => [
      ...(on ? (risks.data?.rows ?? []) : []).map((r): PaletteEntry => ({ kind: 'risk', path: `/risks/${r.id}`, code: r.code, title: r.description })),
      ...(on ? (orgs.data?.rows ?? []) : []).map((s): PaletteEntry => ({ kind: 'organisation', path: `/stakeholders/${s.id}`, title: s.name })),
      ...(on ? (people.data?.rows ?? []) : []).map((p): PaletteEntry => ({ kind: 'person', path: `/training/people/${p.id}`, title: p.name })),
    ],
    [on, risks.data, orgs.data, people.data],
  );
}

/** The plan's records, datasets and proposals: small lists, fetched once when the palette first opens. */
function useLocalEntries(enabled: boolean, role: string): PaletteEntry[] {
  const may = (m: Parameters<typeof mayCall>[1]) => enabled && mayCall(role, m);
  const commitments = useQuery({ queryKey: ['plan', 'commitments'], enabled: may('plan.listCommitments'), queryFn: () => api.get('plan.listCommitments', {}) });
  const actions = useQuery({ queryKey: ['plan', 'actions', 'all'], enabled: may('plan.listActions'), queryFn: () => api.get('plan.listActions', {}) });
  const indicators = useQuery({
    queryKey: ['plan', 'indicators', 'all'],
    enabled: may('plan.listIndicators'),
    queryFn: () => api.get('plan.listIndicators', {}),
  });
  const datasets = useQuery({ queryKey: ['palette', 'datasets'], enabled: may('datasets.list'), queryFn: () => api.get('datasets.list', {}) });
  const proposals = useQuery({
    queryKey: ['palette', 'proposals'],
    enabled: may('budgeting.listCampaigns') && may('budgeting.listProposals'),
    queryFn: async () => {
      const campaigns = await api.get('budgeting.listCampaigns', {});
      const lists = await Promise.all(
        campaigns.map(async (c) => (await api.get('budgeting.listProposals', { campaignId: c.id })).map((p) => ({ p, campaign: c.name }))),
      );
      return lists.flat();
    },
  });
  return useMemo(
    () => [
      ...(commitments.data ?? []).map((c): PaletteEntry => ({ kind: 'commitment', path: `/commitments/${c.id}`, code: c.code, title: c.title })),
      ...(actions.data ?? []).map((a): PaletteEntry => ({ kind: 'action', path: `/actions/${a.id}`, code: a.code, title: a.title })),
      ...(indicators.data ?? []).map((i): PaletteEntry => ({ kind: 'indicator', path: `/indicators/${i.id}`, code: i.code, title: i.name })),
      ...(datasets.data ?? []).map((d): PaletteEntry => ({ kind: 'dataset', path: `/datasets/${d.id}`, title: d.name, context: d.holderInstitution })),
      ...(proposals.data ?? []).map(({ p, campaign }): PaletteEntry => ({
        kind: 'proposal',
        path: `/budgeting/campaigns/${p.campaignId}`,
        code: p.code,
        title: p.title,
        context: campaign,
      })),
    ],
    [commitments.data, actions.data, indicators.data, datasets.data, proposals.data],
  );
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
  const local = useLocalEntries(open, user.role);
  const server = useServerMatches(deferred, open, user.role);
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
