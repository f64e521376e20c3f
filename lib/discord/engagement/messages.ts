import 'server-only';
import type { APIMessage, APIReaction } from 'discord-api-types/v10';
import { asService } from '@/lib/db/tx';

/** The shape discord.ingest_messages() reads (jsonb_to_recordset). */
export interface StoredMessage {
  id: string;
  author_id: string;
  author_username: string;
  is_bot: boolean;
  content: string;
  created_at: string;
  reaction_counts: Record<string, number>;
}

/** Custom emoji as name:id (the form the reactions route takes), unicode emoji as themselves. */
export function emojiKey(e: APIReaction['emoji']): string {
  return e.id ? `${e.name ?? '_'}:${e.id}` : (e.name ?? '');
}

export function toStored(
  m: Pick<APIMessage, 'id' | 'author' | 'content' | 'timestamp' | 'reactions'>,
): StoredMessage {
  const counts: Record<string, number> = {};
  for (const r of m.reactions ?? []) counts[emojiKey(r.emoji)] = r.count;
  return {
    id: m.id,
    author_id: m.author.id,
    author_username: m.author.username,
    is_bot: Boolean(m.author.bot),
    content: (m.content ?? '').slice(0, 4000),
    created_at: m.timestamp,
    reaction_counts: counts,
  };
}

/** Stores a batch and moves the channel cursor in one transaction; returns how many were new. */
export function ingestMessages(
  guildId: string,
  channelId: string,
  messages: StoredMessage[],
  cursor: string | null,
): Promise<number> {
  return asService(async (db) => {
    const r = await db.query<{ n: number }>('select discord.ingest_messages($1, $2, $3, $4) as n', [
      guildId,
      channelId,
      JSON.stringify(messages),
      cursor,
    ]);
    return r.rows[0]?.n ?? 0;
  });
}
