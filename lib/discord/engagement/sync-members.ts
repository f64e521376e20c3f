import 'server-only';
import type { APIGuildMember } from 'discord-api-types/v10';
import { asService } from '@/lib/db/tx';
import { env } from '@/lib/env';
import { logError } from '@/lib/log/log';
import { botState } from '../bot-state';
import { type DiscordRest, discordRest } from '../rest';

/**
 * Members with joined_at and username from GET /guilds/{id}/members (needs the Server Members intent
 * enabled for the bot), paged by user id. Interaction payloads and the relay keep them fresh in between.
 */
export async function syncMembers(
  rest: DiscordRest = discordRest(),
): Promise<{ skipped?: string; members: number; errors: string[] }> {
  if (!env().raw.DISCORD_BOT_TOKEN)
    return { skipped: 'DISCORD_BOT_TOKEN is not set', members: 0, errors: [] };
  if ((await botState()).paused)
    return { skipped: 'the bot is paused by an administrator', members: 0, errors: [] };
  const guilds = await asService(async (db) => {
    const r = await db.query<{ guild_id: string }>(
      'select guild_id from discord.guild_settings order by guild_id',
    );
    return r.rows.map((x) => x.guild_id);
  });
  let total = 0;
  const errors: string[] = [];
  for (const guildId of guilds) {
    try {
      total += await syncGuild(rest, guildId);
    } catch (err) {
      errors.push(`guild ${guildId}: ${(err as Error).message}`);
    }
  }
  if (errors.length) await logError('discord member sync', new Error(errors.join('; ')));
  return { members: total, errors };
}

async function syncGuild(rest: DiscordRest, guildId: string): Promise<number> {
  let total = 0;
  let after = '0';
  for (;;) {
    const page = await rest.get<APIGuildMember[]>(`/guilds/${guildId}/members`, { limit: 1000, after });
    const rows = page
      .filter((m) => m.user && !m.user.bot)
      .map((m) => ({ id: m.user.id, username: m.user.username, joined_at: m.joined_at }));
    if (rows.length) {
      await asService((db) =>
        db.query(
          `insert into discord.members (guild_id, user_id, username, joined_at)
           select $1, x.id, x.username, x.joined_at
             from jsonb_to_recordset($2::jsonb) as x(id text, username text, joined_at timestamptz)
           on conflict (guild_id, user_id) do update
             set username = excluded.username, joined_at = coalesce(excluded.joined_at, discord.members.joined_at),
                 updated_at = now()`,
          [guildId, JSON.stringify(rows)],
        ),
      );
    }
    total += rows.length;
    if (page.length < 1000) break;
    after = page[page.length - 1]?.user.id ?? after;
  }
  return total;
}
