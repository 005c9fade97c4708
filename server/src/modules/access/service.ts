// Staff sign-in, sessions and password change.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Actor } from '../../platform/auth/actor.ts';
import { ROLE_NAMES, type Role } from '../../platform/auth/roles.ts';
import { type AppContext, type Requester, runChange } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { ResolvedSession } from '../../platform/http/guard.ts';
import { invalidField, Problem } from '../../platform/http/problem.ts';
import { hashPassword, passwordProblem, temporaryPassword, verifyDecoy, verifyPassword } from './password.ts';
import * as store from './store.ts';
import { newToken, tokenHash } from './token.ts';

const MINUTE = 60_000;
// last_seen_at is written at most this often: a busy session must not cost a write per request.
const TOUCH_EVERY_MS = MINUTE;

const wrongCredentials = () => new Problem(401, 'wrong-credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.');

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route stays open to someone signed in with a temporary password (who they are, choosing a new one). */
    allowsTemporaryPassword?: boolean;
  }
}

/** How long a temporary password set by an administrator signs in: enough to hand it over, not to forget it. */
export const TEMPORARY_PASSWORD_DAYS = 7;

export const passwordChangeRequired = () =>
  new Problem(
    403,
    'password-change-required',
    'Bạn cần đổi mật khẩu tạm trước khi tiếp tục làm việc.',
    'Mật khẩu do quản trị cấp chỉ dùng để đăng nhập lần đầu và đặt mật khẩu của riêng bạn (POST /api/v1/me/password).',
  );

const temporaryPasswordExpired = () =>
  new Problem(
    401,
    'temporary-password-expired',
    'Mật khẩu tạm đã hết hạn. Hãy đề nghị quản trị cơ quan cấp mật khẩu tạm mới.',
  );

// Shared with the sessions and lockout of citizens' accounts (module citizens), which follow the same rules.

export const accountLocked = (until: Date) =>
  new Problem(
    429,
    'account-locked',
    'Tài khoản tạm bị khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau.',
    `Khoá đến ${until.toISOString()}.`,
  );

/** After one more wrong password: the end of the lock if this failure reaches the limit, else null. */
export function lockAfterFailure(ctx: AppContext, failedLogins: number, now: Date): Date | null {
  const locks = failedLogins + 1 >= ctx.config.loginMaxFailures;
  return locks ? new Date(now.getTime() + ctx.config.loginLockMinutes * MINUTE) : null;
}

export const sessionExpiry = (ctx: AppContext, now: Date) =>
  new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 60 * MINUTE);

/** A session past its absolute end or idle too long is dead; a live one may be due a `last_seen_at` write. */
export function sessionState(
  ctx: AppContext,
  row: { expires_at: Date; last_seen_at: Date },
  now: number,
): 'dead' | 'touch' | 'fresh' {
  const idle = now - row.last_seen_at.getTime();
  if (row.expires_at.getTime() <= now || idle > ctx.config.sessionIdleMinutes * MINUTE) return 'dead';
  return idle > TOUCH_EVERY_MS ? 'touch' : 'fresh';
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  passwordChangeRequired: boolean;
}

export async function login(
  ctx: AppContext,
  input: { username: string; password: string },
  client: { ip: string; userAgent: string | null; requestId: string },
): Promise<LoginResult> {
  const now = ctx.clock.now();
  const account = await store.findAccount(ctx.database.db, input.username);
  if (!account?.active) {
    await verifyDecoy(input.password);
    throw wrongCredentials();
  }
  if (account.locked_until && account.locked_until > now) throw accountLocked(account.locked_until);
  const who: Requester = { actor: null, requestId: client.requestId };
  if (!(await verifyPassword(account.password_hash, input.password))) {
    const lockUntil = lockAfterFailure(ctx, account.failed_logins, now);
    await runChange(ctx, who, async ({ trx, audit }) => {
      await store.recordFailedLogin(trx, account.id, lockUntil);
      audit(lockUntil ? 'auth.account_locked' : 'auth.login_failed', 'staff', account.id, { ip: client.ip });
    });
    throw wrongCredentials();
  }
  const temporaryUntil = account.temporary_password_until;
  if (temporaryUntil && temporaryUntil <= now) throw temporaryPasswordExpired();
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = sessionExpiry(ctx, now);
  await runChange(ctx, who, async ({ trx, audit }) => {
    await store.clearFailedLogins(trx, account.id);
    const session = await trx
      .insertInto('staff_session')
      .values({
        token_hash: tokenHash(token),
        csrf_token: csrfToken,
        staff_id: account.id,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: client.ip,
        user_agent: client.userAgent?.slice(0, 300) ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    audit('auth.login', 'staff', account.id, { session: session.id, ip: client.ip });
  });
  return { token, csrfToken, expiresAt, passwordChangeRequired: temporaryUntil !== null };
}

export function sessionResolver(ctx: AppContext) {
  return async (token: string, request: FastifyRequest): Promise<ResolvedSession | null> => {
    const row = await store.findLiveSession(ctx.database.db, tokenHash(token));
    if (!row) return null;
    const now = ctx.clock.now().getTime();
    const state = sessionState(ctx, row, now);
    if (state === 'dead') return null;
    if (row.temporary_password && !request.routeOptions.config.allowsTemporaryPassword) {
      throw passwordChangeRequired();
    }
    if (state === 'touch') await store.touchSession(ctx.database.db, row.id, new Date(now));
    return {
      actor: new Actor(row.staff_id, row.username, row.full_name, row.grants),
      sessionId: row.id,
      csrfToken: row.csrf_token,
    };
  };
}

export async function logout(ctx: AppContext, who: Requester, sessionId: string): Promise<void> {
  await runChange(ctx, who, async ({ trx, audit }) => {
    await trx.updateTable('staff_session').set({ revoked_at: ctx.clock.now() }).where('id', '=', sessionId).execute();
    audit('auth.logout', 'staff', who.actor?.staffId ?? null, { session: sessionId });
  });
}

export async function profile(ctx: AppContext, session: ResolvedSession) {
  const me = await store.profileOf(ctx.database.db, session.actor.staffId);
  const byAgency = new Map<
    string,
    { agency: (typeof me.grants)[number]['agency']; roles: { role: string; name: string }[] }
  >();
  for (const g of me.grants) {
    const entry = byAgency.get(g.agency.id) ?? { agency: g.agency, roles: [] };
    entry.roles.push({ role: g.role, name: ROLE_NAMES[g.role as Role] ?? g.role });
    byAgency.set(g.agency.id, entry);
  }
  return {
    id: me.id,
    username: me.username,
    fullName: me.full_name,
    position: me.position,
    email: me.email,
    mustChangePassword: me.demo_password || me.temporary_password,
    passwordChangeRequired: me.temporary_password,
    agency: me.agency,
    roles: [...byAgency.values()],
    csrfToken: session.csrfToken,
  };
}

export async function changePassword(
  ctx: AppContext,
  who: Requester & { actor: Actor },
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const account = await store.findAccount(ctx.database.db, who.actor.username);
  if (!account || !(await verifyPassword(account.password_hash, input.currentPassword))) {
    throw invalidField('currentPassword', 'Mật khẩu hiện tại không đúng.');
  }
  const problem =
    input.newPassword === input.currentPassword
      ? 'Mật khẩu mới phải khác mật khẩu hiện tại.'
      : passwordProblem(input.newPassword, account.username);
  if (problem) throw invalidField('newPassword', problem);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await runChange(ctx, who, async ({ trx, audit }) => {
    await trx
      .updateTable('staff')
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        demo_password: false,
        temporary_password_until: null,
      })
      .where('id', '=', account.id)
      .execute();
    // Whoever else holds a session (perhaps the reason for the change) is signed out.
    await store.revokeSessions(trx, account.id, now, sessionId);
    audit('auth.password_changed', 'staff', account.id);
  });
}

export interface TemporaryPassword {
  /** Shown once to the administrator who asked for it; never stored, logged or audited. */
  password: string;
  passwordHash: string;
  until: Date;
}

/** A new temporary password for an account (module org stores it with the account it creates or resets). */
export async function newTemporaryPassword(ctx: AppContext, username: string): Promise<TemporaryPassword> {
  const password = temporaryPassword(username);
  const until = new Date(ctx.clock.now().getTime() + TEMPORARY_PASSWORD_DAYS * 24 * 60 * MINUTE);
  return { password, passwordHash: await hashPassword(password), until };
}

/**
 * Signs someone out everywhere at once (deactivated, or their password reset by an administrator). A session of
 * a deactivated account is refused anyway, but ending it means that reactivating the account revives none.
 */
export const endSessions = (db: Kysely<DB>, staffId: string, at: Date) => store.revokeSessions(db, staffId, at);
