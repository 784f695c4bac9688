import { datasetsCommands } from '../../cli/datasets';
import { datasetsExportCommands } from '../../cli/datasets-export';
import { defineCoreModule } from '../manifest';
import { datasetsAgenda } from './agenda';
import { datasetsHandlers } from './handlers';
import { datasetsIndicatorSources } from './sources';

/** Open datasets: inventory, schemas, imports, validation, cleaning, metadata. */
export const datasetsModule = defineCoreModule({
  name: 'datasets',
  handlers: datasetsHandlers,
  agenda: datasetsAgenda,
  indicatorSources: datasetsIndicatorSources,
  trackedImports: ['datasets.importFile'],
  cli: { ...datasetsCommands, ...datasetsExportCommands },
});
