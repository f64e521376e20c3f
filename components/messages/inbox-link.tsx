'use client';

import { MessageSquare } from 'lucide-react';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { useChannel } from '@/components/realtime/realtime-provider';
import { apiFetch } from '@/lib/http/client';

/** The header's Messages icon with the unread count (get_unread_count), refreshed on every inbox event. */
export function InboxLink({ userId, initialCount }: { userId: string; initialCount: number }) {
  const [count, setCount] = useState(initialCount);
  const refresh = useCallback(async () => {
    const r = await apiFetch<{ count: number }>('/api/messages/unread');
    if (r.ok) setCount(r.data.count);
  }, []);
  useChannel(`user:${userId}`, (msg) => {
    if (msg.name === 'inbox') void refresh();
  });
  useEffect(() => {
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refresh]);
  const label = count > 0 ? `Messages, ${count} unread` : 'Messages';
  return (
    <Link
      href="/messages"
      aria-label={label}
      title={label}
      data-testid="inbox-link"
      className="relative inline-flex size-9 items-center justify-center rounded-md hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
    >
      <MessageSquare className="size-5" aria-hidden />
      {count > 0 ? (
        <span
          data-testid="inbox-unread"
          className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-primary px-1 text-center text-[11px] leading-5 font-semibold text-primary-foreground"
        >
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}
