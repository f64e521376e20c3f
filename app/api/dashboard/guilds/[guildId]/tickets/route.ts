import { z } from 'zod';
import { claimsOf, csvResponse, DASHBOARD_ROLES, guildIdOf, ListQuery, paging } from '@/lib/community/export';
import { guildAndRange } from '@/lib/community/guild-range';
import { TicketState } from '@/lib/community/schemas';
import { listTickets, ticketDaily, ticketStats } from '@/lib/community/tickets';
import { route } from '@/lib/http/route';

const Query = ListQuery.and(z.object({ state: TicketState.optional() }));
type Q = z.infer<typeof Query>;

/** Tickets opened in the range (optionally one state), with the summary and per-day counts in JSON. */
export const GET = route<undefined, Q, { guildId: string }>(
  { auth: DASHBOARD_ROLES, query: Query },
  async ({ viewer, params, query }) => {
    const claims = claimsOf(viewer);
    const { guild, range } = await guildAndRange(claims, guildIdOf(params), query);
    const list = await listTickets(claims, guild.guild_id, range, { ...paging(query), state: query.state });
    if (query.format === 'json') {
      const [stats, daily] = await Promise.all([
        ticketStats(claims, guild.guild_id, range),
        ticketDaily(claims, guild.guild_id, range),
      ]);
      return { range, timezone: guild.timezone, stats, daily, ...list };
    }
    return csvResponse(
      `tickets-${guild.guild_id}-${range.from}-${range.to}${query.state ? `-${query.state}` : ''}`,
      [
        'id',
        'number',
        'subject',
        'state',
        'opened_by',
        'assignee',
        'opened_at_utc',
        'first_response_seconds',
        'resolution_seconds',
      ],
      list.items.map((t) => [
        t.id,
        t.number,
        t.subject,
        t.state,
        t.opener_name,
        t.assignee_name ?? '',
        t.created_at,
        t.first_response_seconds ?? '',
        t.resolution_seconds ?? '',
      ]),
    );
  },
);
