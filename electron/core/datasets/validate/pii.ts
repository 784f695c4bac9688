/**
 * Personal-data scan: cells that look like a Romanian CNP (13 digits, valid date and checksum), an e-mail address,
 * a Romanian phone number (+40 / 0040 / 0, mobile 07… or fixed 02…/03…) or an IBAN (mod-97 check). Cheap tests on
 * the first character and the length come first, so a column of ordinary text costs almost nothing.
 */
import type { PersonalDataFinding } from './types';

export type PiiKind = PersonalDataFinding['kind'];

const CNP_KEY = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

/** A CNP: sex/century digit 1–9, a real birth date, county 01–52, and the control digit. */
export function isCnp(s: string): boolean {
  if (s.length !== 13) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (i < 12) sum += d * CNP_KEY[i];
  }
  const s0 = s.charCodeAt(0) - 48;
  if (s0 === 0) return false;
  const mm = Number(s.slice(3, 5));
  const dd = Number(s.slice(5, 7));
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return false;
  const county = Number(s.slice(7, 9));
  if (county < 1 || (county > 52 && county !== 70 && county < 80)) return false;
  let control = sum % 11;
  if (control === 10) control = 1;
  return control === s.charCodeAt(12) - 48;
}

/** IBAN: country letters, check digits, 11–30 letters/digits (spaces allowed), remainder 1 modulo 97. */
export function isIban(raw: string): boolean {
  const s = raw.indexOf(' ') >= 0 ? raw.replace(/ /g, '') : raw;
  if (s.length < 15 || s.length > 34 || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/i.test(s)) return false;
  if (/^RO/i.test(s) && s.length !== 24) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.toUpperCase().charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else rem = (rem * 100 + (c - 55)) % 97;
  }
  return rem === 1;
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;
const PHONE = /^(?:\+40|0040|0)(?:7[0-9]{8}|[23][0-9]{8})$/;

export function isEmail(s: string): boolean {
  return s.indexOf('@') > 0 && EMAIL.test(s.trim());
}

export function isPhone(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c !== 43 && c !== 48 && c !== 40) return false; // + 0 (
  if (s.length < 10 || s.length > 20) return false;
  return PHONE.test(s.replace(/[\s.()/-]/g, ''));
}

/** What a cell looks like, or null. */
export function personalKind(s: string): PiiKind | null {
  const n = s.length;
  if (n < 6 || n > 254) return null;
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (n === 13 && isCnp(s)) return 'cnp';
    if (c === 48 && isPhone(s)) return 'phone';
    return null;
  }
  if (c === 43 || c === 40) return isPhone(s) ? 'phone' : null;
  const up = c & ~32;
  if (up >= 65 && up <= 90 && n >= 15 && n <= 42) {
    const c2 = s.charCodeAt(2);
    if (c2 >= 48 && c2 <= 57 && isIban(s)) return 'iban';
  }
  if (s.indexOf('@') > 0 && isEmail(s)) return 'email';
  return null;
}

/** Shows the first and last two characters only, so the report does not spread the data. */
export function mask(s: string): string {
  if (s.length <= 4) return '*'.repeat(s.length);
  return s.slice(0, 2) + '*'.repeat(Math.min(s.length - 4, 20)) + s.slice(-2);
}
