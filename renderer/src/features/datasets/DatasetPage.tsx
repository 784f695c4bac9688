import { App as AntApp, Button, Descriptions, Input, Modal, Popconfirm, Space, Tabs, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { licenceById, type DatasetDetail, type PublicationStatus } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useUndoMessage } from '../../ui/undo';
import { CleaningPanel } from './CleaningPanel';
import { DatasetForm } from './DatasetForm';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { invalidateDatasets, useDataset } from './queries';
import { SchemaEditor } from './SchemaEditor';
import { StatusTag, useDatasetErrors } from './shared';
import { useMayCall } from '../../app/access';

export function DatasetPage() {
  const { id = '' } = useParams();
  const q = useDataset(id);
  return <Loadable query={q}>{(d) => <DatasetView d={d} />}</Loadable>;
}

function DatasetView({ d }: { d: DatasetDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const mayFiles = useMayCall('datasets.getImport');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const undo = useUndoMessage();
  const onError = useDatasetErrors();
  const [editing, setEditing] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [note, setNote] = useState('');

  const setStatus = async (status: PublicationStatus) => {
    const {
      id,
      updatedAt,
      createdAt: _c,
      updatedBy: _u,
      deletedAt: _d,
      priorityScore: _p,
      rank: _r,
      nextReviewOn: _n,
      reviewOverdue: _o,
      publishedOn: _pb,
      latestImport: _l,
      lastReviewedOn: _lr,
      schema: _s,
      steps: _st,
      imports: _i,
      reviews: _rv,
      ...fields
    } = d;
    try {
      await api.get('datasets.save', { ...fields, id, expectedUpdatedAt: updatedAt, publicationStatus: status });
      await invalidateDatasets(qc);
      void message.success(t('datasets.page.statusChanged', { status: t(`datasets.status.${status}`) }));
    } catch (e) {
      onError(e);
    }
  };

  const remove = async () => {
    try {
      await api.get('datasets.delete', { id: d.id, expectedUpdatedAt: d.updatedAt });
      await invalidateDatasets(qc);
      navigate('/datasets');
      undo(t('datasets.page.deleted', { name: d.name }), async () => {
        await api.get('datasets.restore', { id: d.id });
        await invalidateDatasets(qc);
        navigate(`/datasets/${d.id}`);
      });
    } catch (e) {
      onError(e);
    }
  };

  const review = async () => {
    try {
      await api.get('datasets.recordReview', { id: d.id, expectedUpdatedAt: d.updatedAt, note });
      await invalidateDatasets(qc);
      setReviewing(false);
      void message.success(t('datasets.page.reviewed'));
    } catch (e) {
      onError(e);
    }
  };

  const lic = licenceById(d.licenceId);
  return (
    <>
      <PageTitle
        title={
          <span data-testid="dataset-title">
            {d.name} <StatusTag status={d.publicationStatus} />
          </span>
        }
        sub={`${d.holderInstitution}${d.holderDepartment ? ` — ${d.holderDepartment}` : ''}`}
        extra={
          canEdit && (
            <Space wrap>
              {d.publicationStatus !== 'ready' && d.publicationStatus !== 'published' && (
                <Button onClick={() => setStatus('ready')} data-testid="dataset-mark-ready">
                  {t('datasets.page.markReady')}
                </Button>
              )}
              {d.publicationStatus === 'ready' && (
                <Button onClick={() => setStatus('published')} data-testid="dataset-mark-published">
                  {t('datasets.page.markPublished')}
                </Button>
              )}
              <Button onClick={() => setReviewing(true)} data-testid="dataset-review">
                {t('datasets.page.review')}
              </Button>
              <Button onClick={() => setEditing(true)} data-testid="dataset-edit">
                {t('datasets.page.edit')}
              </Button>
              <Popconfirm title={t('datasets.page.confirmDelete')} onConfirm={remove}>
                <Button danger data-testid="dataset-delete">
                  {t('datasets.page.delete')}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'metadata',
            label: t('datasets.page.tabs.metadata'),
            children: (
              <Descriptions bordered size="small" column={2} data-testid="dataset-metadata">
                <Descriptions.Item label={t('datasets.fields.description')} span={2}>
                  {d.description}
                </Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.rank')}>
                  {d.rank} ({t('datasets.fields.priorityScore')} {d.priorityScore}: {d.scoreValue}/{d.scoreDemand}/{d.scoreReadiness}/{d.scoreRisk})
                </Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.hvdCategory')}>{d.hvdCategory ? t(`datasets.hvd.${d.hvdCategory}`) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.legalBasis')}>{d.legalBasis}</Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.containsPersonalData')}>{d.containsPersonalData ? '✓' : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.updateFrequency')}>{t(`datasets.frequency.${d.updateFrequency}`)}</Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.nextReviewOn')}>
                  {formatDate(d.nextReviewOn, lang)} {d.reviewOverdue && <Tag color="red">{t('datasets.page.overdue')}</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.licenceId')}>{lic ? <a href={lic.url}>{lic.id}</a> : d.licenceId}</Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.keywords')}>
                  {d.keywords.map((k) => (
                    <Tag key={k}>{k}</Tag>
                  ))}
                </Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.theme')}>{d.theme ? t(`datasets.theme.${d.theme}`) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.maintainer')}>{[d.maintainer, d.maintainerEmail].filter(Boolean).join(' · ')}</Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.responsiblePerson')}>{d.responsiblePerson}</Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.spatial')}>{d.spatial}</Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.lastReviewedOn')}>{formatDate(d.lastReviewedOn, lang)}</Descriptions.Item>
                <Descriptions.Item label={t('datasets.fields.publicBaseUrl')}>{d.publicBaseUrl}</Descriptions.Item>
              </Descriptions>
            ),
          },
          // The file itself (imports, cleaning, schema inference, export) may hold personal data: editors only.
          ...(mayFiles
            ? [
                { key: 'schema', label: t('datasets.page.tabs.schema'), children: <SchemaEditor d={d} /> },
                { key: 'import', label: <span data-testid="tab-import">{t('datasets.page.tabs.import')}</span>, children: <ImportPanel d={d} /> },
                { key: 'cleaning', label: <span data-testid="tab-cleaning">{t('datasets.page.tabs.cleaning')}</span>, children: <CleaningPanel d={d} /> },
                { key: 'export', label: <span data-testid="tab-export">{t('datasets.page.tabs.export')}</span>, children: <ExportPanel d={d} /> },
              ]
            : []),
        ]}
      />
      {editing && <DatasetForm dataset={d} onClose={() => setEditing(false)} />}
      <Modal
        open={reviewing}
        title={t('datasets.page.review')}
        onCancel={() => setReviewing(false)}
        onOk={review}
        okButtonProps={{ 'data-testid': 'review-submit' } as never}
      >
        <Input.TextArea rows={3} placeholder={t('datasets.page.reviewNote')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}
