import { Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatFigure, formatFigurePercent, type Indicator } from '../../../../electron/contract';
import { compareCodes } from '../../charts/dashboard';
import { ragColor } from '../../charts/rag';
import { Loadable, RagTag } from '../../ui/components';
import { FilterSelect, ListPage, RowsTable, searchMatcher } from '../../ui/ListPage';
import { formatDate, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { IndicatorForm } from './IndicatorForm';
import { useActions, useCommitments, useIndicators } from './queries';

export function IndicatorsList() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useIndicators();
  const commitments = useCommitments();
  const actions = useActions();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [commitmentId, setCommitmentId] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const codeOf = useMemo(() => new Map((commitments.data ?? []).map((c) => [c.id, c.code])), [commitments.data]);

  return (
    <ListPage
      title={t('indicators.title')}
      sub={t('indicators.sub')}
      search={{ onChange: setSearch, width: 220, testId: 'indicator-search' }}
      tools={
        <FilterSelect
          label={t('fields.commitment')}
          width={200}
          value={commitmentId}
          onChange={setCommitmentId}
          options={(commitments.data ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.title}` }))}
        />
      }
      create={{ label: t('indicators.new'), onClick: () => setCreating(true), testId: 'indicator-new' }}
    >
      <Loadable query={q}>
        {(rows) => {
          const matches = searchMatcher(search);
          const shown = rows
            .filter((r) => !commitmentId || r.commitmentId === commitmentId)
            .filter((r) => matches(`${r.code} ${r.name}`))
            .sort((a, b) => compareCodes(codeOf.get(a.commitmentId) ?? '', codeOf.get(b.commitmentId) ?? '') || compareCodes(a.code, b.code));
          return (
            <RowsTable<Indicator>
              rows={shown}
              scroll={{ x: 1000 }}
              testId="indicators-table"
              rowProps={(r) => ({ 'data-testid': `indicator-row-${r.code}` })}
              columns={[
                { title: t('fields.code'), dataIndex: 'code', width: 70, render: (v: string, r) => <Link to={`/indicators/${r.id}`}>{v}</Link> },
                {
                  title: t('fields.indicator'),
                  dataIndex: 'name',
                  render: (v: string, r) => (
                    <Link to={`/indicators/${r.id}`} data-testid="indicator-link">
                      {v}
                    </Link>
                  ),
                },
                { title: t('indicators.type'), width: 120, render: (_, r) => t(`indicatorType.${r.type}`) },
                {
                  title: t('indicators.latest'),
                  width: 100,
                  align: 'right',
                  render: (_, r) => <span data-testid="indicator-latest">{formatFigure(r.latest?.comparable ?? null, lang)}</span>,
                },
                {
                  title: t('indicators.target'),
                  width: 170,
                  render: (_, r) => (
                    <span>
                      {formatNumber(r.target, lang)} <Typography.Text className="pla-muted">{r.type === 'ratio' ? '%' : r.unit}</Typography.Text>
                    </span>
                  ),
                },
                {
                  title: t('indicators.percentOfTarget'),
                  width: 100,
                  align: 'right',
                  render: (_, r) => (
                    <Typography.Text style={{ color: r.percentOfTarget == null ? undefined : ragColor(r.rag) }} data-testid="indicator-percent">
                      {formatFigurePercent(r.percentOfTarget, lang)}
                    </Typography.Text>
                  ),
                },
                { title: t('fields.status'), width: 110, render: (_, r) => <RagTag rag={r.rag} /> },
                { title: t('indicators.lastDate'), width: 105, render: (_, r) => formatDate(r.latest?.date ?? null, lang) },
              ]}
            />
          );
        }}
      </Loadable>
      <Space />
      {creating && (
        <IndicatorForm
          open
          commitments={commitments.data ?? []}
          actions={actions.data ?? []}
          defaultCommitmentId={commitmentId}
          onClose={() => setCreating(false)}
          onSaved={(i) => navigate(`/indicators/${i.id}`)}
        />
      )}
    </ListPage>
  );
}
