import { App as AntApp, Alert, Button, Empty, Progress, Skeleton, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFigurePercent, type Attachment, type EvidenceUpload, type Rag } from '../../../electron/contract';
import { ragColor, ragTagStyle } from '../charts/rag';
import { errorText } from '../api/errors';
import { deliverFile, readAsBase64 } from '../api/files';
import { formatBytes } from './format';
import { useErrorHandler, useLang } from './hooks';

export function RagTag({ rag, testId }: { rag: Rag; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag data-testid={testId} data-rag={rag} style={{ ...ragTagStyle(rag), marginInlineEnd: 0 }}>
      {t(`rag.${rag}`)}
    </Tag>
  );
}

export function PageTitle({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="pla-page-title">
      <div>
        <h1>{title}</h1>
        {sub && <Typography.Text className="pla-muted">{sub}</Typography.Text>}
      </div>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}

/** Loading skeleton / error with retry, children once the data is there. */
export function Loadable<T>({
  query,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.isError || query.data === undefined)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(t, query.error)}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  return <>{children(query.data)}</>;
}

/** A plain bordered list (antd's List is deprecated in v6): one row per item, item content laid out by the caller. */
export function RowList<T>({
  items,
  render,
  rowKey,
  testId,
}: {
  items: T[];
  render: (item: T) => ReactNode;
  rowKey: (item: T) => string;
  testId?: (item: T) => string;
}) {
  return (
    <ul className="pla-rowlist">
      {items.map((i) => (
        <li key={rowKey(i)} data-testid={testId?.(i)}>
          {render(i)}
        </li>
      ))}
    </ul>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return <Empty description={t('errors.NOT_FOUND')} />;
}

/** Actual progress with the expected mark as a tooltip. */
export function ProgressCell({ value, expected, rag, testId }: { value: number; expected?: number; rag: Rag; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const bar = (
    <Progress
      percent={Math.max(0, Math.min(100, value))}
      size="small"
      strokeColor={ragColor(rag)}
      format={() => formatFigurePercent(value, lang)}
      data-testid={testId}
      aria-label={t('fields.progress')}
      style={{ minWidth: 120, marginBottom: 0 }}
    />
  );
  return expected == null ? bar : <Tooltip title={t('plan.expectedTooltip', { value: formatFigurePercent(expected, lang) })}>{bar}</Tooltip>;
}

/** Tables switch to antd's virtual rendering above this many rows (the audit log always is). */
export const VIRTUAL_FROM = 100;

export const MAX_EVIDENCE_FILES = 3;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/**
 * Evidence files for a progress update or a measurement: at most 3 × 10 MB (the OGP Local limit),
 * read in the browser and sent as base64 with the call.
 */
export function EvidencePicker({ value, onChange, testId }: { value?: UploadFile[]; onChange?: (files: UploadFile[]) => void; testId?: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const files = value ?? [];
  return (
    <Upload
      multiple
      fileList={files}
      beforeUpload={(file) => {
        if (file.size > MAX_EVIDENCE_BYTES) {
          void message.error(t('evidence.tooLarge', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        return false;
      }}
      onChange={({ fileList }) => {
        if (fileList.length > MAX_EVIDENCE_FILES) void message.warning(t('evidence.tooMany', { max: MAX_EVIDENCE_FILES }));
        onChange?.(fileList.slice(0, MAX_EVIDENCE_FILES));
      }}
    >
      <Button icon={<UploadOutlined />} disabled={files.length >= MAX_EVIDENCE_FILES} data-testid={testId}>
        {t('evidence.add')}
      </Button>
      <Typography.Text className="pla-muted" style={{ marginInlineStart: 8, fontSize: 12 }}>
        {t('evidence.limit')}
      </Typography.Text>
    </Upload>
  );
}

export async function toEvidence(files: UploadFile[] | undefined): Promise<EvidenceUpload[]> {
  const out: EvidenceUpload[] = [];
  for (const f of files ?? []) {
    const raw = f.originFileObj;
    if (!raw) continue;
    out.push({ fileName: f.name.replace(/[\\/\0]/g, '_'), mimeType: raw.type || undefined, contentBase64: await readAsBase64(raw) });
  }
  return out;
}

export function AttachmentLinks({ items }: { items: Attachment[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  if (!items.length) return null;
  return (
    <Space orientation="vertical" size={0}>
      {items.map((a) => (
        <Button
          key={a.id}
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          style={{ paddingInline: 0 }}
          onClick={async () => {
            try {
              const d = await deliverFile('attachment', a.id);
              if (d.savedTo) void message.success(t('files.savedTo', { path: d.savedTo }));
            } catch (e) {
              onError(e);
            }
          }}
        >
          {a.fileName} <span className="pla-muted">({formatBytes(a.size, lang)})</span>
        </Button>
      ))}
    </Space>
  );
}

/**
 * A table header's content that stays out of the keyboard's way in antd's hidden measuring row: antd copies every
 * column title into an aria-hidden row to measure it, so a "select all" checkbox there would be a second, invisible
 * tab stop (axe: aria-hidden-focus). Inside that row the copy is made inert; the visible header is untouched.
 * Use as `rowSelection={{ columnTitle: (origin) => <HeaderCell>{origin}</HeaderCell>, … }}`.
 */
export function HeaderCell({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (ref.current?.closest('.ant-table-measure-row')) ref.current.setAttribute('inert', '');
  });
  return <span ref={ref}>{children}</span>;
}

/**
 * An empty list that says what to do next and offers the button to do it ("Nicio campanie." + "Campanie nouă"), for
 * a table's `locale.emptyText` or a page's body; without an action (a reader's view) only the sentence shows.
 */
export function EmptyState({ text, hint, action, testId }: { text: string; hint?: string; action?: ReactNode; testId?: string }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <span>
          {text}
          {hint && (
            <>
              <br />
              {hint}
            </>
          )}
        </span>
      }
      data-testid={testId}
    >
      {action}
    </Empty>
  );
}

/**
 * A list with no rows, the one way every list says it: with nothing searched or filtered, the sentence, what to do
 * next and the button to do it (a reader without the button sees only the sentence); when a search or a filter hides
 * every row, only that — there is nothing to create for it.
 */
export function ListEmpty({ none, hint, action, filtered, testId }: { none: string; hint?: string; action?: ReactNode; filtered?: boolean; testId: string }) {
  const { t } = useTranslation();
  if (filtered) return <EmptyState text={t('common.noMatch')} testId={testId} />;
  return <EmptyState text={none} hint={action ? hint : undefined} action={action} testId={testId} />;
}

/** Why a control is disabled, written beside it (not only in a tooltip a keyboard or touch user never sees). */
export function DisabledReason({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Typography.Text type="secondary" className="pla-disabled-why" data-testid={testId}>
      {children}
    </Typography.Text>
  );
}
