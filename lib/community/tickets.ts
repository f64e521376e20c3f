import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import type { DayRange } from './dates';
import type { Listed, ListPage } from './metrics';

/** Ticket statistics for the dashboard, as the viewer (see 20261123000603_dashboard_tickets.sql). */

export interface TicketStats {
  total: number;
  open: number;
  in_progress: number;
  resolved: number;
  median_first_response_seconds: number | null;
  median_resolution_seconds: number | null;
  unanswered: number;
}

export interface TicketDay {
  day: string;
  opened: number;
  resolved: number;
}

export interface StaffRow {
  staff_id: string;
  username: string;
  claimed: number;
  resolved: number;
  median_first_response_seconds: number | null;
}

export interface TicketRow {
  id: number;
  number: number;
  subject: string;
  state: 'open' | 'in_progress' | 'resolved';
  opener_name: string;
  assignee_name: string | null;
  created_at: Date;
  first_response_seconds: number | null;
  resolution_seconds: number | null;
}

export interface TicketDetail {
  ticket: {
    id: number;
    guildId: string;
    number: number;
    subject: string;
    description: string;
    state: TicketRow['state'];
    openerName: string;
    assigneeName: string | null;
    createdAt: string;
    firstResponseAt: string | null;
    resolvedAt: string | null;
  };
  events: {
    id: number;
    action: string;
    fromState: string | null;
    toState: string;
    actorName: string;
    at: string;
  }[];
  messages: { id: string; authorName: string; isBot: boolean; content: string; at: string }[];
}

export function ticketStats(claims: Claims, guildId: string, range: DayRange): Promise<TicketStats> {
  return asUser(claims, async (db) => {
    const r = await db.query<TicketStats>('select * from public.dash_ticket_stats($1, $2::date, $3::date)', [
      guildId,
      range.from,
      range.to,
    ]);
    return r.rows[0] as TicketStats;
  });
}

export function ticketDaily(claims: Claims, guildId: string, range: DayRange): Promise<TicketDay[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<TicketDay>(
      'select day::text, opened, resolved from public.dash_ticket_daily($1, $2::date, $3::date)',
      [guildId, range.from, range.to],
    );
    return r.rows;
  });
}

export function ticketStaff(claims: Claims, guildId: string, range: DayRange): Promise<StaffRow[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<StaffRow>('select * from public.dash_ticket_staff($1, $2::date, $3::date)', [
      guildId,
      range.from,
      range.to,
    ]);
    return r.rows;
  });
}

export function listTickets(
  claims: Claims,
  guildId: string,
  range: DayRange,
  opts: ListPage & { state?: TicketRow['state'] },
): Promise<Listed<TicketRow>> {
  return asUser(claims, async (db) => {
    const r = await db.query(
      `select id, number, subject, state, opener_name, assignee_name, created_at, first_response_seconds,
              resolution_seconds, total_count
         from public.dash_tickets($1, $2::date, $3::date, $4, $5, $6)`,
      [guildId, range.from, range.to, opts.state ?? null, opts.limit, opts.offset],
    );
    return {
      items: r.rows.map(({ total_count: _t, ...x }) => ({ ...x, id: Number(x.id) }) as TicketRow),
      total: r.rows[0]?.total_count ?? 0,
    };
  });
}

export function ticketDetail(claims: Claims, ticketId: number): Promise<TicketDetail> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ d: TicketDetail }>('select public.dash_ticket_detail($1) as d', [ticketId]);
    return r.rows[0]?.d as TicketDetail;
  });
}
