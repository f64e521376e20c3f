import { ChevronLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/viewer';
import { getEarnings } from '@/lib/ledger/earnings';
import type { TransferKind } from '@/lib/ledger/types';
import { formatCents, formatTokens } from '@/lib/payments/format-money';

export const metadata: Metadata = { title: 'Earnings' };
export const dynamic = 'force-dynamic';

/** Every source creators earn from; a source with no earnings yet still shows, with 0. */
const SOURCES: { kind: TransferKind; label: string }[] = [
  { kind: 'tip', label: 'Tips' },
  { kind: 'call_minute', label: 'Paid call minutes' },
  { kind: 'message', label: 'Paid messages' },
  { kind: 'subscription', label: 'Subscriptions' },
  { kind: 'order', label: 'Shop orders' },
];

export default async function EarningsPage() {
  const viewer = await requireRole(['creator', 'admin'], '/creator/earnings');
  const e = await getEarnings(viewer.claims);
  const usd = (tokens: number) => formatCents(tokens * e.usd_cents_per_token, 'usd');
  const bySource = new Map(e.by_source.map((s) => [s.kind, s]));
  const extra = e.by_source.filter((s) => !SOURCES.some((x) => x.kind === s.kind));
  const rows = [
    ...SOURCES.map((s) => ({
      ...s,
      tokens: bySource.get(s.kind)?.tokens ?? 0,
      count: bySource.get(s.kind)?.count ?? 0,
    })),
    ...extra.map((s) => ({ kind: s.kind, label: s.kind, tokens: s.tokens, count: s.count })),
  ];
  const stats = [
    {
      label: 'Available earnings',
      tokens: e.available,
      note: 'Earned tokens not yet paid out',
      testId: 'earnings-available',
    },
    {
      label: 'Lifetime earned',
      tokens: e.lifetime_earned,
      note: 'Everything you have earned',
      testId: 'earnings-lifetime',
    },
    {
      label: 'Platform fee paid',
      tokens: e.platform_fee_paid,
      note: 'The platform’s share of what fans paid you',
      testId: 'earnings-fee',
    },
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
        <h1 className="text-2xl font-bold tracking-tight">Earnings</h1>
        <p className="text-muted-foreground">
          Earned tokens are kept apart from purchased ones and pay out at{' '}
          {formatCents(e.usd_cents_per_token, 'usd')} per token.
        </p>
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        {stats.map((s) => (
          <Card key={s.label}>
            <CardHeader>
              <CardDescription>{s.label}</CardDescription>
              <CardTitle as="div" className="text-3xl tabular-nums" data-testid={s.testId}>
                {formatTokens(s.tokens)}
                <span className="ml-2 text-sm font-normal text-muted-foreground">tokens</span>
              </CardTitle>
              <p className="text-sm font-medium">{usd(s.tokens)}</p>
              <p className="text-xs text-muted-foreground">{s.note}</p>
            </CardHeader>
          </Card>
        ))}
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h2">By source</CardTitle>
          <CardDescription>
            Your share after the platform fee, in tokens and in US dollars at the payout rate.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Source</TableHead>
                <TableHead className="text-right">Count</TableHead>
                <TableHead className="text-right">Tokens</TableHead>
                <TableHead className="text-right">USD</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.kind} data-testid={`source-${r.kind}`}>
                  <TableCell>
                    <span className="font-medium">{r.label}</span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatTokens(r.count)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatTokens(r.tokens)}</TableCell>
                  <TableCell className="text-right tabular-nums">{usd(r.tokens)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
