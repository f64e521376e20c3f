'use client';

import { UserX, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { usePresence } from '@/components/realtime/realtime-provider';
import type { CallSummary } from '@/lib/calls/types';

/** The other side may reconnect (a reload, a network blip): only say they left after this long. */
const AWAY_GRACE_MS = 10_000;

function nameOf(clientId: string, data: unknown, call: CallSummary, viewerId: string): string {
  if (clientId === viewerId) return 'You';
  if (clientId === call.fan.id) return call.fan.displayName;
  if (clientId === call.creator.id) return call.creator.displayName;
  const name = (data as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' && name ? name : 'Someone';
}

/**
 * Who has this call's screen open right now (presence on `call:<id>`), the viewer included. On a connected
 * call, says so when the other participant has been gone for a while: the call (and billing) goes on
 * until someone ends it.
 */
export function PresenceList({ call, viewerId }: { call: CallSummary; viewerId: string }) {
  const { members } = usePresence(`call:${call.id}`);
  const other = viewerId === call.fan.id ? call.creator : call.fan;
  const names = members
    .map((m) => ({ id: m.clientId, name: nameOf(m.clientId, m.data, call, viewerId) }))
    .sort((a, b) => Number(a.id === viewerId) - Number(b.id === viewerId));
  const loaded = members.length > 0;
  const otherHere = members.some((m) => m.clientId === other.id);
  const [away, setAway] = useState(false);

  useEffect(() => {
    if (!loaded || otherHere || call.status !== 'connected') {
      setAway(false);
      return;
    }
    const t = setTimeout(() => setAway(true), AWAY_GRACE_MS);
    return () => clearTimeout(t);
  }, [loaded, otherHere, call.status]);

  return (
    <div className="space-y-2">
      <h2 className="flex items-center gap-2 text-sm font-semibold">
        <Users aria-hidden className="size-4 text-muted-foreground" />
        On this call
      </h2>
      {!loaded ? (
        <p className="text-sm text-muted-foreground">Checking who is here…</p>
      ) : (
        <ul aria-live="polite" className="space-y-1 text-sm" data-testid="call-presence">
          {names.map((m) => (
            <li key={m.id} className="flex items-center gap-2">
              <span aria-hidden className="size-2 rounded-full bg-success" />
              {m.name === 'You' ? 'You are here' : `${m.name} is here`}
            </li>
          ))}
        </ul>
      )}
      {away ? (
        <p role="status" className="flex items-start gap-2 text-sm text-warning-foreground">
          <UserX aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            {other.displayName} has left the call screen. The call keeps running until one of you ends it.
          </span>
        </p>
      ) : null}
    </div>
  );
}
