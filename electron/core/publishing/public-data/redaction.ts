/**
 * The redaction rules of the public site: personal-data patterns (CNP, e-mail, phone, IBAN) are taken out of every
 * free text a collector passes on, whatever field they were typed into.
 */

const PATTERNS: RegExp[] = [
  // CNP: 13 digits starting 1–9 (sex/century digit), not inside a longer number.
  /(?<!\d)[1-9]\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{6}(?!\d)/g,
  // E-mail addresses.
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g,
  // Romanian IBAN, with or without spaces.
  /\bRO\d{2}\s?[A-Z]{4}(\s?[0-9A-Z]{4}){4}\b/gi,
  // Phone numbers: +40 / 0040 / 0 followed by a mobile or landline number, with optional separators.
  /(?<![\w])(\+40|0040|0)\s?[237]\d{1,2}([\s.-]?\d{2,3}){2,3}(?!\d)/g,
];

export const REDACTED = '[date personale ascunse]';

/** Free text on its way out: personal-data patterns are replaced, whatever field they were typed into. */
export function redact(text: string): string {
  let out = text;
  for (const p of PATTERNS) out = out.replace(p, REDACTED);
  return out;
}
