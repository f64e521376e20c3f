'use client';

import { Coins, Lock, Undo2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import type { MessageView } from '@/lib/messages/types';
import { formatTokens } from '@/lib/payments/format-money';
import { cn } from '@/lib/utils/cn';
import { fullTime, shortTime } from './format';

function Media({ url, type, alt }: { url: string; type: string | null; alt: string }) {
  if (type?.startsWith('video/')) {
    // biome-ignore lint/a11y/useMediaCaption: user-sent clips have no caption track
    return <video src={url} controls className="max-h-80 w-full rounded-lg bg-black" preload="metadata" />;
  }
  // biome-ignore lint/performance/noImgElement: private, access-checked media (not optimisable by next/image)
  return <img src={url} alt={alt} className="max-h-80 w-full rounded-lg object-cover" loading="lazy" />;
}

/** One message: text, media, tip or pay-per-view (locked placeholder, unlock and unsend). */
export function MessageBubble({
  m,
  mine,
  showReceipt,
  busy,
  onUnlock,
  onUnsend,
}: {
  m: MessageView;
  mine: boolean;
  showReceipt: boolean;
  busy: boolean;
  onUnlock: (m: MessageView) => void;
  onUnsend: (m: MessageView) => void;
}) {
  return (
    <li
      className={cn('flex flex-col gap-1', mine ? 'items-end' : 'items-start')}
      data-testid="message"
      data-kind={m.kind}
    >
      <div
        className={cn(
          'max-w-[85%] space-y-2 rounded-2xl px-3 py-2 text-sm shadow-sm sm:max-w-[70%]',
          mine ? 'rounded-br-sm bg-primary text-primary-foreground' : 'rounded-bl-sm border bg-card',
          m.unsentAt && 'opacity-60',
        )}
      >
        {m.kind === 'tip' ? (
          <p className="flex items-center gap-1.5 font-semibold">
            <Coins className="size-4" aria-hidden /> Tipped {formatTokens(m.price)} tokens
          </p>
        ) : null}
        {m.kind === 'ppv' && m.locked ? (
          <div className="space-y-2" data-testid="ppv-locked">
            <div
              aria-hidden
              className="relative grid h-44 w-64 max-w-full place-items-center overflow-hidden rounded-lg bg-gradient-to-br from-fuchsia-400 via-sky-400 to-amber-300"
            >
              <div className="absolute inset-0 backdrop-blur-xl" />
              <Lock className="relative size-8 text-white drop-shadow" />
            </div>
            <Button
              size="sm"
              className="w-full"
              onClick={() => onUnlock(m)}
              disabled={busy}
              data-testid="ppv-unlock"
            >
              {busy ? 'Unlocking…' : `Unlock for ${formatTokens(m.price)} tokens`}
            </Button>
          </div>
        ) : null}
        {m.mediaUrl ? <Media url={m.mediaUrl} type={m.mediaType} alt={m.body || 'Photo'} /> : null}
        {m.body ? <p className="break-words whitespace-pre-wrap">{m.body}</p> : null}
        {m.kind === 'ppv' && mine ? (
          <div className="flex flex-wrap items-center gap-2 text-xs opacity-90">
            <Lock className="size-3.5" aria-hidden />
            <span>
              Pay-per-view · {formatTokens(m.price)} tokens ·{' '}
              {m.unsentAt ? 'unsent' : m.unlocked ? 'unlocked' : 'not unlocked yet'}
            </span>
            {!m.unsentAt && !m.unlocked ? (
              <Button
                size="sm"
                variant="secondary"
                className="h-6 px-2 text-xs"
                onClick={() => onUnsend(m)}
                disabled={busy}
              >
                <Undo2 className="size-3" aria-hidden /> Unsend
              </Button>
            ) : null}
          </div>
        ) : null}
        {m.kind === 'ppv' && !mine && m.unlocked ? (
          <p className="text-xs text-muted-foreground">Unlocked</p>
        ) : null}
        {mine && m.price > 0 && (m.kind === 'text' || m.kind === 'media') ? (
          <p className="text-xs opacity-80">Paid message · {formatTokens(m.price)} tokens</p>
        ) : null}
      </div>
      <span
        className="px-1 text-[11px] text-muted-foreground"
        title={fullTime(m.createdAt)}
        suppressHydrationWarning
      >
        {shortTime(m.createdAt)}
        {showReceipt ? <span data-testid="read-receipt"> · {m.readAt ? 'Seen' : 'Sent'}</span> : null}
      </span>
    </li>
  );
}
