import { applyRelayBatch, verifyRelay } from '@/lib/discord/relay';
import { MAX_BODY_BYTES, readBodyBytes, route } from '@/lib/http/route';

/**
 * Signed ingest for an optional external gateway relay (message, reaction and member-join events).
 * HMAC-SHA256 over timestamp + raw body is checked before anything else; each event applies once.
 */
export const POST = route({ auth: 'none' }, async ({ req }) => {
  const raw = await readBodyBytes(req, MAX_BODY_BYTES);
  const batch = verifyRelay(raw, req.headers);
  return applyRelayBatch(batch);
});
