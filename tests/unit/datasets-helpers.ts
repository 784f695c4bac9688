import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temp folder for the files a test makes; `write` returns the path. */
export function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-datasets-'));
  return {
    dir,
    write(name: string, content: string | Uint8Array) {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Encodes text in Windows-1250 / ISO-8859-2 with Node's own (ICU) decoder tables, so the test does not use the engine to make its input. */
export function encodeWith(label: 'windows-1250' | 'iso-8859-2', text: string): Buffer {
  const table = new TextDecoder(label).decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  const byChar = new Map<string, number>();
  Array.from(table).forEach((ch, i) => {
    if (!byChar.has(ch)) byChar.set(ch, i);
  });
  return Buffer.from(
    Array.from(text, (ch) => {
      const b = byChar.get(ch);
      if (b === undefined) throw new Error(`${ch} has no byte in ${label}`);
      return b;
    }),
  );
}

/** ISO-8859-16 bytes of the characters the tests use (from the standard: SR 14111 / ISO/IEC 8859-16). */
const ISO16: Record<string, number> = {
  Ș: 0xaa,
  ș: 0xba,
  Ț: 0xde,
  ț: 0xfe,
  ă: 0xe3,
  Ă: 0xc3,
  â: 0xe2,
  Â: 0xc2,
  î: 0xee,
  Î: 0xce,
  '„': 0xa5,
  '”': 0xb5,
  '€': 0xa4,
};
export function encodeIso16(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (ch) => {
      if (ch.charCodeAt(0) < 0x80) return ch.charCodeAt(0);
      const b = ISO16[ch];
      if (b === undefined) throw new Error(`${ch} is not in the test's ISO-8859-16 table`);
      return b;
    }),
  );
}

/** A valid CNP for a birth date and county (control digit computed with the published key 279146358279). */
export function makeCnp(first12: string): string {
  const key = '279146358279';
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * Number(key[i]);
  const c = sum % 11 === 10 ? 1 : sum % 11;
  return `${first12}${c}`;
}
