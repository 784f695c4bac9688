import { Button, Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { OpenMeasure } from '../../../../electron/contract';
import { ListEmpty, Loadable, PageTitle, VIRTUAL_FROM } from '../../ui/components';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useOpenMeasures, useRiskOverview } from './queries';
import { RiskTable } from './shared';

/**
 * Reviews due and overdue (next review = last review + the cadence of the level), paged from the server with the
 * counts of `risks.overview`, and open measures by owner and deadline.
 */
export function Reviews() {
  const { t } = useTranslation();
  const lang = useLang();
  const overview = useRiskOverview();
  const measures = useOpenMeasures();
  const navigate = useNavigate();
  const [review, setReview] = useState<'pending' | 'due' | 'overdue'>('pending');
  return (
    <>
      <PageTitle title={t('risks.nav.reviews')} sub={t('risks.reviews.dueSub')} />
      <Card
        size="small"
        title={t('risks.reviews.dueTitle')}
        style={{ marginBottom: 16 }}
        extra={
          overview.data && (
            <Segmented
              size="small"
              value={review}
              onChange={(v) => setReview(v as typeof review)}
              options={[
                { value: 'pending', label: t('risks.reviews.showPending', { n: overview.data.reviewsDue + overview.data.reviewsOverdue }) },
                { value: 'due', label: t('risks.reviews.showDue', { n: overview.data.reviewsDue }) },
                { value: 'overdue', label: t('risks.reviews.showOverdue', { n: overview.data.reviewsOverdue }) },
              ]}
              data-testid="reviews-filter"
            />
          )
        }
      >
        <RiskTable key={review} filter={{ review }} defaultSort={{ by: 'nextReviewDate', order: 'asc' }} testId="reviews-due" extra="review" />
      </Card>
      <Card size="small" title={t('risks.measures.openTitle')}>
        <Loadable query={measures}>
          {(rows) => (
            <Table<OpenMeasure>
              rowKey="id"
              size="small"
              dataSource={rows}
              pagination={false}
              virtual={rows.length > VIRTUAL_FROM}
              scroll={rows.length > VIRTUAL_FROM ? { y: 520 } : undefined}
              locale={{
                emptyText: (
                  <ListEmpty
                    none={t('risks.measures.none')}
                    hint={t('risks.measures.noneHint')}
                    action={
                      <Button onClick={() => navigate('/risks')} data-testid="open-measures-register">
                        {t('risks.measures.openRegister')}
                      </Button>
                    }
                    testId="open-measures-empty"
                  />
                ),
              }}
              data-testid="open-measures"
              columns={[
                {
                  title: t('risks.measures.owner'),
                  dataIndex: 'owner',
                  width: 200,
                  sorter: (a, b) => a.owner.localeCompare(b.owner, 'ro'),
                  defaultSortOrder: 'ascend',
                },
                {
                  title: t('risks.measures.deadline'),
                  dataIndex: 'deadline',
                  width: 190,
                  sorter: (a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'),
                  render: (v: string | null, m) => (
                    <>
                      {formatDate(v, lang)} {m.overdue && <Tag color="red">{t('risks.measures.overdue')}</Tag>}
                    </>
                  ),
                },
                { title: t('risks.measures.description'), dataIndex: 'description' },
                { title: t('risks.measures.status'), dataIndex: 'status', width: 120, render: (v: string) => t(`risks.measureStatus.${v}`) },
                { title: t('risks.measures.risk'), dataIndex: 'riskCode', width: 100, render: (v: string, m) => <Link to={`/risks/${m.riskId}`}>{v}</Link> },
              ]}
            />
          )}
        </Loadable>
      </Card>
    </>
  );
}
