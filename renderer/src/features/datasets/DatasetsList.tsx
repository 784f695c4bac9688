import { Button, Input, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { foldText, HVD_CATEGORIES, PUBLICATION_STATUSES, type Dataset } from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { ListEmpty, Loadable, PageTitle, VIRTUAL_FROM } from '../../ui/components';
import { ExportButton } from '../../ui/ExportButton';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { DatasetForm } from './DatasetForm';
import { useDatasets } from './queries';
import { StatusTag } from './shared';

const cmp = (a: string | number | null, b: string | number | null) => (a == null ? (b == null ? 0 : 1) : b == null ? -1 : a < b ? -1 : a > b ? 1 : 0);

/** The inventory, ranked by priority score (value + demand + readiness + 6 − risk). */
export function DatasetsList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = useDatasets();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  return (
    <>
      <PageTitle
        title={t('datasets.list.title')}
        sub={t('datasets.list.sub')}
        extra={
          <>
            <Input.Search
              allowClear
              placeholder={t('common.search')}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 220 }}
              data-testid="dataset-search"
            />
            <ExportButton method="datasets.exportInventory" label="datasets.list.exportInventory" testId="datasets-export-inventory" />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="dataset-new">
                {t('datasets.list.new')}
              </Button>
            )}
          </>
        }
      />
      <Loadable query={q}>
        {(rows) => {
          const k = foldText(search.trim());
          const shown = rows.filter((r) => !k || foldText(`${r.name} ${r.holderInstitution} ${r.holderDepartment} ${r.keywords.join(' ')}`).includes(k));
          const virtual = shown.length > VIRTUAL_FROM;
          return (
            <Table<Dataset>
              rowKey="id"
              size="middle"
              dataSource={shown}
              pagination={false}
              virtual={virtual}
              scroll={virtual ? { x: 1200, y: 640 } : undefined}
              locale={{
                emptyText: (
                  <ListEmpty
                    none={t('datasets.list.none')}
                    hint={t('datasets.list.noneHint')}
                    filtered={!!search.trim()}
                    action={
                      canEdit && (
                        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="dataset-new-empty">
                          {t('datasets.list.new')}
                        </Button>
                      )
                    }
                    testId="datasets-empty"
                  />
                ),
              }}
              data-testid="datasets-table"
              onRow={(r) => ({ 'data-testid': `dataset-row-${r.slug}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('datasets.fields.rank'),
                  dataIndex: 'rank',
                  width: 70,
                  align: 'right',
                  defaultSortOrder: 'ascend',
                  sorter: (a, b) => a.rank - b.rank || cmp(a.name, b.name),
                  render: (v: number) => <span data-testid="dataset-rank">{v}</span>,
                },
                {
                  title: t('datasets.fields.priorityScore'),
                  dataIndex: 'priorityScore',
                  width: 80,
                  align: 'right',
                  sorter: (a, b) => a.priorityScore - b.priorityScore,
                },
                {
                  title: t('datasets.fields.name'),
                  dataIndex: 'name',
                  sorter: (a, b) => a.name.localeCompare(b.name, 'ro'),
                  render: (v: string, r) => <Link to={`/datasets/${r.id}`}>{v}</Link>,
                },
                {
                  title: t('datasets.fields.holderInstitution'),
                  dataIndex: 'holderInstitution',
                  width: 220,
                  sorter: (a, b) => a.holderInstitution.localeCompare(b.holderInstitution, 'ro'),
                },
                {
                  title: t('datasets.fields.hvdCategory'),
                  dataIndex: 'hvdCategory',
                  width: 170,
                  filters: HVD_CATEGORIES.map((c) => ({ text: t(`datasets.hvd.${c}`), value: c })),
                  onFilter: (v, r) => r.hvdCategory === v,
                  render: (v: string | null) => (v ? <Tag color="purple">{t(`datasets.hvd.${v}`)}</Tag> : '—'),
                },
                {
                  title: t('datasets.fields.publicationStatus'),
                  dataIndex: 'publicationStatus',
                  width: 160,
                  filters: PUBLICATION_STATUSES.map((s) => ({ text: t(`datasets.status.${s}`), value: s })),
                  onFilter: (v, r) => r.publicationStatus === v,
                  sorter: (a, b) => PUBLICATION_STATUSES.indexOf(a.publicationStatus) - PUBLICATION_STATUSES.indexOf(b.publicationStatus),
                  render: (v: Dataset['publicationStatus']) => <StatusTag status={v} />,
                },
                { title: t('datasets.fields.updateFrequency'), dataIndex: 'updateFrequency', width: 120, render: (v: string) => t(`datasets.frequency.${v}`) },
                {
                  title: t('datasets.fields.nextReviewOn'),
                  dataIndex: 'nextReviewOn',
                  width: 140,
                  sorter: (a, b) => cmp(a.nextReviewOn, b.nextReviewOn),
                  render: (v: string, r) => (r.reviewOverdue ? <Tag color="red">{formatDate(v, lang)}</Tag> : formatDate(v, lang)),
                },
              ]}
            />
          );
        }}
      </Loadable>
      {creating && <DatasetForm onClose={() => setCreating(false)} onSaved={(d) => navigate(`/datasets/${d.id}`)} />}
    </>
  );
}
