/**
 * Character encodings of Romanian files: UTF-8 (with or without BOM), Windows-1250, ISO-8859-2, ISO-8859-16.
 *
 * Generic charset detectors fail on Romanian (they take cp1250 for cp1252), so the decision is: a BOM decides;
 * else strict UTF-8 over the sample decides; else each single-byte candidate is scored on the sample's bytes
 * ≥ 0x80 — Romanian letters (ă â î ș ț, and the legacy cedilla ş ţ) and Romanian punctuation („ ” – €) count for it,
 * control characters and letters of other languages (Ą Ł Ž ¤ …, the look of mojibake) count against it. The
 * decision carries its evidence (counts per candidate) so the user can confirm or override it.
 *
 * Node 20's TextDecoder (full ICU) knows windows-1250 and iso-8859-2 but NOT iso-8859-16 (ERR_ENCODING_NOT_SUPPORTED),
 * so ISO-8859-16 is decoded here from its table (the upper half, as Python's iso8859_16 codec gives it).
 */
import type { MessageRef } from '../../../contract/datasets-messages';
import type { EncodingCandidate, EncodingDecision, EncodingName } from './types';

// ISO-8859-16 bytes 0xA0…0xFF (0x00…0x9F map to themselves).
const ISO_8859_16_HIGH = [
  0xa0, 0x104, 0x105, 0x141, 0x20ac, 0x201e, 0x160, 0xa7, 0x161, 0xa9, 0x218, 0xab, 0x179, 0xad, 0x17a, 0x17b, 0xb0, 0xb1, 0x10c, 0x142, 0x17d, 0x201d, 0xb6,
  0xb7, 0x17e, 0x10d, 0x219, 0xbb, 0x152, 0x153, 0x178, 0x17c, 0xc0, 0xc1, 0xc2, 0x102, 0xc4, 0x106, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf,
  0x110, 0x143, 0xd2, 0xd3, 0xd4, 0x150, 0xd6, 0x15a, 0x170, 0xd9, 0xda, 0xdb, 0xdc, 0x118, 0x21a, 0xdf, 0xe0, 0xe1, 0xe2, 0x103, 0xe4, 0x107, 0xe6, 0xe7, 0xe8,
  0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef, 0x111, 0x144, 0xf2, 0xf3, 0xf4, 0x151, 0xf6, 0x15b, 0x171, 0xf9, 0xfa, 0xfb, 0xfc, 0x119, 0x21b, 0xff,
];
const ISO_8859_16_CHAR: Record<string, string> = {};
for (let b = 0xa0; b <= 0xff; b++) ISO_8859_16_CHAR[String.fromCharCode(b)] = String.fromCharCode(ISO_8859_16_HIGH[b - 0xa0]);

/** The character each byte 0x80…0xFF stands for in a single-byte candidate. */
const highTable = (enc: EncodingCandidate['encoding']): string[] => {
  const bytes = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
  if (enc === 'iso-8859-16') return Array.from(bytes, (b) => (b < 0xa0 ? String.fromCharCode(b) : String.fromCharCode(ISO_8859_16_HIGH[b - 0xa0])));
  const s = new TextDecoder(enc).decode(bytes);
  return Array.from(s);
};
const CANDIDATES: EncodingCandidate['encoding'][] = ['windows-1250', 'iso-8859-16', 'iso-8859-2'];
let tables: Record<string, string[]> | null = null;
const getTables = () => (tables ??= Object.fromEntries(CANDIDATES.map((c) => [c, highTable(c)])));

const ROMANIAN = new Set(Array.from('ăâîșțĂÂÎȘȚ'));
const CEDILLA = new Set(Array.from('şţŞŢ'));
const PUNCTUATION = new Set(Array.from('„”“«»–—€°§©'));
// Letters and signs a Romanian text does not use: in a wrong decoding they stand where ș ț ă „ ” should be.
const SUSPICIOUS = new Set(Array.from('ĄąŁłĽľĹĺŔŕŮůŐőŰűŹźŻżŚśŃńĆćĐđĘęŒœŸ¤µ¦¨´¸˘˙˝˛ˇ¬±¹²³¼½¾ŠšŽžČčŤťĎďŇňĚěŘř'));

/** Decisions are made on this many bytes from the start of the file. */
export const SAMPLE_BYTES = 1 << 20;

export function hasUtf8Bom(buf: Uint8Array) {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/** NUL bytes or many control characters (and no UTF-16 BOM): not a text file. */
export function looksBinary(buf: Uint8Array): boolean {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return false;
  const n = Math.min(buf.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/**
 * Decides the encoding of a file from its first bytes (pass up to SAMPLE_BYTES). Never throws.
 * `confidence: 'ambiguous'` means two candidates tie but give different text (typically cedilla ş ţ in
 * windows-1250 vs comma-below ș ț in iso-8859-16 for the very same bytes): ask the user.
 */
export function detectEncoding(buf: Uint8Array): EncodingDecision {
  const sampleBytes = buf.length;
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return {
      encoding: 'utf-16le',
      method: 'bom',
      confidence: 'high',
      bom: true,
      sampleBytes,
      nonAsciiBytes: 0,
      candidates: [],
      reason: 'the file starts with a UTF-16 LE byte-order mark',
      why: { key: 'encoding.bom', params: { encoding: 'UTF-16 LE' } },
    };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return {
      encoding: 'utf-16be',
      method: 'bom',
      confidence: 'high',
      bom: true,
      sampleBytes,
      nonAsciiBytes: 0,
      candidates: [],
      reason: 'the file starts with a UTF-16 BE byte-order mark',
      why: { key: 'encoding.bom', params: { encoding: 'UTF-16 BE' } },
    };
  const hist = new Uint32Array(256);
  for (let i = 0; i < buf.length; i++) hist[buf[i]]++;
  let nonAsciiBytes = 0;
  for (let b = 0x80; b < 256; b++) nonAsciiBytes += hist[b];
  if (hasUtf8Bom(buf))
    return {
      encoding: 'utf-8-sig',
      method: 'bom',
      confidence: 'high',
      bom: true,
      sampleBytes,
      nonAsciiBytes,
      candidates: [],
      reason: 'the file starts with a UTF-8 byte-order mark',
      why: { key: 'encoding.bom', params: { encoding: 'UTF-8' } },
    };
  if (nonAsciiBytes === 0)
    return {
      encoding: 'utf-8',
      method: 'ascii',
      confidence: 'high',
      bom: false,
      sampleBytes,
      nonAsciiBytes,
      candidates: [],
      reason: 'the sample has only ASCII characters (readable the same in every candidate encoding)',
      why: { key: 'encoding.ascii' },
    };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: true }); // stream: a sequence cut at the sample's end is not an error
    return {
      encoding: 'utf-8',
      method: 'utf-8',
      confidence: 'high',
      bom: false,
      sampleBytes,
      nonAsciiBytes,
      candidates: [],
      reason: `${nonAsciiBytes} non-ASCII bytes, all valid UTF-8`,
      why: { key: 'encoding.utf-8', params: { nonAscii: nonAsciiBytes } },
    };
  } catch {
    /* not UTF-8: score the single-byte candidates */
  }
  const t = getTables();
  const candidates = CANDIDATES.map((encoding): EncodingCandidate => {
    const table = t[encoding];
    let romanian = 0;
    let cedilla = 0;
    let punctuation = 0;
    let suspicious = 0;
    for (let b = 0x80; b < 256; b++) {
      const n = hist[b];
      if (!n) continue;
      const ch = table[b - 0x80];
      const code = ch.charCodeAt(0);
      if (ROMANIAN.has(ch)) romanian += n;
      else if (CEDILLA.has(ch)) cedilla += n;
      else if (PUNCTUATION.has(ch)) punctuation += n;
      else if ((code >= 0x80 && code < 0xa0) || code === 0xfffd || SUSPICIOUS.has(ch)) suspicious += n;
    }
    return { encoding, romanian, cedilla, punctuation, suspicious, score: 2 * (romanian + cedilla) + punctuation - 3 * suspicious };
  });
  // Best score first; ties keep the order of CANDIDATES (windows-1250 — what Romanian Excel writes — first).
  const ranked = [...candidates].sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  const sameText = (a: string, b: string) => {
    const ta = t[a];
    const tb = t[b];
    for (let x = 0x80; x < 256; x++) if (hist[x] && ta[x - 0x80] !== tb[x - 0x80]) return false;
    return true;
  };
  const tie = second && second.score === best.score && !sameText(best.encoding, second.encoding);
  const letters = best.romanian + best.cedilla;
  const confidence: EncodingDecision['confidence'] = tie ? 'ambiguous' : letters > 0 && best.score > 0 ? 'medium' : 'low';
  const why = tie
    ? `not UTF-8; ${best.encoding} and ${second.encoding} score the same (${best.score}) but read some bytes differently` +
      (best.cedilla !== second.cedilla ? ` (cedilla ş ţ in one, comma-below ș ț in the other)` : '') +
      `; ${best.encoding} was chosen — please confirm`
    : `not UTF-8; ${best.encoding} reads ${best.romanian} Romanian letters, ${best.cedilla} cedilla letters, ${best.punctuation} punctuation marks and ${best.suspicious} unlikely characters (score ${best.score}` +
      (second ? `, next ${second.encoding} ${second.score})` : ')');
  const whyRef: MessageRef = tie
    ? { key: 'encoding.tie', params: { best: best.encoding, next: second.encoding, score: best.score, cedillaDiffers: best.cedilla !== second.cedilla } }
    : {
        key: 'encoding.scored',
        params: {
          best: best.encoding,
          romanian: best.romanian,
          cedilla: best.cedilla,
          punctuation: best.punctuation,
          suspicious: best.suspicious,
          score: best.score,
          next: second?.encoding ?? null,
          nextScore: second?.score ?? null,
        },
      };
  return { encoding: best.encoding, method: 'scored', confidence, bom: false, sampleBytes, nonAsciiBytes, candidates, reason: why, why: whyRef };
}

/** The decision for an encoding the user named (`--encoding`). */
export function userEncoding(encoding: EncodingName, sample: Uint8Array): EncodingDecision {
  const auto = detectEncoding(sample);
  const bom = hasUtf8Bom(sample);
  const enc: EncodingName = encoding === 'utf-8' && bom ? 'utf-8-sig' : encoding;
  return {
    ...auto,
    encoding: enc,
    method: 'user',
    confidence: 'high',
    bom,
    reason: `chosen by the user (detection said ${auto.encoding}: ${auto.reason})`,
    why: { key: 'encoding.user', params: { detected: auto.encoding, why: auto.why } },
  };
}

export class EncodingFault extends Error {}

export interface Decoder {
  /** Throws EncodingFault on invalid bytes for a strict decoder (UTF-8); call `lenient()` to go on with U+FFFD. */
  decode(bytes: Uint8Array, final?: boolean): string;
  lenient(): void;
}

export function createDecoder(encoding: EncodingName): Decoder {
  if (encoding === 'iso-8859-16') {
    return {
      decode: (bytes) =>
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
          .toString('latin1')
          .replace(/[\xa0-\xff]/g, (c) => ISO_8859_16_CHAR[c]),
      lenient() {},
    };
  }
  const label = encoding === 'utf-8-sig' ? 'utf-8' : encoding;
  const strict = label === 'utf-8';
  let dec = new TextDecoder(label, { fatal: strict });
  /** The stream's last (up to 3) bytes decoded without fault: a character they begin is still waiting for its other bytes. */
  let last: Uint8Array = new Uint8Array(0);
  return {
    decode(bytes, final = false) {
      let text: string;
      try {
        text = dec.decode(bytes, { stream: !final });
      } catch {
        throw new EncodingFault(`invalid ${encoding} bytes`);
      }
      if (strict) last = lastBytes(last, bytes);
      return text;
    },
    lenient() {
      dec = new TextDecoder(label, { fatal: false });
      // the strict decoder held the first bytes of a character cut by the previous chunk's end: the new one must too
      const tail = utf8Pending(last);
      if (tail) dec.decode(last.subarray(last.length - tail), { stream: true });
    },
  };
}

function lastBytes(prev: Uint8Array, bytes: Uint8Array): Uint8Array {
  if (bytes.length >= 3) return bytes.slice(bytes.length - 3);
  const both = new Uint8Array(prev.length + bytes.length);
  both.set(prev);
  both.set(bytes, prev.length);
  return both.slice(Math.max(0, both.length - 3));
}

/** How many of the last bytes of valid UTF-8 are the start of a character still missing bytes (0–3). */
export function utf8Pending(last: Uint8Array): number {
  for (let k = 1; k <= last.length; k++) {
    const x = last[last.length - k];
    if ((x & 0xc0) === 0x80) continue;
    if (x < 0x80) return 0;
    const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
    return need > k ? k : 0;
  }
  return 0;
}

export const isEncodingName = (s: string): s is EncodingName =>
  ['utf-8', 'utf-8-sig', 'windows-1250', 'iso-8859-2', 'iso-8859-16', 'utf-16le', 'utf-16be'].includes(s);
