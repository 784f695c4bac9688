import { App as AntApp, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCallback, useEffect, useState } from 'react';
import type { Lang } from './format';
import { errorText, toErrorData } from '../api/errors';
import { markServerError } from './forms';

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ro';
}

/**
 * Shows an API error in the UI language. VALIDATION marks the form's fields; CONFLICT explains that
 * someone else changed the record and reloads it (never silently overwrites).
 */
export function useErrorHandler() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const qc = useQueryClient();
  return useCallback(
    (e: unknown, opts: { form?: FormInstance; fields?: string[]; onConflict?: () => void } = {}) => {
      const d = toErrorData(e);
      if (d.code === 'VALIDATION' && opts.form && markServerError(opts.form, t, e, opts.fields)) {
        void message.error(t('errors.checkFields'));
        return;
      }
      if (d.code === 'CONFLICT') {
        modal.warning({
          title: t('errors.conflictTitle'),
          content: t('errors.CONFLICT'),
          okText: t('common.reload'),
          onOk: async () => {
            await qc.invalidateQueries();
            opts.onConflict?.();
          },
        });
        return;
      }
      void message.error(errorText(t, e));
    },
    [t, message, modal, qc],
  );
}

/** `value` once it has stopped changing for `ms` (typing in a search box that queries the server). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/**
 * The version of a record a form was opened on, fixed at mount: when a colleague's save refreshes the record
 * underneath an open form (live refresh, team mode), saving the form's older values gets CONFLICT instead of
 * silently overwriting theirs.
 */
export function useOpenedVersion(updatedAt: string | undefined): string | undefined {
  const [opened] = useState(updatedAt);
  return opened;
}
