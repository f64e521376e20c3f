import type { ConversationSummary, MessageKind, MessageView } from './types';

/** Row → view mapping for the SQL functions' result sets. */

export interface MessageRow {
  id: string;
  conversation_id?: string;
  sender_id: string;
  recipient_id: string;
  kind: MessageKind;
  body: string;
  media_url: string | null;
  media_type: string | null;
  price: number;
  created_at: Date;
  read_at: Date | null;
  unsent_at: Date | null;
  locked?: boolean;
  unlocked?: boolean;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toMessageView(conversationId: string, r: MessageRow): MessageView {
  return {
    id: r.id,
    conversationId: r.conversation_id ?? conversationId,
    senderId: r.sender_id,
    recipientId: r.recipient_id,
    kind: r.kind,
    body: r.body,
    mediaUrl: r.media_url,
    mediaType: r.media_type,
    price: Number(r.price),
    createdAt: new Date(r.created_at).toISOString(),
    readAt: iso(r.read_at),
    unsentAt: iso(r.unsent_at),
    locked: r.locked ?? false,
    unlocked: r.unlocked ?? false,
  };
}

export interface ConversationRow {
  id: string;
  other_id: string;
  other_username: string;
  other_display_name: string;
  other_avatar_url: string | null;
  other_role: string;
  other_message_price: number;
  last_message_at: Date;
  last_kind: MessageKind | null;
  last_body: string | null;
  last_sender_id: string | null;
  unread: string | number;
  blocked_by_me: boolean;
  /** The other party's months as a subscriber of the caller (private.loyalty_months), when read. */
  other_loyalty_months?: number;
}

export function toConversationSummary(r: ConversationRow): ConversationSummary {
  return {
    id: r.id,
    other: {
      id: r.other_id,
      username: r.other_username,
      displayName: r.other_display_name,
      avatarUrl: r.other_avatar_url,
      role: r.other_role,
      messagePrice: Number(r.other_message_price),
      loyaltyMonths: r.other_loyalty_months ?? 0,
    },
    lastMessageAt: new Date(r.last_message_at).toISOString(),
    lastKind: r.last_kind,
    lastBody: r.last_body,
    lastSenderId: r.last_sender_id,
    unread: Number(r.unread),
    blockedByMe: r.blocked_by_me,
  };
}
