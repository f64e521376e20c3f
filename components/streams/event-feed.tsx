'use client';

import { Pin } from 'lucide-react';
import { formatTokens } from '@/lib/payments/format-money';
import type { StreamEvent } from '@/lib/streams/types';
import { GiftIcon } from './gift-icon';

function describe(e: StreamEvent): string {
  if (e.kind === 'pin') return `${e.sender.displayName} pinned ${e.product?.name || 'a product'}`;
  if (e.kind === 'unpin') return `${e.sender.displayName} unpinned ${e.product?.name || 'a product'}`;
  return e.kind === 'gift' && e.gift
    ? `${e.sender.displayName} sent ${e.gift.name} (${formatTokens(e.amount)} tokens)`
    : `${e.sender.displayName} tipped ${formatTokens(e.amount)} tokens`;
}

/** The newest tips and gifts over the picture, in sequence order (the same order on every screen). */
export function EventOverlay({ events }: { events: StreamEvent[] }) {
  const latest = events.filter((e) => e.kind !== 'unpin').slice(-3);
  if (!latest.length) return null;
  return (
    <ol aria-hidden className="pointer-events-none absolute top-3 left-3 flex max-w-[70%] flex-col gap-1.5">
      {latest.map((e) => (
        <li
          key={e.seq}
          className="w-fit rounded-full bg-background/90 px-3 py-1 text-xs font-medium text-foreground shadow-sm"
        >
          {e.kind === 'gift' && e.gift ? (
            <GiftIcon id={e.gift.id} className="mr-1 inline size-4 align-[-3px]" />
          ) : null}
          {e.kind === 'pin' ? <Pin className="mr-1 inline size-3.5 align-[-2px] text-primary" /> : null}
          {e.kind === 'pin'
            ? `${e.product?.name || 'Product'} pinned`
            : e.kind === 'gift' && e.gift
              ? `${e.sender.displayName} · ${e.gift.name}`
              : `${e.sender.displayName} · ${formatTokens(e.amount)} tokens`}
        </li>
      ))}
    </ol>
  );
}

/** Every tip, gift and product pin of the stream, numbered as the database numbered them. */
export function EventList({ events }: { events: StreamEvent[] }) {
  return (
    <section aria-labelledby="events-title" className="rounded-xl border bg-card">
      <h2 id="events-title" className="border-b px-4 py-2 text-sm font-semibold">
        Tips &amp; gifts
      </h2>
      {events.length === 0 ? (
        <p className="px-4 py-3 text-sm text-muted-foreground">No tips or gifts yet.</p>
      ) : (
        <ol
          aria-live="polite"
          className="max-h-56 space-y-1 overflow-y-auto px-4 py-3 text-sm"
          data-testid="stream-events"
        >
          {[...events].reverse().map((e) => (
            <li key={e.seq} className="flex gap-2" data-seq={e.seq}>
              <span className="w-8 shrink-0 text-right text-xs tabular-nums text-muted-foreground">
                #{e.seq}
              </span>
              <span className="min-w-0 break-words">
                {e.kind === 'gift' && e.gift ? (
                  <GiftIcon id={e.gift.id} className="mr-1 inline size-4 align-[-3px]" />
                ) : null}
                {describe(e)}
                {e.message ? <span className="text-muted-foreground"> — “{e.message}”</span> : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
