import { Button, Input, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { foldText, formatFigure, formatFigurePercent, type Indicator } from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { compareCodes } from '../../charts/dashboard';
import { ragColor } from '../../charts/rag';
import { Loadable, PageTitle, RagTag, VIRTUAL_FROM } from '../../ui/components';
import { formatDate, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { IndicatorForm } from './IndicatorForm';
import { useActions, useCommitments, useIndicators } from './queries';

export function IndicatorsList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = useIndicators();
  const commitments = useCommitments();
  const actions = useActions();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [commitmentId, setCommitmentId] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const codeOf = useMemo(() => new Map((commitments.data ?? []).map((c) => [c.id, c.code])), [commitments.data]);

  return (
    <>
      <PageTitle
        title={t('indicators.title')}
        sub={t('indicators.sub')}
        extra={
          <>
            <Input.Search
              allowClear
              placeholder={t('common.search')}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 220 }}
              data-testid="indicator-search"
            />
            <Select
              allowClear
              placeholder={t('fields.commitment')}
              aria-label={t('fields.commitment')}
              style={{ width: 200 }}
              value={commitmentId}
              onChange={setCommitmentId}
              options={(commitments.data ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.title}` }))}
            />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="indicator-new">
                {t('indicators.new')}
              </Button>
            )}
          </>
        }
      />
      <Loadable query={q}>
        {(rows) => {
          const k = foldText(search.trim());
          const shown = rows
            .filter((r) => !commitmentId || r.commitmentId === commitmentId)
            .filter((r) => !k || foldText(`${r.code} ${r.name}`).includes(k))
            .sort((a, b) => compareCodes(codeOf.get(a.commitmentId) ?? '', codeOf.get(b.commitmentId) ?? '') || compareCodes(a.code, b.code));
          return (
            <Table<Indicator>
              rowKey="id"
              size="middle"
              dataSource={shown}
              pagination={false}
              virtual={shown.length > VIRTUAL_FROM}
              scroll={shown.length > VIRTUAL_FROM ? { x: 1000, y: 640 } : undefined}
              data-testid="indicators-table"
              onRow={(r) => ({ 'data-testid': `indicator-row-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
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
    </>
  );
}
