import { risksCommands } from '../../cli/risks';
import { defineCoreModule } from '../manifest';
import { risksAgenda } from './agenda';
import { risksHandlers } from './handlers';
import { risksActionSignal } from './signal';

/** The risk register (SCIM). */
export const risksModule = defineCoreModule({
  name: 'risks',
  handlers: risksHandlers,
  agenda: risksAgenda,
  actionRiskSignals: [risksActionSignal], // a linked open risk above tolerance puts its action at risk
  trackedImports: ['risks.importExcel'],
  cli: risksCommands,
});
