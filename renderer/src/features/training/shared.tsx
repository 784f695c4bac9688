import { App as AntApp, Tag, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EmploymentCategory, FieldIssue } from '../../../../electron/contract';
import { errorText, fieldPath, issueText, toErrorData } from '../../api/errors';
import { useErrorHandler } from '../../ui/hooks';

/** Sorter for antd columns: nulls last, strings by the Romanian collation. */
export const cmp = (a: string | number | null | undefined, b: string | number | null | undefined) => {
  if (a == null || a === '') return b == null || b === '' ? 0 : 1;
  if (b == null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'ro');
};

/** A server message (English, from core) in the UI language; the message itself when it is not one we know. */
export function reasonText(t: TFunction, message: string, reason?: string): string {
  if (/CNP/.test(message)) return t('training.reason.cnp');
  if (/expected a number/.test(message)) return t('training.reason.number');
  if (/expected da/.test(message)) return t('training.reason.daNu');
  if (/^required$/.test(message)) return t('training.reason.required');
  if (/not an e-mail/.test(message)) return t('training.reason.email');
  if (/must not be negative/.test(message)) return t('training.reason.negative');
  if (/expected one of/.test(message)) return t('training.reason.category');
  const col = /missing column "(.+)"/.exec(message);
  if (col) return t('training.reason.missingColumn', { column: col[1] });
  const twice = /already on row (\d+)/.exec(message);
  if (twice) return t('training.reason.twice', { row: twice[1] });
  if (reason === 'not_xlsx' || reason === 'unreadable') return t('training.reason.notXlsx');
  if (reason === 'empty') return t('training.reason.empty');
  if (reason && ['has_sessions', 'duplicate', 'deleted'].includes(reason)) return t(`training.reason.${reason}`);
  return message;
}

export interface BadCell {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

/** The bad cells of an import error (VALIDATION with `details.cells`), or null for any other error. */
export const badCells = (e: unknown): BadCell[] | null => {
  const d = toErrorData(e);
  const cells = d.details?.cells as BadCell[] | undefined;
  return d.code === 'VALIDATION' && cells?.length ? cells : null;
};

/** An import failure as lines to show: each bad cell, or the error in words. */
export function importErrorLines(t: TFunction, e: unknown): string[] {
  const cells = badCells(e);
  if (cells)
    return cells.map((c) => `${c.sheet ? `${c.sheet}: ` : ''}${t('training.import.cell', { column: c.column, row: c.row })} — ${reasonText(t, c.message)}`);
  const d = toErrorData(e);
  const issues = d.code === 'VALIDATION' ? (d.details?.issues ?? []) : [];
  if (issues.length) return issues.map((i) => reasonText(t, i.message, i.reason));
  return [errorText(t, e)];
}

/** A field issue in words: the training reasons first, then the shared ones. */
export const trainingIssueText = (t: TFunction, i: FieldIssue) => {
  const own = reasonText(t, i.message, i.reason);
  return own !== i.message ? own : issueText(t, i);
};

/** Marks the form's fields with their issues; anything else goes to the shared handler (conflicts, network…). */
export function useTrainingErrors() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  return (e: unknown, form?: FormInstance, fields: string[] = [], onConflict?: () => void) => {
    const d = toErrorData(e);
    const issues = d.code === 'VALIDATION' ? (d.details?.issues ?? []) : [];
    const top = (i: FieldIssue) => String(fieldPath(i.field)[0]);
    const mine = issues.filter((i) => fields.includes(top(i)));
    if (form && mine.length && mine.length === issues.length) {
      const by = new Map<string, string[]>();
      for (const i of mine) by.set(top(i), [...(by.get(top(i)) ?? []), trainingIssueText(t, i)]);
      form.setFields([...by].map(([name, errors]) => ({ name, errors })));
      void message.error(t('errors.checkFields'));
      return;
    }
    if (issues.length) {
      void message.error(issues.map((i) => trainingIssueText(t, i)).join(' '));
      return;
    }
    onError(e, { onConflict });
  };
}

const CATEGORY_COLOR: Record<EmploymentCategory, string> = {
  civil_servant: 'blue',
  contract_staff: 'cyan',
  elected_official: 'purple',
  citizen: 'green',
  other: 'default',
};

export function CategoryTag({ category }: { category: EmploymentCategory }) {
  const { t } = useTranslation();
  return <Tag color={CATEGORY_COLOR[category]}>{t(`training.category.${category}`)}</Tag>;
}

export function YesNo({ value, testId }: { value: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={value ? 'green' : 'default'} data-testid={testId}>
      {value ? t('training.yes') : t('training.no')}
    </Tag>
  );
}
