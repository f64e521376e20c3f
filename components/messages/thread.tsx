'use client';

import { ArrowLeft, Ban, MoreVertical } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { useChannel, usePresence } from '@/components/realtime/realtime-provider';
import { LoyaltyBadge } from '@/components/subscriptions/loyalty-badge';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Spinner } from '@/components/ui/spinner';
import { apiFetch, newIdempotencyKey } from '@/lib/http/client';
import type { ConversationSummary, MessagePage, MessageView } from '@/lib/messages/types';
import { Composer, type ComposerSend } from './composer';
import { MessageBubble } from './message-bubble';

const TYPING_SEND_EVERY_MS = 3_000;
const TYPING_SHOW_MS = 5_000;

/** Oldest first, one entry per id (a live event and a fetch can both bring the same message). */
/**
 * Merges messages by id. `seenUntil` is the other person's latest read time we have heard of: a read
 * receipt can arrive before our own POST returns the message it covers, so it is applied on every merge
 * rather than only to the messages present when the receipt arrived.
 */
function merge(
  list: MessageView[],
  more: MessageView[],
  meId: string,
  seenUntil: string | null,
): MessageView[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of more) {
    const had = byId.get(m.id);
    // Keep what we know better: our own copy of a sent PPV carries its media, the broadcast one does not;
    // a copy that left the server before the receipt must not turn Seen back into Sent.
    let next =
      had?.mediaUrl && !m.mediaUrl
        ? { ...m, mediaUrl: had.mediaUrl, mediaType: had.mediaType, locked: had.locked }
        : m;
    if (!next.readAt && had?.readAt) next = { ...next, readAt: had.readAt };
    byId.set(m.id, next);
  }
  if (seenUntil) {
    for (const [id, m] of byId) {
      if (m.senderId === meId && !m.readAt && m.createdAt <= seenUntil)
        byId.set(id, { ...m, readAt: seenUntil });
    }
  }
  return [...byId.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/**
 * A conversation: messages (older ones load when scrolling up), live delivery, typing and presence of the
 * other person, read receipts, PPV unlock/unsend, blocking, and the composer.
 */
export function Thread({
  me,
  conversation,
  initial,
}: {
  me: { id: string; role: string };
  conversation: ConversationSummary;
  initial: MessagePage;
}) {
  const router = useRouter();
  const other = conversation.other;
  const channel = `conversation:${conversation.id}`;
  const seenUntil = useRef<string | null>(null);
  const [messages, setMessages] = useState(() => merge([], initial.items, me.id, null));
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [typingUntil, setTypingUntil] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(conversation.blockedByMe);
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const prependHeight = useRef<number | null>(null);
  const lastTypingSent = useRef(0);
  const { members } = usePresence(channel);
  const online = members.some((m) => m.clientId === other.id);

  const markRead = useCallback(async () => {
    if (document.visibilityState === 'hidden') return;
    await apiFetch(`/api/conversations/${conversation.id}/read`, { method: 'POST', body: {} });
  }, [conversation.id]);

  useEffect(() => {
    void markRead();
    const onVisible = () => document.visibilityState === 'visible' && void markRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [markRead]);

  useChannel(channel, (msg) => {
    if (msg.name === 'message') {
      const m = msg.data as MessageView;
      const el = scroller.current;
      stickToBottom.current = !el || el.scrollHeight - el.scrollTop - el.clientHeight < 120;
      setMessages((list) => merge(list, [m], me.id, seenUntil.current));
      if (m.senderId === other.id) {
        setTypingUntil(0);
        void markRead();
      }
    } else if (msg.name === 'read') {
      const r = msg.data as { readerId: string; readAt: string };
      if (r.readerId !== other.id) return;
      if (!seenUntil.current || r.readAt > seenUntil.current) seenUntil.current = r.readAt;
      setMessages((list) => merge(list, [], me.id, seenUntil.current));
    } else if (msg.name === 'typing') {
      const t = msg.data as { userId: string; typing: boolean };
      if (t.userId === other.id) setTypingUntil(t.typing ? Date.now() + TYPING_SHOW_MS : 0);
    } else if (msg.name === 'unsent') {
      const { messageId } = msg.data as { messageId: string };
      setMessages((list) =>
        list.flatMap((m) =>
          m.id !== messageId
            ? [m]
            : m.senderId === me.id
              ? [{ ...m, unsentAt: new Date().toISOString() }]
              : m.unlocked
                ? [m]
                : [],
        ),
      );
    } else if (msg.name === 'unlocked') {
      const { messageId } = msg.data as { messageId: string };
      setMessages((list) =>
        list.map((m) => (m.id === messageId && m.senderId === me.id ? { ...m, unlocked: true } : m)),
      );
    }
  });

  // Hide the typing indicator when its time is up.
  useEffect(() => {
    if (!typingUntil) return;
    const t = setTimeout(() => setTypingUntil(0), Math.max(0, typingUntil - Date.now()));
    return () => clearTimeout(t);
  }, [typingUntil]);

  // Keep the view at the bottom for new messages; keep the reading position when older ones are prepended.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after every change of the message list
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (prependHeight.current !== null) {
      el.scrollTop += el.scrollHeight - prependHeight.current;
      prependHeight.current = null;
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages]);

  const loadOlder = useCallback(async () => {
    if (!cursor || loadingOlder) return;
    setLoadingOlder(true);
    const q = new URLSearchParams({ beforeAt: cursor.beforeAt, beforeId: cursor.beforeId, limit: '30' });
    const r = await apiFetch<MessagePage>(`/api/conversations/${conversation.id}/messages?${q}`);
    setLoadingOlder(false);
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    prependHeight.current = scroller.current?.scrollHeight ?? null;
    stickToBottom.current = false;
    setMessages((list) => merge(list, r.data.items, me.id, seenUntil.current));
    setCursor(r.data.nextCursor);
  }, [conversation.id, cursor, loadingOlder, me.id]);

  // Infinite scroll upwards: reaching the top sentinel loads the previous page.
  useEffect(() => {
    const el = topSentinel.current;
    if (!el || !cursor) return;
    const io = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && void loadOlder(),
      {
        root: scroller.current,
        rootMargin: '200px 0px 0px 0px',
      },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, loadOlder]);

  function typing() {
    const now = Date.now();
    if (now - lastTypingSent.current < TYPING_SEND_EVERY_MS) return;
    lastTypingSent.current = now;
    void apiFetch(`/api/conversations/${conversation.id}/typing`, { method: 'POST', body: { typing: true } });
  }

  function insufficient(message: string) {
    toast.error(message, { action: { label: 'Buy tokens', onClick: () => router.push('/wallet') } });
  }

  async function send(s: ComposerSend): Promise<boolean> {
    let uploadId: string | undefined;
    if (s.file) {
      const res = await fetch('/api/uploads', {
        method: 'POST',
        headers: { 'content-type': s.file.type },
        body: s.file,
      }).catch(() => null);
      const data = (await res?.json().catch(() => null)) as {
        id?: string;
        error?: { message: string };
      } | null;
      if (!res?.ok || !data?.id) {
        toast.error(data?.error?.message ?? 'The upload failed. Try again.');
        return false;
      }
      uploadId = data.id;
    }
    const kind = s.mode === 'tip' ? 'tip' : s.mode === 'ppv' ? 'ppv' : uploadId ? 'media' : 'text';
    const r = await apiFetch<MessageView>(`/api/conversations/${conversation.id}/messages`, {
      method: 'POST',
      body: { kind, body: s.body, uploadId, amount: s.amount ?? undefined, clientKey: newIdempotencyKey() },
    });
    if (!r.ok) {
      if (r.status === 402) insufficient(r.error.message);
      else toast.error(r.error.message);
      return false;
    }
    stickToBottom.current = true;
    setMessages((list) => merge(list, [r.data], me.id, seenUntil.current));
    if (r.data.price > 0 && kind !== 'ppv') router.refresh();
    return true;
  }

  async function unlock(m: MessageView) {
    setBusyId(m.id);
    const r = await apiFetch<{ mediaUrl: string; mediaType: string }>(`/api/messages/${m.id}/unlock`, {
      method: 'POST',
      body: {},
    });
    setBusyId(null);
    if (!r.ok) {
      if (r.status === 402) insufficient(r.error.message);
      else toast.error(r.error.message);
      return;
    }
    setMessages((list) =>
      list.map((x) =>
        x.id === m.id
          ? { ...x, locked: false, unlocked: true, mediaUrl: r.data.mediaUrl, mediaType: r.data.mediaType }
          : x,
      ),
    );
    toast.success('Unlocked');
  }

  async function unsend(m: MessageView) {
    if (
      !window.confirm('Unsend this pay-per-view message? It disappears for the fan unless they already paid.')
    )
      return;
    setBusyId(m.id);
    const r = await apiFetch<{ hiddenFromRecipient: boolean }>(`/api/messages/${m.id}/unsend`, {
      method: 'POST',
      body: {},
    });
    setBusyId(null);
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    setMessages((list) =>
      list.map((x) => (x.id === m.id ? { ...x, unsentAt: new Date().toISOString() } : x)),
    );
    toast.success(r.data.hiddenFromRecipient ? 'Unsent' : 'They already paid, so they keep it');
  }

  async function toggleBlock() {
    const next = !blocked;
    if (next && !window.confirm(`Block ${other.displayName}? They will not be able to message you.`)) return;
    const r = await apiFetch(`/api/messages/blocks`, {
      method: 'POST',
      body: { userId: other.id, blocked: next },
    });
    if (!r.ok) return toast.error(r.error.message);
    setBlocked(next);
    toast.success(next ? `${other.displayName} is blocked` : `${other.displayName} is unblocked`);
  }

  const lastMine = [...messages].reverse().find((m) => m.senderId === me.id);
  const isTyping = typingUntil > Date.now();
  return (
    <section
      className="flex h-[calc(100dvh-9rem)] min-h-[28rem] flex-col overflow-hidden rounded-xl border bg-card"
      aria-label={`Conversation with ${other.displayName}`}
    >
      <header className="flex items-center gap-3 border-b px-3 py-2">
        <Button asChild variant="ghost" size="icon" className="lg:hidden" aria-label="Back to conversations">
          <Link href="/messages">
            <ArrowLeft aria-hidden />
          </Link>
        </Button>
        <span className="relative">
          <Avatar name={other.displayName} src={other.avatarUrl ?? undefined} />
          <span
            className={`absolute right-0 bottom-0 size-3 rounded-full border-2 border-card ${online ? 'bg-emerald-500' : 'bg-muted-foreground/40'}`}
            aria-hidden
          />
        </span>
        <div className="min-w-0 flex-1">
          <h1 className="truncate font-semibold">
            <Link href={`/creators/${other.username}`} className="hover:underline">
              {other.displayName}
            </Link>
          </h1>
          {other.loyaltyMonths > 0 ? (
            <span data-testid="thread-loyalty">
              <LoyaltyBadge months={other.loyaltyMonths} />
            </span>
          ) : null}
          <p className="truncate text-xs text-muted-foreground" aria-live="polite" data-testid="presence">
            {isTyping ? 'typing…' : online ? 'Online' : `@${other.username}`}
          </p>
        </div>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon" aria-label="Conversation options">
              <MoreVertical aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuItem
              onSelect={() => void toggleBlock()}
              variant={blocked ? 'default' : 'destructive'}
            >
              <Ban aria-hidden /> {blocked ? 'Unblock' : 'Block'} {other.displayName}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </header>
      <div ref={scroller} className="flex-1 overflow-y-auto px-3 py-4" data-testid="thread-scroller">
        <div ref={topSentinel} />
        {loadingOlder ? (
          <div className="flex justify-center py-2">
            <Spinner />
          </div>
        ) : cursor ? (
          <div className="flex justify-center py-2">
            <Button variant="ghost" size="sm" onClick={() => void loadOlder()}>
              Load older messages
            </Button>
          </div>
        ) : messages.length > 0 ? (
          <p className="py-2 text-center text-xs text-muted-foreground">
            This is the start of your conversation.
          </p>
        ) : null}
        {messages.length === 0 ? (
          <div className="grid h-full place-items-center text-center text-sm text-muted-foreground">
            <p>
              Say hello to {other.displayName}.
              {other.messagePrice > 0 && me.role === 'fan'
                ? ` Messages cost ${other.messagePrice} tokens each.`
                : ''}
            </p>
          </div>
        ) : (
          <ol className="space-y-3" aria-label="Messages">
            {messages.map((m) => (
              <MessageBubble
                key={m.id}
                m={m}
                mine={m.senderId === me.id}
                showReceipt={m.id === lastMine?.id}
                busy={busyId === m.id}
                onUnlock={unlock}
                onUnsend={unsend}
              />
            ))}
          </ol>
        )}
      </div>
      {isTyping ? (
        <p className="px-4 pb-1 text-xs text-muted-foreground" data-testid="typing">
          {other.displayName} is typing…
        </p>
      ) : null}
      <Composer
        canSendPpv={me.role === 'creator'}
        canTip={other.role === 'creator'}
        messagePrice={me.role === 'fan' && other.role === 'creator' ? other.messagePrice : 0}
        disabled={blocked}
        disabledReason={`You blocked ${other.displayName}. Unblock them to send a message.`}
        onSend={send}
        onTyping={typing}
      />
    </section>
  );
}
