// Queries of the access module: accounts as seen at sign-in, and sessions.
import { type Kysely, sql } from 'kysely';
import type { Grant } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';

export function findAccount(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('staff')
    .select([
      'id',
      'username',
      'full_name',
      'password_hash',
      'active',
      'failed_logins',
      'locked_until',
      'temporary_password_until',
    ])
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function recordFailedLogin(db: Kysely<DB>, staffId: string, lockUntil: Date | null) {
  await db
    .updateTable('staff')
    .set((eb) =>
      lockUntil ? { failed_logins: 0, locked_until: lockUntil } : { failed_logins: eb('failed_logins', '+', 1) },
    )
    .where('id', '=', staffId)
    .execute();
}

export async function clearFailedLogins(db: Kysely<DB>, staffId: string) {
  await db.updateTable('staff').set({ failed_logins: 0, locked_until: null }).where('id', '=', staffId).execute();
}

export interface SessionRow {
  id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  staff_id: string;
  username: string;
  full_name: string;
  grants: Grant[];
  /** Signed in with a temporary password: only choosing a new one is allowed. */
  temporary_password: boolean;
}

/** One round trip per request: the session, its staff member and their grants. */
export async function findLiveSession(db: Kysely<DB>, hash: string): Promise<SessionRow | undefined> {
  const res = await sql<SessionRow>`
    SELECT s.id, s.csrf_token, s.last_seen_at, s.expires_at, st.id AS staff_id, st.username, st.full_name,
      st.temporary_password_until IS NOT NULL AS temporary_password,
      coalesce((SELECT json_agg(json_build_object('role', g.role, 'agencyId', g.agency_id))
                FROM role_grant g WHERE g.staff_id = st.id), '[]'::json) AS grants
    FROM staff_session s JOIN staff st ON st.id = s.staff_id
    WHERE s.token_hash = ${hash} AND s.revoked_at IS NULL AND st.active`.execute(db);
  return res.rows[0];
}

export async function touchSession(db: Kysely<DB>, sessionId: string, at: Date) {
  await db.updateTable('staff_session').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

/** Ends the staff member's open sessions (but one, if given); answers how many were open. */
export async function revokeSessions(db: Kysely<DB>, staffId: string, at: Date, exceptSessionId?: string) {
  let q = db
    .updateTable('staff_session')
    .set({ revoked_at: at })
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  const { numUpdatedRows } = await q.executeTakeFirst();
  return Number(numUpdatedRows);
}

export interface ProfileRow {
  id: string;
  username: string;
  full_name: string;
  position: string | null;
  email: string | null;
  demo_password: boolean;
  temporary_password: boolean;
  agency: { id: string; identifier: string; name: string };
  grants: { role: string; agency: { id: string; identifier: string; name: string } }[];
}

/** The staff member, their agency and each grant with its agency's name: one round trip for /me. */
export async function profileOf(db: Kysely<DB>, staffId: string): Promise<ProfileRow> {
  const res = await sql<ProfileRow>`
    SELECT st.id, st.username, st.full_name, st.position, st.email, st.demo_password,
      st.temporary_password_until IS NOT NULL AS temporary_password,
      json_build_object('id', a.id, 'identifier', a.identifier, 'name', a.name) AS agency,
      coalesce((SELECT json_agg(json_build_object('role', g.role,
                  'agency', json_build_object('id', ga.id, 'identifier', ga.identifier, 'name', ga.name))
                  ORDER BY ga.name, g.role)
                FROM role_grant g JOIN agency ga ON ga.id = g.agency_id WHERE g.staff_id = st.id), '[]'::json) AS grants
    FROM staff st JOIN agency a ON a.id = st.agency_id
    WHERE st.id = ${staffId}`.execute(db);
  const row = res.rows[0];
  if (!row) throw new Error(`staff ${staffId} vanished during the request`);
  return row;
}
