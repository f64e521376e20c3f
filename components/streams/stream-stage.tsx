'use client';

import type { IAgoraRTCClient, ICameraVideoTrack, IRemoteVideoTrack } from 'agora-rtc-sdk-ng';
import { useEffect, useState } from 'react';
import { Placeholder, StreamView, Tile, TrackView } from '@/components/calls/stage-tiles';
import { Badge } from '@/components/ui/badge';
import type { StreamMediaToken } from '@/lib/streams/types';

/**
 * The broadcast area of a stream. Agora mode joins the channel in live mode: the creator as host
 * (publishes camera + microphone), viewers as audience (subscribe only; their token cannot publish).
 * Simulated mode (no Agora configured) is clearly labelled: the creator sees their own camera preview,
 * viewers see a placeholder for the broadcaster; chat, gifts, tokens and counts run exactly as live.
 * The tiles are the call stage's (components/calls/stage-tiles).
 */
export function StreamStage({
  streamId,
  token,
  creatorName,
  overlay,
}: {
  streamId: string;
  token: StreamMediaToken;
  creatorName: string;
  overlay?: React.ReactNode;
}) {
  return (
    <section aria-label={token.mode === 'simulated' ? 'Simulated stream' : 'Stream'} className="space-y-2">
      {token.mode === 'simulated' ? (
        <div
          role="note"
          className="flex flex-wrap items-center gap-2 rounded-lg border border-warning/35 bg-warning/15 px-3 py-2 text-sm text-warning-foreground"
        >
          <Badge variant="warning">Simulated</Badge>
          <span>
            Simulated stream — no video service configured. Going live, viewer tokens, chat, tips and gifts
            run exactly as in a real stream.
          </span>
        </div>
      ) : null}
      <div className="relative aspect-video w-full overflow-hidden rounded-xl border bg-muted shadow-sm">
        {token.mode === 'simulated' ? (
          <SimulatedPicture role={token.role} creatorName={creatorName} />
        ) : (
          <AgoraPicture streamId={streamId} token={token} creatorName={creatorName} />
        )}
        {overlay}
      </div>
    </section>
  );
}

function SimulatedPicture({ role, creatorName }: { role: 'publisher' | 'subscriber'; creatorName: string }) {
  const [stream, setStream] = useState<MediaStream | null>(null);
  useEffect(() => {
    if (role !== 'publisher' || !navigator.mediaDevices?.getUserMedia) return;
    let cancelled = false;
    let media: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia({ video: true, audio: false })
      .then((s) => {
        media = s;
        if (cancelled) for (const t of s.getTracks()) t.stop();
        else setStream(s);
      })
      .catch(() => {}); // declined or no camera: the placeholder stays
    return () => {
      cancelled = true;
      for (const t of media?.getTracks() ?? []) t.stop();
      setStream(null);
    };
  }, [role]);
  return (
    <Tile
      label={role === 'publisher' ? 'You (broadcasting)' : creatorName}
      className="size-full rounded-none border-0"
    >
      {stream ? (
        <StreamView stream={stream} />
      ) : (
        <Placeholder
          name={creatorName}
          note={role === 'publisher' ? 'Camera preview unavailable' : 'Simulated broadcast'}
        />
      )}
    </Tile>
  );
}

function AgoraPicture({
  streamId,
  token,
  creatorName,
}: {
  streamId: string;
  token: StreamMediaToken;
  creatorName: string;
}) {
  const [video, setVideo] = useState<ICameraVideoTrack | IRemoteVideoTrack | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let client: IAgoraRTCClient | null = null;
    const tracks: { stop(): void; close(): void }[] = [];
    (async () => {
      const { default: AgoraRTC } = await import('agora-rtc-sdk-ng');
      if (cancelled) return;
      AgoraRTC.setLogLevel(2);
      const c = AgoraRTC.createClient({ mode: 'live', codec: 'vp8' });
      client = c;
      await c.setClientRole(token.role === 'publisher' ? 'host' : 'audience');
      c.on('user-published', async (user, mediaType) => {
        await c.subscribe(user, mediaType);
        if (mediaType === 'audio') user.audioTrack?.play();
        if (mediaType === 'video' && user.videoTrack) setVideo(user.videoTrack);
      });
      c.on('user-unpublished', (_user, mediaType) => {
        if (mediaType === 'video') setVideo(null);
      });
      // Stream tokens last an hour: fetch a fresh one (same access check) before this one runs out.
      c.on('token-privilege-will-expire', async () => {
        const r = await fetch(`/api/streams/${streamId}/token`, {
          method: 'POST',
        });
        const body = (await r.json().catch(() => null)) as { token?: StreamMediaToken } | null;
        if (r.ok && body?.token && !cancelled) await c.renewToken(body.token.token).catch(() => {});
      });
      await c.join(token.appId, token.channel, token.token, token.uid);
      if (cancelled || token.role !== 'publisher') return;
      const [audio, cam] = await AgoraRTC.createMicrophoneAndCameraTracks();
      tracks.push(audio, cam);
      if (cancelled) return;
      await c.publish([audio, cam]);
      setVideo(cam);
    })().catch((err: unknown) => {
      if (!cancelled)
        setProblem(`Could not connect the video${err instanceof Error ? `: ${err.message}` : ''}.`);
    });
    return () => {
      cancelled = true;
      for (const t of tracks) {
        t.stop();
        t.close();
      }
      if (client) {
        client.removeAllListeners();
        client.leave().catch(() => {});
      }
    };
  }, [streamId, token]);
  return (
    <Tile
      label={token.role === 'publisher' ? 'You (broadcasting)' : creatorName}
      className="size-full rounded-none border-0"
    >
      {video ? (
        <TrackView track={video} mirror={token.role === 'publisher'} />
      ) : (
        <Placeholder name={creatorName} note={problem ?? 'Waiting for video…'} />
      )}
    </Tile>
  );
}
