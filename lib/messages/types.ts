/** Shapes shared by the messaging server code, routes and components (no server imports). */

export type MessageKind = 'text' | 'media' | 'tip' | 'ppv';

export interface MessageView {
  id: string;
  conversationId: string;
  senderId: string;
  recipientId: string;
  kind: MessageKind;
  body: string;
  /** Null for a PPV message the viewer has not unlocked (and never sent). */
  mediaUrl: string | null;
  mediaType: string | null;
  /** PPV: unlock price; tip: the tip; text/media: what the sender paid for a premium message. */
  price: number;
  createdAt: string;
  readAt: string | null;
  unsentAt: string | null;
  /** A PPV message the viewer must unlock to see. */
  locked: boolean;
  unlocked: boolean;
}

export interface ConversationSummary {
  id: string;
  other: {
    id: string;
    username: string;
    displayName: string;
    avatarUrl: string | null;
    role: string;
    messagePrice: number;
    /** "Subscribed N months": the other party as a subscriber of the caller (a creator's fan); 0 = no badge. */
    loyaltyMonths: number;
  };
  lastMessageAt: string;
  lastKind: MessageKind | null;
  lastBody: string | null;
  lastSenderId: string | null;
  unread: number;
  blockedByMe: boolean;
}

export interface MessagePage {
  items: MessageView[];
  /** Pass back as before (createdAt) + beforeId to get older messages; null at the start. */
  nextCursor: { beforeAt: string; beforeId: string } | null;
}

/** Events on conversation:<id>. */
export type ConversationEvent =
  | { name: 'message'; data: MessageView }
  | { name: 'read'; data: { readerId: string; readAt: string } }
  | { name: 'typing'; data: { userId: string; typing: boolean } }
  | { name: 'unsent'; data: { messageId: string } }
  | { name: 'unlocked'; data: { messageId: string } };

/** One line preview of a message for lists and emails. */
export function previewOf(kind: MessageKind | null, body: string | null): string {
  if (kind === 'ppv') return body ? `Pay-per-view: ${body}` : 'Pay-per-view media';
  if (kind === 'tip') return body ? `Tip: ${body}` : 'Sent a tip';
  if (kind === 'media') return body || 'Sent a photo or video';
  return body ?? '';
}
