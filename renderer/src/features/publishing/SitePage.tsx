import { App as AntApp, Alert, Button, Card, Space, Typography } from 'antd';
import { BuildOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { type Job, type SiteBuildResult, type SiteStatus } from '../../../../electron/contract';
import { api } from '../../api/client';
import { followJob } from '../../api/jobs';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { formatBytes, formatDate, formatDateTime } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { publishingKeys, useSiteStatus } from './queries';
import { errorText } from '../../api/errors';
import { SETTINGS_PATH } from '../../ui/links';
import { JobProgress } from '../../ui/upload';

/** The public site: the build, a job with progress; its settings are a section of the Setări screen. */
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

function SiteBody({ status }: { status: SiteStatus }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const [job, setJob] = useState<Job | null>(null);
  const [result, setResult] = useState<SiteBuildResult | null>(null);

  const build = async () => {
    setResult(null);
    try {
      const { jobId } = await api.get('publishing.buildSite', {});
      setJob({
        id: jobId,
        kind: 'publishing.buildSite',
        status: 'running',
        progress: 0,
        message: null,
        result: null,
        error: null,
        startedAt: '',
        finishedAt: null,
      });
      const done = await followJob(jobId, setJob);
      setJob(null);
      if (done.status === 'done') {
        const r = done.result as SiteBuildResult;
        setResult(r);
        void message.success(t('publishing.site.built', { pages: r.pages, files: r.files, size: formatBytes(r.bytes, lang) }));
        await qc.invalidateQueries({ queryKey: publishingKeys.status });
      } else if (done.status === 'failed') void message.error(t('publishing.site.failed', { reason: errorText(t, done.error) }));
      else if (done.status === 'cancelled') void message.info({ content: <span data-testid="site-build-cancelled">{t('files.jobCancelled')}</span> });
    } catch (e) {
      setJob(null);
      onError(e);
    }
  };

  const last = status.lastBuild;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('publishing.site.build')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="site-last-build">
            {last
              ? t('publishing.site.lastBuild', {
                  date: formatDateTime(last.builtAt, lang),
                  pages: last.pages,
                  publicationDate: formatDate(last.publicationDate, lang),
                })
              : t('publishing.site.never')}
          </Typography.Text>
          {canEdit && (
            <Button type="primary" icon={<BuildOutlined />} onClick={() => void build()} loading={job !== null} data-testid="site-build">
              {t('publishing.site.build')}
            </Button>
          )}
          {job && (
            <JobProgress
              job={job}
              fallback={t('publishing.site.building')}
              onCancel={() => void api.call('jobs.cancel', { id: job.id })}
              testId="site-build-progress"
            />
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
                  <div>
                    {t('publishing.site.sections', { list: result.sections.map((s) => t(`publishing.site.section.${s}`, { defaultValue: s })).join(', ') })}
                  </div>
                  <div>{t('publishing.site.where')}</div>
                </>
              }
            />
          )}
        </Space>
      </Card>
      <Card title={t('publishing.site.settings')} data-testid="site-settings-pointer">
        <Space direction="vertical">
          <Typography.Text data-testid="site-settings-summary">
            {status.settings.contactEmail ? t('publishing.site.contactIs', { email: status.settings.contactEmail }) : t('publishing.site.contactMissing')}
          </Typography.Text>
          <Typography.Text className="pla-muted">{t('publishing.site.settingsMoved')}</Typography.Text>
          <Button onClick={() => navigate(`${SETTINGS_PATH}?section=site`)} data-testid="site-settings-open">
            {t('publishing.site.openSettings')}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
