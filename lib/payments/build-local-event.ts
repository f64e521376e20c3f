import 'server-only';
import Stripe from 'stripe';
import type { LocalCheckoutSession } from './local-sessions';

/**
 * A Stripe-format event for a local checkout session, shaped like the checkout.session objects Stripe
 * publishes (see ../shared/fixtures/stripe/objects.json): the webhook cannot tell it from a real one, and
 * must not — it goes through the same signature check and the same handler.
 */
export type LocalEventType = 'checkout.session.completed' | 'checkout.session.async_payment_failed';

export function buildLocalCheckoutEvent(i: {
  eventId: string;
  type: LocalEventType;
  session: LocalCheckoutSession;
  paymentIntentId: string | null;
  email: string | null;
  baseUrl: string;
}): Stripe.Event {
  const s = i.session;
  const now = Math.floor(Date.now() / 1000);
  const paid = i.type === 'checkout.session.completed';
  const object = {
    id: s.id,
    object: 'checkout.session',
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: s.amount_cents,
    amount_total: s.amount_cents,
    automatic_tax: { enabled: false, liability: null, status: null, provider: null },
    billing_address_collection: null,
    cancel_url: `${i.baseUrl}/wallet?canceled=1`,
    client_reference_id: s.user_id,
    client_secret: null,
    created: Math.floor(s.created_at.getTime() / 1000),
    currency: s.currency,
    custom_fields: [],
    customer: null,
    customer_creation: 'if_required',
    customer_details: {
      address: null,
      email: i.email,
      name: null,
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    },
    customer_email: i.email,
    expires_at: Math.floor(s.expires_at.getTime() / 1000),
    invoice: null,
    livemode: false,
    locale: null,
    metadata: { user_id: s.user_id, package_id: s.package_id, tokens: String(s.tokens) },
    mode: 'payment',
    payment_intent: i.paymentIntentId,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_types: ['card'],
    payment_status: paid ? 'paid' : 'unpaid',
    setup_intent: null,
    shipping_cost: null,
    status: paid ? 'complete' : 'open',
    submit_type: null,
    subscription: null,
    success_url: `${i.baseUrl}/wallet?purchased=${s.package_id}&session_id={CHECKOUT_SESSION_ID}`,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: null,
  };
  return {
    id: i.eventId,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: now,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: i.type,
  } as unknown as Stripe.Event;
}
