import { searchKey } from '../../contract/text';

/**
 * The list's matching keys (db/migrations/0013_stakeholders_search.ts backfilled them the same way): case,
 * diacritics (ș ş ț ţ ă â î → s t a i) and runs of spaces aside. Every write of a stakeholder's name or legal
 * form stores them through `stakeholderKeys`.
 */
export const foldKey = searchKey;

export const stakeholderKeys = (name: string, legalForm: string) => ({ name_key: foldKey(name), search_key: foldKey(`${name} ${legalForm}`) });
