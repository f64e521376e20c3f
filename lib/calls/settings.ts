import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import type { CallSettingsInput } from './schemas';
import type { CallKind } from './types';

export interface CallSettings {
  creatorId: string;
  videoRate: number | null;
  voiceRate: number | null;
  availableNow: boolean;
  timezone: string;
  slotMinutes: number;
  requestTimeoutSeconds: number;
}

export interface AvailabilityWindow {
  weekday: number;
  start: string;
  end: string;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
  booked: boolean;
}

interface SettingsRow {
  creator_id: string;
  video_rate: number | null;
  voice_rate: number | null;
  available_now: boolean;
  timezone: string;
  slot_minutes: number;
  request_timeout_seconds: number;
}

const toSettings = (r: SettingsRow): CallSettings => ({
  creatorId: r.creator_id,
  videoRate: r.video_rate,
  voiceRate: r.voice_rate,
  availableNow: r.available_now,
  timezone: r.timezone,
  slotMinutes: r.slot_minutes,
  requestTimeoutSeconds: r.request_timeout_seconds,
});

const hhmm = (t: string): string => (t.startsWith('23:59:59') ? '24:00' : t.slice(0, 5));

/** Public: a creator's rates, availability and weekly windows (null when they never set up calls). */
export async function getCallSettings(
  creatorId: string,
): Promise<{ settings: CallSettings; windows: AvailabilityWindow[] } | null> {
  return asUser(null, async (db) => {
    const s = await db.query<SettingsRow>('select * from public.call_settings where creator_id = $1', [
      creatorId,
    ]);
    const row = s.rows[0];
    if (!row) return null;
    const w = await db.query<{ weekday: number; start_time: string; end_time: string }>(
      `select weekday, start_time::text, end_time::text from public.availability_slots
        where creator_id = $1 order by weekday, start_time`,
      [creatorId],
    );
    return {
      settings: toSettings(row),
      windows: w.rows.map((x) => ({ weekday: x.weekday, start: hhmm(x.start_time), end: hhmm(x.end_time) })),
    };
  });
}

export async function saveCallSettings(claims: Claims, i: CallSettingsInput): Promise<CallSettings> {
  return asUser(claims, async (db) => {
    const r = await db.query<SettingsRow>('select * from public.set_call_settings($1, $2, $3, $4, $5, $6)', [
      i.videoRate,
      i.voiceRate,
      i.availableNow,
      i.timezone,
      i.slotMinutes,
      i.requestTimeoutSeconds,
    ]);
    return toSettings(r.rows[0] as SettingsRow);
  });
}

export async function saveAvailability(
  claims: Claims,
  windows: AvailabilityWindow[],
): Promise<AvailabilityWindow[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ weekday: number; start_time: string; end_time: string }>(
      'select weekday, start_time::text, end_time::text from public.set_call_availability($1)',
      [JSON.stringify(windows)],
    );
    return r.rows.map((x) => ({ weekday: x.weekday, start: hhmm(x.start_time), end: hhmm(x.end_time) }));
  });
}

/** Open and taken slot starts for the next `days` days (instants; pages render them in the viewer's zone). */
export async function listSlots(creatorId: string, days = 14): Promise<Slot[]> {
  return asUser(null, async (db) => {
    const r = await db.query<{ starts_at: Date; ends_at: Date; booked: boolean }>(
      'select starts_at, ends_at, booked from public.call_slots($1, $2)',
      [creatorId, days],
    );
    return r.rows.map((x) => ({
      startsAt: new Date(x.starts_at).toISOString(),
      endsAt: new Date(x.ends_at).toISOString(),
      booked: x.booked,
    }));
  });
}

export interface Booking {
  id: string;
  kind: CallKind;
  status: 'booked' | 'cancelled' | 'completed';
  startsAt: string;
  endsAt: string;
  fan: { id: string; username: string; displayName: string };
  creator: { id: string; username: string; displayName: string };
}

interface BookingRow {
  id: string;
  kind: CallKind;
  status: Booking['status'];
  starts_at: Date;
  ends_at: Date;
  fan_id: string;
  fan_username: string;
  fan_display_name: string;
  creator_id: string;
  creator_username: string;
  creator_display_name: string;
}

const toBooking = (r: BookingRow): Booking => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  fan: { id: r.fan_id, username: r.fan_username, displayName: r.fan_display_name },
  creator: { id: r.creator_id, username: r.creator_username, displayName: r.creator_display_name },
});

export async function bookCall(
  claims: Claims,
  i: { creatorId: string; startsAt: string; kind: CallKind },
): Promise<Booking> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ id: string }>('select (public.book_call($1, $2, $3)).id', [
      i.creatorId,
      i.startsAt,
      i.kind,
    ]);
    const b = await db.query<BookingRow>('select * from public.call_booking_summaries where id = $1', [
      r.rows[0]?.id,
    ]);
    return toBooking(b.rows[0] as BookingRow);
  });
}

export async function cancelBooking(claims: Claims, bookingId: string): Promise<Booking> {
  return asUser(claims, async (db) => {
    await db.query('select public.cancel_booking($1)', [bookingId]);
    const b = await db.query<BookingRow>('select * from public.call_booking_summaries where id = $1', [
      bookingId,
    ]);
    return toBooking(b.rows[0] as BookingRow);
  });
}

/** The caller's upcoming bookings (as fan or creator), soonest first. */
export async function upcomingBookings(claims: Claims): Promise<Booking[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<BookingRow>(
      `select * from public.call_booking_summaries
        where (fan_id = auth.uid() or creator_id = auth.uid()) and status = 'booked' and ends_at > now()
        order by starts_at limit 50`,
    );
    return r.rows.map(toBooking);
  });
}
