import 'server-only';
import { createHmac, randomBytes } from 'node:crypto';
import { env } from '@/lib/env';
import { storedLocalSecret } from '@/lib/local-secrets';

/**
 * The secret Stripe-Signature headers are checked against.
 * - Managed payments: STRIPE_WEBHOOK_SECRET (the endpoint's signing secret from the dashboard or
 *   `stripe listen`).
 * - Local payments (never in production): a `whsec_…` secret the local checkout signs its events with.
 *   Generated once into the gitignored .data/secrets.json (next to the local auth secret), so it survives
 *   restarts. When AUTH_SECRET is configured explicitly (tests, CI, a shared staging box) it is derived
 *   from it instead, so such runs never write files.
 */
let cached: string | undefined;

function localSecret(): string {
  const e = env();
  if (e.production) throw new Error('STRIPE_WEBHOOK_SECRET is required in production');
  if (e.raw.AUTH_SECRET) {
    const mac = createHmac('sha256', e.raw.AUTH_SECRET).update('communityos:local-stripe-webhook');
    return `whsec_${mac.digest('base64url')}`;
  }
  return storedLocalSecret('stripeWebhookSecret', () => `whsec_${randomBytes(32).toString('base64url')}`);
}

export function webhookSecret(): string {
  if (cached) return cached;
  const e = env();
  cached =
    e.services.payments.mode === 'managed' && e.raw.STRIPE_WEBHOOK_SECRET
      ? e.raw.STRIPE_WEBHOOK_SECRET
      : localSecret();
  return cached;
}

/** The local checkout signs with this; undefined when real Stripe is configured (it signs its own). */
export function localWebhookSecret(): string | undefined {
  return env().services.payments.mode === 'local' ? webhookSecret() : undefined;
}

/** For tests that switch the environment. */
export function resetWebhookSecretCache(): void {
  cached = undefined;
}
