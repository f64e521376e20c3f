'use client';

import type {
  IAgoraRTCClient,
  ICameraVideoTrack,
  IMicrophoneAudioTrack,
  IRemoteVideoTrack,
} from 'agora-rtc-sdk-ng';
import { useEffect, useRef, useState } from 'react';
import { RENEW_RETRY_MS, type RenewedToken, startRenewalLoop } from '@/lib/adapters/video/renewal-loop';
import {
  Controls,
  Placeholder,
  StageFrame,
  type StageStatus,
  StreamView,
  Tile,
  TrackView,
  VideoLayout,
  VoiceLayout,
} from './stage-tiles';

/**
 * The media part of a call. Agora mode joins the RTC channel with the server's token (agora-rtc-sdk-ng is
 * imported only here, only when this mounts). Simulated mode (no Agora configured) shows a labelled stage
 * with a local camera preview, and renews the token on the same schedule Agora would, so joining, renewal
 * and billing behave the same in both modes.
 */

export type { RenewedToken };

export interface VideoStageProps {
  mode: 'agora' | 'simulated';
  appId: string;
  channel: string;
  uid: number;
  /** The token to join with; later tokens come from renewToken (changing this prop does not rejoin). */
  token: string;
  /** When the join privilege of `token` ends (ISO). */
  expiresAt: string;
  kind: 'video' | 'voice';
  onJoined: () => void;
  /** The media session ended without unmounting: dropped by the service (e.g. an unrenewed token). */
  onLeft?: () => void;
  /** Funds the next minute and returns a fresh token, or null when it cannot (the call then runs out). */
  renewToken: () => Promise<RenewedToken | null>;
  /** Tile captions; default "You" and "Other participant". */
  localName?: string;
  remoteName?: string;
}

/** Keeps the newest callbacks without making effects re-run (which would rejoin the call). */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

export function VideoStage(props: VideoStageProps) {
  return props.mode === 'agora' ? <AgoraStage {...props} /> : <SimulatedStage {...props} />;
}

function AgoraStage({
  appId,
  channel,
  uid,
  token,
  expiresAt,
  kind,
  onJoined,
  onLeft,
  renewToken,
  localName = 'You',
  remoteName = 'Other participant',
}: VideoStageProps) {
  const [status, setStatus] = useState<StageStatus>('connecting');
  const [problem, setProblem] = useState<string | null>(null);
  const [remote, setRemote] = useState<{ uid: number | string; video?: IRemoteVideoTrack } | null>(null);
  const [localVideo, setLocalVideo] = useState<ICameraVideoTrack | null>(null);
  const [mic, setMic] = useState<IMicrophoneAudioTrack | null>(null);
  const [micOn, setMicOn] = useState(true);
  const [camOn, setCamOn] = useState(true);
  const [speaking, setSpeaking] = useState<Set<number | string>>(() => new Set());
  const latest = useLatest({ onJoined, onLeft, renewToken });
  const initial = useRef({ token, expiresAt });

  useEffect(() => {
    let cancelled = false;
    let client: IAgoraRTCClient | null = null;
    const tracks: { stop(): void; close(): void }[] = [];
    let expiresAtMs = Date.parse(initial.current.expiresAt);

    const renew = async () => {
      for (;;) {
        try {
          const next = await latest.current.renewToken();
          if (!next || cancelled || !client) return; // refused: Agora drops us when the privilege ends
          await client.renewToken(next.token);
          expiresAtMs = Date.parse(next.expiresAt);
          return;
        } catch {
          if (cancelled || Date.now() + RENEW_RETRY_MS >= expiresAtMs) return;
          await new Promise((r) => setTimeout(r, RENEW_RETRY_MS));
        }
      }
    };

    (async () => {
      const { default: AgoraRTC } = await import('agora-rtc-sdk-ng');
      if (cancelled) return;
      AgoraRTC.setLogLevel(2); // warnings and errors only
      const c = AgoraRTC.createClient({ mode: 'rtc', codec: 'vp8' });
      client = c;
      c.on('user-published', async (user, mediaType) => {
        await c.subscribe(user, mediaType);
        if (mediaType === 'audio') user.audioTrack?.play();
        setRemote({ uid: user.uid, video: user.videoTrack });
      });
      c.on('user-unpublished', (user, mediaType) => {
        if (mediaType === 'video') setRemote({ uid: user.uid, video: undefined });
      });
      c.on('user-left', () => setRemote(null));
      c.on('token-privilege-will-expire', () => void renew());
      c.on('connection-state-change', (state, _prev, reason) => {
        if (state === 'DISCONNECTED' && reason !== 'LEAVE' && !cancelled) {
          setStatus('ended');
          latest.current.onLeft?.();
        }
      });
      c.on('volume-indicator', (levels) => {
        setSpeaking(new Set(levels.filter((l) => l.level > 5).map((l) => l.uid)));
      });
      await c.join(appId, channel, initial.current.token, uid);
      if (cancelled) return;
      setStatus('joined');
      latest.current.onJoined();
      c.enableAudioVolumeIndicator();
      try {
        const audio = await AgoraRTC.createMicrophoneAudioTrack();
        tracks.push(audio);
        const video = kind === 'video' ? await AgoraRTC.createCameraVideoTrack() : null;
        if (video) tracks.push(video);
        if (cancelled) return;
        await c.publish(video ? [audio, video] : [audio]);
        setMic(audio);
        setLocalVideo(video);
      } catch {
        if (!cancelled) {
          setProblem(
            kind === 'video'
              ? 'Camera or microphone unavailable: you can still see and hear the other participant.'
              : 'Microphone unavailable: you can still hear the other participant.',
          );
        }
      }
    })().catch((err: unknown) => {
      if (cancelled) return;
      setStatus('ended');
      setProblem(`Could not join the call${err instanceof Error ? `: ${err.message}` : ''}.`);
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
  }, [appId, channel, uid, kind, latest]);

  const toggleMic = () => {
    const next = !micOn;
    setMicOn(next);
    mic?.setEnabled(next).catch(() => setMicOn(!next));
  };
  const toggleCam = () => {
    const next = !camOn;
    setCamOn(next);
    localVideo?.setEnabled(next).catch(() => setCamOn(!next));
  };

  const localUidSpeaking = speaking.has(uid) || speaking.has(0);
  return (
    <StageFrame status={status} remotePresent={remote !== null} problem={problem}>
      {kind === 'video' ? (
        <VideoLayout
          remote={
            <Tile
              label={remoteName}
              speaking={remote ? speaking.has(remote.uid) : false}
              className="size-full"
            >
              {remote?.video ? <TrackView track={remote.video} /> : <Placeholder name={remoteName} />}
            </Tile>
          }
          local={
            <Tile label={localName} speaking={localUidSpeaking} className="size-full">
              {localVideo && camOn ? (
                <TrackView track={localVideo} mirror />
              ) : (
                <Placeholder name={localName} small />
              )}
            </Tile>
          }
        />
      ) : (
        <VoiceLayout
          localName={localName}
          remoteName={remoteName}
          localSpeaking={localUidSpeaking}
          remoteSpeaking={remote ? speaking.has(remote.uid) : false}
          remotePresent={remote !== null}
        />
      )}
      <Controls
        kind={kind}
        micOn={micOn}
        camOn={camOn}
        onToggleMic={mic ? toggleMic : undefined}
        onToggleCam={localVideo ? toggleCam : undefined}
      />
    </StageFrame>
  );
}

function SimulatedStage({
  expiresAt,
  kind,
  onJoined,
  onLeft,
  renewToken,
  localName = 'You',
  remoteName = 'Other participant',
}: VideoStageProps) {
  const [status, setStatus] = useState<StageStatus>('joined');
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [camOn, setCamOn] = useState(true);
  const latest = useLatest({ onJoined, onLeft, renewToken });
  const initialExpiresAt = useRef(expiresAt);

  useEffect(() => {
    latest.current.onJoined();
    return startRenewalLoop({
      expiresAt: initialExpiresAt.current,
      renewToken: () => latest.current.renewToken(),
      onExpired: () => {
        setStatus('ended');
        latest.current.onLeft?.();
      },
    });
  }, [latest]);

  useEffect(() => {
    if (kind !== 'video' || !navigator.mediaDevices?.getUserMedia) return;
    let cancelled = false;
    let media: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia({ video: true, audio: false })
      .then((s) => {
        media = s;
        if (cancelled) for (const t of s.getTracks()) t.stop();
        else setStream(s);
      })
      .catch(() => {}); // declined or no camera: the placeholder tile stays
    return () => {
      cancelled = true;
      for (const t of media?.getTracks() ?? []) t.stop();
      setStream(null);
    };
  }, [kind]);

  const toggleCam = () => {
    const next = !camOn;
    setCamOn(next);
    for (const t of stream?.getVideoTracks() ?? []) t.enabled = next;
  };

  return (
    <StageFrame status={status} remotePresent simulated>
      {kind === 'video' ? (
        <VideoLayout
          remote={
            <Tile label={remoteName} className="size-full">
              <Placeholder name={remoteName} note="Simulated participant" />
            </Tile>
          }
          local={
            <Tile label={localName} className="size-full">
              {stream && camOn ? <StreamView stream={stream} /> : <Placeholder name={localName} small />}
            </Tile>
          }
        />
      ) : (
        <VoiceLayout localName={localName} remoteName={remoteName} remotePresent />
      )}
      <Controls kind={kind} micOn camOn={camOn} onToggleCam={stream ? toggleCam : undefined} />
    </StageFrame>
  );
}
