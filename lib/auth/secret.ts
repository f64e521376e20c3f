import { randomBytes } from 'node:crypto';
import { env } from '@/lib/env';
import { storedLocalSecret } from '@/lib/local-secrets';

/**
 * The local session-signing secret: AUTH_SECRET when set (required in production), otherwise generated
 * once into the gitignored .data/secrets.json so sessions survive restarts of the local server.
 */
let cached: Uint8Array | undefined;

export function authSecret(): Uint8Array {
  if (cached) return cached;
  const e = env();
  let secret = e.raw.AUTH_SECRET;
  if (!secret) {
    if (e.production) throw new Error('AUTH_SECRET is required in production');
    secret = storedLocalSecret('authSecret', () => randomBytes(48).toString('base64url'));
  }
  cached = new TextEncoder().encode(secret);
  return cached;
}
