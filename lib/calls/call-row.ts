import 'server-only';
import type { Db } from '@/lib/db/tx';
import type { CallSummary } from './types';

/** Calls are read through the view public.call_summaries (the row plus both parties' names; RLS applies). */

export interface CallRowWithNames {
  id: string;
  kind: CallSummary['kind'];
  status: CallSummary['status'];
  rate: number;
  fan_id: string;
  creator_id: string;
  booking_id: string | null;
  requested_at: Date;
  expires_at: Date;
  answered_at: Date | null;
  connected_at: Date | null;
  ended_at: Date | null;
  end_reason: CallSummary['endReason'];
  held_minutes: number;
  posted_minutes: number;
  billed_minutes: number | null;
  total: string | number | null;
  creator_share: string | number | null;
  platform_fee: string | number | null;
  fan_username: string;
  fan_display_name: string;
  creator_username: string;
  creator_display_name: string;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export function toSummary(r: CallRowWithNames): CallSummary {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    rate: r.rate,
    fan: { id: r.fan_id, username: r.fan_username, displayName: r.fan_display_name },
    creator: { id: r.creator_id, username: r.creator_username, displayName: r.creator_display_name },
    bookingId: r.booking_id,
    requestedAt: iso(r.requested_at) as string,
    expiresAt: iso(r.expires_at) as string,
    answeredAt: iso(r.answered_at),
    connectedAt: iso(r.connected_at),
    endedAt: iso(r.ended_at),
    endReason: r.end_reason,
    heldMinutes: r.held_minutes,
    postedMinutes: r.posted_minutes,
    billedMinutes: r.billed_minutes,
    total: num(r.total),
    creatorShare: num(r.creator_share),
    platformFee: num(r.platform_fee),
  };
}

/** Reads a call with names in the same transaction (RLS applies when db is a user's transaction). */
export async function readCall(db: Db, id: string): Promise<CallSummary | null> {
  const r = await db.query<CallRowWithNames>('select * from public.call_summaries where id = $1', [id]);
  const row = r.rows[0];
  return row ? toSummary(row) : null;
}
