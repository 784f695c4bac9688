import type { Migration } from 'kysely';
import * as m0001 from './0001_admin';
import * as m0002 from './0002_plan';
import * as m0003 from './0003_indicator_source';

/**
 * The static, ordered list of migrations (no directory scanning: bundlers and CSP cannot follow it).
 * Append only; never edit or reorder a migration that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_admin': m0001,
  '0002_plan': m0002,
  '0003_indicator_source': m0003,
};
export const MIGRATION_NAMES = Object.keys(migrations);
