import 'server-only';
import { asService } from '@/lib/db/tx';
import { isCanonicalUuid, parseChannel } from './channels';

/**
 * Who may use which realtime channel — the one rule behind the Ably capability and the local SSE check.
 * The call lookups are an interface so the rule can be tested on its own; the default reads public.calls.
 */
export interface CallMembership {
  /** Whether userId is the fan or the creator of callId (any status). */
  isParticipant(callId: string, userId: string): Promise<boolean>;
  /** Calls userId takes part in that are still live: requested, accepted or connected. */
  activeCallIds(userId: string): Promise<string[]>;
}

/** Most call channels one token lists; a user has at most a handful of live calls. */
export const MAX_ACTIVE_CALL_CHANNELS = 20;

export const dbCallMembership: CallMembership = {
  isParticipant: (callId, userId) =>
    asService(async (db) => {
      const r = await db.query(
        'select 1 from public.calls where id = $1 and (fan_id = $2 or creator_id = $2)',
        [callId, userId],
      );
      return (r.rowCount ?? 0) > 0;
    }),
  activeCallIds: (userId) =>
    asService(async (db) => {
      const r = await db.query<{ id: string }>(
        `select id from public.calls
          where (fan_id = $1 or creator_id = $1) and status in ('requested', 'accepted', 'connected')
          order by requested_at desc
          limit $2`,
        [userId, MAX_ACTIVE_CALL_CHANNELS],
      );
      return r.rows.map((row) => row.id);
    }),
};

/** Conversations: the two participants of a direct conversation (lib/messages). */
export interface ConversationMembership {
  isMember(conversationId: string, userId: string): Promise<boolean>;
  /** The user's most recently active conversations (for an Ably token's capability). */
  recentConversationIds(userId: string): Promise<string[]>;
}

/** Most conversation channels one Ably token lists (the inbox shows the newest ones). */
export const MAX_CONVERSATION_CHANNELS = 50;

export const dbConversationMembership: ConversationMembership = {
  isMember: (conversationId, userId) =>
    asService(async (db) => {
      const r = await db.query(
        'select 1 from public.conversations where id = $1 and (user_a = $2 or user_b = $2)',
        [conversationId, userId],
      );
      return (r.rowCount ?? 0) > 0;
    }),
  recentConversationIds: (userId) =>
    asService(async (db) => {
      const r = await db.query<{ id: string }>(
        `select id from public.conversations where user_a = $1 or user_b = $1
          order by coalesce(last_message_at, created_at) desc limit $2`,
        [userId, MAX_CONVERSATION_CHANNELS],
      );
      return r.rows.map((row) => row.id);
    }),
};

/** Stream lookups, an interface like CallMembership; the default asks private.can_view_stream. */
export interface StreamAccess {
  /** The one stream access rule (creator always; subscriber-only streams: subscribers only). */
  canView(streamId: string, userId: string): Promise<boolean>;
  /** Live streams userId may use on Ably: their own live stream and those they joined in the last minutes. */
  activeStreamIds(userId: string): Promise<string[]>;
}

/** Most stream channels one token lists. */
export const MAX_ACTIVE_STREAM_CHANNELS = 10;

export const dbStreamAccess: StreamAccess = {
  canView: (streamId, userId) =>
    asService(async (db) => {
      const r = await db.query<{ ok: boolean }>('select private.can_view_stream($1, $2) as ok', [
        streamId,
        userId,
      ]);
      return r.rows[0]?.ok === true;
    }),
  activeStreamIds: (userId) =>
    asService(async (db) => {
      const r = await db.query<{ id: string }>(
        `select s.id from public.live_streams s
          where s.status = 'live' and private.can_view_stream(s.id, $1)
            and (s.creator_id = $1 or exists (
                  select 1 from public.stream_viewers v
                   where v.stream_id = s.id and v.user_id = $1 and v.last_seen_at > now() - interval '10 minutes'))
          order by s.started_at desc
          limit $2`,
        [userId, MAX_ACTIVE_STREAM_CHANNELS],
      );
      return r.rows.map((row) => row.id);
    }),
};

/**
 * user:<own id> → yes; call:<id> → only its two participants; conversation:<id> → only its two
 * participants; stream:<id> → whoever may view the stream; anything else (or a malformed name) → no.
 */
export async function canAccessChannel(
  userId: string,
  channel: string,
  membership: CallMembership = dbCallMembership,
  conversations: ConversationMembership = dbConversationMembership,
  streams: StreamAccess = dbStreamAccess,
): Promise<boolean> {
  if (!isCanonicalUuid(userId)) return false;
  const parsed = parseChannel(channel);
  if (!parsed) return false;
  if (parsed.kind === 'user') return parsed.id === userId;
  if (parsed.kind === 'conversation') return conversations.isMember(parsed.id, userId);
  if (parsed.kind === 'stream') return streams.canView(parsed.id, userId);
  return membership.isParticipant(parsed.id, userId);
}
