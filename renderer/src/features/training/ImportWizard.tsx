import { Alert, Button, Modal, Radio, Select, Space, Spin, Steps, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { AttendanceImportResult, AttendancePreviewRow } from '../../../../electron/contract';
import { api } from '../../api/client';
import { readAsBase64 } from '../../api/files';
import { formatDate, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { invalidateTraining, useSessionOptions } from './queries';
import { YesNo, importErrorLines } from './shared';

type Decision = 'same' | 'separate';

const STATUS_COLOR: Record<AttendancePreviewRow['status'], string> = { new: 'blue', matched: 'green', duplicate: 'orange' };

/**
 * The attendance list wizard: choose the session → upload the .xlsx or .csv → the dry run's preview (new people,
 * people matched, likely duplicates each decided "same person" or "different people") → commit → the result.
 * A bad list shows every bad cell and nothing is written.
 */
export function ImportWizard({ defaultSessionId, onClose }: { defaultSessionId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const sessions = useSessionOptions();
  const [sessionId, setSessionId] = useState<string | undefined>(defaultSessionId);
  const [step, setStep] = useState(defaultSessionId ? 1 : 0);
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<AttendanceImportResult | null>(null);
  const [result, setResult] = useState<AttendanceImportResult | null>(null);
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});
  /** The dry run again once every duplicate is decided: the counts as the commit will write them. */
  const [decided, setDecided] = useState<AttendanceImportResult | null>(null);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (f: File) => {
    if (!sessionId) return;
    setErrors(null);
    setBusy(true);
    try {
      const upload = { fileName: f.name.replace(/[\\/\0]/g, '_'), contentBase64: await readAsBase64(f) };
      const r = await api.call('training.importAttendance', { sessionId, ...upload, dryRun: true, decisions: [] });
      if (r.ok) {
        setFile(upload);
        setPreview(r.value);
        setDecisions({});
        setDecided(null);
        setStep(2);
      } else setErrors(importErrorLines(t, r.error));
    } finally {
      setBusy(false);
    }
  };

  const duplicates = preview?.rows.filter((r) => r.status === 'duplicate') ?? [];
  const undecided = duplicates.filter((r) => !decisions[r.row]).length;

  const decide = async (row: number, decision: Decision) => {
    const next = { ...decisions, [row]: decision };
    setDecisions(next);
    setDecided(null);
    if (!sessionId || !file || duplicates.some((d) => !next[d.row])) return;
    const r = await api.call('training.importAttendance', { sessionId, ...file, dryRun: true, decisions: duplicates.map((d) => ({ row: d.row, decision: next[d.row] })) });
    if (r.ok) setDecided(r.value);
    else setErrors(importErrorLines(t, r.error));
  };
  const counts = decided ?? preview;

  const commit = async () => {
    if (!sessionId || !file) return;
    setErrors(null);
    setBusy(true);
    try {
      const r = await api.call('training.importAttendance', {
        sessionId,
        ...file,
        dryRun: false,
        decisions: duplicates.map((d) => ({ row: d.row, decision: decisions[d.row] })),
      });
      if (r.ok) {
        setResult(r.value);
        setStep(3);
        await invalidateTraining(qc);
      } else setErrors(importErrorLines(t, r.error));
    } finally {
      setBusy(false);
    }
  };

  const session = sessions.data?.find((s) => s.id === sessionId);

  const footer =
    step === 0 ? (
      <Button type="primary" disabled={!sessionId} onClick={() => setStep(1)} data-testid="import-next">
        {t('training.import.next')}
      </Button>
    ) : step === 1 ? (
      <Button onClick={() => setStep(0)}>{t('training.import.back')}</Button>
    ) : step === 2 ? (
      <Space>
        <Button
          onClick={() => {
            setStep(1);
            setErrors(null);
          }}
        >
          {t('training.import.back')}
        </Button>
        <Button type="primary" disabled={undecided > 0} loading={busy} onClick={() => void commit()} data-testid="import-commit">
          {t('training.import.commit')}
        </Button>
      </Space>
    ) : (
      <Space>
        {sessionId && (
          <Button
            onClick={() => {
              onClose();
              navigate(`/training/sessions/${sessionId}`);
            }}
            data-testid="import-open-session"
          >
            {t('training.import.openSession')}
          </Button>
        )}
        <Button type="primary" onClick={onClose} data-testid="import-close">
          {t('training.import.close')}
        </Button>
      </Space>
    );

  return (
    <Modal open title={t('training.import.title')} width={step === 2 ? 1240 : 720} onCancel={onClose} footer={footer} mask={{ closable: false }} destroyOnHidden>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[{ title: t('training.import.stepSession') }, { title: t('training.import.stepFile') }, { title: t('training.import.stepPreview') }, { title: t('training.import.stepResult') }]}
      />
      {session && step > 0 && (
        <Typography.Paragraph strong data-testid="import-session-name">
          {session.title} · {formatDate(session.startDate, lang)} · {session.programmeName}
        </Typography.Paragraph>
      )}
      {step === 0 && (
        <>
          <Typography.Paragraph>{t('training.import.chooseSession')}</Typography.Paragraph>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
            value={sessionId}
            onChange={setSessionId}
            loading={sessions.isPending}
            options={(sessions.data ?? []).map((s) => ({ value: s.id, label: `${formatDate(s.startDate, lang)} · ${s.title} (${s.actionCode})` }))}
            data-testid="import-session"
          />
        </>
      )}
      {step === 1 && (
        <Spin spinning={busy} description={t('training.import.reading')}>
          <div data-testid="import-file">
            <Upload.Dragger accept=".xlsx,.ods,.csv" multiple={false} showUploadList={false} beforeUpload={(f) => void check(f) as never}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('training.import.chooseFile')}</p>
              <p className="ant-upload-hint">{t('training.import.fileHint')}</p>
            </Upload.Dragger>
          </div>
        </Spin>
      )}
      {step === 2 && preview && (
        <div data-testid="import-preview">
          <Alert
            type={duplicates.length ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            title={
              <span data-testid="import-summary">
                {t('training.import.previewSummary', {
                  rows: preview.rows.length,
                  created: counts?.peopleCreated ?? 0,
                  attCreated: counts?.attendanceCreated ?? 0,
                  attUpdated: counts?.attendanceUpdated ?? 0,
                  unchanged: counts?.unchanged ?? 0,
                })}
              </span>
            }
            description={
              <>
                {duplicates.length > 0 && <div>{t('training.import.decideAll')}</div>}
                {undecided > 0 && <div data-testid="import-undecided">{t('training.import.undecided', { n: undecided })}</div>}
                {preview.ignoredColumns.length > 0 && <div>{t('training.import.ignoredColumns', { columns: preview.ignoredColumns.join(', ') })}</div>}
              </>
            }
          />
          <Table<AttendancePreviewRow>
            rowKey="row"
            size="small"
            dataSource={preview.rows}
            pagination={false}
            virtual={preview.rows.length > 100}
            scroll={{ y: 420 }}
            onRow={(r) => ({ 'data-testid': `import-row-${r.row}`, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('training.import.row'), dataIndex: 'row', width: 60 },
              { title: t('training.fields.name'), dataIndex: 'name' },
              { title: t('training.fields.department'), dataIndex: 'department', width: 150, ellipsis: true },
              { title: t('training.fields.email'), dataIndex: 'email', width: 190, ellipsis: true },
              { title: t('training.fields.hours'), dataIndex: 'hours', width: 60, align: 'right', render: (v: number) => formatNumber(v, lang) },
              { title: t('training.fields.completedFlag'), dataIndex: 'completed', width: 85, render: (v: boolean) => <YesNo value={v} /> },
              {
                title: t('training.import.status'),
                dataIndex: 'status',
                width: 130,
                render: (v: AttendancePreviewRow['status']) => (
                  <Tag color={STATUS_COLOR[v]} data-testid="import-status">
                    {t(v === 'new' ? 'training.import.statusNew' : v === 'matched' ? 'training.import.statusMatched' : 'training.import.statusDuplicate')}
                  </Tag>
                ),
              },
              {
                title: t('training.import.known'),
                width: 230,
                render: (_, r) =>
                  r.candidate ? (
                    <span>
                      {r.candidate.name}
                      <br />
                      <Typography.Text className="pla-muted" style={{ fontSize: 12 }}>
                        {[r.candidate.email, r.candidate.department].filter(Boolean).join(' · ')} —{' '}
                        {t(r.reason === 'same_email' ? 'training.import.reasonSameEmail' : 'training.import.reasonSameName')}
                      </Typography.Text>
                    </span>
                  ) : null,
              },
              {
                title: t('training.import.decision'),
                width: 180,
                render: (_, r) =>
                  r.status === 'duplicate' ? (
                    <Radio.Group size="small" value={decisions[r.row]} onChange={(e) => void decide(r.row, e.target.value as Decision)} data-testid={`decision-${r.row}`}>
                      <Radio value="same" data-testid={`decision-same-${r.row}`}>
                        {t('training.import.same')}
                      </Radio>
                      <Radio value="separate" data-testid={`decision-separate-${r.row}`}>
                        {t('training.import.separate')}
                      </Radio>
                    </Radio.Group>
                  ) : (
                    <Typography.Text className="pla-muted">
                      {t(r.attendance === 'create' ? 'training.import.attendanceCreate' : r.attendance === 'update' ? 'training.import.attendanceUpdate' : 'training.import.attendanceUnchanged')}
                    </Typography.Text>
                  ),
              },
            ]}
          />
        </div>
      )}
      {step === 3 && result && (
        <Alert
          type="success"
          showIcon
          data-testid="import-result"
          title={t('training.import.done', { people: result.peopleCreated, created: result.attendanceCreated, updated: result.attendanceUpdated, unchanged: result.unchanged })}
        />
      )}
      {errors && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('training.import.badCells')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="import-errors">
              {errors.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          }
        />
      )}
    </Modal>
  );
}
