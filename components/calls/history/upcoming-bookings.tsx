'use client';

import { AlertTriangle, CalendarClock, Phone, RotateCw, Video } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { KIND_LABEL } from '@/components/calls/screen/format';
import { useNow } from '@/components/calls/screen/use-now';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { LocalTime } from '@/components/ui/local-time';
import { Skeleton } from '@/components/ui/skeleton';
import type { Booking } from '@/lib/calls/settings';
import type { CallSummary } from '@/lib/calls/types';
import { apiFetch } from '@/lib/http/client';

/** A booked call can be started this long before its slot begins. */
export const START_EARLY_MS = 5 * 60_000;

type Load =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: Booking[] };

/** Upcoming booked calls: the fan starts one from 5 minutes before its slot; either side can cancel. */
export function UpcomingBookings({ viewerId, isCreator }: { viewerId: string; isCreator: boolean }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const fetchBookings = useCallback(async () => {
    const r = await apiFetch<{ items: Booking[] }>('/api/bookings');
    setLoad(r.ok ? { status: 'ready', items: r.data.items } : { status: 'error', message: r.error.message });
  }, []);
  useEffect(() => {
    void fetchBookings();
  }, [fetchBookings]);
  const now = useNow(0, 15_000);

  return (
    <section aria-labelledby="upcoming-title">
      <Card className="gap-4">
        <CardHeader>
          <CardTitle as="h2" id="upcoming-title" className="flex items-center gap-2">
            <CalendarClock aria-hidden className="size-5 text-muted-foreground" />
            Upcoming booked calls
          </CardTitle>
          <CardDescription>A booked call can be started from 5 minutes before its slot.</CardDescription>
        </CardHeader>
        <CardContent>
          {load.status === 'loading' ? (
            <div className="space-y-2" aria-busy="true">
              <span className="sr-only" role="status">
                Loading your bookings…
              </span>
              <Skeleton className="h-16 w-full" />
            </div>
          ) : load.status === 'error' ? (
            <Alert variant="destructive">
              <AlertTriangle aria-hidden />
              <AlertTitle>Your bookings could not be loaded</AlertTitle>
              <AlertDescription>
                <p>{load.message}</p>
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => {
                    setLoad({ status: 'loading' });
                    void fetchBookings();
                  }}
                >
                  <RotateCw aria-hidden />
                  Try again
                </Button>
              </AlertDescription>
            </Alert>
          ) : load.items.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No upcoming bookings.{' '}
              {isCreator ? (
                <>
                  Fans book the open slots of your{' '}
                  <Link
                    href="/creator/calls"
                    className="font-medium text-foreground underline underline-offset-4"
                  >
                    weekly availability
                  </Link>
                  .
                </>
              ) : (
                <>
                  <Link href="/creators" className="font-medium text-foreground underline underline-offset-4">
                    Find a creator
                  </Link>{' '}
                  to book a call.
                </>
              )}
            </p>
          ) : (
            <ul className="divide-y">
              {load.items.map((b) => (
                <BookingRow
                  key={b.id}
                  booking={b}
                  viewerId={viewerId}
                  now={now}
                  onCancelled={() =>
                    setLoad((l) =>
                      l.status === 'ready' ? { ...l, items: l.items.filter((x) => x.id !== b.id) } : l,
                    )
                  }
                />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </section>
  );
}

function BookingRow({
  booking,
  viewerId,
  now,
  onCancelled,
}: {
  booking: Booking;
  viewerId: string;
  now: number | null;
  onCancelled: () => void;
}) {
  const router = useRouter();
  const isFan = booking.fan.id === viewerId;
  const other = isFan ? booking.creator : booking.fan;
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<{ message: string; needsTokens: boolean } | null>(null);
  const opensAt = Date.parse(booking.startsAt) - START_EARLY_MS;
  const open = now !== null && now >= opensAt && now < Date.parse(booking.endsAt);
  const Icon = booking.kind === 'video' ? Video : Phone;

  const start = async () => {
    setStarting(true);
    setStartError(null);
    const r = await apiFetch<{ call: CallSummary }>('/api/calls', {
      method: 'POST',
      body: { creatorId: booking.creator.id, kind: booking.kind, bookingId: booking.id },
    });
    if (r.ok) {
      router.push(`/calls/${r.data.call.id}`);
      return; // keep the button busy while the call screen loads
    }
    setStarting(false);
    setStartError({ message: r.error.message, needsTokens: r.status === 402 });
  };

  return (
    <li
      className="flex flex-col gap-3 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between"
      data-testid="booking-row"
    >
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <Icon aria-hidden className="size-4 text-muted-foreground" />
          {KIND_LABEL[booking.kind]} with {other.displayName}
          <Badge variant="outline">{isFan ? 'You booked' : 'Booked by fan'}</Badge>
        </p>
        <p className="text-sm text-muted-foreground">
          <LocalRange start={booking.startsAt} end={booking.endsAt} />
        </p>
        {startError ? (
          <p role="alert" className="text-sm text-destructive">
            {startError.message}
            {startError.needsTokens ? (
              <>
                {' '}
                <Link href="/wallet" className="font-medium underline underline-offset-4">
                  Buy tokens
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      <div className="flex shrink-0 flex-wrap items-center gap-2">
        <CancelBooking booking={booking} otherName={other.displayName} onCancelled={onCancelled} />
        {isFan ? (
          <Button
            onClick={() => void start()}
            loading={starting}
            disabled={!open}
            aria-describedby={open ? undefined : `opens-${booking.id}`}
          >
            <Icon aria-hidden />
            {booking.kind === 'video' ? 'Start video call' : 'Start voice call'}
          </Button>
        ) : (
          <span className="text-sm text-muted-foreground">{other.displayName} starts the call</span>
        )}
        {isFan && !open ? (
          <span id={`opens-${booking.id}`} className="w-full text-xs text-muted-foreground sm:text-right">
            You can start it from <LocalClock value={new Date(opensAt).toISOString()} />
          </span>
        ) : null}
      </div>
    </li>
  );
}

const rangeFormat = (start: string, end: string, timeZone?: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone }).formatRange(
    new Date(start),
    new Date(end),
  );
const clockFormat = (value: string, timeZone?: string) =>
  new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone }).format(new Date(value));

/** "Nov 23, 2026, 12:30 – 1:00 AM" in the viewer's zone (UTC, labelled, until the browser takes over). */
function LocalRange({ start, end }: { start: string; end: string }) {
  const [text, setText] = useState(() => `${rangeFormat(start, end, 'UTC')} UTC`);
  useEffect(() => setText(rangeFormat(start, end)), [start, end]);
  return (
    <time dateTime={start} suppressHydrationWarning>
      {text}
    </time>
  );
}

function LocalClock({ value }: { value: string }) {
  const [text, setText] = useState(() => `${clockFormat(value, 'UTC')} UTC`);
  useEffect(() => setText(clockFormat(value)), [value]);
  return (
    <time dateTime={value} suppressHydrationWarning>
      {text}
    </time>
  );
}

function CancelBooking({
  booking,
  otherName,
  onCancelled,
}: {
  booking: Booking;
  otherName: string;
  onCancelled: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const cancel = async () => {
    setPending(true);
    setError(null);
    const r = await apiFetch(`/api/bookings/${booking.id}/cancel`, { method: 'POST' });
    setPending(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setOpen(false);
    toast.success(`Booking with ${otherName} cancelled.`);
    onCancelled();
  };

  return (
    <Dialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <DialogTrigger asChild>
        <Button variant="outline">Cancel booking</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Cancel this booking?</DialogTitle>
          <DialogDescription>
            {KIND_LABEL[booking.kind]} with {otherName} on <LocalTime value={booking.startsAt} />. The slot
            becomes free for others.
          </DialogDescription>
        </DialogHeader>
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" disabled={pending}>
              Keep booking
            </Button>
          </DialogClose>
          <Button variant="destructive" loading={pending} onClick={() => void cancel()}>
            Cancel booking
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
