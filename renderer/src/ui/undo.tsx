import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallback } from 'react';

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
