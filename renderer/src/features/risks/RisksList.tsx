import { Button, Checkbox, Input, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import {
  RISK_CATEGORIES,
  RISK_LEVELS,
  RISK_STATUSES,
  RISK_STRATEGIES,
  type RiskCategory,
  type RiskLevel,
  type RiskListItem,
  type RiskStatus,
  type RiskStrategy,
} from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { useServerPaging } from '../../ui/paging';
import { formatDate } from '../../ui/format';
import { useDebounced, useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useRiskPage } from './queries';
import { RiskForm } from './RiskForm';
import { AboveTag, ExportRisks, ImportRisks, LevelTag, sortFromTable, sortOrderOf, useTotalText, type RiskSortState } from './shared';

const DEFAULT_SORT: RiskSortState = { by: 'code', order: 'asc' };

/**
 * The register: the server filters, searches, sorts and pages it (10,000 risks), 100 rows a page with the total;
 * the search ignores case and diacritics.
 */
export function RisksList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const totalText = useTotalText();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<RiskCategory | undefined>();
  const [level, setLevel] = useState<RiskLevel | undefined>();
  const [status, setStatus] = useState<RiskStatus | undefined>('open');
  const [strategy, setStrategy] = useState<RiskStrategy | undefined>();
  const [above, setAbove] = useState(false);
  const [sort, setSort] = useState<RiskSortState>(DEFAULT_SORT);
  const paging = useServerPaging();
  const term = useDebounced(search.trim());
  const q = useRiskPage({
    search: term || undefined,
    category,
    level,
    status,
    strategy,
    aboveTolerance: above || undefined,
    sort: sort.by,
    order: sort.order,
    offset: paging.offset,
    limit: paging.limit,
  });
  const { filterBy } = paging;

  return (
    <>
      <PageTitle
        title={t('risks.title')}
        sub={t('risks.sub')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => filterBy(setSearch)(e.target.value)} style={{ width: 200 }} data-testid="risk-search" />
            <Select allowClear placeholder={t('risks.filterCategory')} style={{ width: 170 }} value={category} onChange={filterBy(setCategory)} options={enumOptions(t, RISK_CATEGORIES, 'risks.category')} data-testid="risk-filter-category" />
            <Select allowClear placeholder={t('risks.filterLevel')} style={{ width: 140 }} value={level} onChange={filterBy(setLevel)} options={enumOptions(t, RISK_LEVELS, 'risks.level')} data-testid="risk-filter-level" />
            <Select allowClear placeholder={t('risks.filterStatus')} style={{ width: 120 }} value={status} onChange={filterBy(setStatus)} options={enumOptions(t, RISK_STATUSES, 'risks.status')} data-testid="risk-filter-status" />
            <Checkbox checked={above} onChange={(e) => filterBy(setAbove)(e.target.checked)} data-testid="risk-filter-above">
              {t('risks.onlyAbove')}
            </Checkbox>
            <ExportRisks />
            {canEdit && <ImportRisks />}
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="risk-new">
                {t('risks.new')}
              </Button>
            )}
          </>
        }
      />
      <Loadable query={q}>
        {({ rows, total }) => {
          return (
            <Table<RiskListItem>
              rowKey="id"
              size="middle"
              dataSource={rows}
              loading={q.isFetching && q.isPlaceholderData}
              pagination={paging.pagination(total, totalText)}
              onChange={(p, filters, sorter) => {
                const next = sortFromTable(sorter, DEFAULT_SORT);
                const strat = (filters.strategy?.[0] as RiskStrategy | undefined) ?? undefined;
                const reset = next.by !== sort.by || next.order !== sort.order || strat !== strategy;
                if (reset) {
                  setSort(next);
                  setStrategy(strat);
                }
                paging.turn(p, reset);
              }}
              {...paging.body(rows.length, 1300)}
              locale={{ emptyText: t('risks.none') }}
              data-testid="risks-table"
              onRow={(r) => ({ 'data-testid': `risk-row-${r.code}`, onDoubleClick: () => navigate(`/risks/${r.id}`) }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('risks.fields.code'),
                  dataIndex: 'code',
                  width: 100,
                  fixed: 'left',
                  key: 'code',
                  sorter: true,
                  sortOrder: sortOrderOf(sort, 'code'),
                  render: (v: string, r) => (
                    <Link to={`/risks/${r.id}`} data-testid="risk-link">
                      {v}
                    </Link>
                  ),
                },
                { title: t('risks.fields.description'), dataIndex: 'description', key: 'description', width: 300, ellipsis: true, sorter: true, sortOrder: sortOrderOf(sort, 'description') },
                { title: t('risks.fields.area'), dataIndex: 'area', key: 'area', width: 160, ellipsis: true, sorter: true, sortOrder: sortOrderOf(sort, 'area') },
                { title: t('risks.fields.category'), dataIndex: 'category', key: 'category', width: 140, sorter: true, sortOrder: sortOrderOf(sort, 'category'), render: (v: string) => t(`risks.category.${v}`) },
                { title: t('risks.fields.owner'), dataIndex: 'owner', key: 'owner', width: 150, ellipsis: true, sorter: true, sortOrder: sortOrderOf(sort, 'owner') },
                {
                  title: t('risks.fields.inherent'),
                  dataIndex: 'inherentExposure',
                  key: 'inherentExposure',
                  width: 150,
                  sorter: true,
                  sortOrder: sortOrderOf(sort, 'inherentExposure'),
                  render: (_: number, r) => <LevelTag level={r.inherentLevel} exposure={r.inherentExposure} />,
                },
                {
                  title: t('risks.fields.residual'),
                  dataIndex: 'residualExposure',
                  key: 'residualExposure',
                  width: 150,
                  sorter: true,
                  sortOrder: sortOrderOf(sort, 'residualExposure'),
                  render: (_: number | null, r) => (r.residualLevel ? <LevelTag level={r.residualLevel} exposure={r.residualExposure} /> : '—'),
                },
                {
                  title: t('risks.fields.exposure'),
                  dataIndex: 'exposure',
                  key: 'exposure',
                  width: 170,
                  sorter: true,
                  sortOrder: sortOrderOf(sort, 'exposure'),
                  render: (v: number, r) => (r.aboveTolerance ? <AboveTag show /> : v),
                },
                {
                  title: t('risks.fields.strategy'),
                  dataIndex: 'strategy',
                  key: 'strategy',
                  width: 110,
                  filters: RISK_STRATEGIES.map((v) => ({ text: t(`risks.strategy.${v}`), value: v })),
                  filterMultiple: false,
                  filteredValue: strategy ? [strategy] : null,
                  render: (v: string) => t(`risks.strategy.${v}`),
                },
                { title: t('risks.fields.actions'), dataIndex: 'actionCodes', width: 110, render: (v: string[]) => v.join(', ') || '—' },
                { title: t('risks.fields.deadline'), dataIndex: 'deadline', key: 'deadline', width: 110, sorter: true, sortOrder: sortOrderOf(sort, 'deadline'), render: (v: string | null) => formatDate(v, lang) },
                {
                  title: t('risks.fields.nextReviewDate'),
                  dataIndex: 'nextReviewDate',
                  key: 'nextReviewDate',
                  width: 170,
                  sorter: true,
                  sortOrder: sortOrderOf(sort, 'nextReviewDate'),
                  render: (v: string | null, r) => (
                    <>
                      {formatDate(v, lang)} {r.reviewState === 'due' || r.reviewState === 'overdue' ? <Tag color={r.reviewState === 'overdue' ? 'red' : 'gold'}>{t(`risks.reviewState.${r.reviewState}`)}</Tag> : null}
                    </>
                  ),
                },
                { title: t('risks.fields.status'), dataIndex: 'status', width: 90, render: (v: string) => t(`risks.status.${v}`) },
              ]}
            />
          );
        }}
      </Loadable>
      {creating && <RiskForm onClose={() => setCreating(false)} onSaved={(r) => navigate(`/risks/${r.id}`)} />}
    </>
  );
}
