import { Button, Card, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AgendaItem, AgendaState } from '../../../electron/contract';
import { api } from '../api/client';
import { FEATURE_MODULES } from '../features/registry';
import { EmptyState, Loadable, PageTitle } from '../ui/components';
import { formatDate, formatNumber } from '../ui/format';
import { useLang } from '../ui/hooks';
import { ChangesCard } from './ChangesCard';

export const agendaKey = ['reports', 'agenda'] as const;
/** The agenda, shared by the page and the counters beside the menu groups (one call, one cache entry). */
export const useAgenda = (enabled = true) => useQuery({ queryKey: agendaKey, queryFn: () => api.get('reports.agenda', {}), enabled, staleTime: 60_000 });

const STATES: AgendaState[] = ['late', 'week'];
/** Items shown per group at first and added per click: a register of thousands of overdue reviews must not stall the page. */
export const AGENDA_STEP = 50;

/**
 * "Ce am de făcut", a coordinator's or member's start page: what is late and what falls due this week across the
 * modules, in two groups with their counts; each item names its module and links to its record.
 */
export function AgendaPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useAgenda();
  const [shown, setShown] = useState<Record<AgendaState, number>>({ late: AGENDA_STEP, week: AGENDA_STEP });
  return (
    <>
      <PageTitle title={t('agenda.title')} sub={t('agenda.sub')} />
      <Loadable query={q}>
        {(a) =>
          a.items.length === 0 ? (
            <EmptyState text={t('agenda.none')} hint={t('agenda.noneHint', { until: formatDate(a.weekEnd, lang) })} testId="agenda-empty" />
          ) : (
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              {STATES.map((s) => {
                const items = a.items.filter((i) => i.state === s);
                return (
                  <Card
                    key={s}
                    size="small"
                    data-testid={`agenda-${s}`}
                    title={
                      <h2 className="pla-card-heading" style={{ margin: 0, fontSize: 16 }}>
                        {t(`agenda.state_${s}`)} <span data-testid={`agenda-count-${s}`}>({formatNumber(items.length, lang)})</span>
                      </h2>
                    }
                  >
                    {items.length === 0 ? (
                      <Typography.Text className="pla-muted">{t(`agenda.noneIn_${s}`)}</Typography.Text>
                    ) : (
                      <>
                        <ul className="pla-agenda-list" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                          {items.slice(0, shown[s]).map((i) => (
                            <AgendaRow key={`${i.kind}-${i.id}-${i.phase ?? ''}`} item={i} />
                          ))}
                        </ul>
                        {items.length > shown[s] && (
                          <Space style={{ marginTop: 8 }} wrap>
                            <Typography.Text className="pla-muted" data-testid={`agenda-shown-${s}`}>
                              {t('agenda.shownOf', { shown: formatNumber(shown[s], lang), total: formatNumber(items.length, lang) })}
                            </Typography.Text>
                            <Button data-testid={`agenda-more-${s}`} onClick={() => setShown((v) => ({ ...v, [s]: v[s] + AGENDA_STEP }))}>
                              {t('agenda.more', { count: Math.min(AGENDA_STEP, items.length - shown[s]) })}
                            </Button>
                          </Space>
                        )}
                      </>
                    )}
                  </Card>
                );
              })}
            </Space>
          )
        }
      </Loadable>
      <div style={{ marginTop: 16 }}>
        <ChangesCard />
      </div>
    </>
  );
}

function AgendaRow({ item: i }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const lang = useLang();
  // the module's own text for the kind (its manifest's agendaText), else the kind's name
  const text = FEATURE_MODULES.find((m) => m.key === i.module)?.agendaText?.[i.kind];
  const what = text ? text(i, t) : t(`agenda.kind_${i.kind}`);
  return (
    <li
      data-testid={`agenda-item-${i.kind}-${i.code}`}
      style={{ display: 'flex', gap: 12, alignItems: 'baseline', padding: '6px 0', borderBottom: '1px solid #f0f0f0', flexWrap: 'wrap' }}
    >
      <Tag style={{ minWidth: 110, textAlign: 'center' }}>{t(`agenda.module_${i.module}`)}</Tag>
      <span style={{ flex: '1 1 360px' }}>
        <Link to={i.route} data-testid={`agenda-link-${i.kind}-${i.code}`}>
          <strong>{i.code}</strong> — {i.title}
        </Link>
        <br />
        <Typography.Text className="pla-muted">{what}</Typography.Text>
      </span>
      <span style={{ whiteSpace: 'nowrap' }} data-testid="agenda-due">
        {t(i.state === 'late' ? 'agenda.dueWas' : 'agenda.dueOn', { date: formatDate(i.dueOn, lang) })}
      </span>
    </li>
  );
}
