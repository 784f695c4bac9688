import { App as AntApp, Alert, Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DeleteOutlined, EditOutlined, EyeOutlined, HistoryOutlined, PlusOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  saveTargetInput,
  type Job,
  type PublicationLogEntry,
  type PublicationOutcome,
  type PublicationPreview,
  type PublishingTarget,
  type QueuedPublication,
  type SiteRelease,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { followJob } from '../../api/jobs';
import { useAuth } from '../../app/auth';
import { ListEmpty, Loadable, PageTitle } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { byId } from '../../ui/conflict';
import { formatBytes, formatDateTime } from '../../ui/format';
import { parseWith } from '../../ui/forms';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { useFormErrors } from '../../api/mutations';
import { useSaveTarget } from './mutations';
import { invalidateSync, publishingKeys, useSyncLog, useSyncQueue, useTargets } from './queries';
import { errorText } from '../../api/errors';
import { JobProgress } from '../../ui/upload';

/**
 * Publishing the built site: targets (a folder or an SFTP server), what a publication will change, the
 * publication as a job with progress, the queue of publications waiting for an unreachable target, the log.
 */
export function SyncPanel() {
  const { t } = useTranslation();
  const targets = useTargets();
  const [job, setJob] = useState<Job | null>(null);
  const [outcome, setOutcome] = useState<PublicationOutcome | null>(null);
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = AntApp.useApp();

  /** Publishing and retrying are both jobs ending with a PublicationOutcome. */
  const runJob = async (start: () => Promise<{ jobId: string }>) => {
    setOutcome(null);
    try {
      const { jobId } = await start();
      setJob({
        id: jobId,
        kind: 'publishing.publish',
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
      if (done.status === 'done') setOutcome(done.result as PublicationOutcome);
      else if (done.status === 'failed') void message.error(t('publishing.sync.failed', { reason: errorText(t, done.error) }));
      else if (done.status === 'cancelled') void message.info({ content: <span data-testid="sync-cancelled">{t('files.jobCancelled')}</span> });
    } catch (e) {
      setJob(null);
      onError(e);
    } finally {
      await invalidateSync(qc);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('publishing.sync.targets')} data-testid="sync-targets-card">
        <Loadable query={targets}>{(list) => <Targets targets={list} busy={job !== null} runJob={runJob} />}</Loadable>
        {job && (
          <div style={{ marginTop: 16 }}>
            <JobProgress
              job={job}
              fallback={t('publishing.sync.publishing')}
              onCancel={() => void api.call('jobs.cancel', { id: job.id })}
              testId="sync-progress"
            />
          </div>
        )}
        {outcome && <OutcomeAlert outcome={outcome} />}
      </Card>
      <ReleasesCard busy={job !== null} />
      <QueueCard busy={job !== null} runJob={runJob} />
      <LogCard />
    </Space>
  );
}

function OutcomeAlert({ outcome: o }: { outcome: PublicationOutcome }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (o.status === 'queued')
    return (
      <Alert style={{ marginTop: 16 }} type="warning" showIcon data-testid="sync-outcome" message={t('publishing.sync.queued')} description={o.reason ?? ''} />
    );
  if (o.status === 'unchanged')
    return <Alert style={{ marginTop: 16 }} type="info" showIcon data-testid="sync-outcome" message={t('publishing.sync.unchanged')} />;
  return (
    <Alert
      style={{ marginTop: 16 }}
      type="success"
      showIcon
      data-testid="sync-outcome"
      message={t('publishing.sync.published', { summary: o.summary })}
      description={t('publishing.sync.sent', { files: o.filesSent, size: formatBytes(o.bytesSent, lang), deleted: o.filesDeleted })}
    />
  );
}

function Targets({ targets, busy, runJob }: { targets: PublishingTarget[]; busy: boolean; runJob: (s: () => Promise<{ jobId: string }>) => Promise<void> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { isCoordinator, canEdit } = useAuth();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<PublishingTarget | 'new' | null>(null);
  const [preview, setPreview] = useState<{ target: PublishingTarget; preview: PublicationPreview } | null>(null);
  const [previewing, setPreviewing] = useState<string | null>(null);

  const doPreview = async (target: PublishingTarget) => {
    setPreviewing(target.id);
    try {
      setPreview({ target, preview: await api.get('publishing.previewPublication', { targetId: target.id }) });
    } catch (e) {
      onError(e);
    } finally {
      setPreviewing(null);
    }
  };

  const remove = async (target: PublishingTarget) => {
    try {
      await api.get('publishing.deleteTarget', { id: target.id, expectedUpdatedAt: target.updatedAt });
      if (preview?.target.id === target.id) setPreview(null);
      void message.success(t('publishing.sync.deleted', { name: target.name }));
      await invalidateSync(qc);
    } catch (e) {
      onError(e);
    }
  };

  const publish = (target: PublishingTarget) => {
    setPreview(null);
    void runJob(() => api.get('publishing.publish', { targetId: target.id }));
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {isCoordinator && (
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="sync-target-new">
          {t('publishing.sync.newTarget')}
        </Button>
      )}
      <Table<PublishingTarget>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={targets}
        data-testid="sync-targets"
        locale={{
          emptyText: (
            <ListEmpty
              none={t('publishing.sync.noTargets')}
              hint={t('publishing.sync.noTargetsHint')}
              action={
                isCoordinator && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="sync-target-new-empty">
                    {t('publishing.sync.newTarget')}
                  </Button>
                )
              }
              testId="sync-targets-empty"
            />
          ),
        }}
        onRow={(r) => ({ 'data-testid': `sync-target-${r.name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('publishing.sync.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
          {
            title: t('publishing.sync.where'),
            key: 'where',
            render: (_, r) =>
              r.kind === 'folder' ? (
                <Space>
                  <Tag>{t('publishing.sync.kind.folder')}</Tag>
                  {r.path}
                </Space>
              ) : (
                <Space>
                  <Tag>SFTP</Tag>
                  {`${r.username}@${r.host}:${r.port}${r.path}`}
                </Space>
              ),
          },
          {
            title: t('publishing.sync.lastPublished'),
            dataIndex: 'lastPublishedAt',
            render: (v: string | null) => (v ? formatDateTime(v, lang) : t('publishing.sync.neverPublished')),
          },
          {
            title: '',
            key: 'actions',
            render: (_, r) => (
              <Space wrap>
                {canEdit && (
                  <Button size="small" icon={<EyeOutlined />} loading={previewing === r.id} onClick={() => void doPreview(r)} data-testid="sync-preview-button">
                    {t('publishing.sync.preview')}
                  </Button>
                )}
                {canEdit && (
                  <Button
                    size="small"
                    type="primary"
                    icon={<CloudUploadOutlined />}
                    disabled={busy}
                    onClick={() => publish(r)}
                    data-testid="sync-publish-button"
                  >
                    {t('publishing.sync.publish')}
                  </Button>
                )}
                {isCoordinator && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('common.edit')} data-testid="sync-target-edit" />
                )}
                {isCoordinator && (
                  <Popconfirm
                    title={t('publishing.sync.confirmDelete', { name: r.name })}
                    onConfirm={() => void remove(r)}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="sync-target-delete" />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {preview && (
        <Alert
          type={preview.preview.unreachableReason ? 'warning' : 'info'}
          showIcon
          data-testid="sync-preview"
          message={
            <span>
              {t('publishing.sync.willChange', { name: preview.target.name })} <strong data-testid="sync-preview-summary">{preview.preview.summary}</strong>
            </span>
          }
          description={
            <Space direction="vertical">
              <span>
                {t(`publishing.sync.basis.${preview.preview.basis}`)}{' '}
                {t('publishing.sync.toSend', { files: preview.preview.counts.filesToSend, size: formatBytes(preview.preview.counts.bytesToSend, lang) })}
              </span>
              {preview.preview.unreachableReason && (
                <span data-testid="sync-preview-unreachable">{t('publishing.sync.unreachable', { reason: preview.preview.unreachableReason })}</span>
              )}
              <Button type="primary" icon={<CloudUploadOutlined />} disabled={busy} onClick={() => publish(preview.target)} data-testid="sync-preview-publish">
                {t('publishing.sync.publishNow')}
              </Button>
            </Space>
          }
        />
      )}
      {editing && <TargetForm target={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface TargetValues {
  name: string;
  kind: 'folder' | 'sftp';
  path: string;
  host: string;
  port: number | null;
  username: string;
  auth: 'key' | 'password';
  identityPath: string;
  password: string;
  resetHostKey: boolean;
}
const TARGET_FIELDS = ['name', 'kind', 'path', 'host', 'port', 'username', 'auth', 'identityPath', 'password', 'resetHostKey'];

/** A target: a folder, or an SFTP server with a key file (preferred) or a password that is never shown back. */
function TargetForm({ target, onClose }: { target: PublishingTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TargetValues>();
  // Fixed when the form opens: a colleague's save refreshing the record makes this save a CONFLICT, not an overwrite.
  const conflict = useSaveConflict({
    form,
    record: target,
    fields: TARGET_FIELDS.slice(0, 8),
    labels: 'publishing.sync',
    label: { path: 'publishing.sync.folderPath', kind: 'publishing.sync.kindLabel' },
    toValues: (x) => ({
      name: x.name,
      kind: x.kind,
      path: x.path,
      host: x.host ?? '',
      port: x.port ?? 22,
      username: x.username ?? '',
      auth: x.auth === 'password' ? 'password' : 'key',
      identityPath: x.identityPath ?? '',
    }),
    load: () => api.get('publishing.listTargets', {}).then(byId(target!.id)),
    onTakeTheirs: onClose,
  });
  const save = useSaveTarget(useFormErrors(form, TARGET_FIELDS, { conflict }));
  const { message } = AntApp.useApp();
  const kind = Form.useWatch('kind', form) ?? target?.kind ?? 'folder';
  const auth = Form.useWatch('auth', form) ?? (target?.auth === 'password' ? 'password' : 'key');

  const submit = async (v: TargetValues) => {
    const sftp = v.kind === 'sftp';
    const raw = {
      ...(target ? { id: target.id, expectedUpdatedAt: conflict.base() } : {}),
      name: v.name ?? '',
      kind: v.kind,
      path: v.path ?? '',
      host: sftp ? v.host || null : null,
      port: sftp ? (v.port ?? 22) : null,
      username: sftp ? v.username || null : null,
      auth: sftp ? v.auth : 'none',
      identityPath: sftp && v.auth === 'key' ? v.identityPath || null : null,
      ...(sftp && v.auth === 'password' && v.password ? { password: v.password } : {}),
      resetHostKey: sftp ? !!v.resetHostKey : false,
    };
    const input = parseWith(saveTargetInput, raw, form, t, TARGET_FIELDS);
    if (!input) return;
    if (!(await save.run(input))) return;
    void message.success(t('publishing.sync.saved', { name: input.name }));
    onClose();
  };

  return (
    <FormModal<TargetValues>
      open
      form={form}
      title={target ? t('publishing.sync.editTarget', { name: target.name }) : t('publishing.sync.newTarget')}
      testId="sync-target-form"
      busy={save.isPending}
      onCancel={onClose}
      onSubmit={submit}
      initialValues={{
        name: target?.name ?? '',
        kind: target?.kind ?? 'folder',
        path: target?.path ?? '',
        host: target?.host ?? '',
        port: target?.port ?? 22,
        username: target?.username ?? '',
        auth: target?.auth === 'password' ? 'password' : 'key',
        identityPath: target?.identityPath ?? '',
        password: '',
        resetHostKey: false,
      }}
    >
      {conflict.view}
      <Form.Item name="name" label={t('publishing.sync.name')}>
        <Input data-testid="sync-target-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('publishing.sync.kindLabel')}>
        <Radio.Group data-testid="sync-target-kind">
          <Radio value="folder" data-testid="sync-target-kind-folder">
            {t('publishing.sync.kind.folder')}
          </Radio>
          <Radio value="sftp" data-testid="sync-target-kind-sftp">
            {t('publishing.sync.kind.sftp')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="path"
        label={kind === 'folder' ? t('publishing.sync.folderPath') : t('publishing.sync.remotePath')}
        extra={kind === 'folder' ? t('publishing.sync.folderHelp') : t('publishing.sync.remoteHelp')}
      >
        <Input data-testid="sync-target-path" />
      </Form.Item>
      {kind === 'sftp' && (
        <>
          <Space align="start" wrap>
            <Form.Item name="host" label={t('publishing.sync.host')}>
              <Input data-testid="sync-target-host" />
            </Form.Item>
            <Form.Item name="port" label={t('publishing.sync.port')}>
              <InputNumber min={1} max={65535} data-testid="sync-target-port" />
            </Form.Item>
            <Form.Item name="username" label={t('publishing.sync.username')}>
              <Input data-testid="sync-target-username" autoComplete="off" />
            </Form.Item>
          </Space>
          <Form.Item name="auth" label={t('publishing.sync.auth')}>
            <Radio.Group>
              <Radio value="key" data-testid="sync-target-auth-key">
                {t('publishing.sync.authKey')}
              </Radio>
              <Radio value="password" data-testid="sync-target-auth-password">
                {t('publishing.sync.authPassword')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          {auth === 'key' ? (
            <Form.Item name="identityPath" label={t('publishing.sync.identityPath')} extra={t('publishing.sync.identityHelp')}>
              <Input data-testid="sync-target-identity" />
            </Form.Item>
          ) : (
            <Form.Item
              name="password"
              label={t('publishing.sync.password')}
              extra={target?.hasPassword ? t('publishing.sync.passwordKept') : t('publishing.sync.passwordHelp')}
            >
              <Input.Password data-testid="sync-target-password" autoComplete="new-password" visibilityToggle={false} />
            </Form.Item>
          )}
          {target?.hostKey && (
            <Form.Item name="resetHostKey" valuePropName="checked" extra={t('publishing.sync.hostKey', { key: target.hostKey })}>
              <Checkbox>{t('publishing.sync.resetHostKey')}</Checkbox>
            </Form.Item>
          )}
        </>
      )}
    </FormModal>
  );
}

/**
 * The releases kept on a target (the live one and the one before it) and the rollback: the earlier release is put
 * back live at once; the one it replaces stays, so the rollback is undone the same way.
 */
function ReleasesCard({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { isCoordinator } = useAuth();
  const targets = useTargets();
  const [chosen, setChosen] = useState<string | null>(null);
  const targetId = chosen ?? targets.data?.[0]?.id ?? null;
  const releases = useQuery({
    queryKey: [...publishingKeys.releases, targetId],
    queryFn: () => api.get('publishing.listReleases', { targetId: targetId! }),
    enabled: targetId !== null,
    retry: false,
  });
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [rolling, setRolling] = useState<string | null>(null);
  if (!targets.data?.length) return null;
  const rollback = async (r: SiteRelease) => {
    setRolling(r.id);
    try {
      const out = await api.get('publishing.rollback', { targetId: targetId!, releaseId: r.id });
      void message.success(t('publishing.sync.rolledBack', { release: formatDateTime(r.publishedAt, lang), summary: out.summary }));
      await invalidateSync(qc);
    } catch (e) {
      onError(e);
    } finally {
      setRolling(null);
    }
  };
  return (
    <Card title={t('publishing.sync.releases')} data-testid="sync-releases">
      <Space direction="vertical" style={{ width: '100%' }}>
        {targets.data.length > 1 && (
          <Select
            aria-label={t('publishing.sync.target')}
            style={{ minWidth: 280 }}
            value={targetId}
            onChange={setChosen}
            options={targets.data.map((x) => ({ value: x.id, label: x.name }))}
          />
        )}
        <Typography.Text className="pla-muted">{t('publishing.sync.releasesHelp')}</Typography.Text>
        {!isCoordinator && <Typography.Text data-testid="sync-rollback-why">{t('publishing.sync.rollbackCoordinatorOnly')}</Typography.Text>}
        <Loadable query={releases}>
          {(list) => (
            <Table<SiteRelease>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={list}
              locale={{ emptyText: t('publishing.sync.releasesEmpty') }}
              onRow={(r) => ({ 'data-testid': `sync-release-${r.live ? 'live' : 'earlier'}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('publishing.sync.publishedAt'), dataIndex: 'publishedAt', render: (v: string) => formatDateTime(v, lang) },
                { title: t('publishing.sync.releaseId'), dataIndex: 'id', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                { title: t('publishing.sync.files'), dataIndex: 'files' },
                { title: t('publishing.sync.size'), dataIndex: 'bytes', render: (v: number) => <span className="pla-nowrap">{formatBytes(v, lang)}</span> },
                {
                  title: '',
                  key: 'actions',
                  render: (_, r) =>
                    r.live ? (
                      <Tag color="green">{t('publishing.sync.live')}</Tag>
                    ) : (
                      isCoordinator && (
                        <Popconfirm
                          title={t('publishing.sync.confirmRollback', { release: formatDateTime(r.publishedAt, lang) })}
                          onConfirm={() => void rollback(r)}
                          okText={t('publishing.sync.rollback')}
                          cancelText={t('common.cancel')}
                        >
                          <Button
                            size="small"
                            icon={<HistoryOutlined />}
                            disabled={busy || rolling !== null}
                            loading={rolling === r.id}
                            data-testid="sync-rollback"
                          >
                            {t('publishing.sync.rollback')}
                          </Button>
                        </Popconfirm>
                      )
                    ),
                },
              ]}
            />
          )}
        </Loadable>
      </Space>
    </Card>
  );
}

function QueueCard({ busy, runJob }: { busy: boolean; runJob: (s: () => Promise<{ jobId: string }>) => Promise<void> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const query = useSyncQueue();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const cancel = async (q: QueuedPublication) => {
    try {
      await api.get('publishing.cancelQueued', { id: q.id });
      await invalidateSync(qc);
    } catch (e) {
      onError(e);
    }
  };
  return (
    <Card title={t('publishing.sync.queue')}>
      <Loadable query={query}>
        {(list) => (
          <Table<QueuedPublication>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={list}
            data-testid="sync-queue"
            locale={{ emptyText: t('publishing.sync.queueEmpty') }}
            onRow={() => ({ 'data-testid': 'sync-queue-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('publishing.sync.target'), dataIndex: 'targetName' },
              {
                title: t('publishing.sync.since'),
                dataIndex: 'since',
                render: (v: string) => formatDateTime(v, lang),
                sorter: (a, b) => a.since.localeCompare(b.since),
              },
              {
                title: t('publishing.sync.reason'),
                key: 'reason',
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    {r.reasonKind && <Tag color="orange">{t(`publishing.sync.reasons.${r.reasonKind}`)}</Tag>}
                    <Typography.Text data-testid="sync-queue-reason">{r.reason}</Typography.Text>
                  </Space>
                ),
              },
              { title: t('publishing.sync.summary'), dataIndex: 'summary' },
              { title: t('publishing.sync.attempts'), dataIndex: 'attempts' },
              {
                title: '',
                key: 'actions',
                render: (_, r) =>
                  canEdit && (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        icon={<RedoOutlined />}
                        disabled={busy}
                        onClick={() => void runJob(() => api.get('publishing.retryQueued', { id: r.id }))}
                        data-testid="sync-queue-retry"
                      >
                        {t('publishing.sync.retry')}
                      </Button>
                      <Popconfirm
                        title={t('publishing.sync.confirmCancel')}
                        onConfirm={() => void cancel(r)}
                        okText={t('common.yes')}
                        cancelText={t('common.no')}
                      >
                        <Button size="small" icon={<StopOutlined />} data-testid="sync-queue-cancel">
                          {t('publishing.sync.cancel')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}

function LogCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const query = useSyncLog();
  return (
    <Card title={t('publishing.sync.log')}>
      <Loadable query={query}>
        {(list) => (
          <Table<PublicationLogEntry>
            rowKey="id"
            size="small"
            dataSource={list}
            data-testid="sync-log"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('publishing.sync.logEmpty') }}
            onRow={(r) => ({ 'data-testid': `sync-log-${r.status}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('publishing.sync.when'),
                dataIndex: 'finishedAt',
                render: (v: string) => formatDateTime(v, lang),
                sorter: (a, b) => a.finishedAt.localeCompare(b.finishedAt),
                defaultSortOrder: 'descend',
              },
              {
                title: t('publishing.sync.target'),
                dataIndex: 'targetName',
                filters: [...new Set(list.map((l) => l.targetName))].map((n) => ({ text: n, value: n })),
                onFilter: (v, r) => r.targetName === v,
              },
              {
                title: t('publishing.sync.status'),
                dataIndex: 'status',
                render: (s: PublicationLogEntry['status']) => (
                  <Tag color={s === 'published' ? 'green' : s === 'failed' ? 'red' : 'default'}>{t(`publishing.sync.statuses.${s}`)}</Tag>
                ),
                filters: (['published', 'unchanged', 'failed'] as const).map((s) => ({ text: t(`publishing.sync.statuses.${s}`), value: s })),
                onFilter: (v, r) => r.status === v,
              },
              { title: t('publishing.sync.summary'), dataIndex: 'summary', render: (s: string, r) => (r.status === 'failed' ? r.error : s) },
              { title: t('publishing.sync.filesSent'), dataIndex: 'filesSent', sorter: (a, b) => a.filesSent - b.filesSent },
              {
                title: t('publishing.sync.bytesSent'),
                dataIndex: 'bytesSent',
                render: (v: number) => formatBytes(v, lang),
                sorter: (a, b) => a.bytesSent - b.bytesSent,
              },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}

/** "Publicare": its own screen in the navigation, next to "Site public". */
export function SyncPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('publishing.sync.title')} sub={t('publishing.sync.sub')} />
      <SyncPanel />
    </>
  );
}
