import { claimsOf, csvResponse, DASHBOARD_ROLES, guildIdOf, ListQuery, paging } from '@/lib/community/export';
import { guildAndRange } from '@/lib/community/guild-range';
import { CHURN_MIN_PRIOR, churnRadar, churnWeeks } from '@/lib/community/metrics';
import { route } from '@/lib/http/route';

type Q = { from?: string; to?: string; page: number; format: 'json' | 'csv' };

/** Churn Radar for the last full week before the range end (guild timezone). */
export const GET = route<undefined, Q, { guildId: string }>(
  { auth: DASHBOARD_ROLES, query: ListQuery },
  async ({ viewer, params, query }) => {
    const claims = claimsOf(viewer);
    const { guild, range } = await guildAndRange(claims, guildIdOf(params), query);
    const [weeks, list] = await Promise.all([
      churnWeeks(claims, guild.guild_id, range.to),
      churnRadar(claims, guild.guild_id, range.to, paging(query)),
    ]);
    if (query.format === 'json')
      return { weeks, timezone: guild.timezone, minPrior: CHURN_MIN_PRIOR, ...list };
    return csvResponse(
      `churn-radar-${guild.guild_id}-week-${weeks.week_start}`,
      [
        'member_id',
        'member',
        `score_${weeks.prior_start}_to_${weeks.prior_end}`,
        `score_${weeks.week_start}_to_${weeks.week_end}`,
        'change_pct',
        'last_seen',
      ],
      list.items.map((r) => [
        r.user_id,
        r.username,
        r.prior_week,
        r.last_week,
        r.change_pct,
        r.last_seen ?? '',
      ]),
    );
  },
);
