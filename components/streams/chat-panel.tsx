'use client';

import { MicOff, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { LoyaltyBadge } from '@/components/subscriptions/loyalty-badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { apiFetch } from '@/lib/http/client';
import { CHAT_MAX } from '@/lib/streams/schemas';
import type { ChatMessage } from '@/lib/streams/types';

/**
 * Stream chat. Viewers send (1–300 characters, rate limited by the server: its message is shown as is).
 * The creator gets Delete and Mute on each viewer message — each click is a recorded human action.
 */
export function ChatPanel({
  streamId,
  viewerId,
  creatorId,
  isCreator,
  live,
  muted,
  mutedUsers,
  messages,
  onMuteChange,
}: {
  streamId: string;
  viewerId: string;
  creatorId: string;
  isCreator: boolean;
  live: boolean;
  muted: boolean;
  mutedUsers: Set<string>;
  messages: ChatMessage[];
  onMuteChange: (userId: string, muted: boolean) => void;
}) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const count = messages.length;

  useEffect(() => {
    const el = list.current;
    if (el && count) el.scrollTop = el.scrollHeight;
  }, [count]);

  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    setSending(true);
    setError(null);
    const r = await apiFetch(`/api/streams/${streamId}/chat`, { method: 'POST', body: { body } });
    setSending(false);
    if (r.ok) setText('');
    else setError(r.error.details?.fields?.body?.[0] ?? r.error.message);
  };

  const remove = async (m: ChatMessage) => {
    setBusy(`d${m.id}`);
    const r = await apiFetch(`/api/streams/${streamId}/chat/${m.id}`, { method: 'DELETE' });
    setBusy(null);
    if (!r.ok) setError(r.error.message);
  };

  const toggleMute = async (userId: string, on: boolean) => {
    setBusy(`m${userId}`);
    const r = await apiFetch(`/api/streams/${streamId}/mute`, {
      method: 'POST',
      body: { userId, muted: on },
    });
    setBusy(null);
    if (r.ok) onMuteChange(userId, on);
    else setError(r.error.message);
  };

  const remaining = CHAT_MAX - text.length;
  return (
    <section aria-labelledby="chat-title" className="flex min-h-0 flex-col rounded-xl border bg-card">
      <h2 id="chat-title" className="border-b px-4 py-2 text-sm font-semibold">
        Chat
      </h2>
      <ol
        ref={list}
        aria-live="polite"
        aria-label="Chat messages"
        className="h-72 space-y-2 overflow-y-auto px-4 py-3 text-sm lg:h-96"
      >
        {messages.length === 0 ? (
          <li className="text-muted-foreground">No messages yet. Say hello!</li>
        ) : null}
        {messages.map((m) => {
          const own = m.sender.id === viewerId;
          const fromCreator = m.sender.id === creatorId;
          return (
            <li key={m.id} className="group flex items-start gap-2" data-testid="chat-message">
              <p className="min-w-0 flex-1 break-words">
                <span className={fromCreator ? 'font-semibold text-primary' : 'font-semibold'}>
                  {m.sender.displayName}
                  {fromCreator ? ' (creator)' : ''}
                </span>{' '}
                {m.loyaltyMonths > 0 && !fromCreator ? (
                  <span className="mr-1 inline-block align-middle" data-testid="chat-loyalty">
                    <LoyaltyBadge months={m.loyaltyMonths} />
                  </span>
                ) : null}
                {m.body === null ? (
                  <em className="text-muted-foreground">message removed by the creator</em>
                ) : (
                  <span>{m.body}</span>
                )}
              </p>
              {isCreator && !own && m.body !== null ? (
                <Button
                  type="button"
                  size="icon"
                  variant="ghost"
                  className="size-7 shrink-0"
                  aria-label={`Remove the message from ${m.sender.displayName}`}
                  loading={busy === `d${m.id}`}
                  onClick={() => remove(m)}
                >
                  <Trash2 aria-hidden />
                </Button>
              ) : null}
              {isCreator && !own ? (
                <Button
                  type="button"
                  size="sm"
                  variant={mutedUsers.has(m.sender.id) ? 'secondary' : 'ghost'}
                  className="h-7 shrink-0 px-2 text-xs"
                  loading={busy === `m${m.sender.id}`}
                  onClick={() => toggleMute(m.sender.id, !mutedUsers.has(m.sender.id))}
                  aria-label={`${mutedUsers.has(m.sender.id) ? 'Unmute' : 'Mute'} ${m.sender.displayName}`}
                >
                  <MicOff aria-hidden />
                  {mutedUsers.has(m.sender.id) ? 'Unmute' : 'Mute'}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ol>
      <form onSubmit={send} className="space-y-1 border-t p-3" noValidate>
        <div className="flex gap-2">
          <label htmlFor="chat-input" className="sr-only">
            Chat message
          </label>
          <Input
            id="chat-input"
            value={text}
            maxLength={CHAT_MAX}
            onChange={(e) => setText(e.target.value)}
            placeholder={!live ? 'The stream has ended' : muted ? 'The creator muted you' : 'Say something…'}
            disabled={!live || muted}
            aria-invalid={error ? true : undefined}
            aria-describedby="chat-help"
          />
          <Button type="submit" loading={sending} disabled={!live || muted || !text.trim()}>
            Send
          </Button>
        </div>
        <p
          id="chat-help"
          className={error ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}
          role={error ? 'alert' : undefined}
        >
          {error ?? `${remaining} characters left`}
        </p>
      </form>
    </section>
  );
}
