import 'server-only';
import { asService } from '@/lib/db/tx';
import { appBaseUrl } from '@/lib/email/templates';
import { writeLog } from '@/lib/log/log';
import { notify } from '@/lib/notifications/notify';

/**
 * Subscription notices, in-app and by email through notify() (kind 'subscription', each channel per the
 * fan's preferences). Telling never throws: the money already moved, and a failure is logged for support.
 */

const dateFmt = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

async function recipientsOf(subscriptionIds: string[]) {
  const r = await asService((db) =>
    db.query<{
      subscription_id: string;
      fan_id: string;
      display_name: string;
      creator_username: string;
      creator_name: string;
      tier_name: string;
      price: number;
      tier_price: number;
      current_period_end: Date;
      grace_until: Date | null;
    }>(
      `select s.id as subscription_id, s.fan_id, f.display_name, c.username as creator_username,
              c.display_name as creator_name, t.name as tier_name, s.price, t.price as tier_price,
              s.current_period_end, s.grace_until
         from public.subscriptions s
         join public.profiles f on f.id = s.fan_id
         join public.profiles c on c.id = s.creator_id
         join public.subscription_tiers t on t.id = s.tier_id
        where s.id = any ($1::uuid[])`,
      [subscriptionIds],
    ),
  );
  return r.rows;
}

/** In-app and email per preferences; true when the fan was told one way or the other. */
async function tell(
  r: { fan_id: string; subscription_id: string },
  tag: string,
  title: string,
  body: string,
  subject: string,
  text: string,
): Promise<boolean> {
  try {
    const out = await notify({
      userId: r.fan_id,
      kind: 'subscription',
      target: { type: 'subscription', id: r.subscription_id },
      title,
      body,
      link: '/subscriptions',
      email: { subject, text, tag },
    });
    return out.notificationId !== null || out.emailed;
  } catch (err) {
    await writeLog('error', `subscriptions.${tag}`, 'could not notify', { error: String(err) });
    return false;
  }
}

/** "Your renewal could not be paid": sent once, when a subscription enters grace. */
export async function sendGraceNotices(subscriptionIds: string[]): Promise<number> {
  if (subscriptionIds.length === 0) return 0;
  const base = appBaseUrl();
  let sent = 0;
  for (const r of await recipientsOf(subscriptionIds)) {
    const until = r.grace_until ? dateFmt.format(r.grace_until) : 'in 3 days';
    const text = [
      `Hi ${r.display_name},`,
      '',
      `Your ${r.tier_name} subscription to ${r.creator_name} (@${r.creator_username}) could not renew: your wallet`,
      `does not have the ${r.tier_price} tokens the next month costs.`,
      '',
      `You keep access until ${until} (UTC). Add tokens before then and it renews automatically:`,
      `${base}/wallet`,
      '',
      `Manage your subscriptions: ${base}/subscriptions`,
    ].join('\n');
    if (
      await tell(
        r,
        'subscription-grace',
        `Your subscription to @${r.creator_username} could not renew`,
        `Add ${r.tier_price} tokens before ${until} (UTC) to keep your ${r.tier_name} access.`,
        `Action needed: your subscription to @${r.creator_username}`,
        text,
      )
    )
      sent++;
  }
  return sent;
}

/** Announces a tier's new price to its live subscribers: it applies from their next renewal. */
export async function announcePriceChange(
  tierId: string,
  oldPrice: number,
  newPrice: number,
): Promise<number> {
  const ids = await asService((db) =>
    db.query<{ id: string }>(
      `select id from public.subscriptions where tier_id = $1 and status in ('active', 'grace') and not cancel_at_period_end`,
      [tierId],
    ),
  );
  const base = appBaseUrl();
  let sent = 0;
  for (const r of await recipientsOf(ids.rows.map((x) => x.id))) {
    const text = [
      `Hi ${r.display_name},`,
      '',
      `${r.creator_name} (@${r.creator_username}) changed the price of the ${r.tier_name} tier from ${oldPrice} to`,
      `${newPrice} tokens a month.`,
      '',
      `Your current month is already paid at ${r.price} tokens and does not change. The new price applies from`,
      `your next renewal on ${dateFmt.format(r.current_period_end)} (UTC).`,
      '',
      `Not for you? Cancel any time before then: ${base}/subscriptions`,
    ].join('\n');
    if (
      await tell(
        r,
        'subscription-price',
        `@${r.creator_username} changed the ${r.tier_name} price`,
        `${oldPrice} → ${newPrice} tokens a month from your renewal on ${dateFmt.format(r.current_period_end)} (UTC). This month stays at ${r.price}.`,
        `Price change for your @${r.creator_username} subscription`,
        text,
      )
    )
      sent++;
  }
  return sent;
}
