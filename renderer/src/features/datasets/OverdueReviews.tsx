import { Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { OverdueReview } from '../../../../electron/contract';
import { ListEmpty, Loadable, PageTitle } from '../../ui/components';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useOverdue } from './queries';

/** The periodic review procedure (A3.4): what is past its review date, longest overdue first. */
export function OverdueReviews() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useOverdue();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle title={t('datasets.overdue.title')} sub={t('datasets.overdue.sub')} />
      <Loadable query={q}>
        {(rows) => (
          <Table<OverdueReview>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={rows}
            data-testid="overdue-table"
            locale={{
              emptyText: (
                <ListEmpty
                  none={t('datasets.overdue.none')}
                  hint={t('datasets.overdue.noneHint')}
                  action={
                    <Button onClick={() => navigate('/datasets')} data-testid="overdue-open-inventory">
                      {t('datasets.overdue.openInventory')}
                    </Button>
                  }
                  testId="overdue-empty"
                />
              ),
            }}
            columns={[
              {
                title: t('datasets.fields.name'),
                dataIndex: 'name',
                sorter: (a, b) => a.name.localeCompare(b.name, 'ro'),
                render: (v: string, r) => <Link to={`/datasets/${r.id}`}>{v}</Link>,
              },
              { title: t('datasets.fields.holderInstitution'), dataIndex: 'holderInstitution', width: 220 },
              { title: t('datasets.fields.updateFrequency'), dataIndex: 'updateFrequency', width: 130, render: (v: string) => t(`datasets.frequency.${v}`) },
              { title: t('datasets.fields.lastReviewedOn'), dataIndex: 'lastReviewedOn', width: 140, render: (v: string | null) => formatDate(v, lang) },
              {
                title: t('datasets.fields.nextReviewOn'),
                dataIndex: 'nextReviewOn',
                width: 140,
                sorter: (a, b) => a.nextReviewOn.localeCompare(b.nextReviewOn),
                render: (v: string) => formatDate(v, lang),
              },
              {
                title: '',
                dataIndex: 'daysOverdue',
                width: 100,
                align: 'right',
                defaultSortOrder: 'descend',
                sorter: (a, b) => a.daysOverdue - b.daysOverdue,
                render: (n: number) => t('datasets.overdue.days', { n }),
              },
              { title: t('datasets.fields.responsiblePerson'), dataIndex: 'responsiblePerson', width: 180 },
            ]}
          />
        )}
      </Loadable>
    </>
  );
}
