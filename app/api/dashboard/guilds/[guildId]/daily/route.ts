import { claimsOf, csvResponse, DASHBOARD_ROLES, guildIdOf, ListQuery } from '@/lib/community/export';
import { guildAndRange } from '@/lib/community/guild-range';
import { dailyScores } from '@/lib/community/metrics';
import { route } from '@/lib/http/route';

type Q = { from?: string; to?: string; page: number; format: 'json' | 'csv' };

/** The guild's total Community Score and active members per local day. */
export const GET = route<undefined, Q, { guildId: string }>(
  { auth: DASHBOARD_ROLES, query: ListQuery },
  async ({ viewer, params, query }) => {
    const claims = claimsOf(viewer);
    const { guild, range } = await guildAndRange(claims, guildIdOf(params), query);
    const days = await dailyScores(claims, guild.guild_id, range);
    if (query.format === 'json') return { range, timezone: guild.timezone, items: days };
    return csvResponse(
      `daily-score-${guild.guild_id}-${range.from}-${range.to}`,
      ['day', 'score', 'messages', 'reactions', 'active_members'],
      days.map((d) => [d.day, d.score, d.messages, d.reactions, d.active_members]),
    );
  },
);
