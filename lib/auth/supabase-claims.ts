import type { JWTPayload } from 'jose';
import type { Claims } from '@/lib/db/tx';

/**
 * Maps the claims of a Supabase access token (as returned by supabase.auth.getClaims()) to the claims
 * object asUser() puts in request.jwt.claims — the same object local auth produces.
 */
export function claimsFromSupabase(payload: JWTPayload & Record<string, unknown>): Claims | null {
  if (typeof payload.sub !== 'string' || payload.role !== 'authenticated') return null;
  if (payload.is_anonymous === true) return null;
  return {
    ...payload,
    sub: payload.sub,
    role: 'authenticated',
    email: typeof payload.email === 'string' ? payload.email : undefined,
    session_id: typeof payload.session_id === 'string' ? payload.session_id : undefined,
  };
}
