/**
 * The one text fold, shared by core, db and the renderer: how a name or a search is compared without its case or
 * Romanian diacritics (comma below or cedilla: ș ş ț ţ ă â î → s s t t a a i). The SQL twin, for searching and sorting
 * columns in the database, is db/queries/fold.ts `folded` (built from `foldText` and tested against it on both engines).
 * Pure; no dependencies.
 */

const ASCII = /^[\x00-\x7f]*$/;
/** Each non-ASCII character as stripMarks leaves it (a few hundred distinct ones in any real text). */
const stripped = new Map<string, string>();

/**
 * Without combining marks (Unicode NFD, then every mark removed): "Ședința" → "Sedinta". Case is kept. Done
 * character by character through a cache, which gives the same text (marks are removed, so their canonical order
 * does not matter) many times faster on an import's 100,000 names; ASCII text is returned as it is.
 */
export const stripMarks = (s: string): string => {
  if (ASCII.test(s)) return s;
  let out = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    let m = stripped.get(ch);
    if (m === undefined) {
      m = ch.normalize('NFD').replace(/\p{M}/gu, '');
      if (stripped.size < 10_000) stripped.set(ch, m);
    }
    out += m;
  }
  return out;
};

/** Lower case without diacritics: "Ședința" → "sedinta", so "functionari" finds "funcționari". Spaces are kept. */
export const foldText = (s: string) => stripMarks(s).toLowerCase();

/** A matching key: folded, runs of white space as one space, trimmed ("  Zona  Ș6 " → "zona s6"). */
export const searchKey = (s: string) => foldText(s).replace(/\s+/g, ' ').trim();

/**
 * An ASCII slug for a file or portal name: diacritics stripped, every run of anything but A–Z a–z 0–9 as one `sep`
 * ("Bugetare participativă 2026" → "Bugetare-participativa-2026"). `lower` folds the case too; `keepEnds` keeps a
 * separator left at either end (names that always had one keep it: "Rezultate-…-.xlsx").
 */
export function asciiSlug(s: string, o: { sep?: '-' | '_'; lower?: boolean; keepEnds?: boolean } = {}): string {
  const sep = o.sep ?? '-';
  const out = (o.lower ? foldText(s) : stripMarks(s)).replace(/[^A-Za-z0-9]+/g, sep);
  return o.keepEnds ? out : out.replace(sep === '-' ? /^-+|-+$/g : /^_+|_+$/g, '');
}
