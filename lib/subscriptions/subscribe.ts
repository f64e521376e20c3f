import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { syncSubscriptionRole } from './discord-roles';
import { type SubRow, toSubscription } from './rows';
import type { Subscription } from './types';

/**
 * Subscribe (charges the first month; resumes a cancelled one on the same tier), cancel (access to the
 * period end), refund (creator). Each SQL function does the whole rule; after it commits, the Discord role
 * is brought in line (its failures are recorded for the creator, never thrown at the fan).
 */
export async function subscribe(claims: Claims, tierId: string): Promise<Subscription> {
  const r = await asUser(claims, (db) => db.query<SubRow>('select * from public.subscribe($1)', [tierId]));
  const sub = toSubscription(r.rows[0] as SubRow);
  await syncSubscriptionRole(sub.id);
  return sub;
}

export async function cancelSubscription(claims: Claims, id: string): Promise<Subscription> {
  const r = await asUser(claims, (db) =>
    db.query<SubRow>('select * from public.cancel_subscription($1)', [id]),
  );
  const sub = toSubscription(r.rows[0] as SubRow);
  if (sub.status !== 'active') await syncSubscriptionRole(sub.id);
  return sub;
}

export async function refundSubscription(claims: Claims, id: string, reason: string): Promise<Subscription> {
  const r = await asUser(claims, (db) =>
    db.query<SubRow>('select * from public.refund_subscription($1, $2)', [id, reason]),
  );
  const sub = toSubscription(r.rows[0] as SubRow);
  await syncSubscriptionRole(sub.id);
  return sub;
}

export interface MySubscription {
  id: string;
  creator: { id: string; username: string; displayName: string };
  tier: { id: string; name: string; price: number };
  status: Subscription['status'];
  cancelAtPeriodEnd: boolean;
  startedAt: string;
  currentPeriodEnd: string;
  graceUntil: string | null;
  endedAt: string | null;
  price: number;
}

export async function mySubscriptions(claims: Claims): Promise<MySubscription[]> {
  const r = await asUser(claims, (db) =>
    db.query<{
      subscription_id: string;
      creator_id: string;
      creator_username: string;
      creator_display_name: string;
      tier_id: string;
      tier_name: string;
      tier_price: number;
      status: Subscription['status'];
      cancel_at_period_end: boolean;
      started_at: Date;
      current_period_end: Date;
      grace_until: Date | null;
      ended_at: Date | null;
      price: number;
    }>('select * from public.my_subscriptions()'),
  );
  return r.rows.map((x) => ({
    id: x.subscription_id,
    creator: { id: x.creator_id, username: x.creator_username, displayName: x.creator_display_name },
    tier: { id: x.tier_id, name: x.tier_name, price: x.tier_price },
    status: x.status,
    cancelAtPeriodEnd: x.cancel_at_period_end,
    startedAt: x.started_at.toISOString(),
    currentPeriodEnd: x.current_period_end.toISOString(),
    graceUntil: x.grace_until?.toISOString() ?? null,
    endedAt: x.ended_at?.toISOString() ?? null,
    price: x.price,
  }));
}

/** The viewer's live subscription to one creator (for the profile page), or null. */
export async function liveSubscriptionTo(claims: Claims, creatorId: string): Promise<MySubscription | null> {
  const all = await mySubscriptions(claims);
  return (
    all.find((s) => s.creator.id === creatorId && (s.status === 'active' || s.status === 'grace')) ?? null
  );
}
