import { App as AntApp, Button, Card, Col, DatePicker, Empty, Form, Input, Popconfirm, Row, Select, Slider, Space, Timeline, Typography } from 'antd';
import type { UploadFile } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ACTION_STATUSES,
  addProgressUpdateInput,
  saveProgressUpdateInput,
  type Action,
  type ActionStatus,
  type ProgressUpdate,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { AttachmentLinks, EvidencePicker, Loadable, toEvidence } from '../../ui/components';
import { useSaveConflict } from '../../ui/ConflictView';
import { byId } from '../../ui/conflict';
import { FormModal } from '../../ui/FormModal';
import { parseWith } from '../../ui/forms';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { formatDate, formatPercent } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useUndoMessage } from '../../ui/undo';
import { useFormErrors } from '../../api/mutations';
import { useAddProgressUpdate, useSaveProgressUpdate } from './mutations';
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
  const [editing, setEditing] = useState<ProgressUpdate | null>(null);
  const undoMessage = useUndoMessage();

  const remove = async (u: ProgressUpdate) => {
    try {
      await api.get('plan.deleteProgressUpdate', { id: u.id, expectedUpdatedAt: u.updatedAt });
      await invalidatePlan(qc);
      undoMessage(t('updates.deleted', { date: formatDate(u.date, lang) }), async () => {
        try {
          await api.get('plan.restoreProgressUpdate', { id: u.id });
          await invalidatePlan(qc);
        } catch (e) {
          onError(e);
        }
      });
    } catch (e) {
      onError(e);
    }
  };

  const add = useAddProgressUpdate(
    async (v: Values) => {
      const evidence = await toEvidence(v.evidence);
      return parseWith(
        addProgressUpdateInput,
        { actionId: action.id, date: fromDayjs(v.date), progress: Math.round(v.progress ?? 0), status: v.status, note: v.note ?? '', evidence },
        form,
        t,
        FIELDS,
      );
    },
    useFormErrors(form, FIELDS),
  );
  const submit = async (v: Values) => {
    const done = await add.run(v);
    if (!done?.data) return;
    void message.success(t('updates.saved'));
    form.resetFields(['note', 'evidence']);
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
                <ProgressSlider testId="update-progress" />
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
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="update-submit">
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
                      {canEdit && (
                        <Space size={0} style={{ marginInlineStart: 8 }}>
                          <Button
                            type="text"
                            size="small"
                            icon={<EditOutlined />}
                            aria-label={t('updates.editLabel', { date: formatDate(u.date, lang) })}
                            onClick={() => setEditing(u)}
                            data-testid="update-edit"
                          />
                          <Popconfirm
                            title={t('updates.confirmDelete', { date: formatDate(u.date, lang) })}
                            description={`${u.evidence.length ? `${t('updates.confirmDeleteEvidence', { count: u.evidence.length })} ` : ''}${t('updates.followsLatest')}`}
                            okText={t('common.delete')}
                            cancelText={t('common.cancel')}
                            okButtonProps={{ danger: true, 'data-testid': 'update-delete-confirm' }}
                            onConfirm={() => remove(u)}
                          >
                            <Button
                              type="text"
                              size="small"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('updates.deleteLabel', { date: formatDate(u.date, lang) })}
                              data-testid="update-delete"
                            />
                          </Popconfirm>
                        </Space>
                      )}
                      {u.note && <div className="pla-pre">{u.note}</div>}
                      <AttachmentLinks items={u.evidence} />
                    </div>
                  ),
                }))}
            />
          )
        }
      </Loadable>
      {editing && <UpdateForm u={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

/** The progress slider with its value shown beside it (and read out as "40 %"). */
export function ProgressSlider({ value, onChange, testId }: { value?: number; onChange?: (v: number) => void; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const text = formatPercent(value ?? 0, lang);
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
      <Slider
        style={{ flex: 1 }}
        min={0}
        max={100}
        step={5}
        value={value}
        onChange={onChange}
        marks={{ 0: '0', 25: '25', 50: '50', 75: '75', 100: '100' }}
        ariaLabelForHandle={t('fields.progress')}
        ariaValueTextFormatterForHandle={(v) => formatPercent(v ?? 0, lang)}
        tooltip={{ formatter: (v) => formatPercent(v ?? 0, lang) }}
        data-testid={testId}
      />
      <output className="pla-nowrap" style={{ minWidth: 48, textAlign: 'right', fontWeight: 600 }} data-testid={testId ? `${testId}-value` : undefined}>
        {text}
      </output>
    </div>
  );
}

type EditValues = Values;
const EDIT_FIELDS = ['date', 'progress', 'status', 'note', 'evidence'];

/** Correcting an update: date, progress, status, note, more evidence; saved against the version it opened on. */
function UpdateForm({ u, onClose }: { u: ProgressUpdate; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EditValues>();
  const conflict = useSaveConflict({
    form,
    record: u,
    fields: ['date', 'progress', 'status', 'note'],
    labels: 'updates',
    enums: { status: 'actionStatus' },
    toValues: (r) => ({ date: toDayjs(r.date), progress: r.progress, status: r.status, note: r.note }),
    load: () => api.get('plan.listProgressUpdates', { actionId: u.actionId }).then(byId(u.id)),
    onTakeTheirs: onClose,
  });
  const save = useSaveProgressUpdate(
    async (v: EditValues) => {
      const evidence = await toEvidence(v.evidence ?? []);
      return parseWith(
        saveProgressUpdateInput,
        {
          id: u.id,
          expectedUpdatedAt: conflict.base() ?? u.updatedAt,
          date: fromDayjs(v.date),
          progress: Math.round(v.progress ?? 0),
          status: v.status,
          note: v.note ?? '',
          evidence,
        },
        form,
        t,
        EDIT_FIELDS,
      );
    },
    useFormErrors(form, EDIT_FIELDS, { conflict, onConflict: onClose }),
  );
  return (
    <FormModal<EditValues>
      open
      title={t('updates.edit', { date: formatDate(u.date, lang) })}
      form={form}
      initialValues={{ date: toDayjs(u.date) ?? undefined, progress: u.progress, status: u.status, note: u.note, evidence: [] }}
      onCancel={onClose}
      busy={save.isPending}
      testId="update-edit-form"
      onSubmit={async (v) => {
        const done = await save.run(v);
        if (!done?.data) return;
        void message.success(t('updates.corrected'));
        onClose();
      }}
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="date" label={t('fields.date')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker
              format={dateInputFormat(lang)}
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="update-edit-date"
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="status" label={t('fields.status')}>
            <Select options={enumOptions(t, ACTION_STATUSES, 'actionStatus')} data-testid="update-edit-status" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="progress" label={t('fields.progress')}>
        <ProgressSlider testId="update-edit-progress" />
      </Form.Item>
      <Form.Item name="note" label={t('updates.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="update-edit-note" />
      </Form.Item>
      <Form.Item name="evidence" label={t('updates.moreEvidence')} valuePropName="value">
        <EvidencePicker testId="update-edit-evidence" />
      </Form.Item>
    </FormModal>
  );
}
