import { planCommands } from '../../cli/plan';
import { defineCoreModule } from '../manifest';
import { planAgenda } from './agenda';
import { planHandlers } from './handlers';
import { loadPlanSeed } from './seed';

/** The implementation plan: commitments, actions, milestones, indicators, progress; first run loads Timișoara's PLA. */
export const planModule = defineCoreModule({
  name: 'plan',
  handlers: planHandlers,
  seed: (trx, at) => loadPlanSeed(trx, at),
  agenda: planAgenda,
  cli: planCommands,
});
