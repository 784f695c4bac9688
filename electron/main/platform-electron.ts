/** Core's PlatformPort under Electron: files are handed to the user through a native save dialog. */
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { Delivery } from '../contract';
import type { PlatformPort } from '../core/platform';
import { safeFileName } from './paths';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.xlsx': { name: 'Registru Excel', extensions: ['xlsx'] },
  '.csv': { name: 'CSV', extensions: ['csv'] },
  '.pdf': { name: 'PDF', extensions: ['pdf'] },
  '.json': { name: 'JSON', extensions: ['json'] },
  '.zip': { name: 'Arhivă ZIP', extensions: ['zip'] },
};

function defaultDir(): string {
  try {
    return app.getPath('downloads');
  } catch {
    return app.getPath('home');
  }
}

export function createElectronPlatform(getWindow: () => BrowserWindow | null): PlatformPort {
  return {
    mode: 'electron',
    async deliverFile(file): Promise<Delivery> {
      const name = safeFileName(file.suggestedName);
      const filter = FILTERS[path.extname(name).toLowerCase()];
      const options: SaveDialogOptions = {
        title: 'Salvează fișierul',
        buttonLabel: 'Salvează',
        defaultPath: path.join(defaultDir(), name),
        filters: [...(filter ? [filter] : []), { name: 'Toate fișierele', extensions: ['*'] }],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const win = getWindow();
      const result = win && !win.isDestroyed() ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return { savedTo: null };
      await copyFile(file.path, result.filePath);
      return { savedTo: result.filePath };
    },
  };
}
