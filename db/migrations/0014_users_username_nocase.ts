import { sql, type Kysely } from 'kysely';

/**
 * User names are unique ignoring case (issue 12, finding 7): `Coord` and `coord` were two accounts. A unique
 * index on lower(username) (user names are ASCII letters, digits, `.`, `-`, `_`, so lower() is exact on both
 * SQLite and PostgreSQL). Accounts that already clash keep the oldest one's name; each later one gets a
 * free `-2`, `-3`… suffix, recorded in the audit log so a coordinator can tell the person. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const users = await db.selectFrom('users').select(['id', 'username', 'created_at']).orderBy('created_at').orderBy('id').execute();
  const taken = new Set<string>(users.map((u) => String(u.username).toLowerCase()));
  const seen = new Set<string>();
  const at = new Date().toISOString();
  for (const u of users) {
    const key = String(u.username).toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    let n = 2;
    while (taken.has(`${key}-${n}`)) n++;
    const renamed = `${u.username}-${n}`;
    taken.add(renamed.toLowerCase());
    seen.add(renamed.toLowerCase());
    await db.updateTable('users').set({ username: renamed }).where('id', '=', u.id).execute();
    await db
      .insertInto('audit_log')
      .values({
        id: `0014-${u.id}`,
        at,
        actor_id: null,
        actor_name: 'migration 0014_users_username_nocase',
        entity: 'user',
        entity_id: u.id,
        action: 'update',
        changes: JSON.stringify({ username: { before: u.username, after: renamed } }),
      })
      .execute();
  }
  await sql`create unique index users_username_nocase on users (lower(username))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists users_username_nocase`.execute(db);
}
