'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { apiFetch, newIdempotencyKey } from '@/lib/http/client';
import { formatTokens } from '@/lib/payments/format-money';
import type { Gift, StreamEvent } from '@/lib/streams/types';
import { GiftIcon } from './gift-icon';

type PaidResponse = { event: StreamEvent; balance: number; replayed: boolean };

/**
 * Gifts and tips during a stream. Each intent gets one idempotency key that is reused while it is in
 * flight (a double click or a retry charges once) and dropped after an answer, so the next click is a
 * new gift. Prices come from the catalog; the server charges the catalog price.
 */
export function SupportPanel({
  streamId,
  gifts,
  balance: initialBalance,
  live,
  onSent,
}: {
  streamId: string;
  gifts: Gift[];
  balance: number;
  live: boolean;
  onSent: (e: StreamEvent) => void;
}) {
  const [balance, setBalance] = useState(initialBalance);
  // A purchase elsewhere on the page (the pinned product) moves the same wallet.
  useEffect(() => setBalance(initialBalance), [initialBalance]);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [amount, setAmount] = useState('10');
  const [message, setMessage] = useState('');
  const keys = useRef(new Map<string, string>());

  const pay = async (intent: string, url: string, body: Record<string, unknown>) => {
    let key = keys.current.get(intent);
    if (!key) {
      key = newIdempotencyKey();
      keys.current.set(intent, key);
    }
    setPending(intent);
    setError(null);
    const r = await apiFetch<PaidResponse>(url, { method: 'POST', body: { ...body, idempotencyKey: key } });
    setPending(null);
    if (!r.ok && r.status === 0) {
      setError(r.error); // network: keep the key so a retry cannot charge twice
      return false;
    }
    keys.current.delete(intent);
    if (!r.ok) {
      setError({
        code: r.error.code,
        message: r.error.details?.fields
          ? Object.values(r.error.details.fields).flat().join(' ')
          : r.error.message,
      });
      return false;
    }
    setBalance(r.data.balance);
    onSent(r.data.event);
    return true;
  };

  const sendGift = async (g: Gift) => {
    if (await pay(`gift:${g.id}`, `/api/streams/${streamId}/gift`, { giftId: g.id })) {
      toast.success(`${g.name} sent`);
    }
  };

  const sendTip = async (e: React.FormEvent) => {
    e.preventDefault();
    const n = Number(amount);
    if (
      await pay(`tip:${n}:${message}`, `/api/streams/${streamId}/tip`, {
        amount: n,
        message: message.trim() || undefined,
      })
    ) {
      toast.success(`Tipped ${formatTokens(n)} tokens`);
      setMessage('');
    }
  };

  return (
    <section aria-labelledby="support-title" className="space-y-4 rounded-xl border bg-card p-4">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="support-title" className="text-sm font-semibold">
          Send a gift or tip
        </h2>
        <p className="text-xs text-muted-foreground">
          Your balance:{' '}
          <span className="font-medium text-foreground" data-testid="stream-balance">
            {formatTokens(balance)}
          </span>{' '}
          tokens
        </p>
      </div>
      <ul className="grid grid-cols-4 gap-2 sm:grid-cols-7 lg:grid-cols-4" aria-label="Gifts">
        {gifts.map((g) => (
          <li key={g.id}>
            <Button
              type="button"
              variant="outline"
              className="flex h-auto w-full flex-col gap-0.5 px-1 py-2"
              disabled={!live || (pending !== null && pending !== `gift:${g.id}`)}
              loading={pending === `gift:${g.id}`}
              onClick={() => sendGift(g)}
              aria-label={`Send ${g.name} for ${g.price} tokens`}
            >
              <GiftIcon id={g.id} />
              <span className="text-xs">{g.name}</span>
              <span className="text-[11px] text-muted-foreground">{formatTokens(g.price)}</span>
            </Button>
          </li>
        ))}
      </ul>
      <form onSubmit={sendTip} className="grid gap-2 sm:grid-cols-[7rem_1fr_auto] sm:items-end" noValidate>
        <FormField label="Tip (tokens)">
          <Input
            inputMode="numeric"
            type="number"
            min={1}
            max={100000}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </FormField>
        <FormField label="Message (optional)">
          <Input value={message} maxLength={280} onChange={(e) => setMessage(e.target.value)} />
        </FormField>
        <Button
          type="submit"
          disabled={!live || (pending !== null && !pending.startsWith('tip:'))}
          loading={pending?.startsWith('tip:')}
        >
          Tip
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error.message}{' '}
          {error.code === 'INSUFFICIENT_TOKENS' ? (
            <Link href="/wallet" className="font-medium underline underline-offset-4">
              Buy tokens
            </Link>
          ) : null}
        </p>
      ) : null}
      <p className="text-xs text-muted-foreground">
        Gifts and tips go to the creator through the token ledger (the platform keeps its usual fee) and
        appear on screen for everyone.
      </p>
    </section>
  );
}
