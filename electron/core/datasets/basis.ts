import { createHash } from 'node:crypto';
import type { CleaningStep, DatasetTableSchema } from '../../contract';

/**
 * What a validation was made against: the schema and the cleaning steps. A report whose basis differs from the
 * dataset's current one is stale (the schema or the steps changed since), and cannot make the dataset ready.
 */
export const basisOf = (schema: DatasetTableSchema | null, steps: CleaningStep[]) =>
  createHash('sha256').update(JSON.stringify({ schema, steps })).digest('hex').slice(0, 32);
