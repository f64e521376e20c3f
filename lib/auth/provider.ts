import 'server-only';
import { cookies } from 'next/headers';
import { asService, type Claims } from '@/lib/db/tx';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/errors';
import {
  checkLocalToken,
  localSignIn,
  localSignUp,
  revokeAllSessions,
  revokeSession,
  type SessionContext,
} from './local-auth';
import { SESSION_COOKIE, verifySessionJwt } from './jwt';
import type { SignInInput, SignUpInput } from './schemas';
import { authSecret } from './secret';
import { claimsFromSupabase } from './supabase-claims';
import { supabaseAdmin, supabaseServer } from './supabase-client';

export { SESSION_COOKIE } from './jwt';

/**
 * The auth seam. Both implementations read and write cookies through next/headers and produce the same
 * Claims for asUser(); the app role is always read from public.profiles, never from the cookie.
 */
export interface AuthProvider {
  kind: 'local' | 'supabase';
  signUp(input: SignUpInput, ctx: SessionContext): Promise<{ userId: string; needsConfirmation: boolean }>;
  signIn(input: SignInInput, ctx: SessionContext): Promise<{ userId: string }>;
  signOut(): Promise<void>;
  signOutEverywhere(userId: string): Promise<void>;
  /** Claims of a live session, or null (no cookie, bad token, revoked session, banned user). */
  currentClaims(): Promise<Claims | null>;
  /** Called after an admin bans or unbans a user. */
  onBanChanged(userId: string, banned: boolean): Promise<void>;
}

async function setSessionCookie(token: string, maxAge: number): Promise<void> {
  const store = await cookies();
  store.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().production || (env().raw.APP_URL ?? '').startsWith('https://'),
    path: '/',
    maxAge,
  });
}

const localProvider: AuthProvider = {
  kind: 'local',
  async signUp(input, ctx) {
    const s = await localSignUp(input, ctx);
    await setSessionCookie(s.token, s.maxAgeSeconds);
    return { userId: s.userId, needsConfirmation: false };
  },
  async signIn(input, ctx) {
    const s = await localSignIn(input, ctx);
    await setSessionCookie(s.token, s.maxAgeSeconds);
    return { userId: s.userId };
  },
  async signOut() {
    const store = await cookies();
    const token = store.get(SESSION_COOKIE)?.value;
    const claims = token ? await verifySessionJwt(token, authSecret()) : null;
    if (claims?.session_id) await revokeSession(claims.session_id);
    store.delete(SESSION_COOKIE);
  },
  async signOutEverywhere(userId) {
    await revokeAllSessions(userId);
    (await cookies()).delete(SESSION_COOKIE);
  },
  async currentClaims() {
    const token = (await cookies()).get(SESSION_COOKIE)?.value;
    return (await checkLocalToken(token)).claims;
  },
  async onBanChanged() {
    // admin_set_banned() already revoked the sessions in SQL.
  },
};

const supabaseProvider: AuthProvider = {
  kind: 'supabase',
  async signUp(input) {
    const sb = await supabaseServer();
    const { data, error } = await sb.auth.signUp({
      email: input.email,
      password: input.password,
      options: { data: { username: input.username, display_name: input.displayName } },
    });
    if (error) {
      if (/registered|exists/i.test(error.message)) {
        throw new AppError('CONFLICT', 'An account with this email already exists');
      }
      throw new AppError('BAD_REQUEST', error.message);
    }
    if (!data.user) throw new AppError('INTERNAL', 'Sign-up did not return a user');
    return { userId: data.user.id, needsConfirmation: data.session === null };
  },
  async signIn(input) {
    const sb = await supabaseServer();
    const { data, error } = await sb.auth.signInWithPassword({
      email: input.email,
      password: input.password,
    });
    if (error || !data.user) {
      if (error && /banned/i.test(error.message)) {
        throw new AppError('ACCOUNT_BANNED', 'This account has been suspended by an administrator');
      }
      throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    const banned = await asService((db) =>
      db.query<{ is_banned: boolean }>('select is_banned from public.profiles where id = $1', [data.user.id]),
    );
    if (banned.rows[0]?.is_banned) {
      await sb.auth.signOut();
      throw new AppError('ACCOUNT_BANNED', 'This account has been suspended by an administrator');
    }
    return { userId: data.user.id };
  },
  async signOut() {
    await (await supabaseServer()).auth.signOut({ scope: 'local' });
  },
  async signOutEverywhere() {
    await (await supabaseServer()).auth.signOut({ scope: 'global' });
  },
  async currentClaims() {
    const { data, error } = await (await supabaseServer()).auth.getClaims();
    if (error || !data?.claims) return null;
    return claimsFromSupabase(data.claims as Parameters<typeof claimsFromSupabase>[0]);
  },
  async onBanChanged(userId, banned) {
    const { error } = await supabaseAdmin().auth.admin.updateUserById(userId, {
      ban_duration: banned ? '876000h' : 'none',
    });
    if (error) throw new AppError('INTERNAL', `Supabase could not update the ban: ${error.message}`);
  },
};

export function authProvider(): AuthProvider {
  return env().services.auth.mode === 'managed' ? supabaseProvider : localProvider;
}
