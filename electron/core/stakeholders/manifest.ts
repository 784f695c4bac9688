import { stakeholdersCommands } from '../../cli/stakeholders';
import { defineCoreModule } from '../manifest';
import { stakeholdersHandlers } from './handlers';
import { loadStakeholdersSeed } from './seed';
import { STAKEHOLDER_SOURCES } from './sources';

/** The stakeholder registry: organisations, RACI, takeovers, partnerships, interactions. */
export const stakeholdersModule = defineCoreModule({
  name: 'stakeholders',
  handlers: stakeholdersHandlers,
  indicatorSources: STAKEHOLDER_SOURCES,
  trackedImports: ['stakeholders.importExcel'],
  seed: (trx, at) => loadStakeholdersSeed(trx, at),
  cli: stakeholdersCommands,
});
