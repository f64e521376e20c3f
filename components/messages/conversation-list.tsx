'use client';

import { Lock, MessageSquare } from 'lucide-react';
import Link from 'next/link';
import { useCallback, useState } from 'react';
import { useChannel } from '@/components/realtime/realtime-provider';
import { LoyaltyBadge } from '@/components/subscriptions/loyalty-badge';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { apiFetch } from '@/lib/http/client';
import { type ConversationSummary, previewOf } from '@/lib/messages/types';
import { cn } from '@/lib/utils/cn';
import { shortTime } from './format';

interface ListResult {
  items: ConversationSummary[];
  nextBefore: string | null;
  nextBeforeId: string | null;
}

/** Where the next page starts: after the last conversation shown (its last activity and id). */
const cursorOf = (r: ListResult) =>
  r.nextBefore ? { before: r.nextBefore, beforeId: r.nextBeforeId } : null;

/** The inbox: conversations newest first with the last message, time and unread badge; live and paged. */
export function ConversationList({
  userId,
  initial,
  activeId,
}: {
  userId: string;
  initial: ListResult;
  activeId?: string;
}) {
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(cursorOf(initial));
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const r = await apiFetch<ListResult>('/api/conversations?limit=30');
    if (!r.ok) return;
    setItems((old) => {
      const fresh = new Set(r.data.items.map((c) => c.id));
      return [...r.data.items, ...old.filter((c) => !fresh.has(c.id) && r.data.nextBefore !== null)];
    });
  }, []);
  useChannel(`user:${userId}`, (msg) => {
    if (msg.name === 'inbox') void refresh();
  });

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    setError(null);
    const q = new URLSearchParams({ limit: '30', before: cursor.before });
    if (cursor.beforeId) q.set('beforeId', cursor.beforeId);
    const r = await apiFetch<ListResult>(`/api/conversations?${q}`);
    setLoadingMore(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setItems((old) => [...old, ...r.data.items.filter((c) => !old.some((o) => o.id === c.id))]);
    setCursor(cursorOf(r.data));
  }

  if (items.length === 0) {
    return (
      <EmptyState
        icon={MessageSquare}
        title="No conversations yet"
        description="Open a creator's page and press Message to start one."
        action={
          <Button asChild variant="outline">
            <Link href="/creators">Discover creators</Link>
          </Button>
        }
      />
    );
  }

  return (
    <nav aria-label="Conversations" className="flex flex-col">
      <ul className="divide-y rounded-xl border bg-card" data-testid="conversation-list">
        {items.map((c) => {
          const mine = c.lastSenderId === userId;
          return (
            <li key={c.id}>
              <Link
                href={`/messages/${c.id}`}
                aria-current={c.id === activeId ? 'page' : undefined}
                className={cn(
                  'flex items-center gap-3 px-3 py-3 hover:bg-accent focus-visible:bg-accent focus-visible:outline-none',
                  c.id === activeId && 'bg-accent',
                )}
              >
                <Avatar name={c.other.displayName} src={c.other.avatarUrl ?? undefined} />
                <span className="min-w-0 flex-1">
                  <span className="flex items-baseline justify-between gap-2">
                    <span className={cn('truncate', c.unread > 0 ? 'font-semibold' : 'font-medium')}>
                      {c.other.displayName}
                    </span>
                    {c.other.loyaltyMonths > 0 ? (
                      <span className="shrink-0" data-testid="inbox-loyalty">
                        <LoyaltyBadge months={c.other.loyaltyMonths} compact />
                      </span>
                    ) : null}
                    <span className="flex-1" aria-hidden />
                    <time
                      dateTime={c.lastMessageAt}
                      className="shrink-0 text-xs text-muted-foreground"
                      suppressHydrationWarning
                    >
                      {shortTime(c.lastMessageAt)}
                    </time>
                  </span>
                  <span className="flex items-center justify-between gap-2">
                    <span
                      className={cn(
                        'flex min-w-0 items-center gap-1 truncate text-sm',
                        c.unread > 0 ? 'text-foreground' : 'text-muted-foreground',
                      )}
                    >
                      {c.lastKind === 'ppv' ? <Lock className="size-3.5 shrink-0" aria-hidden /> : null}
                      <span className="truncate">
                        {c.lastKind
                          ? `${mine ? 'You: ' : ''}${previewOf(c.lastKind, c.lastBody)}`
                          : 'No messages yet'}
                      </span>
                    </span>
                    {c.unread > 0 ? (
                      <span
                        className="min-w-5 shrink-0 rounded-full bg-primary px-1.5 text-center text-xs leading-5 font-semibold text-primary-foreground"
                        data-testid="conversation-unread"
                      >
                        {c.unread}
                        <span className="sr-only"> unread</span>
                      </span>
                    ) : null}
                  </span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {cursor ? (
        <Button variant="ghost" className="mt-2" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Load older conversations'}
        </Button>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </nav>
  );
}
