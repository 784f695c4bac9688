import type { DbOrTx } from '../../../db/connection';
import { actionsAboveTolerance } from '../../../db/queries/risks';
import { DEFAULT_RISK_SETTINGS } from '../../contract';

/**
 * The risk register's signal to the plan: actions linked to an open risk above the tolerance limit
 * (residual exposure when assessed, else inherent). Declared in the risks manifest (risks/manifest.ts, actionRiskSignals).
 */
export const risksActionSignal = (db: DbOrTx): Promise<Set<string>> => actionsAboveTolerance(db, DEFAULT_RISK_SETTINGS.toleranceLimit);
