import type { FormInstance } from 'antd';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type MethodName } from '../../api/client';
import { conflictFirst, useImportMutation, useMethodMutation, type ConflictHandler, type MutationHandlers } from '../../api/mutations';
import type { UploadState } from '../../ui/upload';
import { markServerError } from '../../ui/forms';
import { invalidateRisks } from './queries';
import { riskErrorText } from './shared';

/** A risks save: the register, its overview and the plan (a risk above tolerance turns its action at risk) are refreshed after it. */
const useRisksMutation = <K extends MethodName>(method: K, handlers?: MutationHandlers) => useMethodMutation(method, invalidateRisks, handlers);

export const useSaveRisk = (h?: MutationHandlers) => useRisksMutation('risks.save', h);
export const useSaveMeasure = (h?: MutationHandlers) => useRisksMutation('risks.saveMeasure', h);
export const useAddReview = (h?: MutationHandlers) => useRisksMutation('risks.addReview', h);
export const useSaveAlert = (h?: MutationHandlers) => useRisksMutation('risks.saveAlert', h);
export const useDecideAlert = (h?: MutationHandlers) => useRisksMutation('risks.decideAlert', h);
export const useSaveRiskSettings = (h?: MutationHandlers) => useRisksMutation('risks.saveSettings', h);

/**
 * How a risks form tells a failed save: the conflict view first (CONFLICT), then each issue on its field, else the
 * error in a message in this module's words (riskErrorText) — or `other`, when the form tells the rest its own way.
 */
export function useRiskFormErrors(
  form: FormInstance,
  fields: string[],
  conflict?: ConflictHandler,
  other?: (e: unknown) => void | Promise<void>,
): MutationHandlers {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const rest = async (e: unknown) => {
    if (markServerError(form, t, e, fields)) return;
    if (other) await other(e);
    else void message.error(riskErrorText(t, e));
  };
  return conflict ? conflictFirst(conflict, rest) : { onError: rest };
}

/** The register's Excel import (checked, or for real): the upload, then the import; only a real import refreshes. */
export const useImportRisks = (upload: Pick<UploadState, 'withFile' | 'discard'>, h?: MutationHandlers) =>
  useImportMutation(upload, (f, dryRun) => api.call('risks.importExcel', { ...f, dryRun }), invalidateRisks, h);
