import { api } from '../../api/client';
import { useImportMutation, useMethodMutation, type MutationHandlers } from '../../api/mutations';
import type { UploadState } from '../../ui/upload';
import { invalidateStakeholders } from './queries';

export const useSaveStakeholder = (h?: MutationHandlers) => useMethodMutation('stakeholders.save', invalidateStakeholders, h);

/** The register's Excel import (checked, or for real): the upload, then the import; only a real import refreshes. */
export const useImportStakeholders = (upload: Pick<UploadState, 'withFile' | 'discard'>, h?: MutationHandlers) =>
  useImportMutation(upload, (f, dryRun) => api.call('stakeholders.importExcel', { ...f, dryRun }), invalidateStakeholders, h);
