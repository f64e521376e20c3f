'use client';

import { PhoneIncoming, PhoneOff, Video } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { formatClock, KIND_LABEL } from '@/components/calls/screen/format';
import { useNow } from '@/components/calls/screen/use-now';
import { useChannel } from '@/components/realtime/realtime-provider';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { CallSummary } from '@/lib/calls/types';
import type { Page } from '@/lib/db/page';
import { apiFetch } from '@/lib/http/client';
import { formatTokens } from '@/lib/payments/format-money';

const CALL_EVENT = 'call.updated';
/** Realtime is the fast path; this catches anything a dropped connection missed. */
const POLL_MS = 15_000;

function isCallSummary(v: unknown): v is CallSummary {
  const c = v as Partial<CallSummary> | null;
  return (
    typeof c?.id === 'string' &&
    typeof c.status === 'string' &&
    typeof c.expiresAt === 'string' &&
    typeof c.creator?.id === 'string' &&
    typeof c.fan?.displayName === 'string'
  );
}

function upsert(list: CallSummary[], call: CallSummary): CallSummary[] {
  const rest = list.filter((c) => c.id !== call.id);
  return call.status === 'requested'
    ? [...rest, call].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
    : rest;
}

export function IncomingRequests({
  creatorId,
  initial,
  serverNow,
}: {
  creatorId: string;
  initial: CallSummary[];
  /** The server's clock when the page rendered, so countdowns match the expiry the database enforces. */
  serverNow: string;
}) {
  const router = useRouter();
  const [offset] = useState(() => Date.parse(serverNow) - Date.now());
  const now = useNow(offset, 1000);
  const [requests, setRequests] = useState<CallSummary[]>(initial);
  const [busy, setBusy] = useState<{ id: string; action: 'accept' | 'decline' } | null>(null);

  useChannel(`user:${creatorId}`, (msg) => {
    if (msg.name !== CALL_EVENT) return;
    const call = (msg.data as { call?: unknown } | null)?.call;
    if (!isCallSummary(call) || call.creator.id !== creatorId) return;
    setRequests((list) => upsert(list, call));
  });

  const refresh = useCallback(async () => {
    const r = await apiFetch<Page<CallSummary>>('/api/calls?page=1&pageSize=20');
    if (!r.ok) return;
    setRequests(
      r.data.items
        .filter((c) => c.status === 'requested' && c.creator.id === creatorId)
        .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)),
    );
  }, [creatorId]);

  useEffect(() => {
    const sync = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    // Once soon after mounting (an event published before the stream opened is missed), then now and then.
    const first = setTimeout(sync, 1_500);
    const every = setInterval(sync, POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, [refresh]);

  async function answer(call: CallSummary, accept: boolean) {
    setBusy({ id: call.id, action: accept ? 'accept' : 'decline' });
    const r = await apiFetch<{ call: CallSummary }>(`/api/calls/${call.id}/answer`, {
      method: 'POST',
      body: { accept },
    });
    if (!r.ok) {
      setBusy(null);
      toast.error(accept ? 'Could not accept the call' : 'Could not decline the call', {
        description: r.error.message,
      });
      if (r.status === 409 || r.status === 404) setRequests((list) => list.filter((c) => c.id !== call.id));
      return;
    }
    if (accept) {
      toast.success(`Connecting you with ${call.fan.displayName}…`);
      router.push(`/calls/${call.id}`);
      return;
    }
    setBusy(null);
    setRequests((list) => upsert(list, r.data.call));
    toast.success(`Declined ${call.fan.displayName}’s request`);
  }

  const ringing = now === null ? requests : requests.filter((c) => Date.parse(c.expiresAt) > now);

  return (
    <Card aria-labelledby="incoming-title">
      <CardHeader>
        <CardTitle as="h2" id="incoming-title" className="flex items-center gap-2">
          <PhoneIncoming className="size-5 text-primary" aria-hidden /> Incoming requests
          {ringing.length > 0 ? (
            <span className="rounded-full bg-primary px-2 py-0.5 text-xs text-primary-foreground">
              {ringing.length}
            </span>
          ) : null}
        </CardTitle>
        <CardDescription>Requests ring here live while this page is open.</CardDescription>
      </CardHeader>
      <CardContent>
        {ringing.length === 0 ? (
          <EmptyState
            icon={PhoneOff}
            className="py-6"
            title="No one is calling right now"
            description="When a fan asks for a call, it rings here with their name and the call type. You can accept or decline."
          />
        ) : (
          <ul className="space-y-3">
            {ringing.map((call) => {
              const total = Date.parse(call.expiresAt) - Date.parse(call.requestedAt);
              const left = now === null ? total : Date.parse(call.expiresAt) - now;
              const fraction = total > 0 ? Math.max(0, Math.min(1, left / total)) : 0;
              return (
                <li
                  key={call.id}
                  className="flex flex-col gap-3 rounded-lg border border-primary/30 bg-primary/5 p-4 sm:flex-row sm:items-center"
                >
                  <div className="flex min-w-0 flex-1 items-center gap-3">
                    <Avatar name={call.fan.displayName} />
                    <div className="min-w-0 flex-1 space-y-1">
                      <p className="truncate font-medium">{call.fan.displayName}</p>
                      <p className="flex items-center gap-1.5 text-sm text-muted-foreground">
                        {call.kind === 'video' ? (
                          <Video className="size-4" aria-hidden />
                        ) : (
                          <PhoneIncoming className="size-4" aria-hidden />
                        )}
                        {KIND_LABEL[call.kind]} · {formatTokens(call.rate)} tokens/min
                        {call.bookingId ? ' · booked time' : ''}
                      </p>
                      <div className="flex items-center gap-2">
                        <div className="h-1.5 w-24 overflow-hidden rounded-full bg-primary/15" aria-hidden>
                          <div className="h-full bg-primary" style={{ width: `${fraction * 100}%` }} />
                        </div>
                        <span className="text-xs text-muted-foreground tabular-nums">
                          Expires in {formatClock(left)}
                        </span>
                      </div>
                    </div>
                  </div>
                  <div className="flex gap-2">
                    <Button
                      onClick={() => answer(call, true)}
                      loading={busy?.id === call.id && busy.action === 'accept'}
                      disabled={busy !== null}
                      className="flex-1 sm:flex-none"
                      aria-label={`Accept ${call.kind} call from ${call.fan.displayName}`}
                    >
                      Accept
                    </Button>
                    <Button
                      variant="outline"
                      onClick={() => answer(call, false)}
                      loading={busy?.id === call.id && busy.action === 'decline'}
                      disabled={busy !== null}
                      className="flex-1 sm:flex-none"
                      aria-label={`Decline ${call.kind} call from ${call.fan.displayName}`}
                    >
                      Decline
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
