import 'server-only';
import { asService } from '@/lib/db/tx';
import { env } from '@/lib/env';
import { logError } from '@/lib/log/log';
import { botState } from '../bot-state';
import { type DiscordRest, discordRest } from '../rest';
import { creditReactions } from './credit-reactions';
import { discoverChannels, pollChannel, trackedChannels } from './poll-messages';
import { rollupFrom, rollupScores, snapshotLeaderboards } from './rollup';

export interface PollOptions {
  rest?: DiscordRest;
  /** Discord requests the reaction pass may spend per guild per run. */
  reactionBudget?: number;
  now?: Date;
}

export interface GuildPollResult {
  guildId: string;
  channels: number;
  fetched: number;
  inserted: number;
  reactionRequests: number;
  reactionsCredited: number;
  reactionsPending: number;
  scoreRows: number;
  snapshotRows: number;
  errors: string[];
}

async function guildsToPoll(): Promise<string[]> {
  const configured = env().raw.DISCORD_GUILD_ID;
  return asService(async (db) => {
    if (configured) {
      await db.query(
        'insert into discord.guild_settings (guild_id) values ($1) on conflict (guild_id) do nothing',
        [configured],
      );
    }
    const r = await db.query<{ guild_id: string }>(
      'select guild_id from discord.guild_settings order by guild_id',
    );
    return r.rows.map((x) => x.guild_id);
  });
}

/**
 * The engagement job (Inngest cron every 2 minutes; the local scheduler in local mode): for each guild,
 * discover channels, pull new messages of every tracked channel from its stored cursor, credit reactions
 * within the run's request budget, recompute the affected days of the Community Score and snapshot
 * boards of periods that ended. One failing channel does not stop the others. While the kill switch is
 * on, it makes no Discord requests.
 */
export async function pollDiscord(
  opts: PollOptions = {},
): Promise<{ skipped?: string; guilds: GuildPollResult[] }> {
  if (!env().raw.DISCORD_BOT_TOKEN) return { skipped: 'DISCORD_BOT_TOKEN is not set', guilds: [] };
  if ((await botState()).paused) return { skipped: 'the bot is paused by an administrator', guilds: [] };
  const rest = opts.rest ?? discordRest();
  const now = opts.now ?? new Date();
  const results: GuildPollResult[] = [];
  for (const guildId of await guildsToPoll()) {
    const res: GuildPollResult = {
      guildId,
      channels: 0,
      fetched: 0,
      inserted: 0,
      reactionRequests: 0,
      reactionsCredited: 0,
      reactionsPending: 0,
      scoreRows: 0,
      snapshotRows: 0,
      errors: [],
    };
    let oldest: Date | null = null;
    try {
      await discoverChannels(rest, guildId);
    } catch (err) {
      res.errors.push(`discover: ${(err as Error).message}`);
    }
    for (const channel of await trackedChannels(guildId)) {
      try {
        const r = await pollChannel(rest, channel);
        res.channels++;
        res.fetched += r.fetched;
        res.inserted += r.inserted;
        if (r.inserted > 0 && r.oldest && (!oldest || r.oldest < oldest)) oldest = r.oldest;
      } catch (err) {
        res.errors.push(`channel ${channel.channel_id}: ${(err as Error).message}`);
      }
    }
    try {
      const r = await creditReactions(rest, guildId, opts.reactionBudget ?? 40, now);
      res.reactionRequests = r.requests;
      res.reactionsCredited = r.credited;
      res.reactionsPending = r.pending;
      if (r.oldest && (!oldest || r.oldest < oldest)) oldest = r.oldest;
    } catch (err) {
      res.errors.push(`reactions: ${(err as Error).message}`);
    }
    res.scoreRows = await rollupScores(guildId, rollupFrom(now, oldest));
    res.snapshotRows = await snapshotLeaderboards(guildId, now);
    if (res.errors.length) await logError('discord poll', new Error(res.errors.join('; ')), { guildId });
    results.push(res);
  }
  return { guilds: results };
}
