import { App as AntApp, Col, DatePicker, Form, Input, InputNumber, Row } from 'antd';
import type { UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { addMeasurementInput, type Indicator } from '../../../../electron/contract';
import { useFormErrors } from '../../api/mutations';
import { defaultPeriod } from '../../charts/measurements';
import { EvidencePicker, toEvidence } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { parseWith } from '../../ui/forms';
import { dateInputFormat, fromDayjs } from '../../ui/dates';
import { formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useAddMeasurement } from './mutations';

interface Values {
  date: Dayjs;
  value: number;
  period: string;
  note: string;
  evidence: UploadFile[];
}
const FIELDS = ['date', 'value', 'period', 'note', 'evidence'];

/** "Înregistrează măsurătoare": date, value (numerator for ratios, 1/0 for milestones), period, note, evidence. */
export function MeasurementForm({ indicator: ind, onClose }: { indicator: Indicator; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const perPeriod = ind.type === 'per_period';

  const add = useAddMeasurement(
    async (v: Values) => {
      const date = fromDayjs(v.date);
      const evidence = await toEvidence(v.evidence);
      return parseWith(
        addMeasurementInput,
        {
          indicatorId: ind.id,
          date,
          value: v.value,
          period: perPeriod ? v.period?.trim() || (date ? defaultPeriod(date) : null) : null,
          note: v.note ?? '',
          evidence,
        },
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
    void message.success(t('measurements.saved', { value: formatNumber(done.data.value, lang) }));
    onClose();
  };

  const valueLabel = ind.type === 'ratio' ? t('measurements.numerator') : ind.type === 'milestone' ? t('measurements.milestoneValue') : t('measurements.value');

  return (
    <FormModal<Values>
      open
      title={`${t('measurements.record')} · ${ind.code}`}
      form={form}
      initialValues={{ date: dayjs(), evidence: [], period: perPeriod ? String(dayjs().year()) : undefined }}
      onCancel={onClose}
      onSubmit={submit}
      busy={add.isPending}
      testId="measurement-form"
      okText={t('measurements.recordShort')}
    >
      <Row gutter={16}>
        <Col span={perPeriod ? 8 : 12}>
          <Form.Item name="date" label={t('fields.date')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker
              format={dateInputFormat(lang)}
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="measurement-date"
            />
          </Form.Item>
        </Col>
        <Col span={perPeriod ? 8 : 12}>
          <Form.Item
            name="value"
            label={ind.unit && ind.type !== 'milestone' ? `${valueLabel} (${ind.unit})` : valueLabel}
            rules={[{ required: true, message: t('validation.required') }]}
            extra={ind.type === 'ratio' && ind.denominator ? t('measurements.ratioHelp', { denominator: formatNumber(ind.denominator, lang) }) : undefined}
          >
            <InputNumber
              autoFocus
              decimalSeparator={lang === 'ro' ? ',' : '.'}
              min={ind.type === 'milestone' ? 0 : undefined}
              max={ind.type === 'milestone' ? 1 : undefined}
              style={{ width: '100%' }}
              data-testid="measurement-value"
            />
          </Form.Item>
        </Col>
        {perPeriod && (
          <Col span={8}>
            <Form.Item name="period" label={t('measurements.period')} extra={t('measurements.periodHelp')}>
              <Input data-testid="measurement-period" />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name="note" label={t('measurements.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="measurement-note" />
      </Form.Item>
      <Form.Item name="evidence" label={t('evidence.label')} valuePropName="value">
        <EvidencePicker testId="measurement-evidence" />
      </Form.Item>
    </FormModal>
  );
}
