import fs from 'node:fs';
import path from 'node:path';
import { newId } from '../util';
import { writeFileAtomic } from '../faults';

/** An uploaded workbook decoded to a temp file in the data folder, deleted when `fn` ends. */
export async function withUploadedFile<T>(dataDir: string, contentBase64: string, fn: (file: string, bytes: Buffer) => Promise<T>): Promise<T> {
  const bytes = Buffer.from(contentBase64, 'base64');
  const dir = path.join(dataDir, 'tmp');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${newId()}.upload`);
  writeFileAtomic(file, bytes);
  try {
    return await fn(file, bytes);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
