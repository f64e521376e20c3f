import type { Subscription, SubscriptionStatus, Tier } from './types';

/** Database rows → API shapes (dates as ISO strings, bigints as numbers). */

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export interface TierRow {
  id: string;
  creator_id: string;
  level: number;
  name: string;
  price: number;
  perks: string;
  member_cap: number | null;
  active: boolean;
  discord_guild_id: string | null;
  discord_role_id: string | null;
  subscriber_count?: number | string;
}

export function toTier(r: TierRow): Tier {
  return {
    id: r.id,
    creatorId: r.creator_id,
    level: r.level,
    name: r.name,
    price: r.price,
    perks: r.perks,
    memberCap: r.member_cap,
    active: r.active,
    discordGuildId: r.discord_guild_id,
    discordRoleId: r.discord_role_id,
    subscriberCount: Number(r.subscriber_count ?? 0),
  };
}

export interface SubRow {
  id: string;
  fan_id: string;
  creator_id: string;
  tier_id: string;
  status: SubscriptionStatus;
  cancel_at_period_end: boolean;
  started_at: Date;
  current_period_end: Date;
  grace_until: Date | null;
  ended_at: Date | null;
  price: number;
}

export function toSubscription(r: SubRow): Subscription {
  return {
    id: r.id,
    fanId: r.fan_id,
    creatorId: r.creator_id,
    tierId: r.tier_id,
    status: r.status,
    cancelAtPeriodEnd: r.cancel_at_period_end,
    startedAt: iso(r.started_at) as string,
    currentPeriodEnd: iso(r.current_period_end) as string,
    graceUntil: iso(r.grace_until),
    endedAt: iso(r.ended_at),
    price: r.price,
  };
}

export { iso };
