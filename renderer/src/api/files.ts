import type { Delivery } from '../../../electron/contract';
import { api } from './client';
import { transport } from './transport';

/**
 * Hands a produced file or an attachment to the user. Browser mode: the server gives a same-origin
 * path, which we download through an <a download> with the token appended. Electron: core shows a save
 * dialog and tells where the file went (null when cancelled).
 */
export async function deliverFile(kind: 'export' | 'attachment', id: string): Promise<Delivery> {
  const d = await api.get('files.deliver', { kind, id });
  if (d.downloadPath) {
    const a = document.createElement('a');
    a.href = transport().downloadUrl(d.downloadPath);
    a.download = '';
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  return d;
}

/** Reads a File as base64 (without the data: prefix) for evidence uploads. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const s = String(r.result ?? '');
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}
