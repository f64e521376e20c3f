import 'server-only';
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { asService } from '@/lib/db/tx';
import type { DiscordRest } from '../rest';
import { ingestMessages, toStored } from './messages';
import { compareSnowflakes, snowflakeAt } from './snowflake';

const WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface ReactionRun {
  requests: number;
  scannedChannels: number;
  credited: number;
  pending: number;
  oldest: Date | null;
}

/**
 * Reactions, without a gateway: re-reads the last 7 days of each tracked channel to refresh every
 * message's reactions[].count, then, for each (message, emoji) whose count changed, fetches the
 * reactors (GET …/reactions/{emoji}) and credits them. Every Discord request counts against `budget`;
 * what does not fit is left pending for the next run (its count still differs from what was credited).
 */
export async function creditReactions(
  rest: DiscordRest,
  guildId: string,
  budget: number,
  now: Date = new Date(),
): Promise<ReactionRun> {
  const run: ReactionRun = { requests: 0, scannedChannels: 0, credited: 0, pending: 0, oldest: null };
  const since = snowflakeAt(now.getTime() - WINDOW_MS);
  const channels = await asService(async (db) => {
    const r = await db.query<{ channel_id: string }>(
      `select channel_id from discord.channels where guild_id = $1 and tracked
        order by reactions_scanned_at nulls first, channel_id`,
      [guildId],
    );
    return r.rows.map((x) => x.channel_id);
  });

  // 1. Refresh counts, keeping at least half the budget for crediting.
  for (const channelId of channels) {
    if (run.requests >= Math.ceil(budget / 2)) break;
    let after = since;
    for (;;) {
      if (run.requests >= Math.ceil(budget / 2)) break;
      run.requests++;
      const page = await rest.get<APIMessage[]>(`/channels/${channelId}/messages`, { after, limit: 100 });
      if (page.length === 0) break;
      page.sort((a, b) => compareSnowflakes(a.id, b.id));
      // No cursor move: the message poller owns the cursor; this only refreshes counts (and adds any missed).
      await ingestMessages(guildId, channelId, page.map(toStored), null);
      after = page[page.length - 1]?.id ?? after;
      if (page.length < 100) {
        run.scannedChannels++;
        await asService((db) =>
          db.query('update discord.channels set reactions_scanned_at = now() where channel_id = $1', [
            channelId,
          ]),
        );
        break;
      }
    }
  }

  // 2. Credit reactors where the seen count differs from what was credited, oldest first.
  const pending = await asService(async (db) => {
    const r = await db.query<{
      id: string;
      channel_id: string;
      created_at: Date;
      emoji: string;
      seen: number;
    }>(
      `select m.id, m.channel_id, m.created_at, e.key as emoji, coalesce(e.value::int, 0) as seen
         from discord.messages m
         cross join lateral (
           select k as key, m.reaction_counts -> k as value
             from (select jsonb_object_keys(m.reaction_counts || m.reactions_credited) as k) keys
         ) e
        where m.guild_id = $1 and m.created_at >= $2 and m.reaction_counts <> m.reactions_credited
          and (m.reaction_counts -> e.key) is distinct from (m.reactions_credited -> e.key)
        order by m.created_at, m.id, e.key`,
      [guildId, new Date(now.getTime() - WINDOW_MS)],
    );
    return r.rows;
  });
  run.pending = pending.length;
  for (const p of pending) {
    const users: string[] = [];
    let complete = p.seen === 0;
    let after: string | undefined;
    while (!complete && run.requests < budget) {
      run.requests++;
      const page = await rest.get<APIUser[]>(
        `/channels/${p.channel_id}/messages/${p.id}/reactions/${encodeURIComponent(p.emoji)}`,
        { limit: 100, after },
      );
      users.push(...page.map((u) => u.id));
      after = page[page.length - 1]?.id;
      if (page.length < 100) complete = true;
    }
    if (!complete) break;
    const added = await asService(async (db) => {
      const r = await db.query<{ n: number }>('select discord.credit_reactions($1, $2, $3, $4) as n', [
        p.id,
        p.emoji,
        users,
        p.seen,
      ]);
      return r.rows[0]?.n ?? 0;
    });
    run.credited += added;
    run.pending--;
    if (!run.oldest || p.created_at < run.oldest) run.oldest = p.created_at;
  }
  return run;
}
