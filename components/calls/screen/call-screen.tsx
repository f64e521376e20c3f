'use client';

import { AlertTriangle, ArrowLeft, RotateCw } from 'lucide-react';
import Link from 'next/link';
import { useCallback, useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import type { CallState, CallStatus, CallSummary } from '@/lib/calls/types';
import { CALL_STATUS_LABELS } from '@/lib/calls/types';
import { apiFetch } from '@/lib/http/client';
import { CallStatement, type StatementData } from './call-statement';
import { ClosedPanel } from './closed-panel';
import { KIND_LABEL } from './format';
import { LiveCall } from './live-call';
import { RingingPanel } from './ringing-panel';
import { isLive, useCallSession } from './use-call-session';

/** Badge colour per status (labels: CALL_STATUS_LABELS). */
const STATUS_BADGE_VARIANT: Record<
  CallStatus,
  'default' | 'secondary' | 'success' | 'warning' | 'destructive' | 'outline'
> = {
  requested: 'warning',
  accepted: 'secondary',
  connected: 'success',
  declined: 'outline',
  expired: 'outline',
  cancelled: 'outline',
  ended: 'secondary',
};

type Pending = 'accept' | 'decline' | 'cancel' | 'end' | null;

/** The call screen for both participants: ringing, joining, live, closed, and the statement once ended. */
export function CallScreen({
  initial,
  initialStatement,
  viewerId,
}: {
  initial: CallState;
  initialStatement: StatementData | null;
  viewerId: string;
}) {
  const session = useCallSession(initial, initialStatement);
  const { state, offsetMs, applyCall, applyState, refresh } = session;
  const { call } = state;
  const isFan = viewerId === call.fan.id;
  const other = isFan ? call.creator : call.fan;
  const [pending, setPending] = useState<Pending>(null);

  const act = useCallback(
    async (what: Exclude<Pending, null>, url: string, body?: unknown): Promise<CallSummary | null> => {
      setPending(what);
      const r = await apiFetch<{ call: CallSummary }>(url, { method: 'POST', body });
      setPending(null);
      if (r.ok) {
        applyCall(r.data.call);
        return r.data.call;
      }
      toast.error(r.error.message);
      if (r.status === 409 || r.status === 404) void refresh();
      return null;
    },
    [applyCall, refresh],
  );

  const answer = (accept: boolean) =>
    void act(accept ? 'accept' : 'decline', `/api/calls/${call.id}/answer`, { accept });
  const cancel = () => void act('cancel', `/api/calls/${call.id}/end`);
  const end = async () => (await act('end', `/api/calls/${call.id}/end`)) !== null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <Link
            href="/calls"
            className="inline-flex items-center gap-1 text-sm text-muted-foreground underline-offset-4 hover:underline"
          >
            <ArrowLeft aria-hidden className="size-4" />
            All calls
          </Link>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="min-w-0 text-2xl font-bold tracking-tight break-words">
              {KIND_LABEL[call.kind]} with {other.displayName}
            </h1>
            <Badge variant={STATUS_BADGE_VARIANT[call.status]} data-testid="call-status">
              {CALL_STATUS_LABELS[call.status]}
            </Badge>
          </div>
        </div>
      </div>

      {session.syncError && (isLive(call.status) || call.status === 'requested') ? (
        <p role="status" className="flex items-center gap-2 text-sm text-warning-foreground">
          <AlertTriangle aria-hidden className="size-4" />
          Can’t reach the server ({session.syncError}) — retrying every few seconds.
        </p>
      ) : null}

      {call.status === 'requested' ? (
        <RingingPanel
          call={call}
          isFan={isFan}
          offsetMs={offsetMs}
          pending={pending === 'end' ? null : pending}
          onAnswer={answer}
          onCancel={cancel}
        />
      ) : null}

      {isLive(call.status) ? (
        <LiveCall
          state={state}
          offsetMs={offsetMs}
          viewerId={viewerId}
          ending={pending === 'end'}
          onState={applyState}
          onCall={applyCall}
          onFundsOut={session.markFundsOut}
          onRefresh={() => void refresh()}
          onEnd={end}
        />
      ) : null}

      {call.status === 'declined' || call.status === 'expired' || call.status === 'cancelled' ? (
        <ClosedPanel call={call} isFan={isFan} />
      ) : null}

      {call.status === 'ended' ? (
        session.statement ? (
          <div className="space-y-4">
            <p role="status" className="text-muted-foreground">
              The call has ended. Here is what it cost, minute by minute.
            </p>
            <CallStatement statement={session.statement} />
          </div>
        ) : session.statementError ? (
          <Alert variant="destructive">
            <AlertTriangle aria-hidden />
            <AlertTitle>The call has ended, but its statement could not be loaded</AlertTitle>
            <AlertDescription>
              <p>{session.statementError}</p>
              <Button size="sm" variant="outline" onClick={session.retryStatement}>
                <RotateCw aria-hidden />
                Try again
              </Button>
            </AlertDescription>
          </Alert>
        ) : (
          <div className="space-y-3">
            <Spinner label="The call has ended — loading the statement…" showLabel />
            <Skeleton className="h-80 w-full rounded-xl" />
          </div>
        )
      ) : null}
    </div>
  );
}
