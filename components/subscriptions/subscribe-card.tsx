'use client';

import { Check, Crown } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { apiFetch } from '@/lib/http/client';
import { tokensLabel } from '@/lib/subscriptions/format';

export interface TierView {
  id: string;
  level: number;
  name: string;
  price: number;
  perks: string;
  memberCap: number | null;
  active: boolean;
}

export interface LiveSubView {
  id: string;
  tierId: string;
  status: 'active' | 'grace' | 'expired' | 'refunded';
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string;
  graceUntil: string | null;
}

type Viewer = { kind: 'anonymous' } | { kind: 'self' } | { kind: 'fan'; balance: number };

interface Props {
  creator: { username: string; displayName: string };
  tiers: TierView[];
  viewer: Viewer;
  live: LiveSubView | null;
}

/** The profile's subscription card: tiers with perks, subscribe / cancel / resubscribe, and the state. */
export function SubscribeCard({ creator, tiers, viewer, live }: Props) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = tiers.filter((t) => t.active);

  async function act(key: string, url: string, body: unknown, done: string) {
    setPending(key);
    setError(null);
    const r = await apiFetch(url, { method: 'POST', body });
    setPending(null);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    toast.success(done);
    router.refresh();
  }

  return (
    <Card data-testid="subscribe-card">
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          <Crown className="size-5 text-primary" aria-hidden /> Subscribe to {creator.displayName}
        </CardTitle>
        <CardDescription>
          Monthly, paid in tokens from your wallet. Cancel any time — you keep access to the end of the month
          you paid for.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {live ? (
          <Alert
            variant={live.status === 'grace' ? 'destructive' : 'default'}
            data-testid="subscription-state"
          >
            <AlertDescription>
              <p>
                {live.status === 'grace' ? (
                  <>
                    Your renewal could not be paid. You keep access until{' '}
                    <LocalTime value={live.graceUntil ?? live.currentPeriodEnd} />.{' '}
                    <Link href="/wallet" className="underline">
                      Add tokens
                    </Link>{' '}
                    and it renews automatically.
                  </>
                ) : live.cancelAtPeriodEnd ? (
                  <>
                    Cancelled — access until <LocalTime value={live.currentPeriodEnd} />.
                  </>
                ) : (
                  <>
                    Subscribed until <LocalTime value={live.currentPeriodEnd} />, renews automatically.
                  </>
                )}
              </p>
            </AlertDescription>
          </Alert>
        ) : null}
        {error ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <ul className="grid gap-3 sm:grid-cols-2">
          {active.map((t) => {
            const mine = live?.tierId === t.id;
            return (
              <li
                key={t.id}
                className="flex flex-col gap-3 rounded-lg border p-4"
                data-testid={`tier-${t.level}`}
              >
                <div className="flex items-start justify-between gap-2">
                  <div>
                    <p className="font-semibold">{t.name}</p>
                    <p className="text-sm text-muted-foreground">{tokensLabel(t.price)} / month</p>
                  </div>
                  {mine ? (
                    <Badge variant="success">
                      <Check aria-hidden /> Your tier
                    </Badge>
                  ) : null}
                </div>
                {t.perks ? <p className="whitespace-pre-line text-sm">{t.perks}</p> : null}
                <div className="mt-auto">
                  {viewer.kind === 'anonymous' ? (
                    <Button asChild variant="outline" className="w-full">
                      <Link href={`/signin?next=${encodeURIComponent(`/creators/${creator.username}`)}`}>
                        Sign in to subscribe
                      </Link>
                    </Button>
                  ) : viewer.kind === 'self' ? null : mine && live?.cancelAtPeriodEnd ? (
                    <Button
                      className="w-full"
                      disabled={pending !== null}
                      onClick={() =>
                        act(t.id, '/api/subscriptions', { tierId: t.id }, 'Subscription resumed')
                      }
                    >
                      {pending === t.id ? 'Resuming…' : 'Resubscribe'}
                    </Button>
                  ) : mine && live ? (
                    <Button
                      variant="outline"
                      className="w-full"
                      disabled={pending !== null}
                      onClick={() =>
                        act(
                          'cancel',
                          `/api/subscriptions/${live.id}/cancel`,
                          {},
                          'Cancelled: access continues to the end of the month',
                        )
                      }
                    >
                      {pending === 'cancel' ? 'Cancelling…' : 'Cancel subscription'}
                    </Button>
                  ) : live ? null : (
                    <Button
                      className="w-full"
                      disabled={pending !== null}
                      onClick={() =>
                        act(t.id, '/api/subscriptions', { tierId: t.id }, `Subscribed to ${t.name}`)
                      }
                    >
                      {pending === t.id ? 'Subscribing…' : `Subscribe for ${tokensLabel(t.price)}`}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
        {viewer.kind === 'fan' ? (
          <p className="text-sm text-muted-foreground">Your wallet: {tokensLabel(viewer.balance)}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
