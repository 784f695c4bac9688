import path from 'node:path';

/**
 * Which evidence files may go on the public site. The site is static: its host picks the Content-Type from
 * the extension and we cannot add `Content-Disposition: attachment`, so a file published as `.html` or `.svg`
 * would run its script on the city's own domain. Only types on this list are published, and only when the
 * content is what the name says (magic bytes); everything else is left out, with the reason, in the build's
 * summary.
 */

type Check = (b: Buffer) => boolean;

const startsWith = (b: Buffer, sig: number[] | string, at = 0) => {
  const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
  return b.length >= at + bytes.length && b.subarray(at, at + bytes.length).equals(bytes);
};
const ZIP: Check = (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]);
/** An OOXML package (docx, xlsx, pptx): a zip with [Content_Types].xml and its main part's folder. */
const ooxml =
  (folder: string): Check =>
  (b) =>
    ZIP(b) && b.includes('[Content_Types].xml', 0, 'latin1') && b.includes(folder, 0, 'latin1');
/** An OpenDocument package: a zip whose first entry is the stored `mimetype` naming the type. */
const odf =
  (mime: string): Check =>
  (b) =>
    ZIP(b) && b.subarray(0, 200).toString('latin1').includes(`mimetype${mime}`);

/** Markup a browser could render as a page, or text that is not text. */
const MARKUP = /<\s*(script|html|body|head|iframe|svg|object|embed|meta|img|a\s|!doctype|\?xml)/i;
const text: Check = (b) => {
  if (b.includes(0)) return false;
  const s = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 1024 * 1024));
  return !MARKUP.test(s);
};

export const PUBLISHABLE: Record<string, { label: string; check: Check }> = {
  '.pdf': { label: 'PDF', check: (b) => startsWith(b, '%PDF-') },
  '.png': { label: 'PNG', check: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  '.jpg': { label: 'JPEG', check: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  '.jpeg': { label: 'JPEG', check: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  '.gif': { label: 'GIF', check: (b) => startsWith(b, 'GIF87a') || startsWith(b, 'GIF89a') },
  '.webp': { label: 'WebP', check: (b) => startsWith(b, 'RIFF') && startsWith(b, 'WEBP', 8) },
  '.docx': { label: 'Word', check: ooxml('word/') },
  '.xlsx': { label: 'Excel', check: ooxml('xl/') },
  '.pptx': { label: 'PowerPoint', check: ooxml('ppt/') },
  '.odt': { label: 'OpenDocument text', check: odf('application/vnd.oasis.opendocument.text') },
  '.ods': { label: 'OpenDocument foaie de calcul', check: odf('application/vnd.oasis.opendocument.spreadsheet') },
  '.odp': { label: 'OpenDocument prezentare', check: odf('application/vnd.oasis.opendocument.presentation') },
  '.csv': { label: 'CSV', check: text },
  '.txt': { label: 'text', check: text },
};

export const PUBLISHABLE_LIST = 'PDF, imagini PNG/JPEG/GIF/WebP, documente Word/Excel/PowerPoint/OpenDocument, CSV, text (.txt)';

/** Null when `bytes` may be published under `fileName`; otherwise why not, in Romanian. */
export function evidenceRefusal(fileName: string, bytes: Buffer): string | null {
  const ext = path.extname(fileName).toLowerCase();
  if (['.html', '.htm', '.xhtml', '.shtml', '.mht', '.mhtml'].includes(ext)) return 'paginile HTML nu se publică: ar rula cod pe site-ul primăriei';
  if (ext === '.svg' || ext === '.svgz') return 'imaginile SVG nu se publică (pot conține cod); salvați imaginea ca PNG sau JPEG';
  const type = PUBLISHABLE[ext];
  if (!type) return `tipul fișierului (${ext || 'fără extensie'}) nu se publică; se publică doar: ${PUBLISHABLE_LIST}`;
  if (!type.check(bytes)) return `conținutul nu este ${type.label}, cum spune numele fișierului`;
  return null;
}
