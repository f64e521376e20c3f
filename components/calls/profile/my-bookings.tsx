'use client';

import { Phone, Video } from 'lucide-react';
import { formatDuration, KIND_LABEL } from '@/components/calls/screen/format';
import { useNow } from '@/components/calls/screen/use-now';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import type { Booking } from '@/lib/calls/settings';
import { CancelBookingButton } from './cancel-booking-button';
import { formatSlotRange } from './zones';

/** A booked call can be started from this long before its start until its end (the API's rule). */
const EARLY_START_MS = 5 * 60_000;

function startHint(b: Booking, now: number): string {
  const opens = Date.parse(b.startsAt) - EARLY_START_MS;
  if (now >= opens)
    return Date.parse(b.startsAt) > now ? 'You can start it now.' : 'In progress: start it now.';
  const wait = opens - now;
  if (wait < 60 * 60_000) return `You can start it in ${formatDuration(wait)}.`;
  const hours = Math.round(wait / (60 * 60_000));
  return hours < 48 ? `You can start it in about ${hours} h.` : `In ${Math.round(hours / 24)} days.`;
}

export function MyBookings({
  bookings,
  creatorName,
  viewerTimeZone,
  pendingKey,
  onStart,
  onCancelled,
}: {
  bookings: Booking[];
  creatorName: string;
  viewerTimeZone: string | null;
  /** The booking id being started, if any. */
  pendingKey: string | null;
  onStart: (b: Booking) => void;
  onCancelled: (b: Booking) => void;
}) {
  const now = useNow(0, 5000);
  const upcoming = now === null ? bookings : bookings.filter((b) => Date.parse(b.endsAt) > now);
  if (upcoming.length === 0) return null;

  return (
    <section aria-labelledby="my-bookings-title" className="space-y-3">
      <h3 id="my-bookings-title" className="text-sm font-semibold">
        Your bookings with {creatorName}
      </h3>
      <ul className="divide-y rounded-lg border">
        {upcoming.map((b) => {
          const when = viewerTimeZone ? formatSlotRange(b.startsAt, b.endsAt, viewerTimeZone) : null;
          const startable = now !== null && now >= Date.parse(b.startsAt) - EARLY_START_MS;
          const hintId = `booking-hint-${b.id}`;
          return (
            <li key={b.id} className="flex flex-wrap items-center gap-3 p-3">
              <div className="min-w-0 flex-1 space-y-0.5">
                <p className="flex items-center gap-1.5 text-sm font-medium">
                  {b.kind === 'video' ? (
                    <Video className="size-4 text-muted-foreground" aria-hidden />
                  ) : (
                    <Phone className="size-4 text-muted-foreground" aria-hidden />
                  )}
                  {when ? <time dateTime={b.startsAt}>{when}</time> : <Skeleton className="h-4 w-40" />}
                </p>
                <p id={hintId} className="text-xs text-muted-foreground">
                  {KIND_LABEL[b.kind]} · {now === null ? '' : startHint(b, now)}
                </p>
              </div>
              <div className="flex items-center gap-1">
                <Button
                  size="sm"
                  onClick={() => onStart(b)}
                  disabled={!startable || (pendingKey !== null && pendingKey !== b.id)}
                  loading={pendingKey === b.id}
                  aria-describedby={hintId}
                >
                  Start call
                </Button>
                <CancelBookingButton
                  booking={b}
                  what={when ?? 'This call'}
                  otherParty={creatorName}
                  onCancelled={onCancelled}
                />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
