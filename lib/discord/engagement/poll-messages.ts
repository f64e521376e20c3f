import 'server-only';
import { type APIChannel, type APIMessage, ChannelType } from 'discord-api-types/v10';
import { asService } from '@/lib/db/tx';
import type { DiscordRest } from '../rest';
import { ingestMessages, toStored } from './messages';
import { compareSnowflakes } from './snowflake';

export interface TrackedChannel {
  channel_id: string;
  guild_id: string;
  cursor: string | null;
}

const PAGE = 100;

/** Adds the guild's text/announcement channels and active threads to the tracked channels (once). */
export async function discoverChannels(rest: DiscordRest, guildId: string): Promise<number> {
  const channels = await rest.get<APIChannel[]>(`/guilds/${guildId}/channels`);
  const threads = await rest
    .get<{ threads: APIChannel[] }>(`/guilds/${guildId}/threads/active`)
    .then((r) => r.threads)
    .catch(() => [] as APIChannel[]);
  const rows = [
    ...channels
      .filter((c) => c.type === ChannelType.GuildText || c.type === ChannelType.GuildAnnouncement)
      .map((c) => ({ id: c.id, kind: 'text' })),
    ...threads.map((c) => ({ id: c.id, kind: 'thread' })),
  ];
  if (rows.length === 0) return 0;
  return asService(async (db) => {
    const r = await db.query(
      `insert into discord.channels (channel_id, guild_id, kind)
       select x.id, $1, x.kind from jsonb_to_recordset($2::jsonb) as x(id text, kind text)
       on conflict (channel_id) do nothing`,
      [guildId, JSON.stringify(rows)],
    );
    return r.rowCount ?? 0;
  });
}

export function trackedChannels(guildId: string): Promise<TrackedChannel[]> {
  return asService(async (db) => {
    const r = await db.query<TrackedChannel>(
      'select channel_id, guild_id, cursor from discord.channels where guild_id = $1 and tracked order by channel_id',
      [guildId],
    );
    return r.rows;
  });
}

/**
 * Pages GET /channels/{id}/messages?after={cursor} (oldest first from the cursor) until caught up. Each
 * page is committed together with the new cursor, so an interruption resumes exactly where it stopped.
 * A channel never polled starts from the beginning (after=0): a full backfill.
 */
export async function pollChannel(
  rest: DiscordRest,
  channel: TrackedChannel,
): Promise<{ fetched: number; inserted: number; oldest: Date | null }> {
  let cursor = channel.cursor ?? '0';
  let fetched = 0;
  let inserted = 0;
  let oldest: Date | null = null;
  for (;;) {
    const page = await rest.get<APIMessage[]>(`/channels/${channel.channel_id}/messages`, {
      after: cursor,
      limit: PAGE,
    });
    if (page.length === 0) break;
    page.sort((a, b) => compareSnowflakes(a.id, b.id));
    const last = page[page.length - 1]?.id ?? cursor;
    inserted += await ingestMessages(channel.guild_id, channel.channel_id, page.map(toStored), last);
    fetched += page.length;
    const first = new Date(page[0]?.timestamp ?? Date.now());
    if (!oldest || first < oldest) oldest = first;
    cursor = last;
    if (page.length < PAGE) break;
  }
  if (fetched === 0) {
    await asService((db) =>
      db.query('update discord.channels set last_polled_at = now() where channel_id = $1', [
        channel.channel_id,
      ]),
    );
  }
  return { fetched, inserted, oldest };
}
