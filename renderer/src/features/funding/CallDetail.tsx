import { EditDeleteButtons } from '../../ui/EditDeleteButtons';
import { Breadcrumb, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { FundingCall } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable, NotFound, PageTitle } from '../../ui/components';
import { formatDate, formatLei, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useUndoMessage } from '../../ui/undo';
import { useActions } from '../plan/queries';
import { ApplicationForm } from './ApplicationForm';
import { ApplicationsTable } from './ApplicationsList';
import { CallForm } from './CallForm';
import { invalidateFunding, useApplications, useCalls } from './queries';
import { CallStatusTag, useFundingErrors } from './shared';

export function CallDetail() {
  const { id = '' } = useParams();
  const q = useCalls();
  return (
    <Loadable query={q}>{(all) => (all.find((c) => c.id === id) ? <CallView call={all.find((c) => c.id === id)!} calls={all} /> : <NotFound />)}</Loadable>
  );
}

function CallView({ call, calls }: { call: FundingCall; calls: FundingCall[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const undo = useUndoMessage();
  const onError = useFundingErrors();
  const actions = useActions();
  const apps = useApplications(call.id);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const linked = (actions.data ?? []).filter((a) => call.actionIds.includes(a.id));

  const remove = async () => {
    try {
      await api.get('funding.deleteCall', { id: call.id, expectedUpdatedAt: call.updatedAt });
      await invalidateFunding(qc);
      navigate('/funding/calls');
      undo(t('funding.calls.deleted', { code: call.code }), async () => {
        await api.get('funding.restoreCall', { id: call.id });
        await invalidateFunding(qc);
      });
    } catch (e) {
      onError(e, undefined as never, []);
    }
  };

  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/funding/calls">{t('funding.calls.title')}</Link> }, { title: call.code }]} />
      <PageTitle
        title={
          <span data-testid="call-detail-title">
            {call.code} — {call.title}
          </span>
        }
        extra={
          canEdit && (
            <EditDeleteButtons testId="call" confirmTitle={t('funding.calls.confirmDelete')} onEdit={() => setEditing(true)} onDelete={() => void remove()} />
          )
        }
      />
      <Card size="small">
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label={t('funding.fields.programme')}>{t(`funding.programme.${call.programme}`)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.priority')}>{call.priority || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.managingBody')}>{call.managingBody || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.type')}>{t(`funding.callType.${call.type}`)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.status')}>
            <CallStatusTag status={call.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.nonReimbursable')}>
            <Tag color={call.nonReimbursable ? 'green' : 'default'}>{call.nonReimbursable ? t('funding.yes') : t('funding.no')}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.openingDate')}>{formatDate(call.openingDate, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.deadline')}>{formatDate(call.deadline, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.maxDurationMonths')}>{formatNumber(call.maxDurationMonths, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.budget')}>
            <span data-testid="call-budget-value">{formatLei(call.budget, lang)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.minGrant')}>{formatLei(call.minGrant, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.maxGrant')}>{formatLei(call.maxGrant, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.grantRate')}>
            {call.grantRate == null ? '—' : `${formatNumber(call.grantRate, lang)} %`}
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.coFinancing')}>
            {call.grantRate == null ? '—' : `${formatNumber(100 - call.grantRate, lang)} %`}
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.guideUrl')}>
            {call.guideUrl ? (
              <Typography.Link href={call.guideUrl} target="_blank" rel="noreferrer">
                {call.guideUrl}
              </Typography.Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.eligibleApplicants')} span={3}>
            {call.eligibleApplicants || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.eligibleActivities')} span={3}>
            {call.eligibleActivities || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.actionIds')} span={3}>
            <Space wrap>{linked.length ? linked.map((a) => <Tag key={a.id}>{`${a.code} ${a.title}`}</Tag>) : '—'}</Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('funding.calls.applications')}
        style={{ marginTop: 16 }}
        extra={
          canEdit && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="call-add-application">
              {t('funding.applications.new')}
            </Button>
          )
        }
      >
        <Loadable query={apps}>{(rows) => <ApplicationsTable rows={rows} />}</Loadable>
      </Card>
      {editing && <CallForm call={call} actions={actions.data ?? []} onClose={() => setEditing(false)} />}
      {adding && (
        <ApplicationForm
          calls={calls}
          actions={actions.data ?? []}
          defaultCallId={call.id}
          onClose={() => setAdding(false)}
          onSaved={(a) => navigate(`/funding/applications/${a.id}`)}
        />
      )}
    </>
  );
}
