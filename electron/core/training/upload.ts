import fs from 'node:fs';
import path from 'node:path';
import { newId } from '../util';

/** An uploaded workbook decoded to a temp file in the data folder, deleted when `fn` ends. */
export async function withUploadedFile<T>(dataDir: string, contentBase64: string, fn: (file: string, bytes: Buffer) => Promise<T>): Promise<T> {
  const bytes = Buffer.from(contentBase64, 'base64');
  const dir = path.join(dataDir, 'tmp');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${newId()}.upload`);
  fs.writeFileSync(file, bytes);
  try {
    return await fn(file, bytes);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * ExcelJS's streaming reader defers every worksheet of a package that has no shared-strings part or lists the
 * workbook part after the sheets (what a streaming writer, ours included, produces) and then fails at random
 * ("reading 'model'"). Re-packs such a file with the workbook, its relations, styles and an empty
 * shared-strings part first, so readSheet parses the sheets as they come.
 */
export async function repackForStreamingRead(file: string): Promise<void> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const names = Object.keys(zip.files);
  const firstSheet = names.findIndex((n) => n.startsWith('xl/worksheets/'));
  if (zip.file('xl/sharedStrings.xml') && names.indexOf('xl/workbook.xml') < firstSheet) return;
  const out = new JSZip();
  const front = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml'];
  for (const n of front) if (zip.file(n)) out.file(n, await zip.file(n)!.async('uint8array'));
  out.file('xl/sharedStrings.xml', zip.file('xl/sharedStrings.xml') ? await zip.file('xl/sharedStrings.xml')!.async('uint8array') : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');
  for (const n of names) if (!front.includes(n) && n !== 'xl/sharedStrings.xml' && !zip.files[n].dir) out.file(n, await zip.file(n)!.async('uint8array'));
  fs.writeFileSync(file, await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}
