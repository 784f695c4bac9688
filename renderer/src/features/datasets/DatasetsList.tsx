import { Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { HVD_CATEGORIES, PUBLICATION_STATUSES, type Dataset } from '../../../../electron/contract';
import { ListPage, LocalTable, type CreateAction, compareNullsLast as cmp, valueFilter } from '../../ui/ListPage';
import { ExportButton } from '../../ui/ExportButton';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { DatasetForm } from './DatasetForm';
import { useDatasets } from './queries';
import { StatusTag } from './shared';

/** The inventory, ranked by priority score (value + demand + readiness + 6 − risk). */
export function DatasetsList() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useDatasets();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const create: CreateAction = { label: t('datasets.list.new'), onClick: () => setCreating(true), testId: 'dataset-new' };
  return (
    <ListPage
      title={t('datasets.list.title')}
      sub={t('datasets.list.sub')}
      search={{ onChange: setSearch, width: 220, testId: 'dataset-search' }}
      create={create}
      tools={<ExportButton method="datasets.exportInventory" label="datasets.list.exportInventory" testId="datasets-export-inventory" />}
    >
      <LocalTable<Dataset>
        query={q}
        search={search}
        text={(r) => `${r.name} ${r.holderInstitution} ${r.holderDepartment} ${r.keywords.join(' ')}`}
        scrollX={1200}
        empty={{ none: t('datasets.list.none'), hint: t('datasets.list.noneHint'), create, testId: 'datasets-empty' }}
        testId="datasets-table"
        rowProps={(r) => ({ 'data-testid': `dataset-row-${r.slug}` })}
        columns={() => [
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
            ...valueFilter('hvdCategory', HVD_CATEGORIES, (c) => t(`datasets.hvd.${c}`)),
            render: (v: string | null) => (v ? <Tag color="purple">{t(`datasets.hvd.${v}`)}</Tag> : '—'),
          },
          {
            title: t('datasets.fields.publicationStatus'),
            dataIndex: 'publicationStatus',
            width: 160,
            ...valueFilter('publicationStatus', PUBLICATION_STATUSES, (s) => t(`datasets.status.${s}`)),
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
      {creating && <DatasetForm onClose={() => setCreating(false)} onSaved={(d) => navigate(`/datasets/${d.id}`)} />}
    </ListPage>
  );
}
