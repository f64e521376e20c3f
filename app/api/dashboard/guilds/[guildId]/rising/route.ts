import { z } from 'zod';
import { claimsOf, csvResponse, DASHBOARD_ROLES, guildIdOf, ListQuery, paging } from '@/lib/community/export';
import { guildAndRange } from '@/lib/community/guild-range';
import { RISING_MIN_SCORE, risingStars } from '@/lib/community/metrics';
import { RisingOrder } from '@/lib/community/schemas';
import { route } from '@/lib/http/route';

const Query = ListQuery.and(z.object({ order: RisingOrder.default('absolute') }));
type Q = z.infer<typeof Query>;

/** Rising Stars vs the previous window of the same length (definition in the SQL function). */
export const GET = route<undefined, Q, { guildId: string }>(
  { auth: DASHBOARD_ROLES, query: Query },
  async ({ viewer, params, query }) => {
    const claims = claimsOf(viewer);
    const { guild, range } = await guildAndRange(claims, guildIdOf(params), query);
    const list = await risingStars(claims, guild.guild_id, range, { ...paging(query), order: query.order });
    if (query.format === 'json')
      return { range, timezone: guild.timezone, minScore: RISING_MIN_SCORE, ...list };
    return csvResponse(
      `rising-stars-${guild.guild_id}-${range.from}-${range.to}`,
      ['member_id', 'member', 'score', 'previous_window_score', 'growth_points', 'growth_pct'],
      list.items.map((r) => [
        r.user_id,
        r.username,
        r.score,
        r.previous_score,
        r.growth,
        r.growth_pct ?? 'new',
      ]),
    );
  },
);
