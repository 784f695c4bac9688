import { countUsers } from '../../../db/queries/admin';
import { getRow } from '../../../db/queries/rows';
import { audit } from '../audit';
import type { ModuleHandlers } from '../handlers';
import { nextTimestamp } from '../util';
import * as admin from './service';
import { APP_VERSION } from './version';
import { isDiskFullError } from '../../../db/connection';

export { APP_VERSION };

export const adminHandlers: ModuleHandlers<'admin'> = {
  'admin.status': async (ctx, _i, { conn, core }) => {
    const uid = core.sessions.userId(conn.sessionId);
    const u = uid ? await getRow(ctx.db, 'users', uid) : undefined;
    return {
      version: APP_VERSION,
      hasUsers: (await countUsers(ctx.db)) > 0,
      user: u && u.active === 1 && !u.deleted_at ? admin.toUser(u) : null,
      mode: core.options.platform.mode,
    };
  },
  'admin.setupFirstCoordinator': (ctx, i) => admin.setupFirstCoordinator(ctx, i),
  'admin.login': async (ctx, i, { conn, core }) => {
    const user = await admin.authenticate(ctx, i, core.throttle, conn.address ?? null);
    // A new id at every sign-in: a session id known before signing in is worth nothing after.
    core.sessions.drop(conn.sessionId);
    conn.sessionId = core.sessions.create(user.id);
    return user;
  },
  'admin.logout': async (ctx, _i, { conn, core }) => {
    const uid = core.sessions.userId(conn.sessionId);
    if (uid) {
      const actor = { ...ctx.actor, id: uid };
      // Best-effort when the disk is full: signing out must always work.
      await ctx
        .tx((trx) => audit(trx, actor, nextTimestamp(ctx.now()), 'user', uid, 'logout'))
        .catch((e: unknown) => {
          if (!isDiskFullError(e)) throw e;
        });
    }
    core.sessions.drop(conn.sessionId);
    conn.sessionId = null;
    return null;
  },
  'admin.listUsers': (ctx) => admin.listUsers(ctx),
  'admin.saveUser': (ctx, i, { core }) => admin.saveUser(ctx, i, core.sessions),
  'admin.changePassword': (ctx, i, { conn, core }) => admin.changePassword(ctx, i, core.sessions, conn.sessionId),
  'admin.listAudit': (ctx, i) => admin.listAudit(ctx, i),
  'admin.getSettings': (ctx) => admin.getSettings(ctx),
  'admin.saveSettings': (ctx, i) => admin.saveSettings(ctx, i),
};
