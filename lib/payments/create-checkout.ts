import 'server-only';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/errors';
import type { TokenPackage } from '@/lib/ledger/types';
import { createLocalSession } from './local-sessions';
import { stripeClient } from './stripe-client';

/**
 * The payments adapter: one interface, two implementations.
 * - managed: a Stripe Checkout Session (mode payment, one line item priced from the package) whose metadata
 *   carries user_id, package_id and tokens — the webhook credits from exactly that metadata.
 * - local: a row in private.local_checkout_sessions and the /checkout/local page, which later posts a
 *   Stripe-signed event to the same webhook.
 * Neither credits anything: only the signed checkout.session.completed event does.
 */
export interface CheckoutInput {
  userId: string;
  email: string | undefined;
  package: TokenPackage;
  /** Absolute base URL for success/cancel URLs (APP_URL or the request origin). */
  baseUrl: string;
}

export interface CheckoutResult {
  url: string;
  sessionId: string;
}

export async function createCheckout(i: CheckoutInput): Promise<CheckoutResult> {
  const pkg = i.package;
  if (!pkg.active) throw new AppError('NOT_FOUND', 'That token package is not on sale');
  const metadata = { user_id: i.userId, package_id: pkg.id, tokens: String(pkg.tokens) };

  if (env().services.payments.mode === 'local') {
    const s = await createLocalSession({
      userId: i.userId,
      packageId: pkg.id,
      tokens: pkg.tokens,
      amountCents: pkg.price_cents,
      currency: pkg.currency,
    });
    return { url: `/checkout/local?session=${encodeURIComponent(s.id)}`, sessionId: s.id };
  }

  const session = await stripeClient().checkout.sessions.create({
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: pkg.currency,
          unit_amount: pkg.price_cents,
          product_data: {
            name: `${pkg.tokens.toLocaleString('en-US')} CommunityOS tokens`,
            description: `Token package "${pkg.id}" — tokens are added to your wallet after payment.`,
          },
        },
      },
    ],
    metadata,
    // Refunds and disputes arrive as charge events: keep the same facts on the PaymentIntent too.
    payment_intent_data: { metadata },
    client_reference_id: i.userId,
    customer_email: i.email,
    success_url: `${i.baseUrl}/wallet?purchased=${encodeURIComponent(pkg.id)}&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${i.baseUrl}/wallet?canceled=1`,
  });
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
  return { url: session.url, sessionId: session.id };
}
