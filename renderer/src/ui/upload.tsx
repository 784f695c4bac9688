import { Button, Progress, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, Result, UploadPurpose } from '../../../electron/contract';
import { toErrorData } from '../api/errors';
import { discardUpload, uploadFile, type UploadedFile } from '../api/uploads';
import { formatBytes } from './format';
import { useLang } from './hooks';

export interface UploadState {
  /**
   * Runs `call` with `file` uploaded (once per file: a dry run and the import that follows reuse the upload).
   * Resolves with the call's Result, the upload's refusal, or null when the user cancelled the upload.
   */
  withFile<T>(file: File, call: (f: UploadedFile) => Promise<Result<T>>): Promise<Result<T> | null>;
  /** Stops the upload under way (between two pieces); what was sent is dropped. */
  cancel(): void;
  /** Drops the finished upload (the import is done, or the dialog closed). */
  discard(): void;
  progress: { name: string; sent: number; total: number } | null;
}

/** A file upload for one import (`purpose`), with its progress and a cancel; the upload is dropped on unmount. */
export function useUpload(purpose: UploadPurpose): UploadState {
  const [progress, setProgress] = useState<UploadState['progress']>(null);
  const abort = useRef<AbortController | null>(null);
  const held = useRef<{ file: File; up: UploadedFile } | null>(null);
  const discard = useCallback(() => {
    if (held.current) discardUpload(held.current.up.uploadId);
    held.current = null;
  }, []);
  useEffect(
    () => () => {
      abort.current?.abort();
      discard();
    },
    [discard],
  );
  const withFile = useCallback(
    async <T,>(file: File, call: (f: UploadedFile) => Promise<Result<T>>): Promise<Result<T> | null> => {
      let up = held.current?.file === file ? held.current.up : null;
      if (!up) {
        discard();
        const c = new AbortController();
        abort.current = c;
        setProgress({ name: file.name, sent: 0, total: file.size });
        try {
          const r = await uploadFile(file, purpose, { signal: c.signal, onProgress: (sent, total) => setProgress({ name: file.name, sent, total }) });
          if (!r) return null;
          if (!r.ok) return r;
          up = r.value;
          held.current = { file, up };
        } finally {
          setProgress(null);
          abort.current = null;
        }
      }
      return call(up);
    },
    [purpose, discard],
  );
  const cancel = useCallback(() => abort.current?.abort(), []);
  return { withFile, cancel, discard, progress };
}

/** The upload's progress bar with its cancel button (nothing while no upload runs). */
export function UploadProgress({ upload }: { upload: Pick<UploadState, 'progress' | 'cancel'> }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!upload.progress) return null;
  const { name, sent, total } = upload.progress;
  const label = t('files.uploading', { name, sent: formatBytes(sent, lang), total: formatBytes(total, lang) });
  return (
    <div data-testid="upload-progress" role="status" style={{ width: '100%' }}>
      <Typography.Text>{label}</Typography.Text>
      <Space style={{ width: '100%' }} align="center">
        <Progress percent={total ? Math.floor((sent / total) * 100) : 0} status="active" aria-label={label} style={{ minWidth: 240 }} />
        <Button onClick={upload.cancel} data-testid="upload-cancel">
          {t('files.cancelUpload')}
        </Button>
      </Space>
    </div>
  );
}

/** A running job's progress bar with its message and a cancel button (site build, publishing, dataset export). */
export function JobProgress({ job, fallback, onCancel, testId }: { job: Job; fallback: string; onCancel: () => void; testId: string }) {
  const { t } = useTranslation();
  const text = job.message ?? fallback;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%' }} align="center">
        <Progress percent={Math.round(job.progress * 100)} status="active" aria-label={text} data-testid={testId} style={{ minWidth: 240 }} />
        <Button onClick={onCancel} data-testid={`${testId}-cancel`}>
          {t('files.cancelJob')}
        </Button>
      </Space>
      <Typography.Text className="pla-muted">{text}</Typography.Text>
    </Space>
  );
}

/** A refused import's problems, one line per bad cell (sheet!column row: reason), else the error in `text`'s words. */
export function badCellLines(e: unknown, text: (e: unknown) => string): string[] {
  const cells = toErrorData(e).details?.cells as Array<{ sheet: string; column: string; row: number; message: string }> | undefined;
  return cells?.length ? cells.map((c) => `${c.sheet}!${c.column} ${c.row}: ${c.message}`) : [text(e)];
}
