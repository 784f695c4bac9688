import { Button, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CommitmentSummary } from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { compareCodes } from '../../charts/dashboard';
import { Loadable, PageTitle, ProgressCell, RagTag } from '../../ui/components';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { CommitmentForm } from './CommitmentForm';
import { useCommitments } from './queries';

export function CommitmentsList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = useCommitments();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  return (
    <>
      <PageTitle
        title={t('commitments.title')}
        sub={t('commitments.sub')}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="commitment-new">
              {t('commitments.new')}
            </Button>
          )
        }
      />
      <Loadable query={q}>
        {(rows) => (
          <Table<CommitmentSummary>
            rowKey="id"
            dataSource={[...rows].sort((a, b) => a.sortOrder - b.sortOrder || compareCodes(a.code, b.code))}
            pagination={false}
            data-testid="commitments-table"
            onRow={(r) => ({ 'data-testid': `commitment-row-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('fields.code'), dataIndex: 'code', width: 80, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
              { title: t('fields.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/commitments/${r.id}`}>{v}</Link> },
              { title: t('fields.progress'), width: 200, render: (_, r) => <ProgressCell value={r.progress} expected={r.expectedProgress} rag={r.rag} /> },
              { title: t('fields.status'), width: 130, render: (_, r) => <RagTag rag={r.rag} testId={`commitment-rag-${r.code}`} /> },
              { title: t('fields.startDate'), dataIndex: 'startDate', width: 110, render: (v: string | null) => formatDate(v, lang) },
              { title: t('fields.endDate'), dataIndex: 'endDate', width: 110, render: (v: string | null) => formatDate(v, lang) },
              { title: t('commitments.actionCount'), dataIndex: 'actionCount', width: 90, align: 'right' },
              { title: t('commitments.indicatorCount'), dataIndex: 'indicatorCount', width: 100, align: 'right' },
            ]}
          />
        )}
      </Loadable>
      {creating && (
        <CommitmentForm open nextSortOrder={(q.data?.length ?? 0) + 1} onClose={() => setCreating(false)} onSaved={(c) => navigate(`/commitments/${c.id}`)} />
      )}
    </>
  );
}
