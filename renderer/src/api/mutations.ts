import type { FormInstance } from 'antd';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useErrorHandler } from '../ui/hooks';
import type { Result } from '../../../electron/contract';
import type { UploadState } from '../ui/upload';
import { api, unwrap, type InputOf, type MethodName, type OutputOf } from './client';
import type { UploadedFile } from './uploads';

/**
 * What a screen adds to a save: how its errors are told. Without `onError` the app's error handler tells it
 * (useErrorHandler: the error's text in a message, CONFLICT as "reload"); a form passes its own (mark the fields,
 * open the conflict view on CONFLICT, a module's own texts …).
 */
export interface MutationHandlers {
  onError?: (e: unknown) => void | Promise<void>;
}

/** The queries a save makes stale, refetched before the save counts as done (as the hand-written saves did). */
export type Invalidate = (qc: QueryClient) => Promise<unknown>;

/** The same, told what was sent and what came back (a dry run or a cancelled upload refreshes nothing). */
export type InvalidateAfter<TVars, TData> = (qc: QueryClient, vars: TVars, data: TData) => Promise<unknown>;

/**
 * The one shape of a save (after Actual's `payees/mutations.ts`): a TanStack mutation that refreshes the module's
 * queries on success and tells the error on failure. `isPending` is the busy state; `run(vars)` never throws: it
 * resolves to `{ data }` once the save and the refresh are done, or to null after the error was told.
 */
export function useApiMutation<TVars, TData>(
  opts: { mutationFn: (vars: TVars) => Promise<TData>; invalidate?: InvalidateAfter<TVars, TData> } & MutationHandlers,
) {
  const qc = useQueryClient();
  const tell = useErrorHandler();
  const mutation = useMutation<TData, unknown, TVars>({
    mutationFn: opts.mutationFn,
    onSuccess: async (data, vars) => {
      await opts.invalidate?.(qc, vars, data);
    },
    onError: async (e) => {
      if (opts.onError) await opts.onError(e);
      else tell(e);
    },
  });
  const { mutateAsync } = mutation;
  const run = useCallback(
    async (vars: TVars): Promise<{ data: TData } | null> => {
      try {
        return { data: await mutateAsync(vars) };
      } catch {
        return null; // told by onError
      }
    },
    [mutateAsync],
  );
  return { ...mutation, run };
}

/** A save that is one API method: `useMethodMutation('risks.save', invalidateRisks, handlers)`. */
export function useMethodMutation<K extends MethodName>(method: K, invalidate?: Invalidate, handlers: MutationHandlers = {}) {
  return useApiMutation<InputOf<K>, OutputOf<K>>({ mutationFn: (input) => api.get(method, input), invalidate, ...handlers });
}

/** A form's conflict view (useSaveConflict): true when it took the error (a CONFLICT it opened the comparison for). */
export interface ConflictHandler {
  handle: (e: unknown) => Promise<boolean>;
}

/**
 * How an edit form tells a failed save: the conflict view first (when the form has one), then the app's handler
 * with the form: each issue on its field, CONFLICT as "reload" (then `onConflict`, usually closing the form).
 */
export function useFormErrors(form: FormInstance, fields?: string[], opts: { conflict?: ConflictHandler; onConflict?: () => void } = {}): MutationHandlers {
  const tell = useErrorHandler();
  const rest = (e: unknown) => tell(e, { form, fields, onConflict: opts.onConflict });
  return opts.conflict ? conflictFirst(opts.conflict, rest) : { onError: rest };
}

/** Errors told by `other`, except a CONFLICT the form's conflict view takes. */
export const conflictFirst = (conflict: ConflictHandler, other: (e: unknown) => void | Promise<void>): MutationHandlers => ({
  onError: async (e) => {
    if (await conflict.handle(e)) return;
    await other(e);
  },
});

/**
 * An import of an uploaded file, checked (dry run) or for real: the upload with its progress and cancel, then
 * `send`; resolves to null when the user cancelled the upload. Only a real import drops the upload and refreshes.
 */
export function useImportMutation<T>(
  upload: Pick<UploadState, 'withFile' | 'discard'>,
  send: (f: UploadedFile, dryRun: boolean) => Promise<Result<T>>,
  invalidate: Invalidate,
  handlers: MutationHandlers = {},
) {
  return useApiMutation<{ file: File; dryRun: boolean }, T | null>({
    mutationFn: async ({ file, dryRun }) => {
      const r = await upload.withFile(file, (f) => send(f, dryRun));
      if (!r) return null;
      const value = unwrap(r);
      if (!dryRun) upload.discard();
      return value;
    },
    invalidate: (qc, { dryRun }, value) => (dryRun || value === null ? Promise.resolve() : invalidate(qc)),
    ...handlers,
  });
}
