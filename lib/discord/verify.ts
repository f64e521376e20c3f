import 'server-only';
import type { APIInteraction } from 'discord-api-types/v10';
import { verifyKey } from 'discord-interactions';
import { AppError } from '@/lib/http/errors';
import { discordPublicKey } from './config';

// Importing the key is as costly as verifying: do it once per public key, not per request.
const keys = new Map<string, Promise<CryptoKey>>();
function publicCryptoKey(hex: string): Promise<CryptoKey> {
  let key = keys.get(hex);
  if (!key) {
    key = crypto.subtle.importKey('raw', Buffer.from(hex, 'hex'), { name: 'Ed25519' }, false, ['verify']);
    key.catch(() => keys.delete(hex));
    keys.set(hex, key);
  }
  return key;
}

/**
 * Checks the Ed25519 signature Discord puts on every interaction (over timestamp + raw body) before
 * anything else reads the body. Discord deliberately sends bad signatures and expects a 401.
 */
export async function verifyInteraction(raw: Buffer, headers: Headers): Promise<APIInteraction> {
  const publicKeyHex = discordPublicKey();
  const signature = headers.get('x-signature-ed25519');
  const timestamp = headers.get('x-signature-timestamp');
  if (!signature || !timestamp) {
    throw new AppError('INVALID_SIGNATURE', 'Missing X-Signature-Ed25519 or X-Signature-Timestamp');
  }
  if (!/^[0-9a-f]{64}$/i.test(publicKeyHex)) {
    throw new AppError('NOT_CONFIGURED', 'DISCORD_PUBLIC_KEY must be 64 hex characters');
  }
  const publicKey = await publicCryptoKey(publicKeyHex);
  if (!/^[0-9a-f]{128}$/i.test(signature) || !(await verifyKey(raw, signature, timestamp, publicKey))) {
    throw new AppError('INVALID_SIGNATURE', 'Invalid request signature');
  }
  try {
    return JSON.parse(raw.toString('utf8')) as APIInteraction;
  } catch {
    throw new AppError('BAD_REQUEST', 'Request body is not valid JSON');
  }
}
