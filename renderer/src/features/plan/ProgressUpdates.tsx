import { App as AntApp, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Slider, Timeline, Typography } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ACTION_STATUSES, addProgressUpdateInput, type Action, type ActionStatus, type ProgressUpdate } from '../../../../electron/contract';
import { api } from '../../api/client';
import { AttachmentLinks, EvidencePicker, Loadable, toEvidence } from '../../ui/components';
import { parseWith } from '../../ui/forms';
import { dateInputFormat, fromDayjs } from '../../ui/dates';
import { formatDate, formatPercent } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { invalidatePlan, useUpdates } from './queries';

interface Values {
  date: Dayjs;
  progress: number;
  status: ActionStatus;
  note: string;
  evidence: UploadFile[];
}
const FIELDS = ['date', 'progress', 'status', 'note', 'evidence'];

/** Dated progress updates with evidence (OGP: keep the public repository fresh), newest first. */
export function ProgressUpdates({ action, canEdit }: { action: Action; canEdit: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useUpdates(action.id);
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const evidence = await toEvidence(v.evidence);
      const input = parseWith(
        addProgressUpdateInput,
        { actionId: action.id, date: fromDayjs(v.date), progress: Math.round(v.progress ?? 0), status: v.status, note: v.note ?? '', evidence },
        form,
        t,
        FIELDS,
      );
      if (!input) return;
      await api.get('plan.addProgressUpdate', input);
      await invalidatePlan(qc);
      void message.success(t('updates.saved'));
      form.resetFields(['note', 'evidence']);
    } catch (e) {
      onError(e, { form, fields: FIELDS });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('updates.title')} data-testid="progress-updates">
      {canEdit && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ date: dayjs(), progress: action.progress, status: action.status === 'not_started' ? 'in_progress' : action.status, evidence: [] }}
          data-testid="update-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="date" label={t('fields.date')} rules={[{ required: true, message: t('validation.required') }]}>
                <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="progress" label={t('fields.progress')}>
                <Slider min={0} max={100} step={5} marks={{ 0: '0', 25: '25', 50: '50', 75: '75', 100: '100' }} ariaLabelForHandle={t('fields.progress')} ariaValueTextFormatterForHandle={(v) => `${v ?? 0} %`} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="status" label={t('fields.status')}>
                <Select options={enumOptions(t, ACTION_STATUSES, 'actionStatus')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="note" label={t('updates.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('updates.notePlaceholder')} data-testid="update-note" />
          </Form.Item>
          <Form.Item name="evidence" label={t('evidence.label')} valuePropName="value">
            <EvidencePicker testId="update-evidence" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="update-submit">
            {t('updates.add')}
          </Button>
        </Form>
      )}
      <Typography.Title level={5} style={{ marginTop: canEdit ? 24 : 0 }}>
        {t('updates.history')}
      </Typography.Title>
      <Loadable query={q}>
        {(list) =>
          list.length === 0 ? (
            <Empty description={t('updates.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Timeline
              items={[...list]
                .sort((a, b) => (a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date)))
                .map((u: ProgressUpdate) => ({
                  key: u.id,
                  content: (
                    <div data-testid="update-item">
                      <Typography.Text strong>{formatDate(u.date, lang)}</Typography.Text> · {formatPercent(u.progress, lang)} · {t(`actionStatus.${u.status}`)}
                      {u.authorName && <Typography.Text className="pla-muted"> · {u.authorName}</Typography.Text>}
                      {u.note && <div className="pla-pre">{u.note}</div>}
                      <AttachmentLinks items={u.evidence} />
                    </div>
                  ),
                }))}
            />
          )
        }
      </Loadable>
    </Card>
  );
}
