'use client';

import { Square } from 'lucide-react';
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
import { apiFetch } from '@/lib/http/client';

/** Ending a stream is final for everyone watching, so it asks first. */
export function EndStreamButton({ streamId, onEnded }: { streamId: string; onEnded: () => void }) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <DialogTrigger asChild>
        <Button variant="destructive" size="sm">
          <Square aria-hidden />
          End stream
        </Button>
      </DialogTrigger>
      <DialogContent hideCloseButton>
        <DialogHeader>
          <DialogTitle>End this stream?</DialogTitle>
          <DialogDescription>
            Viewers see that it has ended and chat closes. The analytics are ready right after.
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
              Keep streaming
            </Button>
          </DialogClose>
          <Button
            variant="destructive"
            loading={pending}
            onClick={async () => {
              setPending(true);
              setError(null);
              const r = await apiFetch(`/api/streams/${streamId}/end`, { method: 'POST' });
              setPending(false);
              if (r.ok) {
                setOpen(false);
                onEnded();
              } else setError(r.error.message);
            }}
          >
            End stream
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
