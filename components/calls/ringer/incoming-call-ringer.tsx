'use client';

import { Phone, PhoneOff, Video } from 'lucide-react';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { formatClock } from '@/components/calls/screen/format';
import { useNow } from '@/components/calls/screen/use-now';
import { useChannel } from '@/components/realtime/realtime-provider';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import type { CallSummary } from '@/lib/calls/types';
import { apiFetch } from '@/lib/http/client';
import { formatTokens } from '@/lib/payments/format-money';

const SYNC_AFTER_MOUNT_MS = [1_000, 4_000];
const SYNC_EVERY_MS = 10_000;
const SYNC_PAGE_SIZE = 10;
const STUDIO_CALLS_PATH = '/creator/calls';

/**
 * Rings a creator anywhere in the app: listens on their own `user:<id>` channel and shows each ringing
 * request as a non-blocking card (no sound) with a countdown, Accept and Decline. A request disappears on
 * any other status, when its time is up, and on pages that show the same buttons.
 */
export function IncomingCallRinger({ userId, initial }: { userId: string; initial: CallSummary[] }) {
  const [ringing, setRinging] = useState<CallSummary[]>(() =>
    initial.filter((c) => c.status === 'requested'),
  );
  const pathname = usePathname();
  const now = useNow(0);

  useChannel(`user:${userId}`, (msg) => {
    if (msg.name !== 'call.updated') return;
    const call = (msg.data as { call?: CallSummary } | null)?.call;
    if (!call || call.creator.id !== userId) return;
    setRinging((list) => {
      const rest = list.filter((c) => c.id !== call.id);
      return call.status === 'requested' ? [...rest, call] : rest;
    });
  });

  // The live event can be missed (published before this page's stream opened, or while it reconnects), so
  // the open requests are also read shortly after mounting and then every so often.
  useEffect(() => {
    let cancelled = false;
    const sync = async () => {
      if (document.visibilityState === 'hidden') return;
      const r = await apiFetch<{ items: CallSummary[] }>(`/api/calls?page=1&pageSize=${SYNC_PAGE_SIZE}`);
      if (cancelled || !r.ok) return;
      const open = r.data.items.filter(
        (c) => c.status === 'requested' && c.creator.id === userId && Date.parse(c.expiresAt) > Date.now(),
      );
      const closed = new Set(r.data.items.filter((c) => c.status !== 'requested').map((c) => c.id));
      setRinging((list) => {
        const kept = list.filter((c) => !closed.has(c.id) && !open.some((o) => o.id === c.id));
        const next = [...kept, ...open];
        return next.length === list.length && next.every((c, i) => c.id === list[i]?.id) ? list : next;
      });
    };
    const timers = SYNC_AFTER_MOUNT_MS.map((ms) => setTimeout(() => void sync(), ms));
    const every = setInterval(() => void sync(), SYNC_EVERY_MS);
    return () => {
      cancelled = true;
      for (const t of timers) clearTimeout(t);
      clearInterval(every);
    };
  }, [userId]);

  // Forget requests whose time is up (the server marks them expired; the event may come a little later).
  useEffect(() => {
    if (now === null) return;
    setRinging((list) => {
      const kept = list.filter((c) => Date.parse(c.expiresAt) > now - 2_000);
      return kept.length === list.length ? list : kept;
    });
  }, [now]);

  // Pages that list incoming requests themselves (the call's own screen, the studio's calls page) don't
  // need a second copy of the same buttons.
  const visible = pathname === STUDIO_CALLS_PATH ? [] : ringing.filter((c) => pathname !== `/calls/${c.id}`);
  const first = visible[0];

  return (
    <>
      <div aria-live="assertive" className="sr-only">
        {first ? `Incoming ${first.kind} call from ${first.fan.displayName}` : ''}
      </div>
      {visible.length > 0 ? (
        <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-3 p-4 sm:inset-x-auto sm:right-0 sm:items-end">
          {visible.map((call) => (
            <RingCard
              key={call.id}
              call={call}
              now={now}
              onGone={() => setRinging((list) => list.filter((c) => c.id !== call.id))}
            />
          ))}
        </div>
      ) : null}
    </>
  );
}

function RingCard({ call, now, onGone }: { call: CallSummary; now: number | null; onGone: () => void }) {
  const router = useRouter();
  const [pending, setPending] = useState<'accept' | 'decline' | null>(null);
  const left = now === null ? null : Date.parse(call.expiresAt) - now;
  const Icon = call.kind === 'video' ? Video : Phone;
  const titleId = `ring-${call.id}-title`;
  const descId = `ring-${call.id}-desc`;

  const answer = async (accept: boolean) => {
    setPending(accept ? 'accept' : 'decline');
    const r = await apiFetch<{ call: CallSummary }>(`/api/calls/${call.id}/answer`, {
      method: 'POST',
      body: { accept },
    });
    if (!r.ok) {
      setPending(null);
      toast.error(r.error.message);
      if (r.status === 409 || r.status === 404) onGone();
      return;
    }
    if (accept && r.data.call.status === 'accepted') {
      router.push(`/calls/${call.id}`);
      onGone();
    } else {
      if (!accept) toast(`You declined the call from ${call.fan.displayName}.`);
      onGone();
    }
  };

  return (
    <div
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-testid="incoming-call"
      className="pointer-events-auto w-full max-w-sm rounded-xl border bg-popover p-4 text-popover-foreground shadow-xl"
    >
      <div className="flex items-start gap-3">
        <span className="relative inline-flex">
          <span
            aria-hidden
            className="absolute inset-0 animate-ping rounded-full bg-primary/25 motion-reduce:hidden"
          />
          <Avatar name={call.fan.displayName} />
        </span>
        <div className="min-w-0 flex-1">
          <p id={titleId} className="font-semibold leading-tight">
            Incoming {call.kind} call from {call.fan.displayName}
          </p>
          <p id={descId} className="mt-1 flex items-center gap-1.5 text-sm text-muted-foreground">
            <Icon aria-hidden className="size-4 shrink-0" />
            <span>
              {formatTokens(call.rate)} tokens / min
              {left !== null ? (
                <>
                  {' · '}
                  <span className="tabular-nums">{formatClock(left)} left</span>
                </>
              ) : null}
            </span>
          </p>
        </div>
      </div>
      <div className="mt-4 flex gap-2">
        <Button
          variant="outline"
          className="flex-1"
          onClick={() => void answer(false)}
          loading={pending === 'decline'}
          disabled={pending !== null}
        >
          <PhoneOff aria-hidden />
          Decline
        </Button>
        <Button
          className="flex-1"
          onClick={() => void answer(true)}
          loading={pending === 'accept'}
          disabled={pending !== null}
        >
          <Icon aria-hidden />
          Accept
        </Button>
      </div>
    </div>
  );
}
