import { EditDeleteButtons } from '../../ui/EditDeleteButtons';
import { App as AntApp, Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { ApplicationStatus, FundingApplicationDetail } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { AttachmentLinks, Loadable, NotFound, PageTitle } from '../../ui/components';
import { dateInputFormat, fromDayjs } from '../../ui/dates';
import { formatDate, formatLei } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useUndoMessage } from '../../ui/undo';
import { useActions } from '../plan/queries';
import { ApplicationForm } from './ApplicationForm';
import { invalidateFunding, useApplication, useCalls } from './queries';
import { StatusTag, useFundingErrors } from './shared';

/** The main line of the pipeline (rejected branches off after evaluation). */
const MAIN: ApplicationStatus[] = ['idea', 'submitted', 'under_evaluation', 'approved', 'contracted', 'in_implementation', 'closed'];

export function ApplicationDetail() {
  const { id = '' } = useParams();
  const q = useApplication(id);
  return <Loadable query={q}>{(a) => (a ? <ApplicationView a={a} /> : <NotFound />)}</Loadable>;
}

function ApplicationView({ a }: { a: FundingApplicationDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const undo = useUndoMessage();
  const { message } = AntApp.useApp();
  const onError = useFundingErrors();
  const calls = useCalls();
  const actions = useActions();
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState<ApplicationStatus | null>(null);
  const [form] = Form.useForm<{ date: Dayjs | null; note: string }>();
  const linked = (actions.data ?? []).filter((x) => a.actionIds.includes(x.id));

  const line = a.status === 'rejected' ? ['idea', 'submitted', 'under_evaluation', 'rejected'] : MAIN;
  const current = line.indexOf(a.status);

  const move = async (v: { date: Dayjs | null; note: string }) => {
    if (!moving) return;
    try {
      await api.get('funding.moveApplication', {
        id: a.id,
        expectedUpdatedAt: a.updatedAt,
        status: moving,
        date: fromDayjs(v.date) ?? undefined,
        note: v.note ?? '',
      });
      await invalidateFunding(qc);
      void message.success(t('funding.applications.moved', { status: t(`funding.status.${moving}`) }));
      setMoving(null);
    } catch (e) {
      onError(e, form, ['date', 'note'], () => setMoving(null));
    }
  };

  const remove = async () => {
    try {
      await api.get('funding.deleteApplication', { id: a.id, expectedUpdatedAt: a.updatedAt });
      await invalidateFunding(qc);
      navigate('/funding/applications');
      undo(t('funding.applications.deleted'), async () => {
        await api.get('funding.restoreApplication', { id: a.id });
        await invalidateFunding(qc);
      });
    } catch (e) {
      onError(e, form, []);
    }
  };

  const d = (v: string | null) => formatDate(v, lang);
  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/funding/applications">{t('funding.applications.title')}</Link> }, { title: a.code || a.title }]} />
      <PageTitle
        title={<span data-testid="application-detail-title">{a.title}</span>}
        sub={
          <Space>
            <StatusTag status={a.status} />
            <Link to={`/funding/calls/${a.callId}`}>
              {a.callCode} — {a.callTitle}
            </Link>
          </Space>
        }
        extra={
          canEdit && (
            <EditDeleteButtons
              testId="application"
              confirmTitle={t('funding.applications.confirmDelete')}
              onEdit={() => setEditing(true)}
              onDelete={() => void remove()}
            />
          )
        }
      />
      <Card size="small">
        <Steps
          size="small"
          current={current}
          status={a.status === 'rejected' ? 'error' : a.status === 'closed' ? 'finish' : 'process'}
          items={line.map((s) => ({ title: t(`funding.status.${s}`) }))}
          data-testid="application-steps"
        />
        <div style={{ marginTop: 16 }}>
          {a.allowedNext.length === 0 ? (
            <Typography.Text className="pla-muted">{t('funding.applications.finalStatus')}</Typography.Text>
          ) : (
            canEdit && (
              <Space>
                <Typography.Text className="pla-muted">{t('funding.applications.nextAllowed')}:</Typography.Text>
                {a.allowedNext.map((s) => (
                  <Button
                    key={s}
                    type={s === 'rejected' ? 'default' : 'primary'}
                    danger={s === 'rejected'}
                    onClick={() => {
                      form.resetFields();
                      setMoving(s);
                    }}
                    data-testid={`move-${s}`}
                  >
                    {t('funding.applications.moveTo', { status: t(`funding.status.${s}`) })}
                  </Button>
                ))}
              </Space>
            )
          )}
        </div>
      </Card>
      <Card size="small" style={{ marginTop: 16 }}>
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label={t('funding.fields.smis')}>{a.code || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.applicant')}>{a.applicant}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.partners')}>{a.partners || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.requestedAmount')}>
            <span data-testid="application-requested-value">{formatLei(a.requestedAmount, lang)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.ownContribution')}>{formatLei(a.ownContribution, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.totalAmount')}>
            <Typography.Text strong data-testid="application-total-value">
              {formatLei(a.totalAmount, lang)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.submittedOn')}>{d(a.submittedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.decisionOn')}>{d(a.decisionOn)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.contractSignedOn')}>{d(a.contractSignedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.implementationStart')}>{d(a.implementationStart)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.closedOn')}>{d(a.closedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.nextStep')}>{a.nextStep ? `${a.nextStep} (${d(a.nextStepOn)})` : d(a.nextStepOn)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.councilDecisionNo')}>{a.councilDecisionNo || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.councilDecisionDate')}>{d(a.councilDecisionDate)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.programme')}>{t(`funding.programme.${a.programme}`)}</Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.actionIds')} span={3}>
            <Space wrap>{linked.length ? linked.map((x) => <Tag key={x.id}>{`${x.code} ${x.title}`}</Tag>) : '—'}</Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.fields.evaluationFeedback')} span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.evaluationFeedback || '—'}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('funding.applications.documents')} span={3}>
            {a.documents.length ? <AttachmentLinks items={a.documents} /> : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Modal
        open={!!moving}
        title={moving ? t('funding.applications.moveTitle', { status: t(`funding.status.${moving}`) }) : ''}
        onCancel={() => setMoving(null)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'move-confirm' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void move(v)} initialValues={{ date: dayjs(), note: '' }}>
          <Form.Item name="date" label={t('funding.applications.moveDate')}>
            <DatePicker format={dateInputFormat(lang)} disabledDate={(x) => x.isAfter(dayjs(), 'day')} />
          </Form.Item>
          {(moving === 'approved' || moving === 'rejected') && (
            <Form.Item name="note" label={t('funding.applications.moveNote')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      {editing && <ApplicationForm application={a} calls={calls.data ?? []} actions={actions.data ?? []} onClose={() => setEditing(false)} />}
    </>
  );
}
