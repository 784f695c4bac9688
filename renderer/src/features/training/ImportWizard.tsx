import { Alert, Button, Modal, Radio, Select, Space, Spin, Steps, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { AttendanceImportResult, AttendancePreviewRow, AttendanceSheet, ImportAttendanceInput } from '../../../../electron/contract';
import { api } from '../../api/client';
import type { UploadedFile } from '../../api/uploads';
import { UploadProgress, useUpload } from '../../ui/upload';
import { formatDate, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { DisabledReason } from '../../ui/components';
import { useApiMutation } from '../../api/mutations';
import { useCommitAttendance } from './mutations';
import { useSessionOptions } from './queries';
import { YesNo, importErrorLines } from './shared';

type Decision = 'same' | 'separate';
/** Where one sheet of the workbook goes: an existing session, a new session named like the sheet, or nowhere. */
type SheetTarget = string | 'new' | 'skip';
interface SheetPlan {
  sheet: AttendanceSheet;
  target: SheetTarget;
}

const STATUS_COLOR: Record<AttendancePreviewRow['status'], string> = { new: 'blue', matched: 'green', duplicate: 'orange' };

/**
 * The attendance list wizard: choose the session → upload the .xlsx, .ods or .csv → the dry run's preview (new
 * people, people matched, likely duplicates each decided "same person" or "different people") → commit → the
 * result. A bad list shows every bad cell and nothing is written. A workbook with one sheet per session first
 * maps each sheet (named by its own name) to a session — an existing one, or a new one made like the chosen
 * session and titled by the sheet — then each sheet goes through the preview and commit in turn.
 */
export function ImportWizard({ defaultSessionId, onClose }: { defaultSessionId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const sessions = useSessionOptions();
  const [sessionId, setSessionId] = useState<string | undefined>(defaultSessionId);
  const [step, setStep] = useState(defaultSessionId ? 1 : 0);
  /** The uploaded file (sent once; each sheet's preview and commit read the same upload). */
  const [file, setFile] = useState<UploadedFile | null>(null);
  const uploader = useUpload('training.importAttendanceSheets');
  const [preview, setPreview] = useState<AttendanceImportResult | null>(null);
  const [result, setResult] = useState<AttendanceImportResult | null>(null);
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});
  /** The dry run again once every duplicate is decided: the counts as the commit will write them. */
  const [decided, setDecided] = useState<AttendanceImportResult | null>(null);
  const [errors, setErrors] = useState<string[] | null>(null);
  /** A workbook with several lists: each sheet's session (shown before the first preview). */
  const [plan, setPlan] = useState<SheetPlan[] | null>(null);
  /** The sheets still to import, in order, and the one being previewed (its target inlined in `target`). */
  const [queue, setQueue] = useState<SheetPlan[]>([]);
  const [current, setCurrent] = useState<SheetPlan | null>(null);
  const [done, setDone] = useState<AttendanceImportResult[]>([]);

  /** The session part of a request: the chosen session, or a new one made like it and titled by the sheet. */
  const targetOf = async (p: SheetPlan | null): Promise<Pick<ImportAttendanceInput, 'sessionId' | 'newSession' | 'sheet'> | null> => {
    if (!p) return sessionId ? { sessionId } : null;
    if (p.target !== 'new') return { sessionId: p.target, sheet: p.sheet.name };
    if (!sessionId) return null;
    const base = await api.call('training.getSession', { id: sessionId });
    if (!base.ok) return null;
    const b = base.value;
    return {
      sheet: p.sheet.name,
      newSession: {
        programmeId: b.programmeId,
        title: p.sheet.name,
        topic: b.topic,
        targetGroup: b.targetGroup,
        provider: b.provider,
        trainer: b.trainer,
        format: b.format,
        location: b.location,
        startDate: b.startDate,
        endDate: b.endDate,
        hours: b.hours,
      },
    };
  };

  const previewSheet = async (upload: UploadedFile, p: SheetPlan | null) => {
    const target = await targetOf(p);
    if (!target) return;
    const r = await api.call('training.importAttendance', { ...target, ...upload, dryRun: true, decisions: [] });
    if (r.ok) {
      setFile(upload);
      setCurrent(p);
      setPreview(r.value);
      setDecisions({});
      setDecided(null);
      setStep(2);
    } else setErrors(importErrorLines(t, r.error));
  };

  /** The upload read: the lists it holds, mapped to sessions first when there are several, else the one list's preview. */
  const checking = useApiMutation({
    mutationFn: async ({ f, chosen }: { f: File; chosen: string }) => {
      // Sent a piece at a time with progress and a cancel (null: cancelled); every step after reads the upload.
      const listed = await uploader.withFile(f, async (up) => {
        const r = await api.call('training.importAttendanceSheets', up);
        return r.ok ? { ok: true as const, value: { ...r.value, upload: up } } : r;
      });
      if (!listed) return;
      if (!listed.ok) return setErrors(importErrorLines(t, listed.error));
      const upload = listed.value.upload;
      const lists = listed.value.sheets.filter((s) => s.headerRow !== null);
      if (lists.length > 1) {
        setFile(upload);
        setPlan(lists.map((sheet, i) => ({ sheet, target: sheet.sessionId ?? (i === 0 ? chosen : 'new') })));
        return;
      }
      await previewSheet(upload, lists.length === 1 && listed.value.sheets.length > 1 ? { sheet: lists[0], target: chosen } : null);
    },
  });
  const check = async (f: File) => {
    if (!sessionId) return;
    setErrors(null);
    setDone([]);
    await checking.run({ f, chosen: sessionId });
  };

  /** One sheet's dry run (the first of the plan, or the next after a commit). */
  const previewing = useApiMutation({ mutationFn: ({ upload, p }: { upload: UploadedFile; p: SheetPlan }) => previewSheet(upload, p) });
  const startPlan = async () => {
    if (!plan || !file) return;
    const todo = plan.filter((p) => p.target !== 'skip');
    if (!todo.length) return;
    setErrors(null);
    setQueue(todo.slice(1));
    await previewing.run({ upload: file, p: todo[0] });
  };

  const duplicates = preview?.rows.filter((r) => r.status === 'duplicate') ?? [];
  const undecided = duplicates.filter((r) => !decisions[r.row]).length;

  const decide = async (row: number, decision: Decision) => {
    const next = { ...decisions, [row]: decision };
    setDecisions(next);
    setDecided(null);
    if (!sessionId || !file || duplicates.some((d) => !next[d.row])) return;
    const target = await targetOf(current);
    if (!target) return;
    const r = await api.call('training.importAttendance', {
      ...target,
      ...file,
      dryRun: true,
      decisions: duplicates.map((d) => ({ row: d.row, decision: next[d.row] })),
    });
    if (r.ok) setDecided(r.value);
    else setErrors(importErrorLines(t, r.error));
  };
  const counts = decided ?? preview;

  const committing = useCommitAttendance({ onError: (e) => setErrors(importErrorLines(t, e)) });
  const commit = async () => {
    if (!sessionId || !file) return;
    setErrors(null);
    const saved = await committing.run({
      target: () => targetOf(current),
      rest: { ...file, dryRun: false, decisions: duplicates.map((d) => ({ row: d.row, decision: decisions[d.row] })) },
    });
    const r = saved?.data;
    if (!r) return;
    const all = [...done, r];
    setDone(all);
    if (queue.length) {
      // The next sheet of the workbook: its own preview and decisions.
      const [next, ...rest] = queue;
      setQueue(rest);
      await previewing.run({ upload: file, p: next });
      return;
    }
    setResult({
      ...r,
      peopleCreated: sum(all, 'peopleCreated'),
      attendanceCreated: sum(all, 'attendanceCreated'),
      attendanceUpdated: sum(all, 'attendanceUpdated'),
      unchanged: sum(all, 'unchanged'),
    });
    setStep(3);
  };
  const busy = checking.isPending || previewing.isPending || committing.isPending;

  const session = sessions.data?.find((s) => s.id === sessionId);
  // No session yet: the dropdown would be empty; the wizard says so and leads to where a session is created.
  const noSessions = sessions.isSuccess && sessions.data.length === 0;

  const footer =
    step === 0 ? (
      <Space>
        {/* why "Înainte" waits, beside it */}
        {!sessionId && sessions.isSuccess && (
          <DisabledReason testId="import-next-why">{t(noSessions ? 'training.import.noSessionToPick' : 'training.import.pickSession')}</DisabledReason>
        )}
        <Button type="primary" disabled={!sessionId} onClick={() => setStep(1)} data-testid="import-next">
          {t('training.import.next')}
        </Button>
      </Space>
    ) : step === 1 ? (
      <Space>
        <Button
          onClick={() => {
            setPlan(null);
            setStep(0);
          }}
        >
          {t('training.import.back')}
        </Button>
        {plan && (
          <Button
            type="primary"
            loading={busy}
            disabled={plan.every((p) => p.target === 'skip')}
            onClick={() => void startPlan()}
            data-testid="import-sheets-next"
          >
            {t('training.import.next')}
          </Button>
        )}
      </Space>
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
        {(result?.sessionId || sessionId) && (
          <Button
            onClick={() => {
              onClose();
              navigate(`/training/sessions/${result?.sessionId || sessionId}`);
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
    <Modal
      open
      title={t('training.import.title')}
      width={step === 2 ? 1240 : 720}
      onCancel={onClose}
      footer={footer}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('training.import.stepSession') },
          { title: t('training.import.stepFile') },
          { title: t('training.import.stepPreview') },
          { title: t('training.import.stepResult') },
        ]}
      />
      {session && step > 0 && (
        <Typography.Paragraph strong data-testid="import-session-name">
          {session.title} · {formatDate(session.startDate, lang)} · {session.programmeName}
        </Typography.Paragraph>
      )}
      {step === 0 && (
        <>
          <Typography.Paragraph>{t('training.import.chooseSession')}</Typography.Paragraph>
          {noSessions && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="import-no-sessions"
              message={t('training.import.noSessions')}
              action={
                <Button
                  size="small"
                  onClick={() => {
                    onClose();
                    navigate('/training/sessions');
                  }}
                  data-testid="import-go-sessions"
                >
                  {t('training.import.goSessions')}
                </Button>
              }
            />
          )}
          <Select
            aria-label={t('training.import.chooseSession')}
            disabled={noSessions}
            notFoundContent={t('training.import.noSessions')}
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
      {step === 1 && plan && (
        <div data-testid="import-sheets">
          <Typography.Paragraph>{t('training.import.sheetsIntro', { n: plan.length })}</Typography.Paragraph>
          <Table<SheetPlan>
            rowKey={(p) => p.sheet.name}
            size="small"
            pagination={false}
            dataSource={plan}
            onRow={(p) => ({ 'data-testid': `import-sheet-${p.sheet.name}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('training.import.sheet'), render: (_, p) => p.sheet.name },
              { title: t('training.import.sheetRows'), width: 110, align: 'right', render: (_, p) => formatNumber(p.sheet.rows, lang) },
              {
                title: t('training.import.sheetSession'),
                width: 380,
                render: (_, p) => (
                  <Select
                    style={{ width: '100%' }}
                    value={p.target}
                    onChange={(target: SheetTarget) => setPlan(plan.map((x) => (x === p ? { ...x, target } : x)))}
                    options={[
                      { value: 'new', label: t('training.import.newSession', { title: p.sheet.name }) },
                      { value: 'skip', label: t('training.import.skipSheet') },
                      ...(sessions.data ?? []).map((s) => ({ value: s.id, label: `${formatDate(s.startDate, lang)} · ${s.title}` })),
                    ]}
                    data-testid={`import-sheet-target-${p.sheet.name}`}
                  />
                ),
              },
            ]}
          />
        </div>
      )}
      {step === 1 && !plan && (
        <Spin spinning={busy} description={t('training.import.reading')}>
          <div data-testid="import-file">
            <Upload.Dragger
              accept=".xlsx,.ods,.csv"
              multiple={false}
              showUploadList={false}
              beforeUpload={(f) => {
                // The file goes through useUpload, never antd's own POST (to "/").
                void check(f);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('training.import.chooseFile')}</p>
              <p className="ant-upload-hint">{t('training.import.fileHint')}</p>
            </Upload.Dragger>
            <UploadProgress upload={uploader} />
          </div>
        </Spin>
      )}
      {step === 2 && preview && (
        <div data-testid="import-preview">
          {current && (
            <Typography.Paragraph strong data-testid="import-current-sheet">
              {t('training.import.currentSheet', {
                sheet: current.sheet.name,
                session:
                  current.target === 'new'
                    ? t('training.import.newSession', { title: current.sheet.name })
                    : (sessions.data?.find((s) => s.id === current.target)?.title ?? ''),
              })}
            </Typography.Paragraph>
          )}
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
                    <Radio.Group
                      size="small"
                      value={decisions[r.row]}
                      onChange={(e) => void decide(r.row, e.target.value as Decision)}
                      data-testid={`decision-${r.row}`}
                    >
                      <Radio value="same" data-testid={`decision-same-${r.row}`}>
                        {t('training.import.same')}
                      </Radio>
                      <Radio value="separate" data-testid={`decision-separate-${r.row}`}>
                        {t('training.import.separate')}
                      </Radio>
                    </Radio.Group>
                  ) : (
                    <Typography.Text className="pla-muted">
                      {t(
                        r.attendance === 'create'
                          ? 'training.import.attendanceCreate'
                          : r.attendance === 'update'
                            ? 'training.import.attendanceUpdate'
                            : 'training.import.attendanceUnchanged',
                      )}
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
          title={t('training.import.done', {
            people: result.peopleCreated,
            created: result.attendanceCreated,
            updated: result.attendanceUpdated,
            unchanged: result.unchanged,
          })}
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

const sum = (rs: AttendanceImportResult[], k: 'peopleCreated' | 'attendanceCreated' | 'attendanceUpdated' | 'unchanged') => rs.reduce((n, r) => n + r[k], 0);
