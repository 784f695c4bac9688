import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { CALL_STATUSES, CALL_TYPES, FUNDING_PROGRAMMES, saveCallInput, type Action, type FundingCall } from '../../../../electron/contract';
import { api } from '../../api/client';
import { conflictFirst } from '../../api/mutations';
import { compareCodes } from '../../charts/dashboard';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { recordNames } from '../../ui/conflict';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { zodIssues } from '../../ui/forms';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useSaveCall } from './mutations';
import { LeiInput, toBani, toLei, useFundingErrors } from './shared';

interface Values {
  programme: FundingCall['programme'];
  priority: string;
  managingBody: string;
  code: string;
  title: string;
  type: FundingCall['type'];
  status: FundingCall['status'];
  openingDate: Dayjs | null;
  deadline: Dayjs | null;
  budget: number | null;
  eligibleApplicants: string;
  eligibleActivities: string;
  grantRate: number | null;
  minGrant: number | null;
  maxGrant: number | null;
  maxDurationMonths: number | null;
  guideUrl: string;
  nonReimbursable: boolean;
  actionIds: string[];
}

const FIELDS = [
  'programme',
  'priority',
  'managingBody',
  'code',
  'title',
  'type',
  'status',
  'openingDate',
  'deadline',
  'budget',
  'eligibleApplicants',
  'eligibleActivities',
  'grantRate',
  'minGrant',
  'maxGrant',
  'maxDurationMonths',
  'guideUrl',
  'nonReimbursable',
  'actionIds',
];

export function CallForm({
  call,
  actions,
  onClose,
  onSaved,
}: {
  call?: FundingCall;
  actions: Action[];
  onClose: () => void;
  onSaved?: (c: FundingCall) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const conflict = useSaveConflict({
    form,
    record: call,
    fields: FIELDS,
    format: { actionIds: recordNames(actions) },
    labels: 'funding.fields',
    enums: { programme: 'funding.programme', type: 'funding.callType', status: 'funding.callStatus' },
    toValues: (r) => asValues(r),
    load: () => api.get('funding.getCall', { id: call!.id }),
    onTakeTheirs: onClose,
  });
  const onError = useFundingErrors();
  const required = [{ required: true, message: t('validation.required') }];

  const asValues = (call: FundingCall): Partial<Values> => ({
    ...call,
    openingDate: toDayjs(call.openingDate),
    deadline: toDayjs(call.deadline),
    budget: toLei(call.budget),
    minGrant: toLei(call.minGrant),
    maxGrant: toLei(call.maxGrant),
    guideUrl: call.guideUrl ?? '',
  });
  const initial: Partial<Values> = call
    ? asValues(call)
    : { programme: 'regio_vest', type: 'competitive', status: 'open', nonReimbursable: true, actionIds: [], guideUrl: '' };

  const save = useSaveCall(conflictFirst(conflict, (e) => onError(e, form, FIELDS, onClose)));
  const submit = async (v: Values) => {
    const raw = {
      ...(call ? { id: call.id, expectedUpdatedAt: conflict.base() } : {}),
      ...v,
      priority: v.priority ?? '',
      managingBody: v.managingBody ?? '',
      eligibleApplicants: v.eligibleApplicants ?? '',
      eligibleActivities: v.eligibleActivities ?? '',
      openingDate: fromDayjs(v.openingDate),
      deadline: fromDayjs(v.deadline),
      budget: toBani(v.budget),
      minGrant: toBani(v.minGrant),
      maxGrant: toBani(v.maxGrant),
      grantRate: v.grantRate ?? null,
      maxDurationMonths: v.maxDurationMonths ?? null,
      guideUrl: v.guideUrl?.trim() ? v.guideUrl.trim() : null,
      actionIds: v.actionIds ?? [],
    };
    const parsed = saveCallInput.safeParse(raw);
    if (!parsed.success) return onError({ code: 'VALIDATION', message: '', details: { issues: zodIssues(parsed.error) } }, form, FIELDS);
    const done = await save.run(parsed.data);
    if (!done) return;
    const saved = done.data;
    onSaved?.(saved);
    onClose();
  };

  return (
    <FormModal<Values>
      open
      title={call ? t('funding.calls.edit', { code: call.code }) : t('funding.calls.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      width={880}
      testId="call-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="code" label={t('funding.fields.code')} rules={required}>
            <Input autoFocus data-testid="call-code" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="title" label={t('funding.fields.title')} rules={required}>
            <Input data-testid="call-title" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="programme" label={t('funding.fields.programme')} rules={required}>
            <Select options={enumOptions(t, FUNDING_PROGRAMMES, 'funding.programme')} data-testid="call-programme" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="priority" label={t('funding.fields.priority')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="managingBody" label={t('funding.fields.managingBody')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="type" label={t('funding.fields.type')}>
            <Select options={enumOptions(t, CALL_TYPES, 'funding.callType')} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="status" label={t('funding.fields.status')}>
            <Select options={enumOptions(t, CALL_STATUSES, 'funding.callStatus')} data-testid="call-status" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="openingDate" label={t('funding.fields.openingDate')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="deadline" label={t('funding.fields.deadline')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} data-testid="call-deadline" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="budget" label={t('funding.fields.budget')}>
            <LeiInput testId="call-budget" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="minGrant" label={t('funding.fields.minGrant')}>
            <LeiInput />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="maxGrant" label={t('funding.fields.maxGrant')}>
            <LeiInput />
          </Form.Item>
        </Col>
        <Col span={3}>
          <Form.Item name="grantRate" label={t('funding.fields.grantRate')}>
            <InputNumber min={0} max={100} decimalSeparator={lang === 'ro' ? ',' : '.'} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={3}>
          <Form.Item name="maxDurationMonths" label={t('funding.fields.maxDurationMonths')}>
            <InputNumber min={1} max={240} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={18}>
          <Form.Item name="guideUrl" label={t('funding.fields.guideUrl')}>
            <Input placeholder="https://" data-testid="call-guide" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="nonReimbursable" label={t('funding.fields.nonReimbursable')} valuePropName="checked">
            <Switch data-testid="call-non-reimbursable" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="eligibleApplicants" label={t('funding.fields.eligibleApplicants')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="eligibleActivities" label={t('funding.fields.eligibleActivities')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="actionIds" label={t('funding.fields.actionIds')}>
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={[...actions].sort((a, b) => compareCodes(a.code, b.code)).map((a) => ({ value: a.id, label: `${a.code} ${a.title}` }))}
          data-testid="call-actions"
        />
      </Form.Item>
    </FormModal>
  );
}
