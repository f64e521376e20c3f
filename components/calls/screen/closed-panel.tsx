import { ArrowLeft, PhoneMissed, PhoneOff, XCircle } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { CallSummary } from '@/lib/calls/types';

/** A request that ended before any call happened: declined, expired or withdrawn. Nothing was charged. */
export function ClosedPanel({ call, isFan }: { call: CallSummary; isFan: boolean }) {
  const other = isFan ? call.creator : call.fan;
  const copy = {
    declined: {
      icon: PhoneOff,
      title: isFan ? `${other.displayName} declined the call` : 'You declined this call',
    },
    expired: {
      icon: PhoneMissed,
      title: isFan
        ? `${other.displayName} didn’t answer in time`
        : `You missed a call from ${other.displayName}`,
    },
    cancelled: {
      icon: XCircle,
      title: isFan ? 'You cancelled this call' : `${other.displayName} cancelled the call`,
    },
  } as const;
  const entry =
    call.status === 'declined' || call.status === 'expired' || call.status === 'cancelled'
      ? copy[call.status]
      : copy.cancelled;

  return (
    <EmptyState
      icon={entry.icon}
      headingLevel={2}
      title={entry.title}
      description="The call never started, so nothing was charged."
      data-testid="call-closed"
      action={
        <>
          <Button asChild variant="outline">
            <Link href="/calls">
              <ArrowLeft aria-hidden />
              Back to calls
            </Link>
          </Button>
          {isFan ? (
            <Button asChild>
              <Link href={`/creators/${call.creator.username}`}>Visit {call.creator.displayName}</Link>
            </Button>
          ) : null}
        </>
      }
    />
  );
}
