import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { asService } from '@/lib/db/tx';
import { env } from '@/lib/env';
import { AppError, toAppError } from '@/lib/http/errors';
import { emojiKey } from './engagement/messages';
import { rollupScores } from './engagement/rollup';
import { type RelayBatch, RelayBatchSchema, type RelayEvent } from './schemas';

/**
 * The optional gateway relay: an external process holding a gateway connection posts batches of
 * message / reaction / member-join events. Each request carries X-Relay-Timestamp (unix seconds) and
 * X-Relay-Signature = hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`); stale (> 5 min) is refused.
 */
export const RELAY_MAX_SKEW_SECONDS = 5 * 60;

export function signRelayBody(secret: string, timestamp: string, raw: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest('hex');
}

export function verifyRelay(raw: Buffer, headers: Headers, nowMs: number = Date.now()): RelayBatch {
  const secret = env().raw.DISCORD_EVENTS_SECRET;
  if (!secret)
    throw new AppError('NOT_CONFIGURED', 'The relay is not configured: DISCORD_EVENTS_SECRET is not set');
  const timestamp = headers.get('x-relay-timestamp') ?? '';
  const signature = headers.get('x-relay-signature') ?? '';
  if (!/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) {
    throw new AppError('INVALID_SIGNATURE', 'Missing or malformed X-Relay-Timestamp / X-Relay-Signature');
  }
  const expected = Buffer.from(signRelayBody(secret, timestamp, raw), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    throw new AppError('INVALID_SIGNATURE', 'Invalid relay signature');
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > RELAY_MAX_SKEW_SECONDS) {
    throw new AppError('INVALID_SIGNATURE', 'Stale relay request (timestamp more than 5 minutes off)');
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('BAD_REQUEST', 'Request body is not valid JSON');
  }
  const parsed = RelayBatchSchema.safeParse(data);
  if (!parsed.success) throw toAppError(parsed.error);
  return parsed.data;
}

/** Applies one event unless its id was applied before (then false); true or the day it touched. */
async function applyOne(e: RelayEvent): Promise<Date | boolean> {
  return asService(async (db) => {
    const fresh = await db.query(
      'insert into discord.relay_events (event_id, type) values ($1, $2) on conflict (event_id) do nothing',
      [e.id, e.type],
    );
    if (!fresh.rowCount) return false;
    if (e.type === 'message_create') {
      const m = e.message;
      await db.query(
        'insert into discord.guild_settings (guild_id) values ($1) on conflict (guild_id) do nothing',
        [e.guild_id],
      );
      await db.query(
        `insert into discord.messages (id, guild_id, channel_id, author_id, author_username, is_bot, content, created_at, source)
         values ($1, $2, $3, $4, $5, $6, $7, $8, 'relay') on conflict (id) do nothing`,
        [
          m.id,
          e.guild_id,
          e.channel_id,
          m.author.id,
          m.author.username,
          Boolean(m.author.bot),
          m.content,
          m.timestamp,
        ],
      );
      return new Date(m.timestamp);
    }
    if (e.type === 'reaction_add') {
      await db.query(
        `insert into discord.reactions (message_id, emoji, user_id, guild_id, channel_id, reacted_at, source)
         values ($1, $2, $3, $4, $5, $6, 'relay') on conflict (message_id, emoji, user_id) do nothing`,
        [
          e.message_id,
          emojiKey({ id: e.emoji.id ?? null, name: e.emoji.name }),
          e.user_id,
          e.guild_id,
          e.channel_id,
          e.at,
        ],
      );
      return new Date(e.at);
    }
    await db.query(
      `insert into discord.members (guild_id, user_id, username, joined_at) values ($1, $2, $3, $4)
       on conflict (guild_id, user_id) do update set username = excluded.username, joined_at = excluded.joined_at, updated_at = now()`,
      [e.guild_id, e.user.id, e.user.username, e.joined_at],
    );
    return true;
  });
}

export async function applyRelayBatch(batch: RelayBatch): Promise<{ applied: number; duplicates: number }> {
  let applied = 0;
  let duplicates = 0;
  const oldest = new Map<string, Date>();
  for (const e of batch.events) {
    const outcome = await applyOne(e);
    if (outcome === false) {
      duplicates++;
      continue;
    }
    applied++;
    if (outcome instanceof Date) {
      const prev = oldest.get(e.guild_id);
      if (!prev || outcome < prev) oldest.set(e.guild_id, outcome);
    }
  }
  for (const [guildId, from] of oldest) await rollupScores(guildId, from);
  return { applied, duplicates };
}
