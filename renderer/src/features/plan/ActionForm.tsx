import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Slider } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { ACTION_STATUSES, saveActionInput, type Action, type ActionStatus } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useFormErrors } from '../../api/mutations';
import { compareCodes } from '../../charts/dashboard';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { byId, recordNames } from '../../ui/conflict';
import { parseWith } from '../../ui/forms';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useSaveAction } from './mutations';

interface Values {
  code: string;
  parentId: string | null;
  title: string;
  deliverable: string;
  plannedStart: Dayjs | null;
  plannedEnd: Dayjs | null;
  actualStart: Dayjs | null;
  actualEnd: Dayjs | null;
  responsibleOrg: string;
  responsiblePerson: string;
  status: ActionStatus;
  progress: number;
  weight: number | null;
  blockers: string;
}

const FIELDS = [
  'code',
  'parentId',
  'title',
  'deliverable',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'responsibleOrg',
  'responsiblePerson',
  'status',
  'progress',
  'weight',
  'blockers',
];

/** Suggests the next free code under a parent: A1 → A1.8, A1.2 → A1.2.3. */
export function nextActionCode(prefix: string, siblings: string[]): string {
  const depth = prefix.split('.').length + 1;
  const nums = siblings.filter((c) => c.startsWith(`${prefix}.`) && c.split('.').length === depth).map((c) => Number(c.split('.').pop()));
  return `${prefix}.${(nums.length ? Math.max(...nums) : 0) + 1}`;
}

export function ActionForm({
  open,
  commitmentId,
  commitmentCode,
  action,
  parent,
  allActions,
  onClose,
  onSaved,
}: {
  open: boolean;
  commitmentId: string;
  commitmentCode: string;
  action?: Action;
  parent?: Action | null;
  allActions: Action[];
  onClose: () => void;
  onSaved?: (a: Action) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const a = action;
  const conflict = useSaveConflict({
    form,
    record: a,
    fields: FIELDS,
    format: { parentId: recordNames(allActions) },
    labels: 'actions',
    label: { parentId: 'actions.parent' },
    enums: { status: 'actionStatus' },
    load: () => api.get('plan.listActions', { commitmentId }).then(byId(a!.id)),
    onTakeTheirs: onClose,
  });
  const codes = allActions.map((x) => x.code);

  const initial: Partial<Values> = a
    ? {
        ...a,
        plannedStart: toDayjs(a.plannedStart),
        plannedEnd: toDayjs(a.plannedEnd),
        actualStart: toDayjs(a.actualStart),
        actualEnd: toDayjs(a.actualEnd),
      }
    : {
        code: nextActionCode(parent?.code ?? commitmentCode, codes),
        parentId: parent?.id ?? null,
        status: 'not_started',
        progress: 0,
        weight: null,
        plannedStart: toDayjs(parent?.plannedStart),
        plannedEnd: toDayjs(parent?.plannedEnd),
        responsibleOrg: parent?.responsibleOrg ?? '',
      };

  const save = useSaveAction(useFormErrors(form, FIELDS, { conflict, onConflict: onClose }));
  const submit = async (v: Values) => {
    const raw = {
      ...(a ? { id: a.id, expectedUpdatedAt: conflict.base() } : {}),
      commitmentId,
      code: v.code,
      parentId: v.parentId ?? null,
      title: v.title,
      deliverable: v.deliverable ?? '',
      plannedStart: fromDayjs(v.plannedStart),
      plannedEnd: fromDayjs(v.plannedEnd),
      actualStart: fromDayjs(v.actualStart),
      actualEnd: fromDayjs(v.actualEnd),
      responsibleOrg: v.responsibleOrg ?? '',
      responsiblePerson: v.responsiblePerson ?? '',
      status: v.status,
      progress: Math.round(v.progress ?? 0),
      weight: v.weight ?? null,
      blockers: v.blockers ?? '',
    };
    const input = parseWith(saveActionInput, raw, form, t, FIELDS);
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    const saved = done.data;
    onSaved?.(saved);
    onClose();
  };

  const parents = allActions
    .filter((x) => x.id !== a?.id && x.commitmentId === commitmentId)
    .sort((x, y) => compareCodes(x.code, y.code))
    .map((x) => ({ value: x.id, label: `${x.code} ${x.title}` }));
  const date = (name: keyof Values, label: string) => (
    <Form.Item name={name} label={label}>
      <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} data-testid={`action-${name}`} />
    </Form.Item>
  );

  return (
    <FormModal<Values>
      open={open}
      title={a ? t('actions.edit', { code: a.code }) : t('actions.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      width={820}
      testId="action-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="code" label={t('fields.code')} rules={[{ required: true, message: t('validation.required') }]} extra={t('actions.codeHelp')}>
            <Input data-testid="action-code" />
          </Form.Item>
        </Col>
        <Col span={18}>
          <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input autoFocus data-testid="action-title" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="parentId" label={t('actions.parent')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={parents} placeholder={t('actions.noParent')} />
      </Form.Item>
      <Form.Item name="deliverable" label={t('actions.deliverable')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="status" label={t('fields.status')}>
            <Select options={enumOptions(t, ACTION_STATUSES, 'actionStatus')} data-testid="action-status" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="progress" label={t('fields.progress')}>
            <Slider
              min={0}
              max={100}
              step={5}
              marks={{ 0: '0', 50: '50', 100: '100' }}
              ariaLabelForHandle={t('fields.progress')}
              ariaValueTextFormatterForHandle={(v) => `${v ?? 0} %`}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="weight" label={t('fields.weight')} extra={t('fields.weightHelp')}>
            <InputNumber min={0} max={1000} decimalSeparator={lang === 'ro' ? ',' : '.'} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>{date('plannedStart', t('actions.plannedStart'))}</Col>
        <Col span={6}>{date('plannedEnd', t('actions.plannedEnd'))}</Col>
        <Col span={6}>{date('actualStart', t('actions.actualStart'))}</Col>
        <Col span={6}>{date('actualEnd', t('actions.actualEnd'))}</Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="responsibleOrg" label={t('actions.responsibleOrg')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="responsiblePerson" label={t('fields.responsiblePerson')} extra={t('actions.internal')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="blockers" label={t('actions.blockers')} extra={t('actions.internal')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}
