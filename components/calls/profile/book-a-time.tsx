'use client';

import { CalendarX2, RefreshCw } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import type { Booking, Slot } from '@/lib/calls/settings';
import type { CallKind } from '@/lib/calls/types';
import { apiFetch } from '@/lib/http/client';
import { formatTokens } from '@/lib/payments/format-money';
import { cn } from '@/lib/utils/cn';
import type { CallsViewer } from './paid-calls-card';
import { dayKey, formatDay, formatSlotRange, formatTime, zoneAbbreviation, zoneLabel } from './zones';

interface Day {
  key: string;
  label: string;
  slots: Slot[];
  open: number;
}

function groupByDay(slots: Slot[], timeZone: string): Day[] {
  const now = new Date();
  const today = dayKey(now.toISOString(), timeZone);
  const tomorrow = dayKey(new Date(now.getTime() + 86_400_000).toISOString(), timeZone);
  const days = new Map<string, Day>();
  for (const s of slots) {
    const key = dayKey(s.startsAt, timeZone);
    const label = key === today ? 'Today' : key === tomorrow ? 'Tomorrow' : formatDay(s.startsAt, timeZone);
    const day = days.get(key) ?? { key, label, slots: [], open: 0 };
    day.slots.push(s);
    if (!s.booked) day.open += 1;
    days.set(key, day);
  }
  return [...days.values()];
}

const PARTS = [
  { name: 'Night', until: 6 },
  { name: 'Morning', until: 12 },
  { name: 'Afternoon', until: 17 },
  { name: 'Evening', until: 24 },
] as const;

/** A long day of slots, split into night / morning / afternoon / evening by the viewer's local hour. */
function partsOfDay(slots: Slot[], timeZone: string): { name: string; slots: Slot[] }[] {
  const hourOf = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
  const parts = PARTS.map((p) => ({ name: p.name, until: p.until, slots: [] as Slot[] }));
  for (const s of slots) {
    const hour = Number(hourOf.format(new Date(s.startsAt)));
    const part = parts.find((p) => hour < p.until) ?? parts[parts.length - 1];
    part?.slots.push(s);
  }
  return parts.filter((p) => p.slots.length > 0);
}

export function BookATime({
  creatorId,
  creatorName,
  creatorTimeZone,
  rates,
  viewer,
  viewerTimeZone,
  signInHref,
  initialSlots,
  bookedByViewer,
  onBooked,
}: {
  creatorId: string;
  creatorName: string;
  creatorTimeZone: string;
  rates: Record<CallKind, number | null>;
  viewer: CallsViewer;
  viewerTimeZone: string | null;
  signInHref: string;
  initialSlots: Slot[];
  /** Start instants the viewer booked themselves, marked "yours" instead of "taken". */
  bookedByViewer: string[];
  onBooked: (booking: Booking) => void;
}) {
  const kinds = (['video', 'voice'] as const).filter((k) => rates[k] !== null);
  const [slots, setSlots] = useState(initialSlots);
  const [dayChoice, setDayChoice] = useState<string | null>(null);
  const [slotChoice, setSlotChoice] = useState<string | null>(null);
  const [kind, setKind] = useState<CallKind>(kinds[0] ?? 'video');
  const [booking, setBooking] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [problem, setProblem] = useState<{ title: string; message: string; buyTokens?: boolean } | null>(
    null,
  );

  async function refresh(): Promise<Slot[] | null> {
    setRefreshing(true);
    const r = await apiFetch<{ items: Slot[] }>(`/api/creators/${creatorId}/slots?days=14`);
    setRefreshing(false);
    if (!r.ok) {
      toast.error('Could not load the latest times', { description: r.error.message });
      return null;
    }
    setSlots(r.data.items);
    return r.data.items;
  }

  if (!viewerTimeZone) {
    return (
      <div className="space-y-3" aria-busy="true">
        <span className="sr-only">Loading open times…</span>
        <div className="flex gap-2">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-14 w-20" />
          ))}
        </div>
        <Skeleton className="h-20 w-full" />
      </div>
    );
  }

  const days = groupByDay(slots, viewerTimeZone);
  const day = days.find((d) => d.key === dayChoice) ?? days.find((d) => d.open > 0) ?? days[0];
  const mine = new Set(bookedByViewer);
  const chosen = slots.find((s) => s.startsAt === slotChoice && !s.booked) ?? null;
  const rate = rates[kind];
  const short = viewer.kind === 'fan' && rate !== null && viewer.balance < rate;
  const sameZone = viewerTimeZone === creatorTimeZone;

  async function book() {
    if (!chosen || booking) return;
    setBooking(true);
    setProblem(null);
    const r = await apiFetch<{ booking: Booking }>('/api/bookings', {
      method: 'POST',
      body: { creatorId, startsAt: chosen.startsAt, kind },
    });
    setBooking(false);
    if (r.ok) {
      const when = formatSlotRange(r.data.booking.startsAt, r.data.booking.endsAt, viewerTimeZone ?? 'UTC');
      setSlots((list) => list.map((s) => (s.startsAt === chosen.startsAt ? { ...s, booked: true } : s)));
      setSlotChoice(null);
      onBooked(r.data.booking);
      toast.success(`Booked: ${when}`, {
        description: `${kind === 'video' ? 'Video' : 'Voice'} call with ${creatorName}. You can start it 5 minutes before.`,
      });
      return;
    }
    if (r.error.code === 'INSUFFICIENT_TOKENS') {
      setProblem({ title: 'Not enough tokens', message: r.error.message, buyTokens: true });
      return;
    }
    if (r.status === 409) {
      setSlots((list) => list.map((s) => (s.startsAt === chosen.startsAt ? { ...s, booked: true } : s)));
      setSlotChoice(null);
      toast.error('That time was just taken', { description: 'Pick another one.' });
      void refresh();
      return;
    }
    setProblem({ title: 'Not booked', message: r.error.message });
    if (r.status === 422) {
      setSlotChoice(null);
      void refresh();
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="text-sm text-muted-foreground">
          Times in your time zone ({zoneLabel(viewerTimeZone)}, {zoneAbbreviation(viewerTimeZone)})
          {sameZone
            ? `, the same as ${creatorName}’s.`
            : `. ${creatorName} is in ${zoneLabel(creatorTimeZone)} (${zoneAbbreviation(creatorTimeZone)}).`}
        </p>
        <Button variant="ghost" size="sm" onClick={() => void refresh()} loading={refreshing}>
          {refreshing ? null : <RefreshCw aria-hidden />} Refresh
        </Button>
      </div>

      {!day ? (
        <EmptyState
          icon={CalendarX2}
          className="py-8"
          headingLevel={4}
          title="No open times in the next 14 days"
          description={`${creatorName} hasn’t opened any bookable hours yet. Check back later.`}
        />
      ) : (
        <>
          <fieldset className="min-w-0">
            <legend className="sr-only">Day</legend>
            <div className="-mx-1 flex snap-x gap-2 overflow-x-auto px-1 pb-2">
              {days.map((d) => (
                <button
                  key={d.key}
                  type="button"
                  aria-pressed={d.key === day.key}
                  onClick={() => {
                    setDayChoice(d.key);
                    setSlotChoice(null);
                  }}
                  className={cn(
                    'flex min-w-20 shrink-0 snap-start flex-col items-center rounded-lg border px-3 py-2 text-sm transition-colors outline-none',
                    'focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2',
                    d.key === day.key
                      ? 'border-primary bg-primary text-primary-foreground'
                      : 'bg-background hover:bg-accent',
                  )}
                >
                  <span className="font-medium whitespace-nowrap">{d.label}</span>
                  <span
                    className={cn(
                      'text-xs',
                      d.key === day.key ? 'text-primary-foreground/80' : 'text-muted-foreground',
                    )}
                  >
                    {d.open === 0 ? 'Full' : `${d.open} open`}
                  </span>
                </button>
              ))}
            </div>
          </fieldset>

          <fieldset className="min-w-0">
            <legend className="mb-2 text-sm font-medium">
              {day.label === 'Today' || day.label === 'Tomorrow'
                ? `Times ${day.label.toLowerCase()}`
                : `Times on ${day.label}`}
            </legend>
            <div className="space-y-3">
              {partsOfDay(day.slots, viewerTimeZone).map((part) => (
                <div key={part.name} className="space-y-1.5">
                  <p className="text-xs font-medium text-muted-foreground uppercase">{part.name}</p>
                  <div className="grid grid-cols-3 gap-2 sm:grid-cols-5">
                    {part.slots.map((s) => {
                      const selected = s.startsAt === chosen?.startsAt;
                      const yours = s.booked && mine.has(s.startsAt);
                      return (
                        <button
                          key={s.startsAt}
                          type="button"
                          disabled={s.booked}
                          aria-pressed={selected}
                          onClick={() => setSlotChoice(s.startsAt)}
                          className={cn(
                            'h-10 rounded-md border text-sm tabular-nums transition-colors outline-none',
                            'focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2',
                            yours
                              ? 'cursor-not-allowed border-primary/40 bg-primary/5 text-primary'
                              : s.booked
                                ? 'cursor-not-allowed border-dashed text-muted-foreground line-through opacity-60'
                                : selected
                                  ? 'border-primary bg-primary text-primary-foreground'
                                  : 'bg-background hover:border-primary hover:bg-accent',
                          )}
                        >
                          {formatTime(s.startsAt, viewerTimeZone)}
                          {yours ? (
                            <span className="text-xs"> · yours</span>
                          ) : s.booked ? (
                            <span className="sr-only"> (taken)</span>
                          ) : null}
                        </button>
                      );
                    })}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>

          {kinds.length > 1 ? (
            <fieldset className="min-w-0">
              <legend className="mb-2 text-sm font-medium">Call type</legend>
              <div className="flex flex-wrap gap-2">
                {kinds.map((k) => (
                  <label
                    key={k}
                    className={cn(
                      'flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm',
                      'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring',
                      kind === k ? 'border-primary bg-primary/5' : 'bg-background',
                    )}
                  >
                    <input
                      type="radio"
                      name={`book-kind-${creatorId}`}
                      value={k}
                      checked={kind === k}
                      onChange={() => setKind(k)}
                      className="accent-primary"
                    />
                    {k === 'video' ? 'Video' : 'Voice'} · {formatTokens(rates[k] ?? 0)} tokens/min
                  </label>
                ))}
              </div>
            </fieldset>
          ) : (
            <p className="text-sm text-muted-foreground">
              {kind === 'video' ? 'Video' : 'Voice'} call · {formatTokens(rate ?? 0)} tokens/min
            </p>
          )}

          {problem ? (
            <Alert variant="destructive">
              <AlertTitle>{problem.title}</AlertTitle>
              <AlertDescription>
                <p>{problem.message}</p>
                {problem.buyTokens ? (
                  <Link className="font-medium underline underline-offset-4" href="/wallet">
                    Buy tokens
                  </Link>
                ) : null}
              </AlertDescription>
            </Alert>
          ) : null}

          <div className="flex flex-wrap items-center gap-3">
            {viewer.kind === 'anonymous' ? (
              <Button asChild>
                <Link href={signInHref}>Sign in to book</Link>
              </Button>
            ) : viewer.kind === 'self' ? (
              <p className="text-sm text-muted-foreground">This is how fans see your open times.</p>
            ) : short && rate !== null ? (
              <p className="text-sm">
                You need at least {formatTokens(rate)} tokens for a minute.{' '}
                <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/wallet">
                  Buy tokens
                </Link>
              </p>
            ) : (
              <>
                <Button onClick={book} loading={booking} disabled={!chosen}>
                  {booking
                    ? 'Booking…'
                    : chosen
                      ? `Book ${formatDay(chosen.startsAt, viewerTimeZone)}, ${formatTime(chosen.startsAt, viewerTimeZone)}`
                      : 'Book'}
                </Button>
                <p className="text-sm text-muted-foreground">
                  {chosen ? 'Nothing is charged until the call connects.' : 'Choose a time first.'}
                </p>
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}
