import { sql } from 'kysely';
import { foldText } from '../../electron/contract/text';

/**
 * Romanian diacritics (comma-below and cedilla, both cases), each with its base letter as the app's one fold gives it
 * (electron/contract/text.ts `foldText`); lower() in SQL folds only ASCII, so these are replaced one by one.
 */
const FOLD: Array<[string, string]> = [...'ăĂâÂîÎșȘşŞțȚţŢ'].map((c) => [c, foldText(c)]);

/**
 * A text column lower-cased without Romanian diacritics: to search it ("sedinta" finds "Ședința") and to sort it
 * the way a Romanian reader expects (Ștefan among the S, not after Z, where lower() alone leaves it). For Romanian
 * and ASCII text it equals `foldText` (tests/db/text-fold.test.ts checks both engines on the same inputs).
 */
export const folded = (column: string) => FOLD.reduce((e, [from, to]) => sql`replace(${e}, ${from}, ${to})`, sql`lower(${sql.ref(column)})`);
