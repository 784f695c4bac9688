import { App as AntApp, Alert, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { adminContract, type Settings } from '../../../../electron/contract';
import { api } from '../../api/client';
import { toErrorData } from '../../api/errors';
import { Loadable, PageTitle } from '../../ui/components';
import { parseWith } from '../../ui/forms';
import { useErrorHandler } from '../../ui/hooks';
import { useSaveConflict } from '../../ui/ConflictView';
import { useAuth } from '../../app/auth';
import { useMayCall } from '../../app/access';
import { RiskSettingsSection } from '../risks/RiskSettings';
import { conflictFirst } from '../../api/mutations';
import { SETTINGS_KEY, useSaveSettings } from './mutations';
import { SiteSettingsSection } from '../publishing/SiteSettings';

type SectionKey = 'plan' | 'risks' | 'site';

/**
 * The one Setări screen: the plan's status thresholds, the risk register's tolerance and review intervals, and the
 * public site's settings, each a section with its own heading and save (each is its own record, saved with its own
 * version). A row of links jumps to a section and moves the focus to its heading; `?section=risks` (the old places'
 * links) opens the screen there. Sections a role may not read are left out; a reader sees them without a save button.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const mayRisks = useMayCall('risks.getSettings');
  const maySite = useMayCall('publishing.getSiteStatus');
  const sections: Array<{ key: SectionKey; title: string; sub: string; body: ReactNode }> = [
    { key: 'plan', title: t('settings.sectionPlan'), sub: t('settings.planSub'), body: <PlanSettings /> },
    ...(mayRisks ? [{ key: 'risks' as const, title: t('settings.sectionRisks'), sub: t('settings.risksSub'), body: <RiskSettingsSection /> }] : []),
    ...(maySite ? [{ key: 'site' as const, title: t('settings.sectionSite'), sub: t('settings.siteSub'), body: <SiteSettingsSection /> }] : []),
  ];
  const headings = useRef<Partial<Record<SectionKey, HTMLHeadingElement | null>>>({});
  const jump = (key: SectionKey) => {
    const h = headings.current[key];
    if (!h) return;
    h.scrollIntoView({ block: 'start' });
    h.focus({ preventScroll: true });
  };
  const wanted = params.get('section') as SectionKey | null;
  useEffect(() => {
    // opened at a section (from the risk overview or the public site page): once its heading is there
    if (wanted && wanted !== 'plan') jump(wanted);
  }, [wanted]);
  return (
    <>
      <PageTitle title={t('settings.title')} sub={t('settings.sub')} />
      <nav aria-label={t('settings.jump')} className="pla-settings-nav" data-testid="settings-nav">
        {sections.map((s) => (
          <Button key={s.key} type="link" onClick={() => jump(s.key)} data-testid={`settings-jump-${s.key}`}>
            {s.title}
          </Button>
        ))}
      </nav>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {sections.map((s) => (
          <section key={s.key} aria-labelledby={`settings-${s.key}-title`} data-testid={`settings-section-${s.key}`}>
            <Card
              title={
                <h2 id={`settings-${s.key}-title`} tabIndex={-1} ref={(el) => void (headings.current[s.key] = el)} className="pla-settings-heading">
                  {s.title}
                </h2>
              }
            >
              <Typography.Paragraph className="pla-muted">{s.sub}</Typography.Paragraph>
              {s.body}
            </Card>
          </section>
        ))}
      </Space>
    </>
  );
}

/** The plan's status thresholds ("la risc", "fără date"). */
function PlanSettings() {
  const q = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get('admin.getSettings', {}) });
  // Kept here, not in the form: the form remounts with the reloaded values and the notice must stay.
  const [conflict, setConflict] = useState(false);
  // The version the form edits. A colleague's save (live refresh) replaces it only while the user has not typed
  // anything: typed values are never wiped; their save then gets CONFLICT and the form reloads.
  const [shown, setShown] = useState<Settings | null>(null);
  return (
    <Loadable query={q}>
      {(latest) => {
        const s = shown ?? latest;
        return <SettingsForm key={s.updatedAt ?? 'default'} s={s} latest={latest} adopt={setShown} conflict={conflict} setConflict={setConflict} />;
      }}
    </Loadable>
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
  const { isCoordinator } = useAuth();
  const [form] = Form.useForm<{ atRiskThreshold: number; noDataMonths: number }>();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const saveConflict = useSaveConflict({
    form,
    record: s,
    fields: ['atRiskThreshold', 'noDataMonths'],
    labels: 'settings',
    load: () => api.get('admin.getSettings', {}),
    onTakeTheirs: () => adopt(null),
  });
  const save = useSaveSettings(
    conflictFirst(saveConflict, async (e) => {
      if (toErrorData(e).code === 'CONFLICT') {
        // Someone else saved first and their version could not be read: say so and show their values (the form remounts on the new updatedAt).
        setConflict(true);
        await qc.invalidateQueries({ queryKey: SETTINGS_KEY });
        adopt(null);
      } else onError(e, { form });
    }),
  );

  // Pin the version on screen; follow a newer one (a colleague's save) only while nothing has been typed.
  useEffect(() => {
    if (latest.updatedAt !== s.updatedAt && !form.isFieldsTouched()) adopt(latest);
    else adopt(s);
  }, [latest, s, form, adopt]);

  const submit = async (v: { atRiskThreshold: number; noDataMonths: number }) => {
    setConflict(false);
    const input = parseWith(adminContract['admin.saveSettings'].input, { ...v, expectedUpdatedAt: saveConflict.base() ?? null }, form, t, [
      'atRiskThreshold',
      'noDataMonths',
    ]);
    if (!input) return;
    if (!(await save.run(input))) return;
    adopt(null);
    void message.success(t('common.saved'));
  };

  return (
    <div style={{ maxWidth: 640 }} data-testid="plan-settings">
      {saveConflict.view}
      {!isCoordinator && <Alert type="info" message={t('settings.onlyCoordinator')} style={{ marginBottom: 16 }} />}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('errors.CONFLICT')}
          description={t('settings.reloaded')}
          style={{ marginBottom: 16 }}
          data-testid="settings-conflict"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        disabled={!isCoordinator}
        initialValues={{ atRiskThreshold: s.atRiskThreshold, noDataMonths: s.noDataMonths }}
        onFinish={submit}
      >
        <Form.Item
          name="atRiskThreshold"
          label={t('settings.atRiskThreshold')}
          extra={t('settings.atRiskHelp')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={0} max={100} precision={0} suffix={t('settings.points')} style={{ width: 200 }} data-testid="settings-threshold" />
        </Form.Item>
        <Form.Item
          name="noDataMonths"
          label={t('settings.noDataMonths')}
          extra={t('settings.noDataHelp')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={1} max={24} precision={0} suffix={t('settings.months')} style={{ width: 200 }} data-testid="settings-nodata" />
        </Form.Item>
        {isCoordinator && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => form.resetFields()}>{t('settings.reset')}</Button>
          </Space>
        )}
      </Form>
    </div>
  );
}
