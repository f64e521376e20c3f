import { claimsOf, DASHBOARD_ROLES, guildIdOf } from '@/lib/community/export';
import { ticketDetail } from '@/lib/community/tickets';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** One ticket's transcript and event timeline (the SQL function checks access to its guild). */
export const GET = route<undefined, undefined, { guildId: string; ticketId: string }>(
  { auth: DASHBOARD_ROLES },
  async ({ viewer, params }) => {
    const guildId = guildIdOf(params);
    const id = Number(params.ticketId);
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('NOT_FOUND', 'No such ticket');
    const detail = await ticketDetail(claimsOf(viewer), id);
    if (detail.ticket.guildId !== guildId) throw new AppError('NOT_FOUND', 'No such ticket');
    return detail;
  },
);
