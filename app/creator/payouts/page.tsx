import { ChevronLeft, FileText, Wallet } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PayoutSetup } from '@/components/payouts/bank-form';
import { PayoutStatusBadge } from '@/components/payouts/payout-status';
import { PayoutRequestForm } from '@/components/payouts/request-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/viewer';
import { formatCents } from '@/lib/payments/format-money';
import { getPayoutAccount, payoutMode, refreshStripeAccount } from '@/lib/payouts/account';
import { listPayouts, payoutSummary } from '@/lib/payouts/payouts';
import { tokensLabel } from '@/lib/subscriptions/format';

export const metadata: Metadata = { title: 'Payouts' };
export const dynamic = 'force-dynamic';

export default async function CreatorPayoutsPage({
  searchParams,
}: {
  searchParams: Promise<{ onboarding?: string }>;
}) {
  const viewer = await requireRole(['creator'], '/creator/payouts');
  const sp = await searchParams;
  let account = await getPayoutAccount(viewer.claims);
  if (account && sp.onboarding === 'done') account = await refreshStripeAccount(viewer.profile.id, account);
  const [summary, history] = await Promise.all([payoutSummary(viewer.claims), listPayouts(viewer.claims)]);
  const usd = (t: number) => formatCents(t * summary.usdCentsPerToken, 'usd');
  const figures = [
    { label: 'Available', tokens: summary.available, testId: 'payout-available' },
    { label: 'In review or sending', tokens: summary.pending, testId: 'payout-pending' },
    { label: 'Paid out', tokens: summary.paid, testId: 'payout-paid' },
  ];
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link
          href="/creator"
          className="inline-flex items-center gap-1 text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          <ChevronLeft className="size-4" aria-hidden /> Creator studio
        </Link>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h1 className="text-2xl font-bold tracking-tight">Payouts</h1>
          <Button asChild variant="outline" size="sm">
            <Link href="/creator/payouts/statements">
              <FileText aria-hidden /> Monthly statements
            </Link>
          </Button>
        </div>
        <p className="text-muted-foreground">
          Earned tokens pay out at {formatCents(summary.usdCentsPerToken, 'usd')} per token. Every payout is
          reviewed by an admin before it is sent.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {figures.map((f) => (
          <Card key={f.label}>
            <CardHeader>
              <CardDescription>{f.label}</CardDescription>
              <CardTitle as="div" className="text-3xl tabular-nums" data-testid={f.testId}>
                {tokensLabel(f.tokens)}
              </CardTitle>
              <p className="text-xs text-muted-foreground">≈ {usd(f.tokens)}</p>
            </CardHeader>
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2" className="flex flex-wrap items-center gap-2">
            Payout method
            {account ? (
              <Badge variant={account.status === 'ready' ? 'success' : 'warning'}>
                {account.status === 'ready' ? 'Ready' : 'Onboarding not finished'}
              </Badge>
            ) : null}
            {account?.mode === 'simulated' ? <Badge variant="outline">Simulated</Badge> : null}
          </CardTitle>
          {account?.mode === 'simulated' ? (
            <CardDescription>
              {account.bankHolder} · {account.bankCountry} ···· {account.bankLast4}
            </CardDescription>
          ) : account?.mode === 'stripe' ? (
            <CardDescription>Stripe account {account.stripeAccountId}</CardDescription>
          ) : null}
        </CardHeader>
        <CardContent>
          {account?.status !== 'ready' || account.mode === 'simulated' ? (
            <PayoutSetup mode={payoutMode()} />
          ) : null}
        </CardContent>
      </Card>
      {account?.status === 'ready' ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">Request a payout</CardTitle>
          </CardHeader>
          <CardContent>
            <PayoutRequestForm
              available={summary.available}
              minTokens={summary.minTokens}
              autoWeekly={account.autoWeekly}
            />
          </CardContent>
        </Card>
      ) : null}
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold tracking-tight">
          History
        </h2>
        {history.total === 0 ? (
          <EmptyState
            icon={Wallet}
            title="No payouts yet"
            description="Requested payouts show here with their status."
          />
        ) : (
          <Table data-testid="payout-history">
            <TableHeader>
              <TableRow>
                <TableHead>Requested</TableHead>
                <TableHead>Tokens</TableHead>
                <TableHead>Amount</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Note</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {history.items.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>
                    <LocalTime value={p.createdAt} />
                    {p.source === 'auto' ? (
                      <span className="ml-1 text-xs text-muted-foreground">(weekly)</span>
                    ) : null}
                  </TableCell>
                  <TableCell className="tabular-nums">{tokensLabel(p.amount)}</TableCell>
                  <TableCell className="tabular-nums">{formatCents(p.usdCents, 'usd')}</TableCell>
                  <TableCell>
                    <PayoutStatusBadge status={p.status} />
                  </TableCell>
                  <TableCell className="text-sm text-muted-foreground">{p.reason ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
