import { claimsOf, csvResponse, DASHBOARD_ROLES, guildIdOf, ListQuery } from '@/lib/community/export';
import { guildAndRange } from '@/lib/community/guild-range';
import { ticketStaff } from '@/lib/community/tickets';
import { route } from '@/lib/http/route';

type Q = { from?: string; to?: string; page: number; format: 'json' | 'csv' };

/** Per-staff ticket work in the range: claims, resolutions, median first response. */
export const GET = route<undefined, Q, { guildId: string }>(
  { auth: DASHBOARD_ROLES, query: ListQuery },
  async ({ viewer, params, query }) => {
    const claims = claimsOf(viewer);
    const { guild, range } = await guildAndRange(claims, guildIdOf(params), query);
    const rows = await ticketStaff(claims, guild.guild_id, range);
    if (query.format === 'json') return { range, timezone: guild.timezone, items: rows };
    return csvResponse(
      `ticket-staff-${guild.guild_id}-${range.from}-${range.to}`,
      ['staff_id', 'staff', 'claimed', 'resolved', 'median_first_response_seconds'],
      rows.map((r) => [r.staff_id, r.username, r.claimed, r.resolved, r.median_first_response_seconds ?? '']),
    );
  },
);
