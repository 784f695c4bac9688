import { App as AntApp, Alert, Button, Form, Input, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { siteSettingsInput, type SiteSettings } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable } from '../../ui/components';
import { parseWith } from '../../ui/forms';
import { useErrorHandler } from '../../ui/hooks';
import { useSaveConflict } from '../../ui/ConflictView';
import { publishingKeys, useSiteStatus } from './queries';

const FIELDS = ['contactEmail', 'siteUrl', 'publisher', 'riskSummary', 'evidenceFiles'];

/** The public site's settings (feedback e-mail, address, publisher, what is published): a section of the Setări screen. */
export function SiteSettingsSection() {
  const q = useSiteStatus();
  return <Loadable query={q}>{(s) => <SiteSettingsForm settings={s.settings} />}</Loadable>;
}

function SiteSettingsForm({ settings }: { settings: SiteSettings }) {
  const { t } = useTranslation();
  const { isCoordinator } = useAuth();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);

  const conflict = useSaveConflict({
    form,
    record: settings,
    fields: FIELDS,
    labels: 'publishing.site',
    load: () => api.get('publishing.getSiteStatus', {}).then((x) => x.settings),
  });
  // The values on screen and the version they came from move together (a CONFLICT then shows both, not an overwrite).
  const { rebase } = conflict;
  useEffect(() => {
    form.setFieldsValue(settings);
    rebase(settings.updatedAt);
  }, [form, settings, rebase]);

  const save = async () => {
    const values = parseWith(siteSettingsInput, { ...form.getFieldsValue(), expectedUpdatedAt: conflict.base() ?? null }, form, t, FIELDS);
    if (!values) return;
    setSaving(true);
    try {
      await api.get('publishing.saveSiteSettings', values);
      void message.success(t('publishing.site.saved'));
      await qc.invalidateQueries({ queryKey: publishingKeys.status });
    } catch (e) {
      if (await conflict.handle(e)) return;
      onError(e, { form, fields: FIELDS });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="site-settings">
      {conflict.view}
      {!isCoordinator && <Alert type="info" message={t('publishing.site.onlyCoordinator')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={!isCoordinator} style={{ maxWidth: 640 }} onFinish={() => void save()}>
        <Form.Item name="contactEmail" label={t('publishing.site.contactEmail')} extra={t('publishing.site.contactHelp')}>
          <Input data-testid="site-contact-email" type="email" />
        </Form.Item>
        <Form.Item name="siteUrl" label={t('publishing.site.siteUrl')} extra={t('publishing.site.siteUrlHelp')}>
          <Input data-testid="site-url" />
        </Form.Item>
        <Form.Item name="publisher" label={t('publishing.site.publisher')}>
          <Input data-testid="site-publisher" />
        </Form.Item>
        <Form.Item name="riskSummary" label={t('publishing.site.riskSummary')} valuePropName="checked">
          <Switch data-testid="site-risk-summary" />
        </Form.Item>
        <Form.Item name="evidenceFiles" label={t('publishing.site.evidenceFiles')} valuePropName="checked">
          <Switch data-testid="site-evidence-files" />
        </Form.Item>
        {isCoordinator && (
          <Button type="primary" htmlType="submit" loading={saving} data-testid="site-save">
            {t('publishing.site.save')}
          </Button>
        )}
      </Form>
    </div>
  );
}
