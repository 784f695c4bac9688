import { Col, DatePicker, Form, Input, Row, Select, Typography, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import {
  APPLICATION_STATUSES,
  saveApplicationInput,
  type Action,
  type ApplicationStatus,
  type FundingApplication,
  type FundingCall,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { conflictFirst } from '../../api/mutations';
import { compareCodes } from '../../charts/dashboard';
import { EvidencePicker, toEvidence } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { recordNames } from '../../ui/conflict';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { formatLei } from '../../ui/format';
import { zodIssues } from '../../ui/forms';
import { useLang } from '../../ui/hooks';
import { useSaveApplication } from './mutations';
import { LeiInput, toBani, toLei, useFundingErrors } from './shared';

const DATES = ['submittedOn', 'decisionOn', 'contractSignedOn', 'implementationStart', 'closedOn', 'nextStepOn', 'councilDecisionDate'] as const;
type DateField = (typeof DATES)[number];

type Values = {
  code: string;
  title: string;
  callId: string;
  applicant: string;
  partners: string;
  actionIds: string[];
  requestedAmount: number | null;
  ownContribution: number | null;
  status: ApplicationStatus;
  nextStep: string;
  councilDecisionNo: string;
  evaluationFeedback: string;
  documents: UploadFile[];
} & Record<DateField, Dayjs | null>;

const FIELDS = [
  'code',
  'title',
  'callId',
  'applicant',
  'partners',
  'actionIds',
  'requestedAmount',
  'ownContribution',
  'totalAmount',
  'status',
  'nextStep',
  'councilDecisionNo',
  'evaluationFeedback',
  'documents',
  ...DATES,
];

export function ApplicationForm({
  application,
  calls,
  actions,
  defaultCallId,
  onClose,
  onSaved,
}: {
  application?: FundingApplication;
  calls: FundingCall[];
  actions: Action[];
  defaultCallId?: string;
  onClose: () => void;
  onSaved?: (a: FundingApplication) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const conflict = useSaveConflict({
    form,
    record: application,
    fields: FIELDS,
    format: { callId: recordNames(calls), actionIds: recordNames(actions) },
    labels: 'funding.fields',
    label: { documents: 'funding.applications.documents' },
    toValues: (r) => asValues(r),
    enums: { status: 'funding.status' },
    load: () => api.get('funding.getApplication', { id: application!.id }),
    onTakeTheirs: onClose,
  });
  const onError = useFundingErrors();
  const required = [{ required: true, message: t('validation.required') }];
  const requested = Form.useWatch('requestedAmount', form);
  const own = Form.useWatch('ownContribution', form);
  const a = application;

  const asValues = (a: NonNullable<typeof application>): Partial<Values> => ({
    ...a,
    requestedAmount: toLei(a.requestedAmount),
    ownContribution: toLei(a.ownContribution),
    documents: [],
    ...(Object.fromEntries(DATES.map((d) => [d, toDayjs(a[d])])) as Record<DateField, Dayjs | null>),
  });
  const initial: Partial<Values> = a
    ? asValues(a)
    : { callId: defaultCallId, applicant: 'Municipiul Timișoara', status: 'idea', actionIds: [], ownContribution: 0, documents: [] };

  const save = useSaveApplication(conflictFirst(conflict, (e) => onError(e, form, FIELDS, onClose)));
  const submit = async (v: Values) => {
    const raw = {
      ...(a ? { id: a.id, expectedUpdatedAt: conflict.base() } : {}),
      code: v.code ?? '',
      title: v.title,
      callId: v.callId,
      applicant: v.applicant,
      partners: v.partners ?? '',
      actionIds: v.actionIds ?? [],
      requestedAmount: toBani(v.requestedAmount),
      ownContribution: toBani(v.ownContribution) ?? 0,
      status: v.status,
      nextStep: v.nextStep ?? '',
      councilDecisionNo: v.councilDecisionNo ?? '',
      evaluationFeedback: v.evaluationFeedback ?? '',
      ...Object.fromEntries(DATES.map((d) => [d, fromDayjs(v[d])])),
      documents: await toEvidence(v.documents),
    };
    const parsed = saveApplicationInput.safeParse(raw);
    if (!parsed.success) return onError({ code: 'VALIDATION', message: '', details: { issues: zodIssues(parsed.error) } }, form, FIELDS);
    const done = await save.run(parsed.data);
    if (!done) return;
    const saved = done.data;
    onSaved?.(saved);
    onClose();
  };

  const date = (name: DateField) => (
    <Form.Item name={name} label={t(`funding.fields.${name}`)}>
      <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} data-testid={`application-${name}`} />
    </Form.Item>
  );
  const total = (toBani(requested) ?? 0) + (toBani(own) ?? 0);

  return (
    <FormModal<Values>
      open
      title={a ? t('funding.applications.edit') : t('funding.applications.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      width={900}
      testId="application-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="code" label={t('funding.fields.smis')}>
            <Input data-testid="application-code" />
          </Form.Item>
        </Col>
        <Col span={18}>
          <Form.Item name="title" label={t('funding.fields.projectTitle')} rules={required}>
            <Input autoFocus data-testid="application-title" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="callId" label={t('funding.fields.callId')} rules={required}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={calls.map((c) => ({ value: c.id, label: `${c.code} — ${c.title}` }))}
              data-testid="application-call"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="status" label={t('funding.fields.status')}>
            <Select options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`funding.status.${s}`) }))} data-testid="application-status-select" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="applicant" label={t('funding.fields.applicant')} rules={required}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="partners" label={t('funding.fields.partners')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="requestedAmount" label={t('funding.fields.requestedAmount')} rules={required}>
            <LeiInput testId="application-requested" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="ownContribution" label={t('funding.fields.ownContribution')}>
            <LeiInput testId="application-own" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="totalAmount" label={t('funding.fields.totalAmount')}>
            <Typography.Text strong data-testid="application-total">
              {formatLei(total, lang)}
            </Typography.Text>
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>{date('submittedOn')}</Col>
        <Col span={6}>{date('decisionOn')}</Col>
        <Col span={6}>{date('contractSignedOn')}</Col>
        <Col span={6}>{date('implementationStart')}</Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>{date('closedOn')}</Col>
        <Col span={12}>
          <Form.Item name="nextStep" label={t('funding.fields.nextStep')}>
            <Input data-testid="application-next-step" />
          </Form.Item>
        </Col>
        <Col span={6}>{date('nextStepOn')}</Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="councilDecisionNo" label={t('funding.fields.councilDecisionNo')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>{date('councilDecisionDate')}</Col>
        <Col span={12}>
          <Form.Item name="actionIds" label={t('funding.fields.actionIds')}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={[...actions].sort((x, y) => compareCodes(x.code, y.code)).map((x) => ({ value: x.id, label: `${x.code} ${x.title}` }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="evaluationFeedback" label={t('funding.fields.evaluationFeedback')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="documents" label={t('funding.applications.documents')} valuePropName="value">
        <EvidencePicker testId="application-documents" />
      </Form.Item>
    </FormModal>
  );
}
