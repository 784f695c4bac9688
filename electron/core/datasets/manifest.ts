import { defineCoreModule } from '../manifest';
import { datasetsHandlers } from './handlers';
import { datasetsIndicatorSources } from './sources';

/** Open datasets: inventory, schemas, imports, validation, cleaning, metadata. */
export const datasetsModule = defineCoreModule({
  name: 'datasets',
  handlers: datasetsHandlers,
  indicatorSources: datasetsIndicatorSources,
  trackedImports: ['datasets.importFile'],
});
