import 'server-only';
import { asService } from '@/lib/db/tx';

export type TicketState = 'open' | 'in_progress' | 'resolved';
export type TicketAction = 'claim' | 'resolve' | 'close' | 'reopen';

export interface Ticket {
  id: number;
  guild_id: string;
  number: number;
  opener_id: string;
  subject: string;
  description: string;
  state: TicketState;
  assignee_id: string | null;
  channel_id: string | null;
  category_id: string | null;
  created_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
}

export const ticketLabel = (t: Pick<Ticket, 'number'>) => `#${String(t.number).padStart(4, '0')}`;
export const ticketChannelName = (t: Pick<Ticket, 'number'>) => `ticket-${String(t.number).padStart(4, '0')}`;
export const STATE_LABEL: Record<TicketState, string> = {
  open: 'Open',
  in_progress: 'In Progress',
  resolved: 'Resolved',
};

/** Opens a ticket (limit per member enforced in SQL; CO409 with a readable message when reached). */
export function openTicket(
  guildId: string,
  openerId: string,
  subject: string,
  description: string,
): Promise<Ticket> {
  return asService(async (db) => {
    const r = await db.query<Ticket>('select * from discord.open_ticket($1, $2, $3, $4)', [
      guildId,
      openerId,
      subject,
      description,
    ]);
    return r.rows[0] as Ticket;
  });
}

/** One state change through the SQL state machine (which also writes its ticket_events row). */
export function transitionTicket(
  ticketId: number,
  action: TicketAction,
  actorId: string,
  actorIsStaff: boolean,
): Promise<Ticket> {
  return asService(async (db) => {
    const r = await db.query<Ticket>('select * from discord.ticket_transition($1, $2, $3, $4)', [
      ticketId,
      action,
      actorId,
      actorIsStaff,
    ]);
    return r.rows[0] as Ticket;
  });
}

export function ticketByChannel(channelId: string): Promise<Ticket | null> {
  return asService(async (db) => {
    const r = await db.query<Ticket>('select * from discord.tickets where channel_id = $1', [channelId]);
    return r.rows[0] ?? null;
  });
}

export function openTicketCount(guildId: string, openerId: string): Promise<number> {
  return asService(async (db) => {
    const r = await db.query<{ n: number }>(
      `select count(*)::int as n from discord.tickets where guild_id = $1 and opener_id = $2 and state <> 'resolved'`,
      [guildId, openerId],
    );
    return r.rows[0]?.n ?? 0;
  });
}

export function setTicketChannel(
  ticketId: number,
  channelId: string,
  categoryId: string | null,
): Promise<void> {
  return asService(async (db) => {
    await db.query('select discord.set_ticket_channel($1, $2, $3)', [ticketId, channelId, categoryId]);
  });
}
