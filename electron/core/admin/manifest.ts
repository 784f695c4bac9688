import { adminCommands } from '../../cli/admin';
import { dbCommands } from '../../cli/db';
import { defineCoreModule } from '../manifest';
import { adminHandlers } from './handlers';

/** Users, roles, sign-in, the audit log, backups and settings. */
export const adminModule = defineCoreModule({
  name: 'admin',
  handlers: adminHandlers,
  cli: { ...adminCommands, ...dbCommands }, // the store's own commands: init, users, backup, restore, serve, db copy
});
