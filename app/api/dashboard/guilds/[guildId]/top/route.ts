import { claimsOf, csvResponse, DASHBOARD_ROLES, guildIdOf, ListQuery } from '@/lib/community/export';
import { guildAndRange } from '@/lib/community/guild-range';
import { topMembers } from '@/lib/community/metrics';
import { route } from '@/lib/http/route';

type Q = { from?: string; to?: string; page: number; format: 'json' | 'csv' };

/** Top 10 members by Community Score in the range (guild timezone), with their daily series. */
export const GET = route<undefined, Q, { guildId: string }>(
  { auth: DASHBOARD_ROLES, query: ListQuery },
  async ({ viewer, params, query }) => {
    const claims = claimsOf(viewer);
    const { guild, range } = await guildAndRange(claims, guildIdOf(params), query);
    const rows = await topMembers(claims, guild.guild_id, range);
    if (query.format === 'json') return { range, timezone: guild.timezone, items: rows };
    return csvResponse(
      `top10-${guild.guild_id}-${range.from}-${range.to}`,
      ['rank', 'member_id', 'member', 'score', 'messages', 'reactions', 'daily_scores'],
      rows.map((r) => [r.rank, r.user_id, r.username, r.score, r.messages, r.reactions, r.series.join(' ')]),
    );
  },
);
