import { after, NextResponse } from 'next/server';
import { handleInteraction } from '@/lib/discord/handle-interaction';
import { verifyInteraction } from '@/lib/discord/verify';
import { MAX_BODY_BYTES, readBodyBytes, route } from '@/lib/http/route';

/**
 * Discord's interactions endpoint. The Ed25519 signature over the raw body is checked before anything
 * else (401 otherwise); the answer is always immediate, and slow work (Discord REST, AI) runs after the
 * response (after()) and finishes through the interaction webhook.
 */
export const POST = route({ auth: 'none' }, async ({ req, requestId }) => {
  const raw = await readBodyBytes(req, MAX_BODY_BYTES);
  const interaction = await verifyInteraction(raw, req.headers);
  const outcome = await handleInteraction(interaction, requestId);
  if (outcome.later) after(outcome.later);
  return NextResponse.json(outcome.response, { headers: { 'cache-control': 'no-store' } });
});
