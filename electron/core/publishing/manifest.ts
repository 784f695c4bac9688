import { publishingCommands } from '../../cli/publishing';
import { defineCoreModule } from '../manifest';
import { publishingHandlers } from './handlers';

/** The public site: build, targets, sync. */
export const publishingModule = defineCoreModule({ name: 'publishing', handlers: publishingHandlers, cli: publishingCommands });
