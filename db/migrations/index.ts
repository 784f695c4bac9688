import type { Migration } from 'kysely';
import * as m0001 from './0001_admin';
import * as m0002 from './0002_plan';
import * as m0003 from './0003_indicator_source';
import * as m0004 from './0004_risks';
import * as m0005 from './0005_training';
import * as m0006 from './0006_stakeholders';
import * as m0007 from './0007_funding';
import * as m0008 from './0008_budgeting';
import * as m0009 from './0009_datasets';
import * as m0010 from './0010_publishing';
import * as m0011 from './0011_training_completions';
import * as m0012 from './0012_risks_search';
import * as m0013 from './0013_stakeholders_search';
import * as m0014 from './0014_users_username_nocase';
import * as m0015 from './0015_attachment_blobs';
import * as m0016 from './0016_server_sessions';
import * as m0017 from './0017_budgeting_rules';
import * as m0018 from './0018_workbook_keys';
import * as m0019 from './0019_budgeting_vote_keys';
import * as m0020 from './0020_risk_import_staging';
import * as m0021 from './0021_risk_code_indexes';
import * as m0022 from './0022_budgeting_vote_ballots';
import * as m0023 from './0023_risk_overview_indexes';

/**
 * The static, ordered list of migrations (no directory scanning: bundlers and CSP cannot follow it).
 * Append only; never edit or reorder a migration that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_admin': m0001,
  '0002_plan': m0002,
  '0003_indicator_source': m0003,
  '0004_risks': m0004,
  '0005_training': m0005,
  '0006_stakeholders': m0006,
  '0007_funding': m0007,
  '0008_budgeting': m0008,
  '0009_datasets': m0009,
  '0010_publishing': m0010,
  '0011_training_completions': m0011,
  '0012_risks_search': m0012,
  '0013_stakeholders_search': m0013,
  '0014_users_username_nocase': m0014,
  '0015_attachment_blobs': m0015,
  '0016_server_sessions': m0016,
  '0017_budgeting_rules': m0017,
  '0018_workbook_keys': m0018,
  '0019_budgeting_vote_keys': m0019,
  '0020_risk_import_staging': m0020,
  '0021_risk_code_indexes': m0021,
  '0022_budgeting_vote_ballots': m0022,
  '0023_risk_overview_indexes': m0023,
};
export const MIGRATION_NAMES = Object.keys(migrations);
