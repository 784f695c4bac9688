import { defineCoreModule } from '../manifest';
import { budgetingHandlers } from './handlers';
import { budgetingIndicatorSources } from './sources';

/** Participatory budgeting and grant competitions. */
export const budgetingModule = defineCoreModule({
  name: 'budgeting',
  handlers: budgetingHandlers,
  indicatorSources: budgetingIndicatorSources,
  trackedImports: ['budgeting.importProposals', 'budgeting.importScores', 'budgeting.importVotes'],
});
