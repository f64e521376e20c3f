import 'server-only';
import { asService } from '@/lib/db/tx';
import { syncSubscriptionRole } from './discord-roles';
import { sendGraceNotices } from './emails';

export interface RenewResult {
  renewed: number;
  grace: number;
  expired: number;
  notified: number;
}

/**
 * The daily renewal job: private.renew_due_subscriptions charges every due period once (per-row lock +
 * ledger idempotency per (subscription, period), so overlapping runs are harmless), starts grace for
 * unpaid renewals and expires what ended. Afterwards: grace emails, and Discord roles of ended
 * subscriptions removed. `now` is for tests; the job uses the database clock.
 */
export async function renewSubscriptions(now?: Date): Promise<RenewResult> {
  const rows = await asService(async (db) => {
    const r = await db.query<{ subscription_id: string; outcome: 'renewed' | 'grace' | 'expired' }>(
      'select * from private.renew_due_subscriptions(coalesce($1::timestamptz, now()))',
      [now ?? null],
    );
    return r.rows;
  });
  const of = (o: string) => rows.filter((r) => r.outcome === o).map((r) => r.subscription_id);
  const notified = await sendGraceNotices(of('grace'));
  for (const id of of('expired')) await syncSubscriptionRole(id);
  return { renewed: of('renewed').length, grace: of('grace').length, expired: of('expired').length, notified };
}
