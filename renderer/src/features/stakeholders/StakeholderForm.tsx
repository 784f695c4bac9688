import { Alert, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { ATTITUDES, IAP2_LEVELS, PLA_ROLES, SECTORS, STAKEHOLDER_TYPES, saveStakeholderInput, type Stakeholder } from '../../../../electron/contract';
import { api } from '../../api/client';
import { conflictFirst } from '../../api/mutations';
import { toErrorData } from '../../api/errors';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { parseWith } from '../../ui/forms';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useSaveStakeholder } from './mutations';
import { stakeholderErrorText } from './shared';

interface Values extends Omit<Stakeholder, 'assessmentDate' | 'consentDate'> {
  assessmentDate: Dayjs | null;
  consentDate: Dayjs | null;
}
const FIELDS = [
  'type',
  'name',
  'legalForm',
  'sector',
  'contacts',
  'plaRole',
  'power',
  'interest',
  'attitude',
  'assessmentDate',
  'iap2Level',
  'gdprNotes',
  'consentDate',
  'consentScope',
  'public',
  'notes',
];

export function StakeholderForm({
  open,
  item,
  onClose,
  onSaved,
}: {
  open: boolean;
  item?: Stakeholder;
  onClose: () => void;
  onSaved?: (s: Stakeholder) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const onError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  // Fixed when the form opens: a colleague's save refreshing the record makes this save a CONFLICT, not an overwrite.
  const conflict = useSaveConflict({
    form,
    record: item,
    fields: FIELDS,
    labels: 'stakeholders.fields',
    enums: { type: 'stakeholders.type', sector: 'stakeholders.sector', plaRole: 'stakeholders.plaRole', attitude: 'stakeholders.attitude' },
    load: () => api.get('stakeholders.get', { id: item!.id }),
    onTakeTheirs: onClose,
  });
  const [ruleError, setRuleError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);
  const L = (k: string) => t(`stakeholders.fields.${k}`);

  const save = useSaveStakeholder(
    conflictFirst(conflict, (e) => {
      const reason = toErrorData(e).details?.issues?.[0]?.reason;
      if (reason === 'consent_required' || reason === 'duplicate') setRuleError(stakeholderErrorText(t, e));
      onError(e, { form, fields: FIELDS });
    }),
  );
  const submit = async (v: Values) => {
    setRuleError(null);
    const input = parseWith(
      saveStakeholderInput,
      {
        ...(item ? { id: item.id, expectedUpdatedAt: conflict.base() } : {}),
        ...Object.fromEntries(FIELDS.map((f) => [f, (v as unknown as Record<string, unknown>)[f] ?? undefined])),
        plaRole: v.plaRole ?? null,
        iap2Level: v.iap2Level ?? null,
        power: v.power ?? null,
        interest: v.interest ?? null,
        assessmentDate: fromDayjs(v.assessmentDate),
        consentDate: fromDayjs(v.consentDate),
        public: !!v.public,
      },
      form,
      t,
      FIELDS,
    );
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    const saved = done.data;
    onSaved?.(saved);
    onClose();
  };

  return (
    <FormModal<Values>
      open={open}
      title={item ? t('stakeholders.edit', { name: item.name }) : t('stakeholders.new')}
      form={form}
      width={820}
      testId="stakeholder-form"
      busy={save.isPending}
      onCancel={onClose}
      onSubmit={submit}
      initialValues={
        item
          ? ({ ...item, assessmentDate: toDayjs(item.assessmentDate), consentDate: toDayjs(item.consentDate) } as Values)
          : ({ type: 'organisation', sector: 'ngo', attitude: 'unknown', public: false } as Partial<Values>)
      }
    >
      {conflict.view}
      {ruleError && <Alert type="error" showIcon message={ruleError} data-testid="stakeholder-form-error" style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name="type" label={L('type')} rules={[{ required: true }]}>
            <Select options={enumOptions(t, STAKEHOLDER_TYPES, 'stakeholders.type')} data-testid="stakeholder-type" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={L('name')} rules={[{ required: true }]}>
            <Input data-testid="stakeholder-name" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="legalForm" label={L('legalForm')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="sector" label={L('sector')} rules={[{ required: true }]}>
            <Select options={enumOptions(t, SECTORS, 'stakeholders.sector')} data-testid="stakeholder-sector" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="plaRole" label={L('plaRole')}>
            <Select allowClear options={enumOptions(t, PLA_ROLES, 'stakeholders.plaRole')} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="iap2Level" label={L('iap2Level')}>
            <Select allowClear options={enumOptions(t, IAP2_LEVELS, 'stakeholders.iap2')} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="power" label={L('power')}>
            <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} data-testid="stakeholder-power" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="interest" label={L('interest')}>
            <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} data-testid="stakeholder-interest" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="attitude" label={L('attitude')}>
            <Select options={enumOptions(t, ATTITUDES, 'stakeholders.attitude')} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="assessmentDate" label={L('assessmentDate')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="contacts" label={L('contacts')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Col>
        {type === 'person' && (
          <>
            <Col span={24}>
              <Alert type="info" showIcon message={t('stakeholders.consentHint')} style={{ marginBottom: 12 }} />
            </Col>
            <Col span={8}>
              <Form.Item name="consentDate" label={L('consentDate')}>
                <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} data-testid="stakeholder-consent-date" />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="consentScope" label={L('consentScope')}>
                <Input data-testid="stakeholder-consent-scope" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="gdprNotes" label={L('gdprNotes')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
          </>
        )}
        <Col span={8}>
          <Form.Item name="public" label={L('public')} valuePropName="checked">
            <Switch data-testid="stakeholder-public" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={L('notes')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
