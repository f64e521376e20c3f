/** Notification kinds and their labels (shared by server, routes and the settings page). */

export const NOTIFICATION_KINDS = [
  'message',
  'tip',
  'ppv_unlock',
  'purchase',
  'call_missed',
  'creator_application',
  'subscription',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_LABELS: Record<NotificationKind, { title: string; hint: string }> = {
  message: {
    title: 'New messages',
    hint: 'In app: the unread badge on Messages. Email: at most one per conversation per hour, only while you are offline.',
  },
  tip: { title: 'Tips in messages', hint: 'When someone tips you in a conversation.' },
  ppv_unlock: { title: 'Pay-per-view unlocks', hint: 'When a fan unlocks media you sent.' },
  purchase: { title: 'Purchase receipts', hint: 'When your token purchase is credited.' },
  call_missed: { title: 'Missed call requests', hint: 'When a call request expires unanswered.' },
  creator_application: { title: 'Creator application', hint: 'The decision on your creator application.' },
  subscription: {
    title: 'Subscriptions',
    hint: 'When a renewal could not be paid (you keep access for 3 days) or a tier you subscribe to changes price.',
  },
};

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPreference {
  kind: NotificationKind;
  inApp: boolean;
  email: boolean;
}
