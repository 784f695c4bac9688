import { App as AntApp, InputNumber, Tag, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus, CallStatus, FieldIssue } from '../../../../electron/contract';
import { issueText } from '../../api/errors';
import { toErrorData } from '../../api/errors';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { fieldPath } from '../../api/errors';

/** Tag colours along the pipeline. */
export const STATUS_COLOR: Record<ApplicationStatus, string> = {
  idea: 'default',
  submitted: 'blue',
  under_evaluation: 'geekblue',
  approved: 'green',
  rejected: 'red',
  contracted: 'cyan',
  in_implementation: 'purple',
  closed: 'default',
};
export const CALL_STATUS_COLOR: Record<CallStatus, string> = { planned: 'default', open: 'green', closed: 'orange', cancelled: 'red' };

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="application-status" data-status={status}>
      {t(`funding.status.${status}`)}
    </Tag>
  );
}

export function CallStatusTag({ status }: { status: CallStatus }) {
  const { t } = useTranslation();
  return <Tag color={CALL_STATUS_COLOR[status]}>{t(`funding.callStatus.${status}`)}</Tag>;
}

/** A field issue in words: the funding module's own reasons first, then the shared ones. */
export function fundingIssueText(t: TFunction, i: FieldIssue): string {
  return t(`funding.reason.${i.reason}`, { defaultValue: '' }) || issueText(t, i);
}

/** Marks the form's fields with the funding texts; other errors go to the shared handler. */
export function useFundingErrors() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  return (e: unknown, form: FormInstance, fields: string[], onConflict?: () => void) => {
    const d = toErrorData(e);
    const issues = d.code === 'VALIDATION' ? (d.details?.issues ?? []) : [];
    const mine = issues.filter((i) => fields.includes(String(fieldPath(i.field)[0])));
    if (mine.length && mine.length === issues.length) {
      const by = new Map<string, string[]>();
      for (const i of mine) by.set(String(fieldPath(i.field)[0]), [...(by.get(String(fieldPath(i.field)[0])) ?? []), fundingIssueText(t, i)]);
      form.setFields([...by].map(([name, errors]) => ({ name, errors })));
      void message.error(t('errors.checkFields'));
      return;
    }
    if (issues.length) {
      void message.error(issues.map((i) => fundingIssueText(t, i)).join(' '));
      return;
    }
    onError(e, { onConflict });
  };
}

/** Lei typed the Romanian way (1.234,56) in a number input; the value stays in lei and is turned into bani on save. */
export function LeiInput(props: { id?: string; value?: number | null; onChange?: (v: number | null) => void; testId?: string; disabled?: boolean }) {
  const lang = useLang();
  return (
    <InputNumber<number>
      id={props.id}
      min={0}
      precision={2}
      step={1000}
      decimalSeparator={lang === 'ro' ? ',' : '.'}
      formatter={(v, info) =>
        info.userTyping
          ? info.input
          : v == null || v === ('' as never)
            ? ''
            : new Intl.NumberFormat(lang === 'ro' ? 'ro-RO' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(v))
      }
      parser={(s) => {
        const raw = (s ?? '').replace(/\s|lei/g, '');
        const n = lang === 'ro' ? raw.replace(/\./g, '').replace(',', '.') : raw.replace(/,/g, '');
        return n === '' ? (null as never) : Number(n);
      }}
      style={{ width: '100%' }}
      value={props.value ?? null}
      onChange={(v) => props.onChange?.(v ?? null)}
      disabled={props.disabled}
      data-testid={props.testId}
      addonAfter="lei"
    />
  );
}

export { toBani, toLei } from '../../ui/money';
