import 'server-only';
import { type Page, toPage } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';
import { toCsv } from '@/lib/http/csv';
import type { Subscriber, SubscriptionStats, SubscriptionStatus } from './types';

interface Row {
  subscription_id: string;
  fan_id: string;
  username: string;
  display_name: string;
  tier_name: string;
  tier_level: number;
  status: SubscriptionStatus;
  cancel_at_period_end: boolean;
  started_at: Date;
  current_period_end: Date;
  grace_until: Date | null;
  ended_at: Date | null;
  price: number;
  months: number;
  total_count: string;
}

const toSubscriber = ({ total_count: _t, ...x }: Row): Subscriber => ({
  subscriptionId: x.subscription_id,
  fanId: x.fan_id,
  username: x.username,
  displayName: x.display_name,
  tierName: x.tier_name,
  tierLevel: x.tier_level,
  status: x.status,
  cancelAtPeriodEnd: x.cancel_at_period_end,
  startedAt: x.started_at.toISOString(),
  currentPeriodEnd: x.current_period_end.toISOString(),
  graceUntil: x.grace_until?.toISOString() ?? null,
  endedAt: x.ended_at?.toISOString() ?? null,
  price: x.price,
  months: x.months,
});

/** The caller's subscribers, live first (public.my_subscribers). */
export async function listSubscribers(
  claims: Claims,
  opts: { status?: SubscriptionStatus; page?: number; pageSize?: number } = {},
): Promise<Page<Subscriber>> {
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 25;
  const r = await asUser(claims, (db) =>
    db.query<Row>('select * from public.my_subscribers($1, $2, $3)', [opts.status ?? null, pageSize, page]),
  );
  return toPage(r.rows, page, pageSize, toSubscriber);
}

/** Every subscriber as CSV (up to 1000 per page, all pages). */
export async function subscribersCsv(claims: Claims, status?: SubscriptionStatus): Promise<string> {
  const rows: Subscriber[] = [];
  for (let page = 1; ; page++) {
    const p = await listSubscribers(claims, { status, page, pageSize: 1000 });
    rows.push(...p.items);
    if (page >= p.pageCount) break;
  }
  return toCsv(
    [
      'username',
      'display_name',
      'tier',
      'status',
      'cancels_at_period_end',
      'since',
      'paid_until',
      'ended_at',
      'price_tokens',
      'months',
    ],
    rows.map((s) => [
      s.username,
      s.displayName,
      s.tierName,
      s.status,
      s.cancelAtPeriodEnd ? 'yes' : 'no',
      s.startedAt,
      s.currentPeriodEnd,
      s.endedAt ?? '',
      s.price,
      s.months,
    ]),
  );
}

export async function subscriptionStats(claims: Claims, timeZone = 'UTC'): Promise<SubscriptionStats> {
  const r = await asUser(claims, (db) =>
    db.query<{
      active_count: string;
      mrr_tokens: string;
      mrr_usd_cents: string;
      churned_this_month: string;
      live_at_month_start: string;
      churn_rate: string;
      usd_cents_per_token: string;
    }>('select * from public.my_subscription_stats($1)', [timeZone]),
  );
  const x = r.rows[0];
  return {
    activeCount: Number(x?.active_count ?? 0),
    mrrTokens: Number(x?.mrr_tokens ?? 0),
    mrrUsdCents: Number(x?.mrr_usd_cents ?? 0),
    churnedThisMonth: Number(x?.churned_this_month ?? 0),
    liveAtMonthStart: Number(x?.live_at_month_start ?? 0),
    churnRate: Number(x?.churn_rate ?? 0),
    usdCentsPerToken: Number(x?.usd_cents_per_token ?? 0),
  };
}

export interface RoleFailure {
  id: number;
  tierName: string | null;
  guildId: string;
  roleId: string;
  action: string;
  httpStatus: number | null;
  discordCode: number | null;
  message: string;
  fix: string;
  createdAt: string;
}

export async function myRoleFailures(claims: Claims): Promise<RoleFailure[]> {
  const r = await asUser(claims, (db) =>
    db.query<{
      id: string;
      tier_name: string | null;
      guild_id: string;
      role_id: string;
      action: string;
      http_status: number | null;
      discord_code: number | null;
      message: string;
      fix: string;
      created_at: Date;
    }>('select * from public.my_discord_role_failures()'),
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    tierName: x.tier_name,
    guildId: x.guild_id,
    roleId: x.role_id,
    action: x.action,
    httpStatus: x.http_status,
    discordCode: x.discord_code,
    message: x.message,
    fix: x.fix,
    createdAt: x.created_at.toISOString(),
  }));
}
