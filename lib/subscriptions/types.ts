export interface Tier {
  id: string;
  creatorId: string;
  level: number;
  name: string;
  price: number;
  perks: string;
  memberCap: number | null;
  active: boolean;
  discordGuildId: string | null;
  discordRoleId: string | null;
  subscriberCount: number;
}

export type SubscriptionStatus = 'active' | 'grace' | 'expired' | 'refunded';

export interface Subscription {
  id: string;
  fanId: string;
  creatorId: string;
  tierId: string;
  status: SubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  startedAt: string;
  currentPeriodEnd: string;
  graceUntil: string | null;
  endedAt: string | null;
  price: number;
}

export interface FeedPost {
  id: string;
  title: string;
  body: string | null;
  mediaUrl: string | null;
  requiredLevel: number | null;
  requiredTier: string | null;
  locked: boolean;
  createdAt: string;
}

export interface Subscriber {
  subscriptionId: string;
  fanId: string;
  username: string;
  displayName: string;
  tierName: string;
  tierLevel: number;
  status: SubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  startedAt: string;
  currentPeriodEnd: string;
  graceUntil: string | null;
  endedAt: string | null;
  price: number;
  months: number;
}

export interface SubscriptionStats {
  activeCount: number;
  mrrTokens: number;
  mrrUsdCents: number;
  churnedThisMonth: number;
  liveAtMonthStart: number;
  churnRate: number;
  usdCentsPerToken: number;
}
