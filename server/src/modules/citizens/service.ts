// Citizen and business accounts (tài khoản người dân, doanh nghiệp): sign-up proved by a code, sign-in with the
// staff's lockout rules, sessions, profile and password. Sign-in through the identity provider is in oidc.ts, the
// sending of codes in verification.ts.
import type { Kysely, Updateable } from 'kysely';
import { type AppContext, type Requester, runChange } from '../../platform/context.ts';
import type { ApplicantTable, DB } from '../../platform/db/schema.ts';
import type { ApplicantResolver, ResolvedApplicant } from '../../platform/http/guard.ts';
import {
  conflict,
  type FieldError,
  invalid,
  invalidField,
  Problem,
  preconditionFailed,
} from '../../platform/http/problem.ts';
import { hashPassword, passwordProblem, verifyDecoy, verifyPassword } from '../access/password.ts';
import { accountLocked, lockAfterFailure, sessionExpiry, sessionState } from '../access/service.ts';
import { newToken, tokenHash } from '../access/token.ts';
import { formatIsoDate, vnDayOf } from '../calendar/vn-time.ts';
import { findAdminUnit } from '../org/service.ts';
import { readIdentityNumber } from './identity-number.ts';
import { type LoginName, readLoginName } from './login-name.ts';
import { nationalForm } from './phone.ts';
import * as store from './store.ts';
import { readTaxCode } from './tax-code.ts';
import { VERIFICATION_TOPIC } from './verification.ts';

const MAX_CODE_ATTEMPTS = 5;
// A new code at most once a minute per address: each one is a message someone pays for and a fresh set of guesses.
const RESEND_AFTER_MS = 60_000;

export interface Client {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface SessionStart {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

const requester = (client: { requestId: string }): Requester => ({ actor: null, requestId: client.requestId });
/** Today's date in Vietnam, `YYYY-MM-DD`: the day the rules are checked against. */
export const todayIn = (ctx: AppContext) => formatIsoDate(vnDayOf(ctx.clock.now().getTime()));

const wrongCredentials = () => new Problem(401, 'wrong-credentials', 'Email, số điện thoại hoặc mật khẩu không đúng.');
const wrongCode = (left: number) =>
  invalidField(
    'code',
    left > 0 ? `Mã xác minh không đúng (còn ${left} lần thử).` : 'Mã xác minh không đúng. Hãy yêu cầu mã mới.',
  );
const alreadyVerified = () => conflict('Tài khoản đã được xác minh. Hãy đăng nhập.');

function loginOf(text: string): LoginName {
  const login = readLoginName(text);
  if ('problem' in login) throw invalidField('login', login.problem);
  return login;
}

// ---------- sign-up and verification ----------

export interface SignUpInput {
  kind: 'citizen' | 'business';
  login: string;
  password: string;
  fullName?: string;
}

/** Creates the account (or restarts an unproved one) and asks for a code to be sent, through the outbox. */
export async function signUp(ctx: AppContext, input: SignUpInput, client: Client): Promise<LoginName> {
  const login = loginOf(input.login);
  const problem = passwordProblem(input.password, input.login.trim());
  if (problem) throw invalidField('password', problem);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const account = {
    kind: input.kind,
    password_hash: passwordHash,
    password_changed_at: now,
    full_name: input.fullName?.trim() || null,
  };
  await runChange(ctx, requester(client), async ({ trx, audit, publish }) => {
    const id = await store.claimUnproved(trx, login, account);
    if (!id) {
      throw conflict(`${login.channel === 'email' ? 'Email' : 'Số điện thoại'} này đã có tài khoản. Hãy đăng nhập.`);
    }
    await publish(VERIFICATION_TOPIC, { verificationId: await store.newVerification(trx, id, login, now) });
    audit('applicant.signed_up', 'applicant', id, { kind: input.kind, channel: login.channel, ip: client.ip });
  });
  return login;
}

/** Asks for a new code; says nothing about whether the address has an account waiting for one. */
export async function resendCode(ctx: AppContext, input: { login: string }, client: Client): Promise<void> {
  const login = loginOf(input.login);
  const now = ctx.clock.now();
  await runChange(ctx, requester(client), async ({ trx, audit, publish }) => {
    const account = await store.findByLogin(trx, login);
    if (!account || store.isVerified(account, login)) return;
    const last = await store.latestVerification(trx, account.id, login.address);
    if (last && now.getTime() - last.created_at.getTime() < RESEND_AFTER_MS) return;
    await publish(VERIFICATION_TOPIC, { verificationId: await store.newVerification(trx, account.id, login, now) });
    audit('applicant.code_requested', 'applicant', account.id, { channel: login.channel, ip: client.ip });
  });
}

/** Checks the newest code sent to the address; the first right one proves it and signs the applicant in. */
export async function verifyCode(
  ctx: AppContext,
  input: { login: string; code: string },
  client: Client,
): Promise<SessionStart> {
  const login = loginOf(input.login);
  if (!/^\d{6}$/.test(input.code)) throw invalidField('code', 'Mã xác minh gồm đúng 6 chữ số.');
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const account = await store.findByLogin(db, login);
  if (account && store.isVerified(account, login)) throw alreadyVerified();
  const request = account && (await store.latestVerification(db, account.id, login.address));
  if (!account || !request?.code_hash || !request.expires_at) throw wrongCode(MAX_CODE_ATTEMPTS);
  if (request.expires_at <= now) throw invalidField('code', 'Mã xác minh đã hết hạn. Hãy yêu cầu mã mới.');
  if (!(await store.spendAttempt(db, request.id, MAX_CODE_ATTEMPTS))) {
    throw new Problem(429, 'code-attempts', 'Đã nhập sai mã xác minh quá số lần cho phép. Hãy yêu cầu mã mới.');
  }
  if (!(await verifyPassword(request.code_hash, input.code))) {
    throw wrongCode(MAX_CODE_ATTEMPTS - request.attempts - 1);
  }
  return runChange(ctx, requester(client), async ({ trx, audit }) => {
    const used = await trx
      .updateTable('applicant_verification')
      .set({ used_at: now })
      .where('id', '=', request.id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!used) throw alreadyVerified();
    const proved = login.channel === 'email' ? { email_verified_at: now } : { phone_verified_at: now };
    await trx.updateTable('applicant').set(proved).where('id', '=', account.id).execute();
    audit('applicant.verified', 'applicant', account.id, { channel: login.channel, ip: client.ip });
    return openSession(ctx, trx, account.id, client);
  });
}

// ---------- sign-in, sessions ----------

export async function signIn(
  ctx: AppContext,
  input: { login: string; password: string },
  client: Client,
): Promise<SessionStart> {
  const login = loginOf(input.login);
  const now = ctx.clock.now();
  const account = await store.findByLogin(ctx.database.db, login);
  if (!account?.password_hash) {
    await verifyDecoy(input.password);
    throw wrongCredentials();
  }
  if (account.locked_until && account.locked_until > now) throw accountLocked(account.locked_until);
  if (!(await verifyPassword(account.password_hash, input.password))) {
    const lockUntil = lockAfterFailure(ctx, account.failed_logins, now);
    await runChange(ctx, requester(client), async ({ trx, audit }) => {
      await store.recordFailedLogin(trx, account.id, lockUntil);
      audit(lockUntil ? 'applicant.locked' : 'applicant.login_failed', 'applicant', account.id, { ip: client.ip });
    });
    throw wrongCredentials();
  }
  if (!store.isVerified(account, login)) {
    throw new Problem(
      403,
      'unverified',
      'Tài khoản chưa được xác minh. Hãy nhập mã xác minh đã gửi hoặc yêu cầu mã mới.',
    );
  }
  return runChange(ctx, requester(client), async ({ trx, audit }) => {
    await store.clearFailedLogins(trx, account.id);
    audit('applicant.login', 'applicant', account.id, { ip: client.ip });
    return openSession(ctx, trx, account.id, client);
  });
}

/** A new session: the token goes to the browser, only its hash to the database (as for staff). */
export async function openSession(
  ctx: AppContext,
  trx: Kysely<DB>,
  applicantId: string,
  client: Client,
): Promise<SessionStart> {
  const now = ctx.clock.now();
  const session = { token: newToken(), csrfToken: newToken(), expiresAt: sessionExpiry(ctx, now) };
  await trx
    .insertInto('applicant_session')
    .values({
      token_hash: tokenHash(session.token),
      csrf_token: session.csrfToken,
      applicant_id: applicantId,
      created_at: now,
      last_seen_at: now,
      expires_at: session.expiresAt,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return session;
}

export function applicantSessionResolver(ctx: AppContext): ApplicantResolver {
  return async (token) => {
    const row = await store.findLiveSession(ctx.database.db, tokenHash(token));
    if (!row) return null;
    const now = ctx.clock.now().getTime();
    const state = sessionState(ctx, row, now);
    if (state === 'dead') return null;
    if (state === 'touch') await store.touchSession(ctx.database.db, row.id, new Date(now));
    return { applicantId: row.applicant_id, kind: row.kind, sessionId: row.id, csrfToken: row.csrf_token };
  };
}

export async function signOut(ctx: AppContext, applicant: ResolvedApplicant, requestId: string): Promise<void> {
  await runChange(ctx, { actor: null, requestId }, async ({ trx, audit }) => {
    await trx
      .updateTable('applicant_session')
      .set({ revoked_at: ctx.clock.now() })
      .where('id', '=', applicant.sessionId)
      .execute();
    audit('applicant.logout', 'applicant', applicant.applicantId, { session: applicant.sessionId });
  });
}

// ---------- profile ----------

export async function profile(ctx: AppContext, applicant: ResolvedApplicant) {
  const row = await store.findById(ctx.database.db, applicant.applicantId);
  const unit = row.admin_unit_id ? await findAdminUnit(ctx, row.admin_unit_id) : undefined;
  return {
    id: row.id,
    kind: row.kind,
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    phone: row.phone && nationalForm(row.phone),
    phoneVerified: row.phone_verified_at !== null,
    fullName: row.full_name,
    identityNumber: row.identity_number,
    identityVerified: row.identity_verified_at !== null,
    taxCode: row.tax_code,
    businessName: row.business_name,
    address:
      row.address_line && unit
        ? { line: row.address_line, adminUnit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind } }
        : null,
    hasPassword: row.password_hash !== null,
    version: row.version,
    csrfToken: applicant.csrfToken,
  };
}

export interface ProfilePatch {
  fullName?: string | null;
  identityNumber?: string | null;
  taxCode?: string | null;
  businessName?: string | null;
  address?: { line: string; adminUnitId: string } | null;
}

type Changes = Updateable<ApplicantTable>;
type Row = store.ApplicantRow;

function identityChange(row: Row, value: string | null, today: string): Changes | FieldError {
  const field = 'identityNumber';
  if (row.identity_verified_at && value !== row.identity_number) {
    return { field, message: 'Số định danh cá nhân đã được xác thực qua tài khoản định danh điện tử, không sửa được.' };
  }
  if (value === null) return { identity_number: null };
  const read = readIdentityNumber(value, today);
  return typeof read === 'string' ? { field, message: read } : { identity_number: read.number };
}

function taxCodeChange(value: string | null, today: string): Changes | FieldError {
  if (value === null) return { tax_code: null };
  const read = readTaxCode(value, today);
  return typeof read === 'string' ? { field: 'taxCode', message: read } : { tax_code: read.code };
}

function businessNameChange(row: Row, value: string | null): Changes | FieldError {
  if (value !== null && row.kind !== 'business') {
    return { field: 'businessName', message: 'Tên doanh nghiệp chỉ dùng cho tài khoản doanh nghiệp.' };
  }
  return { business_name: value?.trim() || null };
}

/** The address's unit must be a commune-level unit in force today: the one a dossier would be sent to. */
async function addressChange(ctx: AppContext, value: ProfilePatch['address'], today: string) {
  if (!value) return { address_line: null, admin_unit_id: null };
  const unit = await findAdminUnit(ctx, value.adminUnitId);
  const inForce = unit && unit.validFrom <= today && (unit.validTo === null || unit.validTo > today);
  if (unit?.level !== 'commune' || !inForce) {
    return {
      field: 'address.adminUnitId',
      message: 'Địa chỉ: đơn vị hành chính cấp xã không tồn tại hoặc không còn hiệu lực.',
    };
  }
  return { address_line: value.line.trim(), admin_unit_id: unit.id };
}

async function profileChanges(ctx: AppContext, row: Row, patch: ProfilePatch): Promise<Changes> {
  const today = todayIn(ctx);
  const parts: (Changes | FieldError)[] = [
    patch.fullName === undefined ? {} : { full_name: patch.fullName?.trim() || null },
    patch.identityNumber === undefined ? {} : identityChange(row, patch.identityNumber, today),
    patch.taxCode === undefined ? {} : taxCodeChange(patch.taxCode, today),
    patch.businessName === undefined ? {} : businessNameChange(row, patch.businessName),
    patch.address === undefined ? {} : await addressChange(ctx, patch.address, today),
  ];
  const errors = parts.filter((p): p is FieldError => 'field' in p);
  if (errors.length > 0) throw invalid(errors);
  return Object.assign({}, ...parts);
}

/** Updates the profile if `version` is still the current one (If-Match), and returns it. */
export async function updateProfile(
  ctx: AppContext,
  applicant: ResolvedApplicant,
  requestId: string,
  version: number,
  patch: ProfilePatch,
) {
  const row = await store.findById(ctx.database.db, applicant.applicantId);
  const changes = await profileChanges(ctx, row, patch);
  await runChange(ctx, { actor: null, requestId }, async ({ trx, audit }) => {
    const updated = await trx
      .updateTable('applicant')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .where('version', '=', version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw preconditionFailed();
    audit('applicant.profile_updated', 'applicant', row.id, { fields: Object.keys(patch) });
  });
  return profile(ctx, applicant);
}

/**
 * What a dossier says about its applicant, from the account's profile: the name the history shows, and the
 * details an online dossier is filled with where the applicant leaves them out (a business files in its name).
 */
export async function dossierApplicant(ctx: AppContext, applicantId: string) {
  const row = await store.findById(ctx.database.db, applicantId);
  const unit = row.admin_unit_id ? await findAdminUnit(ctx, row.admin_unit_id) : undefined;
  return {
    name: (row.kind === 'business' ? row.business_name : null) ?? row.full_name ?? null,
    identityNumber: row.identity_number,
    phone: row.phone && nationalForm(row.phone),
    email: row.email,
    address: row.address_line && unit ? `${row.address_line}, ${unit.name}` : null,
  };
}

export async function changePassword(
  ctx: AppContext,
  applicant: ResolvedApplicant,
  requestId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const row = await store.findById(ctx.database.db, applicant.applicantId);
  if (!row.password_hash) {
    throw conflict('Tài khoản này đăng nhập qua tài khoản định danh điện tử và không có mật khẩu.');
  }
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw invalidField('currentPassword', 'Mật khẩu hiện tại không đúng.');
  }
  const problem = passwordProblem(input.newPassword, row.email ?? (row.phone && nationalForm(row.phone)) ?? '');
  if (problem) throw invalidField('newPassword', problem);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await runChange(ctx, { actor: null, requestId }, async ({ trx, audit }) => {
    await trx
      .updateTable('applicant')
      .set({ password_hash: passwordHash, password_changed_at: now })
      .where('id', '=', row.id)
      .execute();
    // Whoever else holds a session (perhaps the reason for the change) is signed out.
    await store.revokeSessions(trx, row.id, now, applicant.sessionId);
    audit('applicant.password_changed', 'applicant', row.id);
  });
}
