import { fundingCommands } from '../../cli/funding';
import { defineCoreModule } from '../manifest';
import { fundingAgenda } from './agenda';
import { fundingHandlers } from './handlers';
import { fundingIndicatorSources } from './sources';

/** The funding registry: calls and applications. */
export const fundingModule = defineCoreModule({
  name: 'funding',
  handlers: fundingHandlers,
  agenda: fundingAgenda,
  indicatorSources: fundingIndicatorSources,
  trackedImports: ['funding.importExcel'],
  cli: fundingCommands,
});
