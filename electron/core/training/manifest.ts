import { trainingCommands } from '../../cli/training';
import { defineCoreModule } from '../manifest';
import { trainingHandlers } from './handlers';
import { TRAINING_SOURCES } from './indicators';

/** Training records: programmes, sessions, people, attendance. */
export const trainingModule = defineCoreModule({
  name: 'training',
  handlers: trainingHandlers,
  indicatorSources: TRAINING_SOURCES,
  trackedImports: ['training.importExcel', 'training.importAttendance'],
  cli: trainingCommands,
});
