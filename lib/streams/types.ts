import type { StreamCategory } from './schemas';

export type StreamStatus = 'live' | 'ended';

/** One stream as the live page sees it (public.stream_details, camelCased). */
export interface StreamDetails {
  id: string;
  creator: { id: string; username: string; displayName: string; avatarUrl: string | null };
  title: string;
  category: StreamCategory;
  subscriberOnly: boolean;
  status: StreamStatus;
  startedAt: string;
  endedAt: string | null;
  viewerCount: number;
  peakViewers: number;
  lastEventSeq: number;
  canView: boolean;
  isCreator: boolean;
  isMuted: boolean;
  vodUrl: string | null;
}

export interface ChatMessage {
  id: number;
  streamId: string;
  sender: { id: string; username: string; displayName: string };
  /** "Subscribed N months" to the stream's creator (private.loyalty_months); 0 = no badge. */
  loyaltyMonths: number;
  /** null once the creator deleted it. */
  body: string | null;
  createdAt: string;
}

export interface Gift {
  id: string;
  name: string;
  emoji: string;
  price: number;
}

/**
 * A tip, gift, or product pin/unpin shown on screen; seq is the stream's order (ledger order for money), the
 * same for everyone. amount is 0 for pins.
 */
export interface StreamEvent {
  streamId: string;
  seq: number;
  kind: 'tip' | 'gift' | 'pin' | 'unpin';
  sender: { id: string; username: string; displayName: string };
  amount: number;
  gift: Gift | null;
  /** The product pinned or unpinned (pin/unpin events only). */
  product: { id: string; name: string } | null;
  message: string | null;
  createdAt: string;
}

export interface ViewerCounts {
  viewerCount: number;
  peakViewers: number;
  status: StreamStatus;
}

export interface LiveNowItem {
  id: string;
  title: string;
  category: StreamCategory;
  subscriberOnly: boolean;
  startedAt: string;
  viewerCount: number;
  creator: { id: string; username: string; displayName: string; avatarUrl: string | null };
}

export interface StreamAnalytics {
  durationSeconds: number;
  peakViewers: number;
  averageViewers: number;
  uniqueViewers: number;
  chatMessages: number;
  deletedMessages: number;
  tipsTotal: number;
  tipsCount: number;
  giftsTotal: number;
  giftsCount: number;
  creatorEarned: number;
}

export interface Supporter {
  userId: string;
  username: string;
  displayName: string;
  total: number;
  tips: number;
  gifts: number;
}

export interface PastStream {
  id: string;
  title: string;
  category: StreamCategory;
  subscriberOnly: boolean;
  status: StreamStatus;
  startedAt: string;
  endedAt: string | null;
  peakViewers: number;
  tokens: number;
}

/** Realtime event names on stream:<id>. */
export const STREAM_EVENTS = {
  chat: 'stream.chat',
  chatDeleted: 'stream.chat-deleted',
  event: 'stream.event',
  viewers: 'stream.viewers',
  ended: 'stream.ended',
  muted: 'stream.muted',
  /** The pinned product changed (pinned, unpinned, or its stock moved): data is { pinned: PinnedProduct | null }. */
  pin: 'stream.pin',
} as const;

/** The product pinned on a live stream, as viewers see it (public.stream_pinned_product). */
export interface PinnedProduct {
  id: string;
  kind: 'digital' | 'physical';
  name: string;
  description: string;
  imageUrl: string | null;
  price: number;
  /** Units left; null = unlimited; 0 = sold out. */
  stock: number | null;
  pinnedAt: string;
}

/** The Agora token for one participant of a stream (publisher = its creator). */
export interface StreamMediaToken {
  mode: 'agora' | 'simulated';
  role: 'publisher' | 'subscriber';
  appId: string;
  channel: string;
  uid: number;
  token: string;
  expiresAt: string;
}
