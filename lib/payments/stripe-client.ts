import 'server-only';
import Stripe from 'stripe';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/errors';

/**
 * The Stripe SDK client, for managed payments only. Webhook signing and verification do not need an API
 * key (they are HMACs over the raw body), so they use the SDK's static `Stripe.webhooks` in both modes.
 */
let client: Stripe | undefined;

export function stripeClient(): Stripe {
  const key = env().raw.STRIPE_SECRET_KEY;
  if (env().services.payments.mode !== 'managed' || !key) {
    throw new AppError('NOT_CONFIGURED', 'Stripe is not configured (STRIPE_SECRET_KEY is not set)');
  }
  client ??= new Stripe(key, { maxNetworkRetries: 2, timeout: 20_000, appInfo: { name: 'CommunityOS' } });
  return client;
}

export const stripeWebhooks = Stripe.webhooks;

/** Stripe's default and ours: a signature older than this many seconds is refused (replay window). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
