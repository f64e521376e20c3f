'use client';

import { CalendarX2, Phone, Video } from 'lucide-react';
import { useState } from 'react';
import { CancelBookingButton } from '@/components/calls/profile/cancel-booking-button';
import { formatSlotRange, useViewerTimeZone } from '@/components/calls/profile/zones';
import { KIND_LABEL } from '@/components/calls/screen/format';
import { Avatar } from '@/components/ui/avatar';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import type { Booking } from '@/lib/calls/settings';

/** The creator's upcoming booked calls. The fan starts each one; it then rings under Incoming requests. */
export function CreatorBookings({ initial }: { initial: Booking[] }) {
  const zone = useViewerTimeZone();
  const [bookings, setBookings] = useState(initial);

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Upcoming bookings</CardTitle>
        <CardDescription>
          The fan starts a booked call from 5 minutes before its time; it rings under Incoming requests.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {bookings.length === 0 ? (
          <EmptyState
            icon={CalendarX2}
            className="py-8"
            title="No upcoming bookings"
            description="Fans book from your public page once you have weekly availability and a rate."
          />
        ) : (
          <ul className="divide-y rounded-lg border">
            {bookings.map((b) => {
              const when = zone ? formatSlotRange(b.startsAt, b.endsAt, zone) : null;
              return (
                <li key={b.id} className="flex flex-wrap items-center gap-3 p-3">
                  <Avatar name={b.fan.displayName} size="sm" />
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium">{b.fan.displayName}</p>
                    <p className="text-sm text-muted-foreground">
                      {when ? (
                        <time dateTime={b.startsAt}>{when}</time>
                      ) : (
                        <Skeleton className="inline-block h-4 w-40 align-middle" />
                      )}
                    </p>
                    <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
                      {b.kind === 'video' ? (
                        <Video className="size-3.5" aria-hidden />
                      ) : (
                        <Phone className="size-3.5" aria-hidden />
                      )}
                      {KIND_LABEL[b.kind]}
                    </p>
                  </div>
                  <CancelBookingButton
                    booking={b}
                    what={when ?? 'This call'}
                    otherParty={b.fan.displayName}
                    onCancelled={(c) => setBookings((list) => list.filter((x) => x.id !== c.id))}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
