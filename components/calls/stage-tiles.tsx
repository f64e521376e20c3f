'use client';

import { Mic, MicOff, Video, VideoOff } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils/cn';

/** The presentational parts of the call stage (frame, layouts, tiles, controls), shared by both modes. */

export type StageStatus = 'connecting' | 'joined' | 'ended';

export function StageFrame({
  status,
  remotePresent,
  problem,
  simulated = false,
  children,
}: {
  status: StageStatus;
  remotePresent: boolean;
  problem?: string | null;
  simulated?: boolean;
  children: React.ReactNode;
}) {
  const label =
    status === 'connecting'
      ? 'Connecting…'
      : status === 'ended'
        ? 'Call media ended'
        : remotePresent
          ? 'Connected'
          : 'Waiting for the other participant…';
  return (
    <section aria-label={simulated ? 'Simulated call' : 'Call'} className="flex flex-col gap-3">
      {simulated ? (
        <div
          role="note"
          className="flex flex-wrap items-center gap-2 rounded-lg border border-warning/35 bg-warning/15 px-3 py-2 text-sm text-warning-foreground"
        >
          <Badge variant="warning">Simulated</Badge>
          <span>
            Simulated call — no video service configured. Joining, token renewal and billing run exactly as in
            a real call.
          </span>
        </div>
      ) : null}
      <p aria-live="polite" className="text-sm text-muted-foreground">
        {label}
      </p>
      {children}
      {problem ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

export function VideoLayout({ remote, local }: { remote: React.ReactNode; local: React.ReactNode }) {
  return (
    <div className="relative aspect-video w-full overflow-hidden rounded-xl border bg-muted shadow-sm">
      {remote}
      <div className="absolute right-3 bottom-3 aspect-video w-1/3 max-w-56 overflow-hidden rounded-lg border-2 border-background shadow-md">
        {local}
      </div>
    </div>
  );
}

export function VoiceLayout({
  localName,
  remoteName,
  localSpeaking = false,
  remoteSpeaking = false,
  remotePresent,
}: {
  localName: string;
  remoteName: string;
  localSpeaking?: boolean;
  remoteSpeaking?: boolean;
  remotePresent: boolean;
}) {
  return (
    <div className="grid grid-cols-2 gap-3">
      <Tile label={remoteName} speaking={remoteSpeaking} className="aspect-square sm:aspect-video">
        <Placeholder name={remoteName} note={remotePresent ? undefined : 'Not joined yet'} />
      </Tile>
      <Tile label={localName} speaking={localSpeaking} className="aspect-square sm:aspect-video">
        <Placeholder name={localName} />
      </Tile>
    </div>
  );
}

export function Tile({
  label,
  speaking = false,
  className,
  children,
}: {
  label: string;
  speaking?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <figure
      className={cn(
        'relative m-0 overflow-hidden rounded-xl border bg-muted transition-shadow',
        speaking && 'ring-2 ring-success ring-offset-2 ring-offset-background',
        className,
      )}
    >
      {children}
      <figcaption className="absolute bottom-2 left-2 rounded-md bg-background/85 px-2 py-0.5 text-xs font-medium text-foreground">
        {label}
        {speaking ? <span className="sr-only"> (speaking)</span> : null}
      </figcaption>
    </figure>
  );
}

export function Placeholder({ name, note, small = false }: { name: string; note?: string; small?: boolean }) {
  return (
    <div className="flex size-full flex-col items-center justify-center gap-2 bg-muted p-2 text-center">
      <Avatar name={name} size={small ? 'default' : 'lg'} />
      {note ? <span className="text-xs text-muted-foreground">{note}</span> : null}
    </div>
  );
}

export function TrackView({
  track,
  mirror = false,
}: {
  track: { play(element: HTMLElement, config?: { mirror?: boolean }): void; stop(): void };
  mirror?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    track.play(el, { mirror });
    return () => track.stop();
  }, [track, mirror]);
  return <div ref={ref} className="absolute inset-0 bg-black" />;
}

export function StreamView({ stream }: { stream: MediaStream }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      aria-label="Your camera preview"
      className="absolute inset-0 size-full -scale-x-100 bg-black object-cover"
    />
  );
}

export function Controls({
  kind,
  micOn,
  camOn,
  onToggleMic,
  onToggleCam,
}: {
  kind: 'video' | 'voice';
  micOn: boolean;
  camOn: boolean;
  onToggleMic?: () => void;
  onToggleCam?: () => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <Button
        type="button"
        variant={micOn ? 'outline' : 'secondary'}
        size="icon"
        aria-label={micOn ? 'Mute microphone' : 'Unmute microphone'}
        aria-pressed={!micOn}
        disabled={!onToggleMic}
        onClick={onToggleMic}
      >
        {micOn ? <Mic aria-hidden="true" /> : <MicOff aria-hidden="true" />}
      </Button>
      {kind === 'video' ? (
        <Button
          type="button"
          variant={camOn ? 'outline' : 'secondary'}
          size="icon"
          aria-label={camOn ? 'Turn camera off' : 'Turn camera on'}
          aria-pressed={!camOn}
          disabled={!onToggleCam}
          onClick={onToggleCam}
        >
          {camOn ? <Video aria-hidden="true" /> : <VideoOff aria-hidden="true" />}
        </Button>
      ) : null}
    </div>
  );
}
