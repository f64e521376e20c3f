import { claimsOf, csvResponse, DASHBOARD_ROLES, guildIdOf, ListQuery, paging } from '@/lib/community/export';
import { guildAndRange } from '@/lib/community/guild-range';
import { starScouter } from '@/lib/community/metrics';
import { route } from '@/lib/http/route';

type Q = { from?: string; to?: string; page: number; format: 'json' | 'csv' };

/** Star Scouter: joined in the 30 days up to the range end and in the top 10% by score. */
export const GET = route<undefined, Q, { guildId: string }>(
  { auth: DASHBOARD_ROLES, query: ListQuery },
  async ({ viewer, params, query }) => {
    const claims = claimsOf(viewer);
    const { guild, range } = await guildAndRange(claims, guildIdOf(params), query);
    const list = await starScouter(claims, guild.guild_id, range, paging(query));
    if (query.format === 'json') return { range, timezone: guild.timezone, ...list };
    return csvResponse(
      `star-scouter-${guild.guild_id}-${range.from}-${range.to}`,
      ['member_id', 'member', 'joined_at_utc', 'score', 'activity_rank', 'active_members'],
      list.items.map((r) => [r.user_id, r.username, r.joined_at, r.score, r.activity_rank, r.active_members]),
    );
  },
);
