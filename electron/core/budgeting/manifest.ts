import { budgetingCommands } from '../../cli/budgeting';
import { defineCoreModule } from '../manifest';
import { budgetingAgenda } from './agenda';
import { budgetingHandlers } from './handlers';
import { budgetingIndicatorSources } from './sources';

/** Participatory budgeting and grant competitions. */
export const budgetingModule = defineCoreModule({
  name: 'budgeting',
  handlers: budgetingHandlers,
  agenda: budgetingAgenda,
  indicatorSources: budgetingIndicatorSources,
  trackedImports: ['budgeting.importProposals', 'budgeting.importScores', 'budgeting.importVotes'],
  cli: budgetingCommands,
});
