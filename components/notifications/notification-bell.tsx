'use client';

import { Bell, CheckCheck } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { shortTime } from '@/components/messages/format';
import { useChannel, usePresence } from '@/components/realtime/realtime-provider';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Spinner } from '@/components/ui/spinner';
import { apiFetch } from '@/lib/http/client';
import type { NotificationView } from '@/lib/notifications/types';

interface ListResult {
  items: NotificationView[];
  unread: number;
}

/**
 * The header bell: unread count pushed live on the user's channel, the newest notifications in a menu,
 * mark one (by opening it) or all read. Being on any page also marks the user present on their own
 * channel, which is how the message-email job knows who is online.
 */
export function NotificationBell({ userId, initialUnread }: { userId: string; initialUnread: number }) {
  const router = useRouter();
  const channel = `user:${userId}`;
  const [unread, setUnread] = useState(initialUnread);
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const [loading, setLoading] = useState(false);
  usePresence(channel);
  useChannel(channel, (msg) => {
    if (msg.name !== 'notification') return;
    const n = msg.data as NotificationView;
    setUnread((u) => u + 1);
    setItems((list) => (list ? [n, ...list.filter((x) => x.id !== n.id)].slice(0, 20) : list));
  });

  const load = useCallback(async () => {
    setLoading(true);
    const r = await apiFetch<ListResult>('/api/notifications?limit=20');
    setLoading(false);
    if (r.ok) {
      setItems(r.data.items);
      setUnread(r.data.unread);
    }
  }, []);

  async function markRead(ids?: string[]) {
    const r = await apiFetch<{ marked: number }>('/api/notifications/read', {
      method: 'POST',
      body: ids ? { ids } : {},
    });
    if (!r.ok) return;
    const now = new Date().toISOString();
    setItems(
      (list) =>
        list?.map((n) => (!ids || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)) ?? null,
    );
    setUnread((u) => Math.max(0, u - r.data.marked));
  }

  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <DropdownMenu onOpenChange={(open) => open && void load()}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative size-9"
          aria-label={label}
          data-testid="notification-bell"
        >
          <Bell className="size-5" aria-hidden />
          {unread > 0 ? (
            <span
              data-testid="notification-unread"
              className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-destructive px-1 text-center text-[11px] leading-5 font-semibold text-destructive-foreground"
            >
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-80 max-w-[calc(100vw-2rem)]">
        <DropdownMenuLabel className="flex items-center justify-between gap-2">
          <span>Notifications</span>
          {unread > 0 ? (
            <button
              type="button"
              className="inline-flex items-center gap-1 text-xs font-normal text-primary hover:underline"
              onClick={(e) => {
                e.preventDefault();
                void markRead();
              }}
            >
              <CheckCheck className="size-3.5" aria-hidden /> Mark all read
            </button>
          ) : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {loading && !items ? (
          <div className="flex justify-center p-4">
            <Spinner />
          </div>
        ) : items && items.length === 0 ? (
          <p className="px-3 py-6 text-center text-sm text-muted-foreground">
            Nothing yet. Tips, unlocks and missed calls show up here.
          </p>
        ) : (
          <div className="max-h-96 overflow-y-auto">
            {(items ?? []).map((n) => (
              <DropdownMenuItem
                key={n.id}
                className="flex flex-col items-start gap-0.5 py-2"
                onSelect={() => {
                  if (!n.readAt) void markRead([n.id]);
                  if (n.link) router.push(n.link);
                }}
              >
                <span className="flex w-full items-start gap-2">
                  {!n.readAt ? (
                    <span className="mt-1.5 size-2 shrink-0 rounded-full bg-primary">
                      <span className="sr-only">Unread: </span>
                    </span>
                  ) : null}
                  <span className={n.readAt ? 'text-muted-foreground' : 'font-medium'}>{n.title}</span>
                </span>
                {n.body ? <span className="line-clamp-2 text-xs text-muted-foreground">{n.body}</span> : null}
                <span className="text-[11px] text-muted-foreground">{shortTime(n.createdAt)}</span>
              </DropdownMenuItem>
            ))}
          </div>
        )}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/notifications">Notification settings</Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
