import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import {
  DIRECTIONS,
  INDICATOR_TYPES,
  saveIndicatorInput,
  type Action,
  type CommitmentSummary,
  type Indicator,
  type IndicatorType,
} from '../../../../electron/contract';
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
import { useSaveIndicator } from './mutations';

interface Values {
  commitmentId: string;
  code: string;
  name: string;
  unit: string;
  type: IndicatorType;
  direction: 'increase' | 'decrease';
  baseline: number | null;
  baselineDate: Dayjs | null;
  target: number;
  denominator: number | null;
  denominatorSource: string;
  denominatorYear: number | null;
  countingRule: string;
  dataSource: string;
  frequency: string;
  responsibleDepartment: string;
  actionIds: string[];
}

const FIELDS = [
  'commitmentId',
  'code',
  'name',
  'unit',
  'type',
  'direction',
  'baseline',
  'baselineDate',
  'target',
  'denominator',
  'denominatorSource',
  'denominatorYear',
  'countingRule',
  'dataSource',
  'frequency',
  'responsibleDepartment',
  'actionIds',
];

export function IndicatorForm({
  open,
  indicator,
  commitments,
  actions,
  defaultCommitmentId,
  onClose,
  onSaved,
}: {
  open: boolean;
  indicator?: Indicator;
  commitments: CommitmentSummary[];
  actions: Action[];
  defaultCommitmentId?: string;
  onClose: () => void;
  onSaved?: (i: Indicator) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const ind = indicator;
  const conflict = useSaveConflict({
    form,
    record: ind,
    fields: FIELDS,
    format: { commitmentId: recordNames(commitments), actionIds: recordNames(actions) },
    labels: 'indicators',
    label: { commitmentId: 'fields.commitment', name: 'fields.indicator', actionIds: 'indicators.linkedActions' },
    toValues: (r) => asValues(r),
    enums: { type: 'indicatorType', direction: 'direction' },
    load: () => api.get('plan.listIndicators', {}).then(byId(ind!.id)),
    onTakeTheirs: onClose,
  });
  const type = Form.useWatch('type', form);
  const commitmentId = Form.useWatch('commitmentId', form);
  const dec = lang === 'ro' ? ',' : '.';

  const asValues = (ind: Indicator): Partial<Values> => ({ ...ind, baselineDate: toDayjs(ind.baselineDate) });
  const initial: Partial<Values> = ind
    ? asValues(ind)
    : { commitmentId: defaultCommitmentId, type: 'cumulative', direction: 'increase', actionIds: [], unit: '' };

  const save = useSaveIndicator(useFormErrors(form, FIELDS, { conflict, onConflict: onClose }));
  const submit = async (v: Values) => {
    const raw = {
      ...(ind ? { id: ind.id, expectedUpdatedAt: conflict.base() } : {}),
      ...Object.fromEntries(FIELDS.map((f) => [f, (v as unknown as Record<string, unknown>)[f] ?? undefined])),
      baselineDate: fromDayjs(v.baselineDate),
      baseline: v.baseline ?? null,
      target: v.type === 'milestone' ? 1 : v.target,
      denominator: v.type === 'ratio' ? (v.denominator ?? null) : null,
      denominatorYear: v.type === 'ratio' ? (v.denominatorYear ?? null) : null,
    };
    const input = parseWith(saveIndicatorInput, raw, form, t, FIELDS);
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    const saved = done.data;
    onSaved?.(saved);
    onClose();
  };

  const actionOptions = actions
    .filter((a) => !commitmentId || a.commitmentId === commitmentId)
    .sort((a, b) => compareCodes(a.code, b.code))
    .map((a) => ({ value: a.id, label: `${a.code} ${a.title}` }));

  return (
    <FormModal<Values>
      open={open}
      title={ind ? t('indicators.edit', { code: ind.code }) : t('indicators.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      width={820}
      testId="indicator-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="code" label={t('fields.code')} rules={[{ required: true, message: t('validation.required') }]} extra={t('indicators.codeHelp')}>
            <Input autoFocus data-testid="indicator-code" />
          </Form.Item>
        </Col>
        <Col span={18}>
          <Form.Item name="name" label={t('fields.indicator')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input data-testid="indicator-name" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="commitmentId" label={t('fields.commitment')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={commitments.map((c) => ({ value: c.id, label: `${c.code} ${c.title}` }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="type" label={t('indicators.type')} extra={type ? t(`indicatorTypeHelp.${type}`) : undefined}>
            <Select options={enumOptions(t, INDICATOR_TYPES, 'indicatorType')} data-testid="indicator-type" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="direction" label={t('indicators.direction')}>
            <Select options={enumOptions(t, DIRECTIONS, 'direction')} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item
            name="target"
            label={type === 'ratio' ? t('indicators.targetPercent') : t('indicators.target')}
            rules={type === 'milestone' ? [] : [{ required: true, message: t('validation.required') }]}
          >
            <InputNumber
              min={0}
              decimalSeparator={dec}
              style={{ width: '100%' }}
              disabled={type === 'milestone'}
              placeholder={type === 'milestone' ? '1' : undefined}
              data-testid="indicator-target"
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="unit" label={t('indicators.unit')}>
            <Input placeholder={t('indicators.unitPlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="baseline" label={t('indicators.baseline')}>
            <InputNumber decimalSeparator={dec} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="baselineDate" label={t('indicators.baselineDate')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      {type === 'ratio' && (
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="denominator" label={t('indicators.denominator')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={0} decimalSeparator={dec} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="denominatorSource" label={t('indicators.denominatorSource')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="denominatorYear" label={t('indicators.denominatorYear')}>
              <InputNumber min={1900} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item name="countingRule" label={t('indicators.countingRule')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="dataSource" label={t('indicators.dataSource')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="frequency" label={t('indicators.frequency')}>
            <Input placeholder={t('indicators.frequencyPlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="responsibleDepartment" label={t('indicators.responsibleDepartment')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="actionIds" label={t('indicators.linkedActions')}>
        <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={actionOptions} />
      </Form.Item>
    </FormModal>
  );
}
