/**
 * The one text fold, shared by core, db and the renderer: how a name or a search is compared without its case or
 * Romanian diacritics (comma below or cedilla: ș ş ț ţ ă â î → s s t t a a i). The SQL twin, for searching and sorting
 * columns in the database, is db/queries/fold.ts `folded` (built from `foldText` and tested against it on both engines).
 * Pure; no dependencies.
 */

/** Without combining marks (Unicode NFD, then every mark removed): "Ședința" → "Sedinta". Case is kept. */
export const stripMarks = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

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
