import { App as AntApp, Tag, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicationStatus } from '../../../../electron/contract';
import { toErrorData } from '../../api/errors';
import { datasetMessage, type MessageRef } from '../../../../electron/contract/datasets-messages';
import { useErrorHandler, useLang } from '../../ui/hooks';

const STATUS_COLOR: Record<PublicationStatus, string> = {
  identified: 'default',
  in_preparation: 'blue',
  ready: 'gold',
  published: 'green',
  not_publishable: 'red',
};

export function StatusTag({ status }: { status: PublicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="dataset-status">
      {t(`datasets.status.${status}`)}
    </Tag>
  );
}

/** The catalogue text a datasets error carries (`details.ref`, contract/datasets-messages.ts), if any. */
export function refOf(d: { details?: Record<string, unknown> }): MessageRef | null {
  const ref = d.details?.ref as MessageRef | undefined;
  return ref && typeof ref.key === 'string' ? ref : null;
}

/**
 * Errors of this module: the server names its reason as a catalogue key with parameters (not ready and why, a
 * duplicate name, a bad step, an unreadable file …), shown in the UI language; anything else goes to the shared handler.
 */
export function useDatasetErrors() {
  const lang = useLang();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  return (e: unknown, form?: FormInstance, fields?: string[]) => {
    const d = toErrorData(e);
    const issue = d.code === 'VALIDATION' ? d.details?.issues?.[0] : undefined;
    const ref = d.code === 'VALIDATION' ? refOf(d) : null;
    if (!ref) return onError(e, { form, fields });
    const text = datasetMessage(lang, ref.key, ref.params, issue?.message ?? d.message);
    if (issue?.reason === 'not_ready') {
      void message.error(<span data-testid="not-ready-error">{text}</span>);
      return;
    }
    if (issue && form && fields?.includes(issue.field)) {
      form.setFields([{ name: issue.field, errors: [text] }]);
      return;
    }
    if (issue?.reason === 'duplicate' && form) {
      form.setFields([{ name: issue.field, errors: [text] }]);
      return;
    }
    void message.error(<span data-testid="dataset-error">{text}</span>);
  };
}
