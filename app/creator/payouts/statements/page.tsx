import { ChevronLeft, Download } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/viewer';
import { currentMonth, monthlyStatement, type StatementLine } from '@/lib/payouts/statement';
import { tokensLabel } from '@/lib/subscriptions/format';

export const metadata: Metadata = { title: 'Monthly statement' };
export const dynamic = 'force-dynamic';

const SECTIONS: { key: StatementLine['section']; title: string }[] = [
  { key: 'earnings', title: 'Earnings by source' },
  { key: 'fees', title: 'Platform fees on those earnings' },
  { key: 'deductions', title: 'Refunds and corrections' },
  { key: 'payouts', title: 'Payouts' },
];

const KIND_LABELS: Record<string, string> = {
  tip: 'Tips',
  call_minute: 'Paid calls',
  message: 'Paid messages',
  subscription: 'Subscriptions',
  order: 'Shop orders',
  refund: 'Refunds',
  requested: 'Awaiting review',
  processing: 'Sending',
  paid: 'Paid',
  rejected: 'Rejected (returned)',
  failed: 'Failed (returned)',
};

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

export default async function StatementsPage({
  searchParams,
}: {
  searchParams: Promise<{ month?: string }>;
}) {
  const viewer = await requireRole(['creator'], '/creator/payouts/statements');
  const raw = (await searchParams).month;
  const month = raw && /^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? raw : currentMonth();
  const lines = await monthlyStatement(viewer.claims, month);
  const label = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link
          href="/creator/payouts"
          className="inline-flex items-center gap-1 text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          <ChevronLeft className="size-4" aria-hidden /> Payouts
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">Statement — {label}</h1>
        <p className="text-muted-foreground">Months run on UTC.</p>
        <nav className="flex flex-wrap gap-2" aria-label="Statement months">
          <Button asChild variant="outline" size="sm">
            <Link href={`/creator/payouts/statements?month=${shiftMonth(month, -1)}`}>Previous month</Link>
          </Button>
          {month < currentMonth() ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/creator/payouts/statements?month=${shiftMonth(month, 1)}`}>Next month</Link>
            </Button>
          ) : null}
          <Button asChild size="sm">
            <a href={`/api/payouts/statement?month=${month}&format=csv`} download>
              <Download aria-hidden /> CSV
            </a>
          </Button>
        </nav>
      </div>
      {lines.length === 0 ? (
        <EmptyState title="Nothing this month" description="Earnings and payouts of the month show here." />
      ) : (
        SECTIONS.filter((s) => lines.some((l) => l.section === s.key)).map((s) => (
          <section key={s.key} aria-labelledby={`st-${s.key}`} className="space-y-2">
            <h2 id={`st-${s.key}`} className="text-lg font-semibold">
              {s.title}
            </h2>
            <Table data-testid={`statement-${s.key}`}>
              <TableHeader>
                <TableRow>
                  <TableHead>Kind</TableHead>
                  <TableHead className="text-right">Count</TableHead>
                  <TableHead className="text-right">Tokens</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {lines
                  .filter((l) => l.section === s.key)
                  .map((l) => (
                    <TableRow key={l.kind}>
                      <TableCell>{KIND_LABELS[l.kind] ?? l.kind}</TableCell>
                      <TableCell className="text-right tabular-nums">{l.count}</TableCell>
                      <TableCell className="text-right tabular-nums">{tokensLabel(l.tokens)}</TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
          </section>
        ))
      )}
    </div>
  );
}
