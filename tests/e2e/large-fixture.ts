/**
 * Builds the large-lists fixture (run by large-lists.spec.ts in a child process under tsx, because Playwright's
 * loader cannot load core's JSON seed import): 200,000 attendance rows, 10,000 risks, 5,000 organisations.
 * Prints the data folder on its last line.
 */
import { dbPath } from '../../electron/core';
import { insertRisks } from '../bench/risks';
import { insertStakeholders } from '../bench/stakeholders';
import { build as buildTraining } from '../bench/training';

const { dataDir } = await buildTraining(200_000);
insertRisks(dbPath(dataDir), 10_000);
await insertStakeholders(dbPath(dataDir), 5_000);
console.log(dataDir);
