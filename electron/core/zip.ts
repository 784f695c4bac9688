import fs from 'node:fs';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../contract';

/**
 * Zip containers (.xlsx is one) read through their central directory, never by inflating them:
 *
 * - {@link checkZip} refuses, before a single byte is inflated, a file whose central directory declares too
 *   many entries, too much uncompressed data in total, or an entry that inflates suspiciously more than it
 *   weighs (a zip bomb: 1 MB that becomes 1 GB). Every workbook read by an import goes through it.
 * - {@link reorderZip} rewrites a zip with its entries in another order by copying each entry's compressed
 *   bytes as they are (nothing is inflated), so a streaming reader can take parts in the order it needs; a
 *   writer may also rewrite a few small parts on the way (the exports add to xl/workbook.xml what ExcelJS
 *   cannot write).
 *
 * Only what .xlsx files use is supported: no zip64, no multi-disk archives, no encryption.
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
  /** The entry's central-directory record, as found in the file (rewritten with a new offset on reorder). */
  central: Buffer;
}

export interface ZipLimits {
  /** Most entries (parts) a file may hold. */
  maxEntries: number;
  /** Most bytes all entries may inflate to, together. */
  maxTotalBytes: number;
  /** Highest inflated/compressed ratio of an entry above {@link ratioFloorBytes} (deflate reaches ~1,000 on repeated bytes). */
  maxRatio: number;
  /** Entries inflating to less than this are not held to the ratio (tiny parts compress very well). */
  ratioFloorBytes: number;
}

/** Generous for real registries (an 80,000-row export is ~60 MB of XML, ratio 10–30), hopeless for a bomb. */
export const ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 1024 * 1024 * 1024, maxRatio: 200, ratioFloorBytes: 1024 * 1024 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const mb = (n: number) => `${(n / 1024 / 1024).toLocaleString('ro-RO', { maximumFractionDigits: 0 })} MB`;

function zipRefused(reason: string, message: string): AppError {
  return new AppError('VALIDATION', message, { issues: [{ field: 'file', reason, message }] });
}

const notZip = () => zipRefused('not_xlsx', 'fișierul nu este un registru Excel (.xlsx) care poate fi citit: arhiva lui este deteriorată');

/** The entries listed in the central directory. Throws VALIDATION for a file that is not a readable zip. */
export function listZip(file: string): ZipEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    fs.readSync(fd, tail, 0, tailLen, size - tailLen);
    let at = -1;
    for (let i = tailLen - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    if (at < 0) throw notZip();
    const count = tail.readUInt16LE(at + 10);
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || cdOffset === 0xffffffff)
      throw zipRefused('zip64', 'fișierul este o arhivă zip64 (peste 4 GB sau peste 65.535 de părți), prea mare pentru un import');
    if (cdOffset + cdSize > size) throw notZip();
    const cd = Buffer.alloc(cdSize);
    fs.readSync(fd, cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw notZip();
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const len = 46 + nameLen + extraLen + commentLen;
      if (p + len > cd.length) throw notZip();
      entries.push({
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        crc: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24),
        offset: cd.readUInt32LE(p + 42),
        name: cd.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
        central: Buffer.from(cd.subarray(p, p + len)),
      });
      p += len;
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Refuses a zip whose central directory promises more than the limits allow — in microseconds, before anything
 * is inflated. Returns the entries (in file order) for the caller's use.
 */
export function checkZip(file: string, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  const entries = listZip(file);
  if (entries.length > limits.maxEntries)
    throw zipRefused(
      'zip_entries',
      `fișierul are ${entries.length.toLocaleString('ro-RO')} de părți interne (cel mult ${limits.maxEntries.toLocaleString('ro-RO')}); nu este un registru obișnuit, nu a fost citit`,
    );
  let total = 0;
  for (const e of entries) {
    if (e.flags & 1) throw zipRefused('zip_encrypted', 'fișierul este protejat cu parolă; salvați-l fără parolă și importați din nou');
    if (e.uncompressedSize === 0xffffffff || e.compressedSize === 0xffffffff)
      throw zipRefused('zip64', 'fișierul este o arhivă zip64 (peste 4 GB), prea mare pentru un import');
    total += e.uncompressedSize;
    if (e.uncompressedSize >= limits.ratioFloorBytes && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize))
      throw zipRefused(
        'zip_bomb',
        `fișierul pare o „bombă zip”: partea ${e.name} are ${mb(e.compressedSize)} comprimați, dar s-ar extinde la ${mb(e.uncompressedSize)} (de peste ${limits.maxRatio} de ori); nu a fost citit și nu s-a scris nimic`,
      );
  }
  if (total > limits.maxTotalBytes)
    throw zipRefused(
      'zip_too_large',
      `fișierul s-ar extinde la ${mb(total)} de date (cel mult ${mb(limits.maxTotalBytes)}); împărțiți-l în fișiere mai mici; nu s-a scris nimic`,
    );
  return entries;
}

/**
 * Copies `src` to `dest` with its entries in the order `rank` gives (lower first, file order kept among
 * equals), moving each entry's local header, compressed data and data descriptor as raw bytes.
 */
/** Rewrites the inflated content of the named entries (small parts such as xl/workbook.xml) while a zip is copied. */
export type ZipEdits = Record<string, (data: Buffer) => Buffer>;

/** Most bytes an edited part may inflate to (edits are for small XML parts, never for sheets). */
const MAX_EDITED_BYTES = 16 * 1024 * 1024;

/** The inflated content of one entry (stored or deflated). */
export function readZipEntry(fd: number, e: ZipEntry): Buffer {
  if (e.uncompressedSize > MAX_EDITED_BYTES) throw zipRefused('zip_too_large', `partea ${e.name} este prea mare (${mb(e.uncompressedSize)})`);
  const head = Buffer.alloc(30);
  fs.readSync(fd, head, 0, 30, e.offset);
  if (head.readUInt32LE(0) !== LOCAL) throw notZip();
  const start = e.offset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  const raw = Buffer.alloc(e.compressedSize);
  if (e.compressedSize && fs.readSync(fd, raw, 0, e.compressedSize, start) !== e.compressedSize) throw notZip();
  if (e.method === 0) return raw;
  if (e.method !== 8) throw notZip();
  return zlib.inflateRawSync(raw, { maxOutputLength: MAX_EDITED_BYTES });
}

/** A local header and deflated data for `data` under `name`, and its central record (offset filled by the caller). */
function freshEntry(e: ZipEntry, data: Buffer): { local: Buffer; central: Buffer } {
  const body = zlib.deflateRawSync(data);
  const name = Buffer.from(e.name, 'utf8');
  const crc = zlib.crc32(data) >>> 0;
  const flags = (e.flags & ~0x8) | 0x800; // no data descriptor; UTF-8 name
  const local = Buffer.alloc(30 + name.length);
  local.writeUInt32LE(LOCAL, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(e.central.readUInt32LE(12), 10); // DOS time and date as they were
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  name.copy(local, 30);
  const central = Buffer.alloc(46 + name.length);
  e.central.copy(central, 0, 0, 46);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt16LE(0, 30); // no extra field
  central.writeUInt16LE(0, 32); // no comment
  name.copy(central, 46);
  return { local: Buffer.concat([local, body]), central };
}

export function reorderZip(src: string, dest: string, rank: (name: string) => number, entries: ZipEntry[] = listZip(src), edits: ZipEdits = {}): void {
  const size = fs.statSync(src).size;
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  const cdStart = (() => {
    // The central directory begins where the last entry's bytes end; read it from the end record.
    const fd = fs.openSync(src, 'r');
    try {
      const tailLen = Math.min(size, 22 + 0xffff);
      const tail = Buffer.alloc(tailLen);
      fs.readSync(fd, tail, 0, tailLen, size - tailLen);
      for (let i = tailLen - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) return tail.readUInt32LE(i + 16);
      throw notZip();
    } finally {
      fs.closeSync(fd);
    }
  })();
  const span = new Map<ZipEntry, [number, number]>();
  byOffset.forEach((e, i) => span.set(e, [e.offset, i + 1 < byOffset.length ? byOffset[i + 1].offset : cdStart]));
  const order = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e.name) - rank(b.e.name) || a.i - b.i)
    .map((x) => x.e);

  const inFd = fs.openSync(src, 'r');
  const outFd = fs.openSync(dest, 'w');
  try {
    let pos = 0;
    const central: Buffer[] = [];
    const chunk = Buffer.alloc(1024 * 1024);
    for (const e of order) {
      const edit = edits[e.name];
      if (edit) {
        const fresh = freshEntry(e, edit(readZipEntry(inFd, e)));
        fresh.central.writeUInt32LE(pos, 42);
        central.push(fresh.central);
        fs.writeSync(outFd, fresh.local);
        pos += fresh.local.length;
        continue;
      }
      const [from, to] = span.get(e)!;
      const head = Buffer.alloc(4);
      fs.readSync(inFd, head, 0, 4, from);
      if (head.readUInt32LE(0) !== LOCAL) throw notZip();
      const c = Buffer.from(e.central);
      c.writeUInt32LE(pos, 42);
      central.push(c);
      for (let at = from; at < to;) {
        const n = fs.readSync(inFd, chunk, 0, Math.min(chunk.length, to - at), at);
        if (n <= 0) throw notZip();
        fs.writeSync(outFd, chunk, 0, n);
        at += n;
        pos += n;
      }
    }
    const cd = Buffer.concat(central);
    fs.writeSync(outFd, cd);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(EOCD, 0);
    end.writeUInt16LE(order.length, 8);
    end.writeUInt16LE(order.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(pos, 16);
    fs.writeSync(outFd, end);
  } finally {
    fs.closeSync(inFd);
    fs.closeSync(outFd);
  }
}

/** The order ExcelJS's streaming reader needs: the package and workbook parts, styles and strings, then the sheets. */
export function xlsxPartRank(name: string): number {
  const front = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];
  const i = front.indexOf(name);
  if (i >= 0) return i;
  if (name.startsWith('xl/worksheets/')) return 100;
  return 50;
}

/** True when every front part present in the file comes before the first sheet. */
export function xlsxInReadableOrder(entries: ZipEntry[]): boolean {
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  const firstSheet = byOffset.findIndex((e) => e.name.startsWith('xl/worksheets/'));
  if (firstSheet < 0) return true;
  return byOffset.every((e, i) => !(xlsxPartRank(e.name) < 10 && i > firstSheet));
}

/**
 * The inflated bytes of one entry as a stream (content.xml of an .ods can be tens of MB: never held whole). The
 * stream fails if the entry inflates to more than its directory record declared (a lying zip bomb).
 */
export function zipEntryStream(file: string, e: ZipEntry): Readable {
  const fd = fs.openSync(file, 'r');
  let start: number;
  try {
    const head = Buffer.alloc(30);
    fs.readSync(fd, head, 0, 30, e.offset);
    if (head.readUInt32LE(0) !== LOCAL) throw notZip();
    start = e.offset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  } finally {
    fs.closeSync(fd);
  }
  if (e.method !== 0 && e.method !== 8) throw notZip();
  const raw = fs.createReadStream(file, { start, end: Math.max(start, start + e.compressedSize - 1) });
  if (e.method === 0) return raw;
  let seen = 0;
  const inflate = zlib.createInflateRaw();
  inflate.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > e.uncompressedSize)
      inflate.destroy(
        zipRefused('zip_bomb', `partea ${e.name} se extinde peste dimensiunea declarată; fișierul este deteriorat sau o „bombă zip”; nu a fost citit`),
      );
  });
  raw.on('error', (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}
