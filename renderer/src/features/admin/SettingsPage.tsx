import { App as AntApp, Alert, Button, Card, Form, InputNumber, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminContract, type Settings } from '../../../../electron/contract';
import { api } from '../../api/client';
import { toErrorData } from '../../api/errors';
import { Loadable, PageTitle } from '../../ui/components';
import { parseWith } from '../../ui/forms';
import { useErrorHandler } from '../../ui/hooks';
import { useSaveConflict } from '../../ui/ConflictView';

const SETTINGS_KEY = ['admin', 'settings'] as const;

export function SettingsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get('admin.getSettings', {}) });
  // Kept here, not in the form: the form remounts with the reloaded values and the notice must stay.
  const [conflict, setConflict] = useState(false);
  // The version the form edits. A colleague's save (live refresh) replaces it only while the user has not typed
  // anything: typed values are never wiped; their save then gets CONFLICT and the form reloads.
  const [shown, setShown] = useState<Settings | null>(null);
  return (
    <>
      <PageTitle title={t('settings.title')} sub={t('settings.sub')} />
      <Loadable query={q}>
        {(latest) => {
          const s = shown ?? latest;
          return <SettingsForm key={s.updatedAt ?? 'default'} s={s} latest={latest} adopt={setShown} conflict={conflict} setConflict={setConflict} />;
        }}
      </Loadable>
    </>
  );
}

function SettingsForm({
  s,
  latest,
  adopt,
  conflict,
  setConflict,
}: {
  s: Settings;
  latest: Settings;
  adopt: (s: Settings | null) => void;
  conflict: boolean;
  setConflict: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ atRiskThreshold: number; noDataMonths: number }>();
  const [busy, setBusy] = useState(false);
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const saveConflict = useSaveConflict({ form, record: s, fields: ['atRiskThreshold', 'noDataMonths'], labels: 'settings', load: () => api.get('admin.getSettings', {}), onTakeTheirs: () => adopt(null) });

  // Pin the version on screen; follow a newer one (a colleague's save) only while nothing has been typed.
  useEffect(() => {
    if (latest.updatedAt !== s.updatedAt && !form.isFieldsTouched()) adopt(latest);
    else adopt(s);
  }, [latest, s, form, adopt]);

  const submit = async (v: { atRiskThreshold: number; noDataMonths: number }) => {
    setConflict(false);
    const input = parseWith(adminContract['admin.saveSettings'].input, { ...v, expectedUpdatedAt: saveConflict.base() ?? null }, form, t, ['atRiskThreshold', 'noDataMonths']);
    if (!input) return;
    setBusy(true);
    try {
      await api.get('admin.saveSettings', input);
      await qc.invalidateQueries({ queryKey: SETTINGS_KEY });
      await qc.invalidateQueries({ queryKey: ['plan'] });
      adopt(null);
      void message.success(t('common.saved'));
    } catch (e) {
      if (await saveConflict.handle(e)) return;
      if (toErrorData(e).code === 'CONFLICT') {
        // Someone else saved first and their version could not be read: say so and show their values (the form remounts on the new updatedAt).
        setConflict(true);
        await qc.invalidateQueries({ queryKey: SETTINGS_KEY });
        adopt(null);
      } else onError(e, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 640 }}>
      {saveConflict.view}
      {conflict && <Alert type="warning" showIcon title={t('errors.CONFLICT')} description={t('settings.reloaded')} style={{ marginBottom: 16 }} data-testid="settings-conflict" />}
      <Form form={form} layout="vertical" initialValues={{ atRiskThreshold: s.atRiskThreshold, noDataMonths: s.noDataMonths }} onFinish={submit}>
        <Form.Item name="atRiskThreshold" label={t('settings.atRiskThreshold')} extra={t('settings.atRiskHelp')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={0} max={100} precision={0} suffix={t('settings.points')} style={{ width: 200 }} data-testid="settings-threshold" />
        </Form.Item>
        <Form.Item name="noDataMonths" label={t('settings.noDataMonths')} extra={t('settings.noDataHelp')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1} max={24} precision={0} suffix={t('settings.months')} style={{ width: 200 }} data-testid="settings-nodata" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="settings-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => form.resetFields()}>{t('settings.reset')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
