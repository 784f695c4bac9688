/** Core's PlatformPort under Electron: files are handed to the user through a native save dialog. */
import { app, dialog, safeStorage, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { createWriteStream } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import type { Delivery } from '../contract';
import type { PlatformPort } from '../core/platform';
import { SecretUnavailableError, type SecretBox } from '../core/secrets';
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

/**
 * Secrets sealed by the OS (DPAPI on Windows, the keychain / libsecret on Linux) through safeStorage. Only
 * when a real OS store is there: Linux's 'basic_text' fallback is no protection, so then core uses its key
 * file outside the data folder instead (core/secrets.ts).
 */
function safeStorageBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    scheme: 'ss1',
    seal: (plain) => `ss1:${safeStorage.encryptString(plain).toString('base64')}`,
    open(sealed) {
      if (!sealed.startsWith('ss1:'))
        throw new SecretUnavailableError('this secret was sealed elsewhere (browser mode or the CLI); enter the password again here');
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(4), 'base64'));
      } catch {
        throw new SecretUnavailableError('the stored password cannot be opened by this user account; enter it again');
      }
    },
  };
}

/** Called after app.whenReady() (safeStorage needs it). */
export function createElectronPlatform(getWindow: () => BrowserWindow | null): PlatformPort {
  return {
    mode: 'electron',
    secretBox: safeStorageBox(),
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
      if (file.path) await copyFile(file.path, result.filePath);
      else await pipeline(file.open(), createWriteStream(result.filePath)); // evidence kept in the database
      return { savedTo: result.filePath };
    },
  };
}
