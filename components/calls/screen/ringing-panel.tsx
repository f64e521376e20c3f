'use client';

import { Phone, PhoneOff, Video } from 'lucide-react';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import type { CallSummary } from '@/lib/calls/types';
import { formatTokens } from '@/lib/payments/format-money';
import { formatClock, KIND_LABEL } from './format';
import { useNow } from './use-now';

/**
 * A request that is still ringing. The fan sees who they are calling and can withdraw; the creator answers.
 * The countdown runs on the server's clock; at zero the request expires on the server (the page then
 * shows that as soon as the event or the next poll arrives).
 */
export function RingingPanel({
  call,
  isFan,
  offsetMs,
  pending,
  onAnswer,
  onCancel,
}: {
  call: CallSummary;
  isFan: boolean;
  offsetMs: number;
  pending: 'accept' | 'decline' | 'cancel' | null;
  onAnswer: (accept: boolean) => void;
  onCancel: () => void;
}) {
  const now = useNow(offsetMs);
  const left = now === null ? null : Date.parse(call.expiresAt) - now;
  const other = isFan ? call.creator : call.fan;
  const Icon = call.kind === 'video' ? Video : Phone;

  return (
    <Card className="mx-auto w-full max-w-md text-center">
      <CardHeader className="items-center gap-3">
        <span className="relative inline-flex">
          <span
            aria-hidden
            className="absolute inset-0 animate-ping rounded-full bg-primary/20 motion-reduce:hidden"
          />
          <Avatar name={other.displayName} size="lg" />
        </span>
        <CardTitle as="h2" className="text-xl">
          {isFan ? `Calling ${other.displayName}…` : `${other.displayName} is calling`}
        </CardTitle>
        <CardDescription className="flex items-center justify-center gap-1.5">
          <Icon aria-hidden className="size-4" />
          {KIND_LABEL[call.kind]} · {formatTokens(call.rate)} tokens / minute
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-2">
        <p className="text-sm text-muted-foreground">
          {left === null ? (
            'Waiting for an answer…'
          ) : left > 0 ? (
            <>
              {isFan ? 'Waiting for an answer — the request expires in ' : 'The request expires in '}
              <span className="font-medium text-foreground tabular-nums" data-testid="ring-countdown">
                {formatClock(left)}
              </span>
            </>
          ) : (
            'No answer in time — closing the request…'
          )}
        </p>
        {isFan ? (
          <p className="text-xs text-muted-foreground">
            Nothing is charged until you have both joined the call.
          </p>
        ) : (
          <p className="text-xs text-muted-foreground">
            Billing starts when you have both joined; you receive your share of every minute.
          </p>
        )}
      </CardContent>
      <CardFooter className="justify-center gap-3">
        {isFan ? (
          <Button
            variant="outline"
            onClick={onCancel}
            loading={pending === 'cancel'}
            disabled={pending !== null}
          >
            <PhoneOff aria-hidden />
            Cancel call
          </Button>
        ) : (
          <>
            <Button
              variant="destructive"
              onClick={() => onAnswer(false)}
              loading={pending === 'decline'}
              disabled={pending !== null}
            >
              <PhoneOff aria-hidden />
              Decline
            </Button>
            <Button onClick={() => onAnswer(true)} loading={pending === 'accept'} disabled={pending !== null}>
              <Icon aria-hidden />
              Accept
            </Button>
          </>
        )}
      </CardFooter>
    </Card>
  );
}
