import { sql } from 'kysely';

/** Romanian diacritics (comma-below and cedilla, both cases) to their base letter, in SQL; lower() folds only ASCII. */
const FOLD: Array<[string, string]> = [
  ['ă', 'a'], ['Ă', 'a'], ['â', 'a'], ['Â', 'a'], ['î', 'i'], ['Î', 'i'],
  ['ș', 's'], ['Ș', 's'], ['ş', 's'], ['Ş', 's'], ['ț', 't'], ['Ț', 't'], ['ţ', 't'], ['Ţ', 't'],
];

/**
 * A text column lower-cased without Romanian diacritics: to search it ("sedinta" finds "Ședința") and to sort it
 * the way a Romanian reader expects (Ștefan among the S, not after Z, where lower() alone leaves it).
 */
export const folded = (column: string) => FOLD.reduce((e, [from, to]) => sql`replace(${e}, ${from}, ${to})`, sql`lower(${sql.ref(column)})`);
