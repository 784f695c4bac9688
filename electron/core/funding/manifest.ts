import { defineCoreModule } from '../manifest';
import { fundingHandlers } from './handlers';
import { fundingIndicatorSources } from './sources';

/** The funding registry: calls and applications. */
export const fundingModule = defineCoreModule({
  name: 'funding',
  handlers: fundingHandlers,
  indicatorSources: fundingIndicatorSources,
  trackedImports: ['funding.importExcel'],
});
