import { Button, Card, Checkbox, Col, DatePicker, Form, Input, Popconfirm, Row, Space, Table } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { saveMilestoneInput, type Milestone } from '../../../../electron/contract';
import { api, type InputOf } from '../../api/client';
import { useFormErrors } from '../../api/mutations';
import { Loadable } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { byId } from '../../ui/conflict';
import { parseWith } from '../../ui/forms';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { formatDate, todayIso } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { useSaveMilestone } from './mutations';
import { invalidatePlan, useMilestones } from './queries';

interface Values {
  title: string;
  dueDate: Dayjs | null;
  done: boolean;
  doneDate: Dayjs | null;
}
const FIELDS = ['title', 'dueDate', 'done', 'doneDate'];
type Patch = Partial<{ title: string; dueDate: string | null; done: boolean; doneDate: string | null }>;

export function Milestones({ actionId, canEdit }: { actionId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useMilestones(actionId);
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const [editing, setEditing] = useState<Milestone | 'new' | null>(null);

  /** The milestone with `patch` as the contract takes it (checked against the form's fields when a form sends it; null: marked). */
  const toInput = (m: Milestone | null, patch: Patch, form?: Parameters<typeof parseWith>[2]) => {
    const raw = {
      ...(m ? { id: m.id, expectedUpdatedAt: m.updatedAt, title: m.title, dueDate: m.dueDate, done: m.done, doneDate: m.doneDate } : {}),
      actionId,
      ...patch,
    };
    if (raw.done && !raw.doneDate) raw.doneDate = todayIso();
    if (!raw.done) raw.doneDate = null;
    return form ? parseWith(saveMilestoneInput, raw, form, t, FIELDS) : saveMilestoneInput.parse(raw);
  };
  /** Ticking a milestone done (or not) in the table. */
  const tick = useSaveMilestone({ onError: (e) => onError(e, { fields: FIELDS, onConflict: () => setEditing(null) }) });

  const remove = async (m: Milestone) => {
    try {
      await api.get('plan.deleteMilestone', { id: m.id, expectedUpdatedAt: m.updatedAt });
      await invalidatePlan(qc);
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Card
      title={t('milestones.title')}
      data-testid="milestones"
      extra={
        canEdit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="milestone-new">
            {t('milestones.new')}
          </Button>
        )
      }
    >
      <Loadable query={q}>
        {(list) => (
          <Table<Milestone>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={[...list].sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'))}
            locale={{ emptyText: t('milestones.empty') }}
            columns={[
              {
                title: t('milestones.done'),
                width: 64,
                render: (_, m) => (
                  <Checkbox
                    checked={m.done}
                    disabled={!canEdit}
                    aria-label={t('milestones.done')}
                    onChange={(e) => void tick.run(toInput(m, { done: e.target.checked })!)}
                  />
                ),
              },
              { title: t('fields.title'), dataIndex: 'title' },
              { title: t('milestones.dueDate'), dataIndex: 'dueDate', width: 100, render: (v: string | null) => formatDate(v, lang) },
              { title: t('milestones.doneDate'), dataIndex: 'doneDate', width: 100, render: (v: string | null) => formatDate(v, lang) },
              ...(canEdit
                ? [
                    {
                      title: '',
                      width: 76,
                      render: (_: unknown, m: Milestone) => (
                        <Space size={0}>
                          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(m)} />
                          <Popconfirm
                            title={t('milestones.confirmDelete')}
                            okText={t('common.delete')}
                            cancelText={t('common.cancel')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => remove(m)}
                          >
                            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Loadable>
      {editing && <MilestoneForm m={editing === 'new' ? null : editing} onClose={() => setEditing(null)} toInput={toInput} />}
    </Card>
  );
}

function MilestoneForm({
  m,
  onClose,
  toInput,
}: {
  m: Milestone | null;
  onClose: () => void;
  toInput: (m: Milestone | null, patch: Patch, form: never) => InputOf<'plan.saveMilestone'> | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const conflict = useSaveConflict({
    form,
    record: m,
    fields: FIELDS,
    labels: 'milestones',
    load: () => api.get('plan.listMilestones', { actionId: m!.actionId }).then(byId(m!.id)),
    onTakeTheirs: onClose,
  });
  const save = useSaveMilestone(useFormErrors(form, FIELDS, { conflict, onConflict: onClose }));
  return (
    <FormModal<Values>
      open
      title={m ? t('milestones.edit') : t('milestones.new')}
      form={form}
      initialValues={m ? { title: m.title, dueDate: toDayjs(m.dueDate), done: m.done, doneDate: toDayjs(m.doneDate) } : { done: false }}
      onCancel={onClose}
      busy={save.isPending}
      testId="milestone-form"
      onSubmit={async (v) => {
        const input = toInput(
          m && { ...m, updatedAt: conflict.base() ?? m.updatedAt },
          { title: v.title, dueDate: fromDayjs(v.dueDate), done: !!v.done, doneDate: fromDayjs(v.doneDate) },
          form as never,
        );
        if (input && (await save.run(input))) onClose();
      }}
    >
      {conflict.view}
      <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input autoFocus data-testid="milestone-title" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={9}>
          <Form.Item name="dueDate" label={t('milestones.dueDate')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="done" label={t('milestones.done')} valuePropName="checked">
            <Checkbox />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item name="doneDate" label={t('milestones.doneDate')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
