import { Button, Checkbox, Input, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { RISK_CATEGORIES, RISK_LEVELS, RISK_STATUSES, type RiskListItem } from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle, VIRTUAL_FROM } from '../../ui/components';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useRisks } from './queries';
import { RiskForm } from './RiskForm';
import { AboveTag, ExportRisks, ImportRisks, LevelTag } from './shared';

const searchKey = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const byText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'ro', { numeric: true });

/** The register: every risk, sortable and filterable, virtual past 100 rows. */
export function RisksList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = useRisks();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [level, setLevel] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>('open');
  const [above, setAbove] = useState(false);

  return (
    <>
      <PageTitle
        title={t('risks.title')}
        sub={t('risks.sub')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 200 }} data-testid="risk-search" />
            <Select allowClear placeholder={t('risks.filterCategory')} style={{ width: 170 }} value={category} onChange={setCategory} options={enumOptions(t, RISK_CATEGORIES, 'risks.category')} data-testid="risk-filter-category" />
            <Select allowClear placeholder={t('risks.filterLevel')} style={{ width: 140 }} value={level} onChange={setLevel} options={enumOptions(t, RISK_LEVELS, 'risks.level')} data-testid="risk-filter-level" />
            <Select allowClear placeholder={t('risks.filterStatus')} style={{ width: 120 }} value={status} onChange={setStatus} options={enumOptions(t, RISK_STATUSES, 'risks.status')} data-testid="risk-filter-status" />
            <Checkbox checked={above} onChange={(e) => setAbove(e.target.checked)} data-testid="risk-filter-above">
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
        {(rows) => {
          const k = searchKey(search.trim());
          const shown = rows
            .filter((r) => (!category || r.category === category) && (!level || r.level === level) && (!status || r.status === status) && (!above || r.aboveTolerance))
            .filter((r) => !k || searchKey(`${r.code} ${r.description} ${r.area} ${r.owner} ${r.actionCodes.join(' ')}`).includes(k));
          const virtual = shown.length > VIRTUAL_FROM;
          return (
            <Table<RiskListItem>
              rowKey="id"
              size="middle"
              dataSource={shown}
              pagination={false}
              virtual={virtual}
              scroll={virtual ? { x: 1300, y: 640 } : { x: 1300 }}
              locale={{ emptyText: t('risks.none') }}
              data-testid="risks-table"
              onRow={(r) => ({ 'data-testid': `risk-row-${r.code}`, onDoubleClick: () => navigate(`/risks/${r.id}`) }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('risks.fields.code'),
                  dataIndex: 'code',
                  width: 100,
                  fixed: 'left',
                  sorter: (a, b) => byText(a.code, b.code),
                  defaultSortOrder: 'ascend',
                  render: (v: string, r) => (
                    <Link to={`/risks/${r.id}`} data-testid="risk-link">
                      {v}
                    </Link>
                  ),
                },
                { title: t('risks.fields.description'), dataIndex: 'description', width: 300, ellipsis: true, sorter: (a, b) => byText(a.description, b.description) },
                { title: t('risks.fields.area'), dataIndex: 'area', width: 160, ellipsis: true, sorter: (a, b) => byText(a.area, b.area) },
                { title: t('risks.fields.category'), dataIndex: 'category', width: 140, sorter: (a, b) => a.category.localeCompare(b.category), render: (v: string) => t(`risks.category.${v}`) },
                { title: t('risks.fields.owner'), dataIndex: 'owner', width: 150, ellipsis: true, sorter: (a, b) => byText(a.owner, b.owner) },
                {
                  title: t('risks.fields.inherent'),
                  dataIndex: 'inherentExposure',
                  width: 150,
                  sorter: (a, b) => a.inherentExposure - b.inherentExposure,
                  render: (_: number, r) => <LevelTag level={r.inherentLevel} exposure={r.inherentExposure} />,
                },
                {
                  title: t('risks.fields.residual'),
                  dataIndex: 'residualExposure',
                  width: 150,
                  sorter: (a, b) => (a.residualExposure ?? 0) - (b.residualExposure ?? 0),
                  render: (_: number | null, r) => (r.residualLevel ? <LevelTag level={r.residualLevel} exposure={r.residualExposure} /> : '—'),
                },
                {
                  title: t('risks.fields.exposure'),
                  dataIndex: 'exposure',
                  width: 170,
                  sorter: (a, b) => a.exposure - b.exposure,
                  render: (v: number, r) => (r.aboveTolerance ? <AboveTag show /> : v),
                },
                { title: t('risks.fields.strategy'), dataIndex: 'strategy', width: 110, render: (v: string) => t(`risks.strategy.${v}`) },
                { title: t('risks.fields.actions'), dataIndex: 'actionCodes', width: 110, render: (v: string[]) => v.join(', ') || '—' },
                { title: t('risks.fields.deadline'), dataIndex: 'deadline', width: 110, sorter: (a, b) => byText(a.deadline, b.deadline), render: (v: string | null) => formatDate(v, lang) },
                {
                  title: t('risks.fields.nextReviewDate'),
                  dataIndex: 'nextReviewDate',
                  width: 170,
                  sorter: (a, b) => byText(a.nextReviewDate, b.nextReviewDate),
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
