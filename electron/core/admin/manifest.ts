import { defineCoreModule } from '../manifest';
import { adminHandlers } from './handlers';

/** Users, roles, sign-in, the audit log, backups and settings. */
export const adminModule = defineCoreModule({ name: 'admin', handlers: adminHandlers });
