import { App as AntApp, Alert, Button, Modal, Progress, Tag, Typography, Upload, type FormInstance } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asciiSlug, type EligibilityStatus, type FeasibilityStatus, type Job, type Result, type UploadPurpose } from '../../../../electron/contract';
import { unwrap } from '../../api/client';
import { errorText, fieldPath, issueText, toErrorData } from '../../api/errors';
import { useApiMutation } from '../../api/mutations';
import { useErrorHandler } from '../../ui/hooks';
import { deliverFile } from '../../api/files';
import type { UploadedFile } from '../../api/uploads';
import { UploadProgress, useUpload, type UploadState } from '../../ui/upload';
import { followJob } from '../../api/jobs';
import { formatNumber } from '../../ui/format';
import { useDeleteWithUndo as useDeleteWithUndoOf } from '../../ui/undo';
import { invalidateBudgeting } from './queries';

export { LeiInput, toBani, toLei } from '../funding/shared';

/** An error as lines for the user: each bad cell (sheet!cell: message), each field issue, or the error's text. */
export function errorLines(t: TFunction, e: unknown): string[] {
  const d = toErrorData(e);
  const cells = d.details?.cells as Array<{ sheet: string; row: number; column: string; message: string }> | undefined;
  if (cells?.length) return cells.map((c) => `${c.sheet}!${c.column}${c.row}: ${c.message}`);
  const issues = d.code === 'VALIDATION' ? (d.details?.issues ?? []) : [];
  if (issues.length) return issues.map((i) => (i.field ? `${i.field}: ${issueText(t, i)}` : issueText(t, i)));
  return [errorText(t, e)];
}

export function ErrorList({ lines, title, testId }: { lines: string[] | null; title: ReactNode; testId: string }) {
  if (!lines) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 12 }}
      title={title}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={testId}>
          {lines.map((l, i) => (
            <li key={`${i}-${l}`}>{l}</li>
          ))}
        </ul>
      }
    />
  );
}

/** Hands text made in the renderer (JSON, Pabulib) to the user as a downloaded file. */
export function downloadText(fileName: string, content: string, type = 'text/plain;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const safeFileName = (s: string) => asciiSlug(s) || 'campanie';

/**
 * A button that starts one of the module's file jobs (results workbook, scoring workbooks), shows its progress
 * with cancel, and hands over every file the job produced.
 */
export function JobFilesButton({
  start,
  label,
  icon,
  testId,
  disabled,
}: {
  start: () => Promise<{ jobId: string }>;
  label: string;
  icon?: ReactNode;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [job, setJob] = useState<Job | null>(null);
  const [open, setOpen] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const run = async () => {
    setJob(null);
    setOpen(true);
    try {
      const { jobId } = await start();
      abort.current = new AbortController();
      const done = await followJob(jobId, setJob, { signal: abort.current.signal });
      if (done.status === 'done') {
        const r = done.result as { fileId?: string; fileName?: string; files?: Array<{ fileId: string; fileName: string }> };
        const files = r.files ?? (r.fileId ? [{ fileId: r.fileId, fileName: r.fileName ?? '' }] : []);
        for (const f of files) {
          const d = await deliverFile('export', f.fileId);
          if (d.savedTo) void message.success(t('files.savedTo', { path: d.savedTo }));
          else if (d.downloadPath) void message.success(t('export.downloaded', { name: f.fileName }));
        }
        if (!files.length) void message.info(t('budgeting.common.noFiles'));
      } else if (done.status === 'failed') void message.error(t('export.failed', { reason: errorText(t, done.error) }));
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setOpen(false);
    }
  };
  return (
    <>
      <Button icon={icon} onClick={() => void run()} loading={open} data-testid={testId} disabled={disabled}>
        {label}
      </Button>
      <Modal
        open={open}
        title={t('export.title')}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button
            onClick={() => {
              abort.current?.abort();
              setOpen(false);
            }}
          >
            {t('common.cancel')}
          </Button>
        }
      >
        <Progress percent={Math.round((job?.progress ?? 0) * 100)} status="active" aria-label={job?.message ?? t('export.preparing')} />
        <Typography.Text className="pla-muted">{job?.message ?? t('export.preparing')}</Typography.Text>
      </Modal>
    </>
  );
}

const ELIG_COLOR: Record<EligibilityStatus, string> = { pending: 'default', eligible: 'green', ineligible: 'red' };
const FEAS_COLOR: Record<FeasibilityStatus, string> = { pending: 'default', feasible: 'green', feasible_with_changes: 'gold', not_feasible: 'red' };

export function EligibilityTag({ status }: { status: EligibilityStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ELIG_COLOR[status]} data-testid="eligibility-status" data-status={status}>
      {t(`budgeting.eligibilityStatus.${status}`)}
    </Tag>
  );
}

export function FeasibilityTag({ status }: { status: FeasibilityStatus }) {
  const { t } = useTranslation();
  return <Tag color={FEAS_COLOR[status]}>{t(`budgeting.feasibilityStatus.${status}`)}</Tag>;
}

export { compareNullsLast as cmp } from '../../ui/ListPage';

/** Score 0–100 with one decimal. */
export const fmtScore = (v: number | null | undefined, lang: 'ro' | 'en') => formatNumber(v, lang, 1);

/**
 * Marks each issue on its form field by full path (zones.1.budget, criteria.0.max) and lists them all in a
 * message; CONFLICT and other errors go to the shared handler.
 */
export function useBudgetingErrors() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  return (e: unknown, form: FormInstance | null, fields: string[], onConflict?: () => void) => {
    const d = toErrorData(e);
    const issues = d.code === 'VALIDATION' ? (d.details?.issues ?? []) : [];
    if (!issues.length) return onError(e, { onConflict });
    if (form) {
      const by = new Map<string, { name: (string | number)[]; errors: string[] }>();
      for (const i of issues) {
        const path = fieldPath(i.field);
        if (!fields.includes(String(path[0]))) continue;
        const k = path.join('.');
        const entry = by.get(k) ?? { name: path, errors: [] };
        entry.errors.push(issueText(t, i));
        by.set(k, entry);
      }
      form.setFields([...by.values()]);
    }
    void message.error({ content: <span data-testid="budgeting-error">{errorLines(t, e).join(' · ')}</span>, duration: 8 });
  };
}

export type ChosenFile = UploadedFile;

/**
 * The check-then-write flow every budgeting import shares: choosing a file uploads it (progress, cancel) and runs a
 * dry run (the report, or every bad row/cell); the write reads the same upload. `done` runs after a successful write.
 */
export function useDryRunImport<R>(
  purpose: UploadPurpose,
  run: (upload: ChosenFile, dryRun: boolean) => Promise<Result<R>>,
  done: (report: R) => void | Promise<void>,
) {
  const { t } = useTranslation();
  const upload = useUpload(purpose);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const [errors, setErrors] = useState<string[] | null>(null);
  // The dry run: null when the upload was cancelled.
  const checking = useApiMutation({
    mutationFn: async (f: File) => {
      const r = await upload.withFile(f, (up) => {
        setFile(up);
        return run(up, true);
      });
      return r && unwrap(r);
    },
    onError: (e) => setErrors(errorLines(t, e)),
  });
  const writing = useApiMutation({
    mutationFn: async (f: ChosenFile) => {
      const value = unwrap(await run(f, false));
      upload.discard();
      await done(value);
    },
    onError: (e) => {
      setReport(null);
      setErrors(errorLines(t, e));
    },
  });
  const check = async (f: File) => {
    setErrors(null);
    setReport(null);
    const r = await checking.run(f);
    if (r?.data) setReport(r.data);
  };
  const commit = async () => {
    if (file) await writing.run(file);
  };
  return { file, report, setReport, errors, busy: checking.isPending || writing.isPending, check, commit, upload };
}

/** A file chooser with the chosen file's name beside it (`testId` on the button). */
export function FileChooser({
  accept,
  busy,
  file,
  onFile,
  testId,
  upload,
}: {
  accept: string;
  busy: boolean;
  file: ChosenFile | null;
  onFile: (f: File) => Promise<void>;
  testId: string;
  /** The upload under way: its progress and cancel show under the button. */
  upload?: UploadState;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Upload
        accept={accept}
        showUploadList={false}
        beforeUpload={(f) => {
          // The file goes through useUpload, never antd's own POST (to "/").
          void onFile(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid={testId}>
          {t('budgeting.common.chooseFile')}
        </Button>
      </Upload>
      {file && <Typography.Text style={{ marginInlineStart: 8 }}>{file.fileName}</Typography.Text>}
      {upload && <UploadProgress upload={upload} />}
    </>
  );
}

/**
 * The import dialog: help text, file chooser, the dry run's summary, the bad rows; "Import" stays disabled until a
 * dry run has passed. Test ids: `${testId}-file`, `-report`, `-errors`, `-commit`.
 */
export function DryRunImportModal<R>(props: {
  title: string;
  help: ReactNode;
  accept: string;
  testId: string;
  width?: number;
  errorsTitle: ReactNode;
  flow: ReturnType<typeof useDryRunImport<R>>;
  summary: (report: R) => { title: ReactNode; description?: ReactNode };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { flow, testId } = props;
  const summary = flow.report ? props.summary(flow.report) : null;
  return (
    <Modal
      open
      title={props.title}
      width={props.width ?? 720}
      onCancel={props.onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="c" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" disabled={!flow.report} loading={flow.busy} onClick={() => void flow.commit()} data-testid={`${testId}-commit`}>
          {t('budgeting.common.importConfirm')}
        </Button>,
      ]}
    >
      <Typography.Paragraph className="pla-muted">{props.help}</Typography.Paragraph>
      <FileChooser accept={props.accept} busy={flow.busy} file={flow.file} onFile={flow.check} testId={`${testId}-file`} upload={flow.upload} />
      {summary && (
        <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid={`${testId}-report`} title={summary.title} description={summary.description} />
      )}
      <ErrorList lines={flow.errors} title={props.errorsTitle} testId={`${testId}-errors`} />
    </Modal>
  );
}

/**
 * A soft delete with "Anulează": runs `del`, refreshes the budgeting and plan queries, and offers `restore` in the
 * message. `then` runs after each step succeeds (e.g. leave a deleted campaign's page, come back on restore).
 */
export function useDeleteWithUndo() {
  return useDeleteWithUndoOf(invalidateBudgeting, useErrorHandler());
}
