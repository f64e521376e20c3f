import { CheckCircle2, CreditCard, XCircle } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LocalCheckoutActions } from '@/components/checkout/local-checkout-actions';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { ROLES } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';
import { env } from '@/lib/env';
import { formatCents, formatCentsPerToken, formatTokens } from '@/lib/payments/format-money';
import { getOwnLocalSession } from '@/lib/payments/local-sessions';
import { LocalSessionId } from '@/lib/payments/schemas';

export const metadata: Metadata = { title: 'Checkout (local)' };
export const dynamic = 'force-dynamic';

const packageName = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/[_-]/g, ' ');

/**
 * Local mode's stand-in for Stripe Checkout. Only the session's owner sees it; anyone else (and every
 * visitor when real Stripe is configured) gets a 404.
 */
export default async function LocalCheckoutPage({
  searchParams,
}: {
  searchParams: Promise<{ session?: string | string[] }>;
}) {
  const raw = (await searchParams).session;
  const sessionParam = Array.isArray(raw) ? raw[0] : raw;
  const viewer = await requireRole(
    ROLES,
    `/checkout/local?session=${encodeURIComponent(sessionParam ?? '')}`,
  );
  if (env().services.payments.mode !== 'local') notFound();
  const id = LocalSessionId.safeParse(sessionParam);
  if (!id.success) notFound();
  const s = await getOwnLocalSession(id.data, viewer.profile.id);
  if (!s) notFound();

  return (
    <div className="mx-auto max-w-lg space-y-6">
      <div className="space-y-1">
        <div className="flex items-center gap-2">
          <h1 className="text-2xl font-bold tracking-tight">Checkout</h1>
          <Badge variant="warning">Local test mode</Badge>
        </div>
        <p className="text-muted-foreground">
          No card is charged. Paying sends a Stripe-signed event to this app’s webhook, exactly as Stripe
          would.
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardDescription>Order</CardDescription>
          <CardTitle as="h2" className="flex items-baseline justify-between gap-4">
            <span>
              {formatTokens(s.tokens)} tokens
              <span className="ml-2 text-sm font-normal text-muted-foreground">
                {packageName(s.package_id)} package
              </span>
            </span>
            <span className="tabular-nums">{formatCents(s.amount_cents, s.currency)}</span>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Price per token</dt>
            <dd className="text-right">{formatCentsPerToken(s.amount_cents, s.tokens)}</dd>
            <dt className="text-muted-foreground">Account</dt>
            <dd className="truncate text-right">
              @{viewer.profile.username}
              {viewer.claims.email ? ` · ${viewer.claims.email}` : ''}
            </dd>
            <dt className="text-muted-foreground">Session</dt>
            <dd className="truncate text-right font-mono text-xs leading-5">{s.id}</dd>
            <dt className="text-muted-foreground">Total</dt>
            <dd className="text-right font-semibold">{formatCents(s.amount_cents, s.currency)}</dd>
          </dl>
        </CardContent>
        <CardFooter className="block space-y-4">
          {s.status === 'open' ? (
            <>
              <div className="flex items-center gap-2 rounded-md border border-dashed px-3 py-2 text-sm text-muted-foreground">
                <CreditCard className="size-4" aria-hidden /> Test card 4242 4242 4242 4242 (simulated)
              </div>
              <LocalCheckoutActions sessionId={s.id} tokensLabel={formatTokens(s.tokens)} />
            </>
          ) : s.status === 'paid' ? (
            <Alert variant="success">
              <CheckCircle2 aria-hidden />
              <AlertTitle>Paid</AlertTitle>
              <AlertDescription>
                <p>{formatTokens(s.tokens)} tokens were added to your wallet.</p>
              </AlertDescription>
            </Alert>
          ) : (
            <Alert variant="destructive">
              <XCircle aria-hidden />
              <AlertTitle>{s.status === 'failed' ? 'Payment failed' : 'Checkout expired'}</AlertTitle>
              <AlertDescription>
                <p>
                  {s.status === 'failed'
                    ? 'The (simulated) payment was declined. No tokens were added and nothing was charged.'
                    : 'This checkout was not paid within 24 hours. Nothing was charged.'}
                </p>
              </AlertDescription>
            </Alert>
          )}
          {s.status !== 'open' ? (
            <Button asChild variant={s.status === 'paid' ? 'default' : 'outline'} className="w-full">
              <Link href="/wallet">{s.status === 'paid' ? 'Go to your wallet' : 'Back to your wallet'}</Link>
            </Button>
          ) : (
            <Link
              href="/wallet?canceled=1"
              className="block text-center text-sm text-muted-foreground underline-offset-4 hover:underline"
            >
              Cancel and return to your wallet
            </Link>
          )}
        </CardFooter>
      </Card>
    </div>
  );
}
