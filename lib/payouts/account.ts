import 'server-only';
import { asService, asUser, type Claims } from '@/lib/db/tx';
import { env } from '@/lib/env';
import { stripeClient } from '@/lib/payments/stripe-client';

export interface PayoutAccount {
  mode: 'stripe' | 'simulated';
  status: 'pending' | 'ready';
  stripeAccountId: string | null;
  bankHolder: string | null;
  bankLast4: string | null;
  bankCountry: string | null;
  autoWeekly: boolean;
}

interface Row {
  mode: 'stripe' | 'simulated';
  status: 'pending' | 'ready';
  stripe_account_id: string | null;
  bank_holder: string | null;
  bank_last4: string | null;
  bank_country: string | null;
  auto_weekly: boolean;
}

const toAccount = (r: Row): PayoutAccount => ({
  mode: r.mode,
  status: r.status,
  stripeAccountId: r.stripe_account_id,
  bankHolder: r.bank_holder,
  bankLast4: r.bank_last4,
  bankCountry: r.bank_country,
  autoWeekly: r.auto_weekly,
});

/** Stripe Connect when managed payments are configured; otherwise bank details are recorded as simulated. */
export function payoutMode(): 'stripe' | 'simulated' {
  return env().services.payments.mode === 'managed' ? 'stripe' : 'simulated';
}

export async function getPayoutAccount(claims: Claims): Promise<PayoutAccount | null> {
  const r = await asUser(claims, (db) =>
    db.query<Row>('select * from public.payout_accounts where creator_id = auth.uid()'),
  );
  return r.rows[0] ? toAccount(r.rows[0]) : null;
}

/** Local mode: keep only the holder, the country and the last 4 characters of the IBAN. */
export async function saveSimulatedBank(
  creatorId: string,
  holder: string,
  iban: string,
): Promise<PayoutAccount> {
  const r = await asService((db) =>
    db.query<Row>("select * from private.save_payout_account($1, 'simulated', 'ready', null, $2, $3, $4)", [
      creatorId,
      holder,
      iban.slice(-4),
      iban.slice(0, 2),
    ]),
  );
  return toAccount(r.rows[0] as Row);
}

/**
 * Managed mode: an Express account (created once) and a fresh onboarding link. The account turns ready
 * when Stripe reports payouts enabled (checked on return from onboarding).
 */
export async function stripeOnboardingLink(
  creator: { id: string; email?: string },
  existing: PayoutAccount | null,
  origin: string,
): Promise<string> {
  const stripe = stripeClient();
  let accountId = existing?.stripeAccountId ?? null;
  if (!accountId) {
    const acct = await stripe.accounts.create(
      { type: 'express', email: creator.email, metadata: { creator_id: creator.id } },
      { idempotencyKey: `connect-account-${creator.id}` },
    );
    accountId = acct.id;
    await asService((db) =>
      db.query("select private.save_payout_account($1, 'stripe', 'pending', $2, null, null, null)", [
        creator.id,
        accountId,
      ]),
    );
  }
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: 'account_onboarding',
    refresh_url: `${origin}/creator/payouts?onboarding=refresh`,
    return_url: `${origin}/creator/payouts?onboarding=done`,
  });
  return link.url;
}

/** After onboarding: mark the account ready once Stripe says payouts are enabled. */
export async function refreshStripeAccount(
  creatorId: string,
  account: PayoutAccount,
): Promise<PayoutAccount> {
  if (account.mode !== 'stripe' || !account.stripeAccountId || account.status === 'ready') return account;
  const acct = await stripeClient().accounts.retrieve(account.stripeAccountId);
  if (!acct.payouts_enabled) return account;
  const r = await asService((db) =>
    db.query<Row>("select * from private.save_payout_account($1, 'stripe', 'ready', $2, null, null, null)", [
      creatorId,
      account.stripeAccountId,
    ]),
  );
  return toAccount(r.rows[0] as Row);
}
