'use client';

import { Coins } from 'lucide-react';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { useHydrated } from '@/components/ui/use-hydrated';
import { apiFetch, fieldErrors, newIdempotencyKey } from '@/lib/http/client';
import { formatTokens } from '@/lib/payments/format-money';
import {
  TIP_MAX,
  TIP_MESSAGE_MAX,
  TIP_MIN,
  TIP_PRESETS,
  TipAmount,
  TipMessage,
} from '@/lib/payments/schemas';
import { cn } from '@/lib/utils/cn';

interface Props {
  creatorId: string;
  creatorName: string;
  /** The viewer's wallet when the page rendered. */
  balance: number;
  flagged: boolean;
}

export function TipCard({ creatorId, creatorName, balance: initialBalance, flagged }: Props) {
  const [amount, setAmount] = useState<string>(String(TIP_PRESETS[1]));
  const [message, setMessage] = useState('');
  const [pending, setPending] = useState(false);
  // Before hydration a click would submit the form natively (a reload that loses the tip).
  const hydrated = useHydrated();
  const [balance, setBalance] = useState(initialBalance);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  // One idempotency key per submission: a double click or a retry of the same tip reuses it (the ledger
  // returns the first tip); changing the amount or message, or a success, starts a new one.
  const pendingKey = useRef<{ key: string; fingerprint: string } | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const amountParsed = TipAmount.safeParse(amount.trim() === '' ? Number.NaN : Number(amount));
    const messageParsed = TipMessage.safeParse(message);
    const local: Record<string, string[]> = {};
    if (!amountParsed.success) local.amount = amountParsed.error.issues.map((i) => i.message);
    if (!messageParsed.success) local.message = messageParsed.error.issues.map((i) => i.message);
    setFields(local);
    setError(null);
    if (!amountParsed.success || !messageParsed.success) return;

    const fingerprint = `${amountParsed.data}|${messageParsed.data}`;
    if (pendingKey.current?.fingerprint !== fingerprint)
      pendingKey.current = { key: newIdempotencyKey(), fingerprint };
    setPending(true);
    const r = await apiFetch<{ transferId: number; balance: number }>('/api/tips', {
      method: 'POST',
      body: {
        creatorId,
        amount: amountParsed.data,
        message: messageParsed.data || undefined,
        idempotencyKey: pendingKey.current.key,
      },
    });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError({ code: r.error.code, message: r.error.message });
      return;
    }
    pendingKey.current = null;
    setBalance(r.data.balance);
    setMessage('');
    toast.success(`You tipped ${creatorName} ${formatTokens(amountParsed.data)} tokens`, {
      description: `New balance: ${formatTokens(r.data.balance)} tokens`,
    });
  }

  const selectedPreset = TIP_PRESETS.find((p) => String(p) === amount);

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          <Coins className="size-5 text-primary" aria-hidden /> Send {creatorName} a tip
        </CardTitle>
        <CardDescription>
          Your balance:{' '}
          <span className="font-medium text-foreground" data-testid="tip-balance">
            {formatTokens(balance)} tokens
          </span>{' '}
          ·{' '}
          <Link className="text-primary underline-offset-4 hover:underline" href="/wallet">
            Wallet
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          {flagged ? (
            <Alert variant="destructive">
              <AlertTitle>Spending is paused on your wallet</AlertTitle>
              <AlertDescription>
                <p>
                  A payment was refunded or disputed after its tokens were used.{' '}
                  <Link className="font-medium underline underline-offset-4" href="/wallet">
                    See your wallet
                  </Link>
                  .
                </p>
              </AlertDescription>
            </Alert>
          ) : null}
          {error ? (
            <Alert variant="destructive">
              <AlertTitle>
                {error.code === 'INSUFFICIENT_TOKENS' ? 'Not enough tokens' : 'Tip not sent'}
              </AlertTitle>
              <AlertDescription>
                <p>{error.message}</p>
                {error.code === 'INSUFFICIENT_TOKENS' ? (
                  <Link className="font-medium underline underline-offset-4" href="/wallet">
                    Buy tokens in your wallet
                  </Link>
                ) : null}
              </AlertDescription>
            </Alert>
          ) : null}
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Amount (tokens)</legend>
            <div className="flex flex-wrap items-start gap-2">
              {TIP_PRESETS.map((p) => (
                <Button
                  key={p}
                  type="button"
                  size="sm"
                  variant={selectedPreset === p ? 'default' : 'outline'}
                  aria-pressed={selectedPreset === p}
                  onClick={() => setAmount(String(p))}
                >
                  {p}
                </Button>
              ))}
              <FormField label="Custom amount" hideLabel error={fields.amount} className="w-36">
                <Input
                  name="amount"
                  type="number"
                  inputMode="numeric"
                  min={TIP_MIN}
                  max={TIP_MAX}
                  step={1}
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                  placeholder="Custom"
                  className="h-8"
                />
              </FormField>
            </div>
          </fieldset>
          <FormField
            label="Message (optional)"
            description={
              <span className={cn(message.trim().length > TIP_MESSAGE_MAX && 'text-destructive')}>
                {message.trim().length}/{TIP_MESSAGE_MAX} characters
              </span>
            }
            error={fields.message}
          >
            <Textarea
              name="message"
              rows={2}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              placeholder={`Say thanks to ${creatorName}`}
            />
          </FormField>
          <Button type="submit" loading={pending} disabled={flagged || !hydrated}>
            {pending ? 'Sending…' : 'Send tip'}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
