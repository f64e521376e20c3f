import 'server-only';
import { rateLimiter } from '@/lib/adapters/rate-limit';
import { asUser, type Claims, type Db } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { publishStream } from './publish';
import { CHAT_LIMIT } from './schemas';
import { type ChatMessage, STREAM_EVENTS } from './types';

interface ChatRow {
  id: string;
  stream_id: string;
  sender_id: string;
  username: string;
  display_name: string;
  body: string | null;
  created_at: Date;
  loyalty_months: number;
}

function toMessage(r: ChatRow): ChatMessage {
  return {
    id: Number(r.id),
    streamId: r.stream_id,
    sender: { id: r.sender_id, username: r.username, displayName: r.display_name },
    loyaltyMonths: r.loyalty_months,
    body: r.body,
    createdAt: r.created_at.toISOString(),
  };
}

async function readMessage(db: Db, id: number | string): Promise<ChatMessage> {
  const r = await db.query<ChatRow>(
    `select m.id, m.stream_id, m.sender_id, p.username, p.display_name, m.body, m.created_at,
            private.loyalty_months(m.sender_id, s.creator_id) as loyalty_months
       from public.stream_messages m
       join public.profiles p on p.id = m.sender_id
       join public.live_streams s on s.id = m.stream_id
      where m.id = $1`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'Message not found');
  return toMessage(row);
}

/** The latest chat messages (oldest first), as RLS lets the caller see them (allowed viewers only). */
export function listChat(claims: Claims, streamId: string, limit = 50): Promise<ChatMessage[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<ChatRow>(
      `select * from (
         select m.id, m.stream_id, m.sender_id, p.username, p.display_name, m.body, m.created_at,
                private.loyalty_months(m.sender_id, s.creator_id) as loyalty_months
           from public.stream_messages m
           join public.profiles p on p.id = m.sender_id
           join public.live_streams s on s.id = m.stream_id
          where m.stream_id = $1 order by m.id desc limit $2) x
        order by id`,
      [streamId, Math.min(Math.max(limit, 1), 200)],
    );
    return r.rows.map(toMessage);
  });
}

/**
 * Posts a chat message: rate limited per user and stream (429 with Retry-After), length and mute checked
 * in SQL (public.post_stream_message), then pushed to everyone on the stream channel.
 */
export async function postChat(claims: Claims, streamId: string, body: string): Promise<ChatMessage> {
  const limit = await (await rateLimiter()).limit(
    `stream-chat:${claims.sub}:${streamId}`,
    CHAT_LIMIT.max,
    CHAT_LIMIT.windowMs,
  );
  if (!limit.success) {
    const seconds = Math.ceil(limit.retryAfterMs / 1000);
    throw new AppError(
      'RATE_LIMITED',
      `Slow down: at most ${CHAT_LIMIT.max} messages every ${CHAT_LIMIT.windowMs / 1000} seconds.`,
      { retryAfterSeconds: seconds },
      { 'retry-after': String(seconds) },
    );
  }
  const message = await asUser(claims, async (db) => {
    const r = await db.query<{ id: string }>('select id from public.post_stream_message($1, $2)', [
      streamId,
      body,
    ]);
    const id = r.rows[0]?.id;
    if (!id) throw new AppError('INTERNAL', 'post_stream_message returned no row');
    return readMessage(db, id);
  });
  await publishStream(streamId, STREAM_EVENTS.chat, message);
  return message;
}

/** The creator deletes a chat message of their stream (recorded in stream_moderation_actions). */
export async function deleteChat(
  claims: Claims,
  messageId: number,
): Promise<{ id: number; streamId: string }> {
  const r = await asUser(claims, async (db) => {
    const q = await db.query<{ id: string; stream_id: string }>(
      'select id, stream_id from public.delete_stream_message($1)',
      [messageId],
    );
    const row = q.rows[0];
    if (!row) throw new AppError('NOT_FOUND', 'Message not found');
    return { id: Number(row.id), streamId: row.stream_id };
  });
  await publishStream(r.streamId, STREAM_EVENTS.chatDeleted, r);
  return r;
}

/** The creator mutes or unmutes a viewer in this stream's chat (recorded; nothing mutes automatically). */
export async function setMute(
  claims: Claims,
  streamId: string,
  i: { userId: string; muted: boolean; reason?: string },
): Promise<{ changed: boolean }> {
  const changed = await asUser(claims, async (db) => {
    const r = await db.query<{ changed: boolean }>(
      'select public.set_stream_mute($1, $2, $3, $4) as changed',
      [streamId, i.userId, i.muted, i.reason ?? null],
    );
    return r.rows[0]?.changed === true;
  });
  if (changed) await publishStream(streamId, STREAM_EVENTS.muted, { userId: i.userId, muted: i.muted });
  return { changed };
}

export interface ModerationAction {
  id: number;
  action: 'delete_message' | 'mute' | 'unmute';
  target: { id: string; username: string };
  messageBody: string | null;
  reason: string | null;
  createdAt: string;
}

/** The moderation record of one stream (its creator, or an admin, through RLS). */
export function moderationLog(claims: Claims, streamId: string): Promise<ModerationAction[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<{
      id: string;
      action: ModerationAction['action'];
      target_user_id: string;
      username: string;
      message_body: string | null;
      reason: string | null;
      created_at: Date;
    }>(
      `select a.id, a.action, a.target_user_id, p.username, a.message_body, a.reason, a.created_at
         from public.stream_moderation_actions a join public.profiles p on p.id = a.target_user_id
        where a.stream_id = $1 order by a.id desc limit 200`,
      [streamId],
    );
    return r.rows.map((x) => ({
      id: Number(x.id),
      action: x.action,
      target: { id: x.target_user_id, username: x.username },
      messageBody: x.message_body,
      reason: x.reason,
      createdAt: x.created_at.toISOString(),
    }));
  });
}

/** Who is muted in a stream (its creator sees all; a viewer sees only themself, through RLS). */
export function mutedUserIds(claims: Claims, streamId: string): Promise<string[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ user_id: string }>(
      'select user_id from public.stream_mutes where stream_id = $1',
      [streamId],
    );
    return r.rows.map((x) => x.user_id);
  });
}
