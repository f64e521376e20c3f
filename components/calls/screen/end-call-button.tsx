'use client';

import { PhoneOff } from 'lucide-react';
import { useState } from 'react';
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

/** Ending a paid call is final, so it asks first. The dialog stays open (busy) until the server answers. */
export function EndCallButton({
  connected,
  isFan,
  pending,
  onConfirm,
}: {
  connected: boolean;
  isFan: boolean;
  pending: boolean;
  onConfirm: () => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const note = !connected
    ? 'Nothing has been charged: the call has not connected yet.'
    : isFan
      ? 'You pay for the time so far under the billing rule; unused held tokens go back to your wallet.'
      : 'The fan pays for the time so far under the billing rule, and you receive your share.';

  return (
    <Dialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <DialogTrigger asChild>
        <Button variant="destructive" className="w-full">
          <PhoneOff aria-hidden />
          End call
        </Button>
      </DialogTrigger>
      <DialogContent hideCloseButton>
        <DialogHeader>
          <DialogTitle>End this call?</DialogTitle>
          <DialogDescription>{note} It ends for both of you.</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" disabled={pending}>
              Keep talking
            </Button>
          </DialogClose>
          <Button
            variant="destructive"
            loading={pending}
            onClick={async () => {
              if (await onConfirm()) setOpen(false);
            }}
          >
            End call
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
