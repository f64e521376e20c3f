import { jwtVerify, SignJWT } from 'jose';
import type { Claims } from '@/lib/db/tx';

/** Local sessions are HS256 JWTs with the claim shape Supabase Auth issues. */
export const LOCAL_ISSUER = 'communityos-local';
/** The httpOnly cookie that carries the local session token. */
export const SESSION_COOKIE = 'cos_session';
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

export async function signSessionJwt(
  input: { userId: string; email: string; sessionId: string; ttlSeconds?: number },
  secret: Uint8Array,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: input.email, role: 'authenticated', session_id: input.sessionId, aal: 'aal1' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.userId)
    .setIssuer(LOCAL_ISSUER)
    .setAudience('authenticated')
    .setIssuedAt(now)
    .setExpirationTime(now + (input.ttlSeconds ?? SESSION_TTL_SECONDS))
    .sign(secret);
}

/** Verifies signature, issuer, audience and expiry; returns null for anything not a valid session token. */
export async function verifySessionJwt(token: string, secret: Uint8Array): Promise<Claims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: LOCAL_ISSUER,
      audience: 'authenticated',
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string' || payload.role !== 'authenticated') return null;
    if (typeof payload.session_id !== 'string') return null;
    return { ...payload, sub: payload.sub, role: 'authenticated' } as Claims;
  } catch {
    return null;
  }
}
