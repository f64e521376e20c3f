'use client';

import { Phone, PhoneCall, Video } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import type { Booking, Slot } from '@/lib/calls/settings';
import { BILLING_RULE, type CallKind } from '@/lib/calls/types';
import { formatTokens } from '@/lib/payments/format-money';
import { BookATime } from './book-a-time';
import { MyBookings } from './my-bookings';
import { useStartCall } from './use-start-call';
import { useViewerTimeZone } from './zones';

/** Who is looking: decides between call buttons, a sign-in link and the owner's preview. */
export type CallsViewer = { kind: 'anonymous' } | { kind: 'self' } | { kind: 'fan'; balance: number };

export interface PublicCallSettings {
  videoRate: number | null;
  voiceRate: number | null;
  availableNow: boolean;
  timezone: string;
}

const KIND_META = {
  video: { label: 'Video call', icon: Video },
  voice: { label: 'Voice call', icon: Phone },
} as const;

export function PaidCallsCard({
  creator,
  settings,
  viewer,
  initialSlots,
  initialBookings,
}: {
  creator: { id: string; username: string; displayName: string };
  settings: PublicCallSettings;
  viewer: CallsViewer;
  initialSlots: Slot[];
  initialBookings: Booking[];
}) {
  const viewerTimeZone = useViewerTimeZone();
  const { start, pending, problem } = useStartCall(creator.id);
  const [bookings, setBookings] = useState(initialBookings);
  const rates: Record<CallKind, number | null> = { video: settings.videoRate, voice: settings.voiceRate };
  const signInHref = `/signin?next=${encodeURIComponent(`/creators/${creator.username}`)}`;
  const name = creator.displayName;

  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle as="h2" className="flex items-center gap-2">
            <PhoneCall className="size-5 text-primary" aria-hidden /> Paid calls
          </CardTitle>
          {settings.availableNow ? (
            <Badge variant="success">
              <span className="size-1.5 rounded-full bg-success" aria-hidden /> Available now
            </Badge>
          ) : (
            <Badge variant="outline">Not taking calls right now</Badge>
          )}
        </div>
        <CardDescription>A private 1-on-1 call with {name}, paid per minute in tokens.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <section aria-labelledby="call-now-title" className="space-y-3">
          <h3 id="call-now-title" className="text-sm font-semibold">
            Call now
          </h3>
          <ul className="grid gap-3 sm:grid-cols-2">
            {(['video', 'voice'] as const).map((kind) => (
              <KindTile
                key={kind}
                kind={kind}
                rate={rates[kind]}
                availableNow={settings.availableNow}
                viewer={viewer}
                creatorName={name}
                signInHref={signInHref}
                pending={pending === kind}
                busy={pending !== null}
                onStart={() => void start(kind)}
              />
            ))}
          </ul>
          {viewer.kind === 'anonymous' ? null : viewer.kind === 'self' ? (
            <p className="text-sm text-muted-foreground">
              This is your page.{' '}
              <Link className="text-primary underline-offset-4 hover:underline" href="/creator/calls">
                Change your rates and hours
              </Link>
              .
            </p>
          ) : (
            <p className="text-sm text-muted-foreground">
              Your balance:{' '}
              <span className="font-medium text-foreground">{formatTokens(viewer.balance)} tokens</span> ·{' '}
              <Link className="text-primary underline-offset-4 hover:underline" href="/wallet">
                Wallet
              </Link>
            </p>
          )}
          {!settings.availableNow && viewer.kind !== 'self' ? (
            <p className="text-sm text-muted-foreground" id="calls-unavailable-note">
              {name} isn’t taking instant calls right now. Book a time below instead.
            </p>
          ) : null}
          {problem ? <StartProblemAlert problem={problem} /> : null}
        </section>

        {viewer.kind === 'fan' ? (
          <MyBookings
            bookings={bookings}
            creatorName={name}
            viewerTimeZone={viewerTimeZone}
            pendingKey={pending}
            onStart={(b) => void start(b.kind, b.id)}
            onCancelled={(b) => setBookings((list) => list.filter((x) => x.id !== b.id))}
          />
        ) : null}

        <section aria-labelledby="book-title" className="space-y-3">
          <h3 id="book-title" className="text-sm font-semibold">
            Book a time
          </h3>
          <BookATime
            creatorId={creator.id}
            creatorName={name}
            creatorTimeZone={settings.timezone}
            rates={rates}
            viewer={viewer}
            viewerTimeZone={viewerTimeZone}
            signInHref={signInHref}
            initialSlots={initialSlots}
            bookedByViewer={bookings.map((b) => b.startsAt)}
            onBooked={(b) =>
              setBookings((list) => [...list, b].sort((x, y) => x.startsAt.localeCompare(y.startsAt)))
            }
          />
        </section>
      </CardContent>
      <CardFooter>
        <p className="text-xs text-muted-foreground">{BILLING_RULE}</p>
      </CardFooter>
    </Card>
  );
}

function KindTile({
  kind,
  rate,
  availableNow,
  viewer,
  creatorName,
  signInHref,
  pending,
  busy,
  onStart,
}: {
  kind: CallKind;
  rate: number | null;
  availableNow: boolean;
  viewer: CallsViewer;
  creatorName: string;
  signInHref: string;
  pending: boolean;
  busy: boolean;
  onStart: () => void;
}) {
  const { label, icon: Icon } = KIND_META[kind];
  const noteId = `call-${kind}-note`;
  let note: React.ReactNode = null;
  let action: React.ReactNode = null;

  if (rate === null) {
    note = `${creatorName} doesn’t offer ${kind} calls.`;
  } else if (viewer.kind === 'fan' && viewer.balance < rate) {
    note = (
      <>
        You need at least {formatTokens(rate)} tokens for a minute.{' '}
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/wallet">
          Buy tokens
        </Link>
      </>
    );
  } else if (viewer.kind === 'anonymous' && availableNow) {
    action = (
      <Button asChild variant="outline" className="w-full">
        <Link href={signInHref}>Sign in to call</Link>
      </Button>
    );
  } else if (viewer.kind === 'fan') {
    action = (
      <Button
        className="w-full"
        onClick={onStart}
        loading={pending}
        disabled={!availableNow || busy}
        aria-describedby={availableNow ? undefined : 'calls-unavailable-note'}
      >
        {pending ? 'Calling…' : `Start ${kind} call`}
      </Button>
    );
  } else {
    action = (
      <Button
        className="w-full"
        disabled
        aria-describedby={availableNow || viewer.kind === 'self' ? undefined : 'calls-unavailable-note'}
      >
        Start {kind} call
      </Button>
    );
  }

  return (
    <li className="flex flex-col gap-3 rounded-lg border p-4">
      <div className="flex items-center gap-3">
        <span className="flex size-9 items-center justify-center rounded-full bg-primary/10 text-primary">
          <Icon className="size-4" aria-hidden />
        </span>
        <div>
          <p className="text-sm font-medium">{label}</p>
          <p className="text-sm text-muted-foreground">
            {rate === null ? 'Not offered' : `${formatTokens(rate)} tokens / minute`}
          </p>
        </div>
      </div>
      {action}
      {note ? (
        <p id={noteId} className="text-sm text-muted-foreground">
          {note}
        </p>
      ) : null}
    </li>
  );
}

function StartProblemAlert({
  problem,
}: {
  problem: NonNullable<ReturnType<typeof useStartCall>['problem']>;
}) {
  return (
    <Alert variant="destructive">
      <AlertTitle>
        {problem.code === 'INSUFFICIENT_TOKENS'
          ? 'Not enough tokens'
          : problem.code === 'CONFLICT'
            ? 'The call could not start'
            : 'Call not started'}
      </AlertTitle>
      <AlertDescription>
        <p>{problem.message}</p>
        {problem.code === 'INSUFFICIENT_TOKENS' ? (
          <Link className="font-medium underline underline-offset-4" href="/wallet">
            Buy tokens
          </Link>
        ) : problem.code === 'CONFLICT' && problem.openCallId ? (
          <Link className="font-medium underline underline-offset-4" href={`/calls/${problem.openCallId}`}>
            Go to your open call
          </Link>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}
