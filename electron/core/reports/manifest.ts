import { reportsCommands } from '../../cli/reports';
import { defineCoreModule } from '../manifest';
import { reportsHandlers } from './handlers';

/** The coordinator's reports, the agenda and OGP Local assessments. */
export const reportsModule = defineCoreModule({ name: 'reports', handlers: reportsHandlers, cli: reportsCommands });
