'use client';

import { Eye, Lock, Radio, TrendingUp } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { apiFetch } from '@/lib/http/client';
import type {
  ChatMessage,
  Gift,
  PinnedProduct,
  StreamDetails,
  StreamEvent,
  StreamMediaToken,
} from '@/lib/streams/types';
import { ChatPanel } from './chat-panel';
import { EndStreamButton } from './end-stream-button';
import { EventList, EventOverlay } from './event-feed';
import { categoryLabel, viewersLabel } from './format';
import { PinnedProductCard } from './pinned-product-card';
import { type PickableProduct, ProductPinPicker } from './product-pin-picker';
import { StreamStage } from './stream-stage';
import { SupportPanel } from './support-panel';
import { useStreamRoom } from './use-stream-room';

/**
 * One live stream, for its creator (studio: publisher stage, moderation, End stream) or a viewer
 * (subscriber stage, chat, gifts and tips). Both drive the same endpoints.
 */
export function LiveRoom({
  stream,
  viewerId,
  chat,
  events,
  gifts,
  balance: initialBalance,
  mutedUserIds = [],
  pinned = null,
  products = [],
}: {
  mutedUserIds?: string[];
  /** The pinned product when the page rendered (live shopping). */
  pinned?: PinnedProduct | null;
  /** The creator's active products for the pin picker (studio only). */
  products?: PickableProduct[];
  stream: StreamDetails;
  viewerId: string;
  chat: ChatMessage[];
  events: StreamEvent[];
  gifts: Gift[];
  balance: number;
}) {
  const router = useRouter();
  const room = useStreamRoom({
    streamId: stream.id,
    viewerId,
    status: stream.status,
    viewerCount: stream.viewerCount,
    peakViewers: stream.peakViewers,
    isMuted: stream.isMuted,
    mutedUserIds,
    chat,
    events,
    pinned,
  });
  const [balance, setBalance] = useState(initialBalance);
  const [stock, setStock] = useState<Record<string, number | null>>({});
  const [token, setToken] = useState<StreamMediaToken | null>(null);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const live = room.status === 'live';

  useEffect(() => {
    let cancelled = false;
    apiFetch<{ token: StreamMediaToken }>(`/api/streams/${stream.id}/token`, { method: 'POST' }).then((r) => {
      if (cancelled) return;
      if (r.ok) setToken(r.data.token);
      else setTokenError(r.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [stream.id]);

  // The picker shows the pinned product's stock as buyers move it.
  const pinnedNow = room.pinned;
  useEffect(() => {
    if (pinnedNow) setStock((m) => ({ ...m, [pinnedNow.id]: pinnedNow.stock }));
  }, [pinnedNow]);

  const watchingNow = room.watching.filter((m) => m.clientId !== stream.creator.id).length;

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            {live ? (
              <Badge variant="destructive">
                <Radio aria-hidden /> Live
              </Badge>
            ) : (
              <Badge variant="secondary">Ended</Badge>
            )}
            <Badge variant="outline">{categoryLabel(stream.category)}</Badge>
            {stream.subscriberOnly ? (
              <Badge variant="warning">
                <Lock aria-hidden /> Subscribers only
              </Badge>
            ) : null}
          </div>
          <h1 className="text-xl font-bold tracking-tight break-words sm:text-2xl">{stream.title}</h1>
          <p className="text-sm text-muted-foreground">
            {stream.isCreator ? (
              'Your stream'
            ) : (
              <>
                with{' '}
                <Link
                  href={`/creators/${stream.creator.username}`}
                  className="font-medium text-foreground underline-offset-4 hover:underline"
                >
                  {stream.creator.displayName}
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="flex items-center gap-3 text-sm">
          <span
            className="inline-flex items-center gap-1 font-medium"
            data-testid="viewer-count"
            aria-live="polite"
          >
            <Eye aria-hidden className="size-4" />
            {viewersLabel(room.counts.viewerCount)}
          </span>
          <span className="inline-flex items-center gap-1 text-muted-foreground">
            <TrendingUp aria-hidden className="size-4" />
            peak {room.counts.peakViewers}
          </span>
          {stream.isCreator && live ? (
            <EndStreamButton
              streamId={stream.id}
              onEnded={() => {
                room.setStatus('ended');
                router.push(`/creator/live/${stream.id}`);
                router.refresh();
              }}
            />
          ) : null}
        </div>
      </header>

      {!live ? (
        <Alert>
          <AlertTitle>This stream has ended</AlertTitle>
          <AlertDescription>
            {stream.isCreator ? (
              <Link href={`/creator/live/${stream.id}`} className="underline underline-offset-4">
                See the analytics
              </Link>
            ) : (
              'Thanks for watching.'
            )}
          </AlertDescription>
        </Alert>
      ) : null}
      {room.presenceError ? (
        <p role="alert" className="text-sm text-destructive">
          {room.presenceError}
        </p>
      ) : null}

      {/* Mobile order: picture, chat, gifts and events; desktop: chat in its own column on the right. */}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <div className="min-w-0 space-y-2 lg:col-start-1">
          {token ? (
            <StreamStage
              streamId={stream.id}
              token={token}
              creatorName={stream.creator.displayName}
              overlay={<EventOverlay events={room.events} />}
            />
          ) : tokenError ? (
            <Alert variant="destructive">
              <AlertTitle>Video unavailable</AlertTitle>
              <AlertDescription>{tokenError}</AlertDescription>
            </Alert>
          ) : (
            <Skeleton className="aspect-video w-full rounded-xl" aria-label="Connecting to the stream" />
          )}
          {room.pinned && live && !stream.isCreator ? (
            <PinnedProductCard
              streamId={stream.id}
              product={room.pinned}
              live={live}
              isCreator={false}
              onBought={(r) => {
                setBalance(r.balance);
                if (r.pinned?.id === room.pinned?.id) room.setPinned(r.pinned);
              }}
              onStale={() => void room.reloadPin()}
            />
          ) : null}
          {stream.isCreator ? (
            <p className="text-sm text-muted-foreground">
              {watchingNow} {watchingNow === 1 ? 'person has' : 'people have'} this page open right now
              (realtime presence); the count above is the server&apos;s, from heartbeats.
            </p>
          ) : null}
        </div>
        <div className="min-w-0 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <ChatPanel
            streamId={stream.id}
            viewerId={viewerId}
            creatorId={stream.creator.id}
            isCreator={stream.isCreator}
            live={live}
            muted={room.muted}
            mutedUsers={room.mutedUsers}
            messages={room.chat}
            onMuteChange={(userId, on) =>
              room.setMutedUsers((s) => {
                const next = new Set(s);
                if (on) next.add(userId);
                else next.delete(userId);
                return next;
              })
            }
          />
        </div>
        <div className="min-w-0 space-y-4 lg:col-start-1">
          {stream.isCreator && live ? (
            <ProductPinPicker
              streamId={stream.id}
              products={products.map((p) => (p.id in stock ? { ...p, stock: stock[p.id] ?? null } : p))}
              pinnedId={room.pinned?.id ?? null}
              live={live}
              onChange={(r) => {
                room.setPinned(r.pinned);
                if (r.event) room.addEvents([r.event]);
              }}
            />
          ) : null}
          {stream.isCreator ? null : (
            <SupportPanel
              streamId={stream.id}
              gifts={gifts}
              balance={balance}
              live={live}
              onSent={(e) => room.addEvents([e])}
            />
          )}
          <EventList events={room.events} />
        </div>
      </div>
    </div>
  );
}
