import { App as AntApp, Button, Col, Form, InputNumber, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveRiskSettingsInput, type RiskSettings } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable } from '../../ui/components';
import { parseWith } from '../../ui/forms';
import { useErrorHandler } from '../../ui/hooks';
import { useSaveConflict } from '../../ui/ConflictView';
import { useRiskFormErrors, useSaveRiskSettings } from './mutations';
import { useRiskSettings } from './queries';

interface SettingsValues {
  toleranceLimit: number;
  very_high: number;
  high: number;
  medium: number;
  low: number;
  dueSoonDays: number;
}
const SETTINGS_FIELDS = ['toleranceLimit', 'very_high', 'high', 'medium', 'low', 'dueSoonDays'];

/** The risk register's settings (tolerance limit, review intervals): a section of the Setări screen. */
export function RiskSettingsSection() {
  const q = useRiskSettings();
  return <Loadable query={q}>{(s) => <RiskSettingsForm settings={s} />}</Loadable>;
}

function RiskSettingsForm({ settings: s }: { settings: RiskSettings }) {
  const { t } = useTranslation();
  const { isCoordinator } = useAuth();
  const [form] = Form.useForm<SettingsValues>();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  const conflict = useSaveConflict({
    form,
    record: s,
    fields: SETTINGS_FIELDS,
    labels: 'risks.settings',
    label: {
      toleranceLimit: 'risks.settings.tolerance',
      very_high: 'risks.level.very_high',
      high: 'risks.level.high',
      medium: 'risks.level.medium',
      low: 'risks.level.low',
      dueSoonDays: 'risks.settings.dueSoon',
    },
    toValues: (x) => ({ toleranceLimit: x.toleranceLimit, ...x.reviewDays, dueSoonDays: x.dueSoonDays }),
    load: () => api.get('risks.getSettings', {}),
  });
  const save = useSaveRiskSettings(useRiskFormErrors(form, SETTINGS_FIELDS, conflict, onError));
  const submit = async (v: SettingsValues) => {
    const input = parseWith(
      saveRiskSettingsInput,
      {
        expectedUpdatedAt: conflict.base() ?? null,
        toleranceLimit: v.toleranceLimit,
        reviewDays: { very_high: v.very_high, high: v.high, medium: v.medium, low: v.low },
        dueSoonDays: v.dueSoonDays,
      },
      form,
      t,
      SETTINGS_FIELDS,
    );
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    void message.success(t('risks.settings.saved'));
  };
  const num = (name: keyof SettingsValues, label: string, min: number, max: number) => (
    <Col xs={12} md={8} xl={4}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: t('validation.required') }]}>
        <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} disabled={!isCoordinator} data-testid={`risk-settings-${name}`} />
      </Form.Item>
    </Col>
  );
  return (
    <div data-testid="risk-settings">
      {conflict.view}
      <Form<SettingsValues>
        form={form}
        layout="vertical"
        key={s.updatedAt ?? 'defaults'}
        initialValues={{ toleranceLimit: s.toleranceLimit, ...s.reviewDays, dueSoonDays: s.dueSoonDays }}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={16}>
          {num('toleranceLimit', t('risks.settings.tolerance'), 1, 25)}
          {num('very_high', `${t('risks.settings.days')}: ${t('risks.level.very_high')}`, 1, 3650)}
          {num('high', `${t('risks.settings.days')}: ${t('risks.level.high')}`, 1, 3650)}
          {num('medium', `${t('risks.settings.days')}: ${t('risks.level.medium')}`, 1, 3650)}
          {num('low', `${t('risks.settings.days')}: ${t('risks.level.low')}`, 1, 3650)}
          {num('dueSoonDays', t('risks.settings.dueSoon'), 0, 365)}
        </Row>
        <Space direction="vertical">
          <Typography.Text className="pla-muted">{t('risks.settings.toleranceHelp')}</Typography.Text>
          <Typography.Text className="pla-muted">{t('risks.settings.bands')}</Typography.Text>
          {isCoordinator ? (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="risk-settings-save">
              {t('common.save')}
            </Button>
          ) : (
            <Typography.Text className="pla-muted">{t('risks.settings.onlyCoordinators')}</Typography.Text>
          )}
        </Space>
      </Form>
    </div>
  );
}
