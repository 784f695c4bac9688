import { App as AntApp, Alert, Button, Card, Form, Input, Progress, Space, Switch, Typography } from 'antd';
import { BuildOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { siteSettingsInput, type Job, type SiteBuildResult, type SiteStatus } from '../../../../electron/contract';
import { api } from '../../api/client';
import { followJob } from '../../api/jobs';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { formatBytes, formatDate, formatDateTime } from '../../ui/format';
import { parseWith } from '../../ui/forms';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { publishingKeys, useSiteStatus } from './queries';
import { errorText } from '../../api/errors';
import { useSaveConflict } from '../../ui/ConflictView';

/** The public site: its settings (coordinator) and the build, a job with progress. */
export function SitePage() {
  const { t } = useTranslation();
  const query = useSiteStatus();
  return (
    <>
      <PageTitle title={t('publishing.site.title')} sub={t('publishing.site.sub')} />
      <Loadable query={query}>{(s) => <SiteBody status={s} />}</Loadable>
    </>
  );
}

const FIELDS = ['contactEmail', 'siteUrl', 'publisher', 'riskSummary', 'evidenceFiles'];

function SiteBody({ status }: { status: SiteStatus }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { isCoordinator, canEdit } = useAuth();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const [result, setResult] = useState<SiteBuildResult | null>(null);

  const conflict = useSaveConflict({ form, record: status.settings, fields: FIELDS, labels: 'publishing.site', load: () => api.get('publishing.getSiteStatus', {}).then((x) => x.settings) });
  // The values on screen and the version they came from move together (a CONFLICT then shows both, not an overwrite).
  const { rebase } = conflict;
  useEffect(() => {
    form.setFieldsValue(status.settings);
    rebase(status.settings.updatedAt);
  }, [form, status.settings, rebase]);

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

  const build = async () => {
    setResult(null);
    try {
      const { jobId } = await api.get('publishing.buildSite', {});
      setJob({ id: jobId, kind: 'publishing.buildSite', status: 'running', progress: 0, message: null, result: null, error: null, startedAt: '', finishedAt: null });
      const done = await followJob(jobId, setJob);
      setJob(null);
      if (done.status === 'done') {
        const r = done.result as SiteBuildResult;
        setResult(r);
        void message.success(t('publishing.site.built', { pages: r.pages, files: r.files, size: formatBytes(r.bytes, lang) }));
        await qc.invalidateQueries({ queryKey: publishingKeys.status });
      } else if (done.status === 'failed') void message.error(t('publishing.site.failed', { reason: errorText(t, done.error) }));
    } catch (e) {
      setJob(null);
      onError(e, { form, fields: FIELDS });
    }
  };

  const last = status.lastBuild;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {conflict.view}
      <Card title={t('publishing.site.build')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="site-last-build">
            {last
              ? t('publishing.site.lastBuild', { date: formatDateTime(last.builtAt, lang), pages: last.pages, publicationDate: formatDate(last.publicationDate, lang) })
              : t('publishing.site.never')}
          </Typography.Text>
          {canEdit && (
            <Button type="primary" icon={<BuildOutlined />} onClick={() => void build()} loading={job !== null} data-testid="site-build">
              {t('publishing.site.build')}
            </Button>
          )}
          {job && (
            <>
              <Progress percent={Math.round(job.progress * 100)} status="active" aria-label={job.message ?? t('publishing.site.building')} data-testid="site-build-progress" />
              <Typography.Text className="pla-muted">{job.message ?? t('publishing.site.building')}</Typography.Text>
            </>
          )}
          {(result ?? last)?.excluded?.length ? (
            <Alert
              type="warning"
              data-testid="site-excluded"
              message={t('publishing.site.excluded', { count: (result ?? last)!.excluded!.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {(result ?? last)!.excluded!.map((f, i) => (
                    <li key={i}>
                      <strong>{f.fileName}</strong>: {f.reason}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
          {result && (
            <Alert
              type="success"
              data-testid="site-build-result"
              message={t('publishing.site.built', { pages: result.pages, files: result.files, size: formatBytes(result.bytes, lang) })}
              description={
                <>
                  <div>{t('publishing.site.sections', { list: result.sections.map((s) => t(`publishing.site.section.${s}`, { defaultValue: s })).join(', ') })}</div>
                  <div>{t('publishing.site.where')}</div>
                </>
              }
            />
          )}
        </Space>
      </Card>
      <Card title={t('publishing.site.settings')}>
        {!isCoordinator && <Alert type="info" message={t('publishing.site.onlyCoordinator')} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" disabled={!isCoordinator} style={{ maxWidth: 640 }}>
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
            <Button type="primary" onClick={() => void save()} loading={saving} data-testid="site-save">
              {t('publishing.site.save')}
            </Button>
          )}
        </Form>
      </Card>
    </Space>
  );
}
