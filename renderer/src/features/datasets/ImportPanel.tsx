import { Alert, App as AntApp, Button, Card, Descriptions, Input, List, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ENCODINGS,
  type DatasetDetail,
  type DatasetEncoding,
  type DatasetImport,
  type DatasetImportDetail,
  type PersonalDataFlag,
  type ValidationErrorItem,
} from '../../../../electron/contract';
import { datasetMessage, errorCodeName, validationText } from '../../../../electron/contract/datasets-messages';
import { api, ApiError } from '../../api/client';
import { followJob } from '../../api/jobs';
import { useAuth } from '../../app/auth';
import { formatBytes, formatDateTime } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { UploadProgress, useUpload } from '../../ui/upload';
import { invalidateDatasets, useImport } from './queries';
import { useDatasetErrors } from './shared';

/** Import a file, confirm its encoding (with the evidence), validate as a job, read the report and review personal data. */
export function ImportPanel({ d }: { d: DatasetDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const onError = useDatasetErrors();
  const [selected, setSelected] = useState<string | null>(d.imports[0]?.id ?? null);
  const current = d.imports.find((i) => i.id === selected) ?? null;

  const uploader = useUpload('datasets.importFile');
  const upload = async (file: File) => {
    try {
      // Sent a piece at a time (progress, cancel); the import keeps its own copy, so the upload is dropped after.
      const r = await uploader.withFile(file, (f) => api.call('datasets.importFile', { datasetId: d.id, ...f }));
      uploader.discard();
      if (!r) return false;
      if (!r.ok) throw new ApiError(r.error);
      const imp = r.value;
      await invalidateDatasets(qc);
      setSelected(imp.id);
      void message.success(t('datasets.import.uploaded'));
    } catch (e) {
      onError(e);
    }
    return false;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-panel">
      {canEdit && (
        <Upload
          accept=".csv,.txt,.tsv,.xlsx"
          showUploadList={false}
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="import-choose">
            {t('datasets.import.choose')}
          </Button>
        </Upload>
      )}
      <UploadProgress upload={uploader} />
      {d.imports.length > 0 && (
        <List<DatasetImport>
          size="small"
          header={t('datasets.import.history')}
          dataSource={d.imports}
          renderItem={(i) => (
            <List.Item
              onClick={() => setSelected(i.id)}
              style={{ cursor: 'pointer', fontWeight: i.id === selected ? 600 : undefined }}
              data-testid={`import-item-${i.fileName}`}
            >
              {i.fileName} · {formatBytes(i.bytes, lang)} · {formatDateTime(i.createdAt, lang)} ·{' '}
              {i.valid === true ? (
                <Tag color="green">✓</Tag>
              ) : i.valid === false ? (
                <Tag color="red">{t('datasets.import.invalid', { count: i.errorCount })}</Tag>
              ) : (
                <Tag>{t(`datasets.import.status.${i.status}`)}</Tag>
              )}
            </List.Item>
          )}
        />
      )}
      {current && <ImportDetail key={current.id} imp={current} canEdit={canEdit} />}
    </Space>
  );
}

function ImportDetail({ imp, canEdit }: { imp: DatasetImport; canEdit: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useImport(imp.id);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const onError = useDatasetErrors();
  const det = imp.detected;
  const [encoding, setEncoding] = useState<DatasetEncoding>(
    (imp.encoding ?? (ENCODINGS as readonly string[]).find((e) => det?.encoding.startsWith(e)) ?? 'utf-8') as DatasetEncoding,
  );
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async () => {
    try {
      const { jobId } = await api.get('datasets.processImport', { importId: imp.id, encoding });
      abort.current = new AbortController();
      setProgress(0);
      const job = await followJob(jobId, (j) => setProgress(j.progress), { signal: abort.current.signal });
      if (job.status === 'cancelled') void message.info(t('datasets.import.cancelled'));
      else if (job.status === 'failed') onError(job.error);
      await invalidateDatasets(qc);
    } catch (e) {
      onError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {det && (
        <Card size="small" title={t('datasets.import.confirm')} data-testid="encoding-card">
          <Typography.Paragraph data-testid="encoding-detected">
            {t('datasets.import.detected', { encoding: det.encoding, confidence: t(`datasets.import.confidence.${det.confidence}`) })}
            {det.delimiter ? ` · ${t('datasets.import.delimiter', { d: det.delimiter === '\t' ? 'TAB' : det.delimiter })}` : ''}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('datasets.import.evidence')}:{' '}
            <span data-testid="encoding-evidence">{det.why ? datasetMessage(lang, det.why.key, det.why.params, det.reason) : det.reason}</span>
          </Typography.Text>
          {det.candidates.length > 0 && (
            <ul data-testid="encoding-candidates">
              {det.candidates.map((c) => (
                <li key={c.encoding}>{t('datasets.import.candidate', { ...c })}</li>
              ))}
            </ul>
          )}
          {!!det.samples?.length && (
            <Descriptions size="small" column={1} bordered title={t('datasets.import.samples')} data-testid="encoding-samples">
              {det.samples.map((s) => (
                <Descriptions.Item key={s.encoding} label={s.encoding}>
                  <code>{s.lines[0]}</code>
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Card>
      )}
      {canEdit && (
        <Space>
          <Select
            value={encoding}
            onChange={setEncoding}
            style={{ width: 180 }}
            options={ENCODINGS.map((e) => ({ value: e, label: e }))}
            aria-label={t('datasets.import.confirm')}
            data-testid="encoding-select"
          />
          <Button type="primary" onClick={run} loading={progress !== null} data-testid="import-process">
            {t('datasets.import.process')}
          </Button>
          {progress !== null && (
            <>
              <Progress percent={Math.round(progress * 100)} aria-label={t('datasets.import.process')} style={{ width: 200 }} />
              <Button onClick={() => abort.current?.abort()} data-testid="import-cancel">
                {t('datasets.import.cancel')}
              </Button>
            </>
          )}
        </Space>
      )}
      {q.data && <Report detail={q.data} canEdit={canEdit} />}
    </Space>
  );
}

function Report({ detail, canEdit }: { detail: DatasetImportDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [code, setCode] = useState<string | null>(null);
  const r = detail.report;
  if (!r) return null;
  const errors = code ? r.errors.filter((e) => e.type === code) : r.errors;
  const warnings = r.warnings ?? [];
  // a failed import's reason is its one source-error, in the catalogue when the report was made with one
  const failure = detail.failure ? (r.errors[0]?.key ? validationText(lang, r.errors[0]) : detail.failure) : null;
  return (
    <Card size="small" title={t('datasets.import.report')} data-testid="validation-report">
      {failure && <Alert type="error" message={t('datasets.import.failed', { reason: failure })} data-testid="import-failure" />}
      {r.valid && !warnings.length ? (
        <Alert type="success" message={datasetMessage(lang, 'verdict.valid')} data-testid="report-valid" />
      ) : r.valid ? (
        <Alert
          type="warning"
          showIcon
          message={<span data-testid="report-valid-warnings">{datasetMessage(lang, 'verdict.valid-warnings', { n: warnings.length })}</span>}
          description={
            <ul data-testid="report-warnings" style={{ margin: 0, paddingLeft: 20 }}>
              {warnings.map((w, i) => (
                <li key={`${w.code}-${w.fieldName}-${i}`} data-testid={`warning-${w.code}`}>
                  {datasetMessage(lang, `warning.${w.code}`, w.params, w.message)}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert
          type="warning"
          message={`${t('datasets.import.invalid', { count: r.stats.errors })} · ${t('datasets.import.rows', { count: r.stats.rows })}`}
          data-testid="report-invalid"
        />
      )}
      {detail.changes?.previousImportId && (
        <Typography.Paragraph data-testid="import-changes">
          {t('datasets.import.changes', {
            added: detail.changes.rowsAdded,
            removed: detail.changes.rowsRemoved,
            before: detail.changes.rowsBefore,
            after: detail.changes.rowsAfter,
          })}
        </Typography.Paragraph>
      )}
      {Object.keys(r.counts).length > 0 && (
        <>
          <Typography.Title level={5}>{t('datasets.import.byCode')}</Typography.Title>
          <Space wrap data-testid="report-counts">
            {Object.entries(r.counts).map(([c, n]) => (
              <Tag
                key={c}
                color={code === c ? 'blue' : 'red'}
                style={{ cursor: 'pointer' }}
                onClick={() => setCode(code === c ? null : c)}
                data-testid={`count-${c}`}
              >
                {errorCodeName(lang, c)}: {n}
              </Tag>
            ))}
          </Space>
          <Table<ValidationErrorItem>
            size="small"
            rowKey={(e, i) => `${e.type}-${e.rowNumber}-${e.fieldName}-${i}`}
            dataSource={errors}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '', dataIndex: 'type', width: 160, render: (c: string) => errorCodeName(lang, c) },
              { title: t('datasets.import.row'), dataIndex: 'rowNumber', width: 70 },
              { title: t('datasets.import.field'), dataIndex: 'fieldName', width: 150 },
              { title: t('datasets.import.cell'), dataIndex: 'cell', width: 160 },
              { title: t('datasets.import.message'), dataIndex: 'message', render: (_: string, e: ValidationErrorItem) => validationText(lang, e) },
            ]}
          />
          {r.truncated && <Typography.Text type="secondary">{t('datasets.import.truncated')}</Typography.Text>}
        </>
      )}
      {detail.stepLog.length > 0 && (
        <>
          <Typography.Title level={5}>{t('datasets.import.stepLog')}</Typography.Title>
          <StepLogList log={detail.stepLog} />
        </>
      )}
      <Typography.Title level={5}>{t('datasets.import.flags')}</Typography.Title>
      {detail.flags.length === 0 ? (
        <Typography.Text type="secondary">{t('datasets.import.noFlags')}</Typography.Text>
      ) : (
        detail.flags.map((f) => <FlagRow key={f.id} f={f} canEdit={canEdit} />)
      )}
    </Card>
  );
}

export function StepLogList({ log }: { log: DatasetImportDetail['stepLog'] }) {
  const { t } = useTranslation();
  return (
    <ul data-testid="step-log">
      {log.map((l) => (
        <li key={l.index}>
          {t('datasets.cleaning.counts', {
            n: l.index + 1,
            op: t(`datasets.cleaning.ops.${l.op}`),
            cells: l.cellsChanged,
            rows: l.rowsDropped,
            skipped: l.skipped,
          })}
          {Object.keys(l.details).length > 0 &&
            ` — ${Object.entries(l.details)
              .map(([k, n]) => `${k}: ${n}`)
              .join(', ')}`}
        </li>
      ))}
    </ul>
  );
}

function FlagRow({ f, canEdit }: { f: PersonalDataFlag; canEdit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const onError = useDatasetErrors();
  const [note, setNote] = useState('');
  const review = async () => {
    try {
      await api.get('datasets.reviewFlag', { id: f.id, expectedUpdatedAt: f.updatedAt, note });
      await invalidateDatasets(qc);
    } catch (e) {
      onError(e);
    }
  };
  return (
    <div data-testid={`flag-${f.fieldName}-${f.kind}`} style={{ marginBottom: 8 }}>
      <Typography.Text>
        {t('datasets.import.flagLine', { kind: t(`datasets.import.flagKind.${f.kind}`), field: f.fieldName, count: f.count, example: f.example })}
      </Typography.Text>{' '}
      {f.reviewed ? (
        <Tag color="green" data-testid="flag-reviewed">
          {t('datasets.import.flagReviewed', { note: f.reviewNote })}
        </Tag>
      ) : (
        canEdit && (
          <Space.Compact style={{ width: 520 }}>
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('datasets.import.flagNote')} data-testid="flag-note" />
            <Button onClick={review} disabled={!note.trim()} data-testid="flag-review">
              {t('datasets.import.reviewFlag')}
            </Button>
          </Space.Compact>
        )
      )}
    </div>
  );
}
