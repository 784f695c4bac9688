import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PHASE_KINDS } from '../../../../electron/contract';
import { dateInputFormat } from '../../ui/dates';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { LeiInput } from './shared';

/** The campaign's zones (code, name, budget in lei), inside the campaign form. */
export function ZoneEditor() {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Form.List name="zones">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item name={[f.name, 'code']} rules={required}>
                <Input placeholder={t('budgeting.fields.zoneCode')} style={{ width: 90 }} data-testid={`zone-code-${f.name}`} />
              </Form.Item>
              <Form.Item name={[f.name, 'name']} rules={required}>
                <Input placeholder={t('budgeting.fields.zoneName')} style={{ width: 360 }} data-testid={`zone-name-${f.name}`} />
              </Form.Item>
              <Form.Item name={[f.name, 'budget']} rules={required}>
                <LeiInput testId={`zone-budget-${f.name}`} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
            </Space>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add({ code: '', name: '', budget: null })}
            data-testid="zone-add"
            style={{ marginBottom: 12 }}
          >
            {t('budgeting.form.addZone')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The campaign's phases, each with its kind and dates, inside the campaign form. */
export function PhaseEditor() {
  const { t } = useTranslation();
  const lang = useLang();
  const required = [{ required: true, message: t('validation.required') }];
  /** A phase's start or end day (the label stands as the placeholder). */
  const day = (row: number, name: 'startsOn' | 'endsOn', testId: string) => (
    <Form.Item name={[row, name]} rules={required}>
      <DatePicker
        format={dateInputFormat(lang)}
        placeholder={t(`budgeting.fields.${name}`)}
        aria-label={t(`budgeting.fields.${name}`)}
        data-testid={`phase-${testId}-${row}`}
      />
    </Form.Item>
  );
  return (
    <Form.List name="phases">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item name={[f.name, 'kind']} rules={required}>
                <Select options={enumOptions(t, PHASE_KINDS, 'budgeting.phase')} style={{ width: 200 }} data-testid={`phase-kind-${f.name}`} />
              </Form.Item>
              {day(f.name, 'startsOn', 'start')}
              {day(f.name, 'endsOn', 'end')}
              <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
            </Space>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add({ kind: PHASE_KINDS[fields.length] ?? 'submission', startsOn: null, endsOn: null })}
            data-testid="phase-add"
          >
            {t('budgeting.form.addPhase')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The evaluation rubric's criteria (key, name, weight, scale, minimum, anchors), inside the campaign form. */
export function RubricEditor() {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Form.List name="criteria">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Row key={f.key} gutter={8} align="top">
              <Col span={3}>
                <Form.Item name={[f.name, 'key']} label={t('budgeting.fields.criterionKey')} rules={required}>
                  <Input data-testid={`criterion-key-${f.name}`} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={[f.name, 'name']} label={t('budgeting.fields.criterionName')} rules={required}>
                  <Input data-testid={`criterion-name-${f.name}`} />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Form.Item name={[f.name, 'weight']} label={t('budgeting.fields.weight')} rules={required}>
                  <InputNumber min={0} style={{ width: '100%' }} data-testid={`criterion-weight-${f.name}`} />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Form.Item name={[f.name, 'min']} label={t('budgeting.fields.scaleMin')} rules={required}>
                  <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Form.Item name={[f.name, 'max']} label={t('budgeting.fields.scaleMax')} rules={required}>
                  <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid={`criterion-max-${f.name}`} />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Form.Item name={[f.name, 'minimum']} label={t('budgeting.fields.criterionMinimum')}>
                  <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={[f.name, 'anchors']} label={t('budgeting.fields.anchors')} tooltip={t('budgeting.form.anchorsHelp')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={'0 = …\n5 = …'} data-testid={`criterion-anchors-${f.name}`} />
                </Form.Item>
              </Col>
              <Col span={1} style={{ paddingTop: 30 }}>
                <Button type="text" icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
              </Col>
            </Row>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add({ key: '', name: '', weight: 1, min: 0, max: 5, anchors: '', minimum: null })}
            data-testid="criterion-add"
          >
            {t('budgeting.form.addCriterion')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
