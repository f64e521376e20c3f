import { ChevronLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/viewer';
import { adminAccountEntries } from '@/lib/ledger/admin';
import { formatSignedTokens, formatTokens } from '@/lib/payments/format-money';
import { cn } from '@/lib/utils/cn';

export const metadata: Metadata = { title: 'Ledger account · Admin' };
export const dynamic = 'force-dynamic';

export default async function AdminLedgerAccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { id } = await params;
  const viewer = await requireRole(['admin'], `/admin/ledger/accounts/${encodeURIComponent(id)}`);
  if (!/^[1-9]\d{0,15}$/.test(id)) notFound();
  const accountId = Number(id);
  const page = Math.min(Math.max(1, Number.parseInt((await searchParams).page ?? '1', 10) || 1), 100_000);
  const entries = await adminAccountEntries(viewer.claims, accountId, { page }).catch((err: unknown) => {
    if ((err as { code?: unknown })?.code === 'CO404') notFound();
    throw err;
  });
  const hrefFor = (p: number) => `/admin/ledger/accounts/${accountId}?page=${p}`;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link
          href="/admin/ledger#accounts"
          className="inline-flex items-center gap-1 text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          <ChevronLeft className="size-4" aria-hidden /> Ledger
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">Account #{accountId}</h1>
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Entries</CardTitle>
          <CardDescription>
            {entries.total} {entries.total === 1 ? 'entry' : 'entries'}, newest first. Entries are
            append-only; corrections are reversing transfers.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {entries.items.length === 0 ? (
            <EmptyState title="No entries" description="Nothing has moved through this account yet." />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Date</TableHead>
                  <TableHead>Entry</TableHead>
                  <TableHead>Transfer</TableHead>
                  <TableHead>Kind</TableHead>
                  <TableHead className="text-right">Amount</TableHead>
                  <TableHead className="text-right">Balance after</TableHead>
                  <TableHead className="text-right">Version</TableHead>
                  <TableHead>Memo</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {entries.items.map((e) => (
                  <TableRow key={e.entry_id}>
                    <TableCell className="whitespace-nowrap text-muted-foreground">
                      <LocalTime value={e.created_at} />
                    </TableCell>
                    <TableCell className="font-mono text-xs">{e.entry_id}</TableCell>
                    <TableCell className="font-mono text-xs">{e.transfer_id}</TableCell>
                    <TableCell className="font-mono text-xs">{e.kind}</TableCell>
                    <TableCell
                      className={cn(
                        'text-right tabular-nums',
                        e.amount > 0 && 'text-success',
                        e.amount < 0 && 'text-destructive',
                      )}
                    >
                      {formatSignedTokens(e.amount)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{formatTokens(e.balance_after)}</TableCell>
                    <TableCell className="text-right tabular-nums text-muted-foreground">
                      {e.account_version}
                    </TableCell>
                    <TableCell
                      className="max-w-64 truncate text-sm text-muted-foreground"
                      title={e.memo ?? undefined}
                    >
                      {e.memo ?? ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {entries.pageCount > 1 ? (
            <Pagination page={entries.page} pageCount={entries.pageCount} hrefFor={hrefFor} />
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
