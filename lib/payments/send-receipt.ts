import 'server-only';
import { asService } from '@/lib/db/tx';
import { writeLog } from '@/lib/log/log';
import { notify } from '@/lib/notifications/notify';
import { purchaseReceiptEmail } from './receipt-email';

/**
 * Emails the purchase receipt to the account's address. Called only after a credit actually happened, so
 * a redelivered event never sends a second one. A failure to send is logged, not thrown: the tokens are
 * already in the wallet and Stripe must not retry the event because of email.
 */
export async function sendPurchaseReceipt(i: {
  userId: string;
  tokens: number;
  amountCents: number;
  currency: string;
  checkoutSessionId: string;
  requestId?: string;
}): Promise<boolean> {
  try {
    const r = await asService((db) =>
      db.query<{ email: string | null; display_name: string | null }>(
        `select u.email, p.display_name
           from auth.users u left join public.profiles p on p.id = u.id
          where u.id = $1`,
        [i.userId],
      ),
    );
    const to = r.rows[0]?.email;
    if (!to) {
      await writeLog('warn', 'payments.receipt', 'no email address for the buyer', { userId: i.userId });
      return false;
    }
    const { to: _to, ...email } = purchaseReceiptEmail({
      to,
      displayName: r.rows[0]?.display_name || 'there',
      tokens: i.tokens,
      amountCents: i.amountCents,
      currency: i.currency,
      checkoutSessionId: i.checkoutSessionId,
      purchasedAt: new Date(),
    });
    // Through the user's notification preferences: in-app always by default, email unless turned off.
    const sent = await notify({
      userId: i.userId,
      kind: 'purchase',
      target: { type: 'checkout_session', id: i.checkoutSessionId },
      title: `${i.tokens} tokens added to your wallet`,
      body: email.subject,
      link: '/wallet',
      email,
    });
    return sent.emailed;
  } catch (err) {
    await writeLog(
      'error',
      'payments.receipt',
      'could not send the purchase receipt',
      { ...i },
      i.requestId,
      err,
    );
    return false;
  }
}
