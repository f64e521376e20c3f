import 'server-only';
import { randomUUID } from 'node:crypto';
import { asService } from '@/lib/db/tx';
import type { Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { signSessionJwt, SESSION_TTL_SECONDS, verifySessionJwt } from './jwt';
import { dummyHash, hashPassword, verifyPassword } from './password';
import type { SignInInput, SignUpInput } from './schemas';
import { authSecret } from './secret';

/**
 * Local auth: users live in auth.users (scrypt hashes), one private.sessions row per session, and the
 * cookie carries an HS256 JWT with Supabase's claim shape. A token is honoured only while its session
 * row is live and the profile is not banned, so sign-out, sign-out-everywhere and bans act at once.
 */

export interface SessionContext {
  ip?: string | null;
  userAgent?: string | null;
}

export interface IssuedSession {
  userId: string;
  sessionId: string;
  token: string;
  maxAgeSeconds: number;
}

async function issueSession(userId: string, email: string, ctx: SessionContext): Promise<IssuedSession> {
  const sessionId = randomUUID();
  await asService((db) =>
    db.query(
      `insert into private.sessions (id, user_id, expires_at, user_agent, ip)
       values ($1, $2, now() + make_interval(secs => $3), $4, $5)`,
      [sessionId, userId, SESSION_TTL_SECONDS, ctx.userAgent?.slice(0, 300) ?? null, ctx.ip ?? null],
    ),
  );
  const token = await signSessionJwt({ userId, email, sessionId }, authSecret());
  return { userId, sessionId, token, maxAgeSeconds: SESSION_TTL_SECONDS };
}

/** Creates the auth user (the profile follows from the auth.users trigger). */
export async function createLocalUser(input: SignUpInput): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  return asService(async (db) => {
    const taken = await db.query<{ email_taken: boolean; username_taken: boolean }>(
      `select exists (select 1 from auth.users where lower(email) = $1) as email_taken,
              exists (select 1 from public.profiles where username = $2) as username_taken`,
      [input.email, input.username],
    );
    const row = taken.rows[0];
    if (row?.email_taken) {
      throw new AppError('CONFLICT', 'An account with this email already exists', {
        fields: { email: ['An account with this email already exists'] },
      });
    }
    if (row?.username_taken) {
      throw new AppError('CONFLICT', 'That username is taken', {
        fields: { username: ['That username is taken'] },
      });
    }
    const id = randomUUID();
    await db.query(
      `insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at,
                               raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ($1, 'authenticated', 'authenticated', $2, $3, now(), $4, $5, now(), now())`,
      [
        id,
        input.email,
        passwordHash,
        { provider: 'email', providers: ['email'] },
        { username: input.username, display_name: input.displayName },
      ],
    );
    return id;
  });
}

export async function localSignUp(input: SignUpInput, ctx: SessionContext): Promise<IssuedSession> {
  const userId = await createLocalUser(input);
  return issueSession(userId, input.email, ctx);
}

export async function localSignIn(input: SignInInput, ctx: SessionContext): Promise<IssuedSession> {
  const found = await asService((db) =>
    db.query<{ id: string; email: string; encrypted_password: string | null; is_banned: boolean | null }>(
      `select u.id, u.email, u.encrypted_password, p.is_banned
         from auth.users u left join public.profiles p on p.id = u.id
        where lower(u.email) = $1 and u.deleted_at is null`,
      [input.email],
    ),
  );
  const user = found.rows[0];
  const ok = await verifyPassword(input.password, user?.encrypted_password ?? (await dummyHash()));
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect');
  if (user.is_banned) {
    throw new AppError('ACCOUNT_BANNED', 'This account has been suspended by an administrator');
  }
  await asService((db) => db.query('update auth.users set last_sign_in_at = now() where id = $1', [user.id]));
  return issueSession(user.id, user.email, ctx);
}

export async function revokeSession(sessionId: string): Promise<void> {
  await asService((db) =>
    db.query('update private.sessions set revoked_at = now() where id = $1 and revoked_at is null', [
      sessionId,
    ]),
  );
}

export async function revokeAllSessions(userId: string): Promise<number> {
  const r = await asService((db) =>
    db.query('update private.sessions set revoked_at = now() where user_id = $1 and revoked_at is null', [
      userId,
    ]),
  );
  return r.rowCount ?? 0;
}

export type TokenCheck = { claims: Claims } | { claims: null; reason: 'invalid' | 'revoked' | 'banned' };

/** Verifies a session token: signature, expiry, live session row, profile not banned. */
export async function checkLocalToken(token: string | undefined): Promise<TokenCheck> {
  if (!token) return { claims: null, reason: 'invalid' };
  const claims = await verifySessionJwt(token, authSecret());
  if (!claims?.session_id) return { claims: null, reason: 'invalid' };
  const r = await asService((db) =>
    db.query<{ live: boolean; is_banned: boolean }>(
      `select (s.revoked_at is null and s.expires_at > now()) as live, coalesce(p.is_banned, false) as is_banned
         from private.sessions s left join public.profiles p on p.id = s.user_id
        where s.id = $1 and s.user_id = $2`,
      [claims.session_id, claims.sub],
    ),
  );
  const row = r.rows[0];
  if (!row?.live) return { claims: null, reason: 'revoked' };
  if (row.is_banned) return { claims: null, reason: 'banned' };
  return { claims };
}
