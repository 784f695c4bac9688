import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';

/** A success message with "Anulează" (undo) that runs `undo` (a restore call) — for soft deletes. */
export function useUndoMessage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  return useCallback(
    (text: string, undo: () => Promise<void>) => {
      const key = `undo-${Date.now()}`;
      void message.success({
        key,
        duration: 10,
        content: (
          <span data-testid="undo-message">
            {text}{' '}
            <Button
              type="link"
              size="small"
              data-testid="undo"
              onClick={async () => {
                message.destroy(key);
                await undo();
              }}
            >
              {t('common.undo')}
            </Button>
          </span>
        ),
      });
    },
    [t, message],
  );
}

/**
 * A soft delete with "Anulează": `del`, then the module's queries refreshed and `then.deleted`, then the undo
 * message whose button runs `restore`, refreshes again and `then.restored`. An error at either step goes to `onError`.
 */
export function useDeleteWithUndo(invalidate: (qc: QueryClient) => Promise<unknown>, onError: (e: unknown) => void) {
  const qc = useQueryClient();
  const undo = useUndoMessage();
  return async (text: string, del: () => Promise<unknown>, restore: () => Promise<unknown>, then: { deleted?: () => void; restored?: () => void } = {}) => {
    try {
      await del();
      await invalidate(qc);
      then.deleted?.();
      undo(text, async () => {
        try {
          await restore();
          await invalidate(qc);
          then.restored?.();
        } catch (e) {
          onError(e);
        }
      });
    } catch (e) {
      onError(e);
    }
  };
}
