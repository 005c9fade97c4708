// Queries of the citizens module: applicant accounts, verification requests, sessions and external identities.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ApplicantTable, DB } from '../../platform/db/schema.ts';
import type { LoginName } from './login-name.ts';

type Db = Kysely<DB>;
export type ApplicantRow = Selectable<ApplicantTable>;

/** The account that signs in with this e-mail address or phone number. */
export function findByLogin(db: Db, login: LoginName) {
  return db.selectFrom('applicant').selectAll().where(login.channel, '=', login.address).executeTakeFirst();
}

/**
 * Creates the account of a login, or takes over one nobody has proved yet: until someone proves the address,
 * whoever signs up last with it wins, so a stranger cannot hold it hostage. One statement, so a proof arriving
 * meanwhile is never overwritten. Returns undefined when the address belongs to a proved account.
 */
export async function claimUnproved(
  db: Db,
  login: LoginName,
  account: Pick<Insertable<ApplicantTable>, 'kind' | 'password_hash' | 'password_changed_at' | 'full_name'>,
): Promise<string | undefined> {
  const row = await db
    .insertInto('applicant')
    .values({ ...account, [login.channel]: login.address })
    .onConflict((oc) =>
      oc
        .column(login.channel)
        .doUpdateSet(account)
        .where('applicant.email_verified_at', 'is', null)
        .where('applicant.phone_verified_at', 'is', null),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export function findById(db: Db, id: string) {
  return db.selectFrom('applicant').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Whether the address the account signs in with has been proved. */
export const isVerified = (row: ApplicantRow, login: LoginName) =>
  (login.channel === 'email' ? row.email_verified_at : row.phone_verified_at) !== null;

export async function recordFailedLogin(db: Db, applicantId: string, lockUntil: Date | null) {
  await db
    .updateTable('applicant')
    .set((eb) =>
      lockUntil ? { failed_logins: 0, locked_until: lockUntil } : { failed_logins: eb('failed_logins', '+', 1) },
    )
    .where('id', '=', applicantId)
    .execute();
}

export async function clearFailedLogins(db: Db, applicantId: string) {
  await db
    .updateTable('applicant')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', applicantId)
    .execute();
}

// ---------- verification requests ----------

export async function newVerification(db: Db, applicantId: string, login: LoginName, at: Date): Promise<string> {
  const row = await db
    .insertInto('applicant_verification')
    .values({ applicant_id: applicantId, channel: login.channel, address: login.address, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The newest request for an address: only its code counts, older ones are superseded. */
export function latestVerification(db: Db, applicantId: string, address: string) {
  return (
    db
      .selectFrom('applicant_verification')
      .selectAll()
      .where('applicant_id', '=', applicantId)
      .where('address', '=', address)
      .orderBy('created_at', 'desc')
      // A tie (two requests in one millisecond) must still name one request, the same for sender and checker.
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
  );
}

export function findVerification(db: Db, id: string) {
  return db.selectFrom('applicant_verification').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A fresh code replaces any earlier one of the same request; its lifetime starts now, as it is sent. */
export async function setCode(db: Db, id: string, codeHash: string, expiresAt: Date) {
  await db
    .updateTable('applicant_verification')
    .set({ code_hash: codeHash, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function markSent(db: Db, id: string, at: Date) {
  await db.updateTable('applicant_verification').set({ sent_at: at }).where('id', '=', id).execute();
}

/** Spends one attempt, atomically, so parallel guesses cannot exceed the limit; false when none is left. */
export async function spendAttempt(db: Db, verificationId: string, maxAttempts: number): Promise<boolean> {
  const row = await db
    .updateTable('applicant_verification')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', verificationId)
    .where('attempts', '<', maxAttempts)
    .returning('attempts')
    .executeTakeFirst();
  return row !== undefined;
}

// ---------- sessions ----------

export interface ApplicantSessionRow {
  id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  applicant_id: string;
  kind: 'citizen' | 'business';
}

export function findLiveSession(db: Db, hash: string): Promise<ApplicantSessionRow | undefined> {
  return db
    .selectFrom('applicant_session as s')
    .innerJoin('applicant as a', 'a.id', 's.applicant_id')
    .select(['s.id', 's.csrf_token', 's.last_seen_at', 's.expires_at', 's.applicant_id', 'a.kind'])
    .where('s.token_hash', '=', hash)
    .where('s.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, at: Date) {
  await db.updateTable('applicant_session').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function revokeSessions(db: Db, applicantId: string, at: Date, exceptSessionId?: string) {
  let q = db
    .updateTable('applicant_session')
    .set({ revoked_at: at })
    .where('applicant_id', '=', applicantId)
    .where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

// ---------- external identities ----------

export function findByExternalIdentity(db: Db, issuer: string, subject: string) {
  return db
    .selectFrom('applicant_external_identity')
    .select('applicant_id')
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
}
