import { App as AntApp, Tag, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicationStatus } from '../../../../electron/contract';
import { toErrorData } from '../../api/errors';
import { useErrorHandler } from '../../ui/hooks';

const STATUS_COLOR: Record<PublicationStatus, string> = { identified: 'default', in_preparation: 'blue', ready: 'gold', published: 'green', not_publishable: 'red' };

export function StatusTag({ status }: { status: PublicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="dataset-status">
      {t(`datasets.status.${status}`)}
    </Tag>
  );
}

/** The server's reasons why a dataset is not ready, in the UI language. */
export function blockerTexts(t: (k: string) => string, message: string): string[] {
  const out: string[] = [];
  if (/no file has been imported/.test(message)) out.push(t('datasets.errors.blockers.noImport'));
  if (/could not be read/.test(message)) out.push(t('datasets.errors.blockers.unreadable'));
  if (/validation error/.test(message)) out.push(t('datasets.errors.blockers.errors'));
  if (/personal-data flag/.test(message)) out.push(t('datasets.errors.blockers.flags'));
  if (/changed since the last validation/.test(message)) out.push(t('datasets.errors.blockers.stale'));
  return out;
}

/** Errors of this module: its own reasons first (not ready, duplicate name, a bad step), then the shared handler. */
export function useDatasetErrors() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  return (e: unknown, form?: FormInstance, fields?: string[]) => {
    const d = toErrorData(e);
    const issue = d.code === 'VALIDATION' ? d.details?.issues?.[0] : undefined;
    if (issue?.reason === 'not_ready') {
      void message.error(<span data-testid="not-ready-error">{`${t('datasets.errors.not_ready')} ${blockerTexts(t, issue.message).join('; ')}`}</span>);
      return;
    }
    if (issue?.reason === 'duplicate' && form) {
      form.setFields([{ name: issue.field, errors: [t('datasets.errors.duplicate')] }]);
      return;
    }
    if (issue?.reason === 'step') {
      void message.error(`${t('datasets.errors.step')} ${issue.message}`);
      return;
    }
    onError(e, { form, fields });
  };
}
