'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
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
import type { Booking } from '@/lib/calls/settings';
import { apiFetch } from '@/lib/http/client';

/** Cancel with a confirmation step; reports the outcome and hands the cancelled booking back. */
export function CancelBookingButton({
  booking,
  what,
  otherParty,
  onCancelled,
}: {
  booking: Booking;
  /** e.g. "Tue, Nov 24 · 2:30 – 3:00 PM" (already in the viewer's zone). */
  what: string;
  otherParty: string;
  onCancelled: (booking: Booking) => void;
}) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    const r = await apiFetch<{ booking: Booking }>(`/api/bookings/${booking.id}/cancel`, { method: 'POST' });
    setPending(false);
    if (!r.ok) {
      toast.error('Booking not cancelled', { description: r.error.message });
      // Already cancelled or completed elsewhere: drop it from the list all the same.
      if (r.status === 409 || r.status === 404) {
        setOpen(false);
        onCancelled({ ...booking, status: 'cancelled' });
      }
      return;
    }
    setOpen(false);
    toast.success('Booking cancelled', { description: `${what} with ${otherParty}` });
    onCancelled(r.data.booking);
  }

  return (
    <Dialog open={open} onOpenChange={(o) => !pending && setOpen(o)}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
          Cancel
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Cancel this booking?</DialogTitle>
          <DialogDescription>
            {what} with {otherParty}. The time becomes free for others to book. Nothing has been charged.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" disabled={pending}>
              Keep booking
            </Button>
          </DialogClose>
          <Button variant="destructive" onClick={confirm} loading={pending}>
            Cancel booking
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
