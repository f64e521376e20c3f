'use client';

import { AlertTriangle, RotateCw } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { VideoStage } from '@/components/calls/video-stage';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import type { CallState, CallSummary, MediaToken } from '@/lib/calls/types';
import { apiFetch } from '@/lib/http/client';
import { CallMeter, FundsWarning } from './call-meter';
import { EndCallButton } from './end-call-button';
import { PresenceList } from './presence-list';

type TokenResponse = { token: MediaToken; state: CallState };

/**
 * An accepted or connected call: fetches the media token, mounts the stage once (it must not remount when
 * the call goes from accepted to connected), reports the join, renews the token minute by minute and shows
 * the live numbers next to the stage.
 */
export function LiveCall({
  state,
  offsetMs,
  viewerId,
  ending,
  onState,
  onCall,
  onFundsOut,
  onRefresh,
  onEnd,
}: {
  state: CallState;
  offsetMs: number;
  viewerId: string;
  ending: boolean;
  onState: (s: CallState) => void;
  onCall: (c: CallSummary) => void;
  onFundsOut: () => void;
  onRefresh: () => void;
  onEnd: () => Promise<boolean>;
}) {
  const { call } = state;
  const id = call.id;
  const isFan = viewerId === call.fan.id;
  const other = isFan ? call.creator : call.fan;
  const [media, setMedia] = useState<MediaToken | null>(null);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);

  // The callbacks change on every render; the token fetch must not re-run for that (it would rejoin).
  const latest = useRef({ onState, onRefresh });
  useEffect(() => {
    latest.current = { onState, onRefresh };
  });

  useEffect(() => {
    if (media || mediaError) return;
    let cancelled = false;
    apiFetch<TokenResponse>(`/api/calls/${id}/token`, { method: 'POST' }).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        setMedia(r.data.token);
        latest.current.onState(r.data.state);
      } else {
        setMediaError(r.error.message);
        // 409: the call is over or no longer funded; the fresh state replaces this screen if it is over.
        if (r.status === 409) latest.current.onRefresh();
      }
    });
    return () => {
      cancelled = true;
    };
  }, [id, media, mediaError]);

  const join = useCallback(async () => {
    setJoining(true);
    const r = await apiFetch<{ call: CallSummary }>(`/api/calls/${id}/join`, { method: 'POST' });
    setJoining(false);
    if (r.ok) {
      setJoinError(null);
      onCall(r.data.call);
    } else if (r.status === 409) {
      onRefresh();
    } else {
      setJoinError(r.error.message);
    }
  }, [id, onCall, onRefresh]);

  const renewToken = useCallback(async () => {
    const r = await apiFetch<TokenResponse>(`/api/calls/${id}/renew`, { method: 'POST' });
    if (r.ok) {
      onState(r.data.state);
      return { token: r.data.token.token, expiresAt: r.data.token.expiresAt };
    }
    if (r.status === 402) {
      onFundsOut();
      return null;
    }
    if (r.status === 409 || r.status === 401 || r.status === 403 || r.status === 404) {
      onRefresh();
      return null;
    }
    // Network trouble or a server error: throwing lets the stage retry while the current token lasts.
    throw new Error(r.error.message);
  }, [id, onState, onFundsOut, onRefresh]);

  const connected = call.status === 'connected';

  return (
    <div className="space-y-4">
      {connected ? (
        <FundsWarning
          fundedUntil={state.fundedUntil}
          walletMinutes={state.walletMinutes}
          offsetMs={offsetMs}
          isFan={isFan}
        />
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-3">
          {media ? (
            <VideoStage
              key={media.channel}
              mode={media.mode}
              appId={media.appId}
              channel={media.channel}
              uid={media.uid}
              token={media.token}
              expiresAt={media.expiresAt}
              kind={call.kind}
              onJoined={() => void join()}
              onLeft={onRefresh}
              renewToken={renewToken}
              localName="You"
              remoteName={other.displayName}
            />
          ) : mediaError ? (
            <Alert variant="destructive">
              <AlertTriangle aria-hidden />
              <AlertTitle>Could not get into the call</AlertTitle>
              <AlertDescription>
                <p>{mediaError}</p>
                <Button size="sm" variant="outline" onClick={() => setMediaError(null)}>
                  <RotateCw aria-hidden />
                  Try again
                </Button>
              </AlertDescription>
            </Alert>
          ) : (
            <div className="relative">
              <Skeleton className="aspect-video w-full rounded-xl" />
              <div className="absolute inset-0 flex items-center justify-center">
                <Spinner label="Connecting to the call…" showLabel />
              </div>
            </div>
          )}
          {joinError ? (
            <Alert variant="destructive">
              <AlertTriangle aria-hidden />
              <AlertTitle>Your join was not recorded</AlertTitle>
              <AlertDescription>
                <p>{joinError} Billing starts only once both of you are recorded as joined.</p>
                <Button size="sm" variant="outline" loading={joining} onClick={() => void join()}>
                  <RotateCw aria-hidden />
                  Try again
                </Button>
              </AlertDescription>
            </Alert>
          ) : null}
        </div>
        <Card className="h-fit gap-5 py-5">
          <CardContent className="space-y-5">
            {connected ? (
              <CallMeter
                call={call}
                fundedUntil={state.fundedUntil}
                walletMinutes={state.walletMinutes}
                offsetMs={offsetMs}
                isFan={isFan}
              />
            ) : (
              <div className="space-y-1" role="status">
                <p className="font-medium">Waiting for {other.displayName} to join…</p>
                <p className="text-sm text-muted-foreground">
                  The clock and billing start only when both of you have joined.
                </p>
              </div>
            )}
            <PresenceList call={call} viewerId={viewerId} />
            <EndCallButton connected={connected} isFan={isFan} pending={ending} onConfirm={onEnd} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
