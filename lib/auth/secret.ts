import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

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
    const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), '.data');
    const file = path.join(dir, 'secrets.json');
    const stored = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as { authSecret?: string })
      : {};
    if (!stored.authSecret) {
      stored.authSecret = randomBytes(48).toString('base64url');
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    }
    secret = stored.authSecret;
  }
  cached = new TextEncoder().encode(secret);
  return cached;
}
