import { CheckCircle2, ChevronLeft, XCircle } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/viewer';
import { adminListAccounts, checkInvariants } from '@/lib/ledger/admin';
import { formatTokens } from '@/lib/payments/format-money';
import { cn } from '@/lib/utils/cn';

export const metadata: Metadata = { title: 'Ledger · Admin' };
export const dynamic = 'force-dynamic';

export default async function AdminLedgerPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; q?: string }>;
}) {
  const viewer = await requireRole(['admin'], '/admin/ledger');
  const sp = await searchParams;
  const page = Math.min(Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1), 100_000);
  const q = (sp.q ?? '').trim().slice(0, 60);
  const [check, accounts] = await Promise.all([
    checkInvariants(viewer.claims),
    adminListAccounts(viewer.claims, { page, q: q || undefined }),
  ]);
  const hrefFor = (p: number) =>
    `/admin/ledger?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}#accounts`;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link
          href="/admin"
          className="inline-flex items-center gap-1 text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          <ChevronLeft className="size-4" aria-hidden /> Admin
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">Ledger</h1>
        <p className="text-muted-foreground">
          Read-only: the invariant check, every account and its entries.
        </p>
      </div>

      <Card>
        <CardHeader className="gap-2 sm:flex-row sm:items-start sm:justify-between">
          <div className="space-y-1.5">
            <CardTitle as="h2">Invariant check</CardTitle>
            <CardDescription>
              Checked <LocalTime value={check.checked_at} />
            </CardDescription>
          </div>
          <Badge
            variant={check.ok ? 'success' : 'destructive'}
            className="text-sm"
            data-testid="invariants-status"
          >
            {check.ok ? 'All checks pass' : 'Check failed'}
          </Badge>
        </CardHeader>
        <CardContent>
          <ul className="divide-y divide-border">
            {check.checks.map((c) => (
              <li key={c.name} className="flex items-start gap-3 py-2.5" data-testid={`check-${c.name}`}>
                {c.ok ? (
                  <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-success" aria-label="Pass" />
                ) : (
                  <XCircle className="mt-0.5 size-5 shrink-0 text-destructive" aria-label="Fail" />
                )}
                <div className="min-w-0">
                  <p className={cn('font-medium', !c.ok && 'text-destructive')}>
                    {c.name.replace(/_/g, ' ')}
                  </p>
                  <p className="break-words text-sm text-muted-foreground">{c.detail}</p>
                </div>
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>

      <Card id="accounts">
        <CardHeader className="gap-4 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <CardTitle as="h2">Accounts</CardTitle>
            <CardDescription>
              {accounts.total} {accounts.total === 1 ? 'account' : 'accounts'}
              {q ? ` matching “${q}”` : ''}
            </CardDescription>
          </div>
          <form className="flex items-end gap-2" action="/admin/ledger#accounts">
            <label className="sr-only" htmlFor="ledger-q">
              Search by username
            </label>
            <Input
              id="ledger-q"
              name="q"
              defaultValue={q}
              placeholder="Search by username"
              className="w-56"
            />
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </form>
        </CardHeader>
        <CardContent className="space-y-4">
          {accounts.items.length === 0 ? (
            <EmptyState
              title={q ? 'No accounts match' : 'No accounts yet'}
              description={q ? 'Try another username.' : 'Accounts are opened by the first purchase or tip.'}
            />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Account</TableHead>
                  <TableHead>Kind</TableHead>
                  <TableHead>Owner</TableHead>
                  <TableHead className="text-right">Shard</TableHead>
                  <TableHead className="text-right">Balance</TableHead>
                  <TableHead className="text-right">Version</TableHead>
                  <TableHead>Status</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {accounts.items.map((a) => (
                  <TableRow key={a.id} data-testid={`account-row-${a.id}`}>
                    <TableCell>
                      <Link
                        href={`/admin/ledger/accounts/${a.id}`}
                        className="font-mono text-primary underline-offset-4 hover:underline"
                      >
                        #{a.id}
                      </Link>
                    </TableCell>
                    <TableCell className="font-mono text-xs">{a.kind}</TableCell>
                    <TableCell>
                      {a.owner_username ? (
                        `@${a.owner_username}`
                      ) : (
                        <span className="text-muted-foreground">platform</span>
                      )}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{a.shard}</TableCell>
                    <TableCell className={cn('text-right tabular-nums', a.balance < 0 && 'text-destructive')}>
                      {formatTokens(a.balance)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums text-muted-foreground">
                      {a.version}
                    </TableCell>
                    <TableCell>
                      {a.flagged ? (
                        <Badge variant="destructive">Flagged</Badge>
                      ) : (
                        <Badge variant="secondary">OK</Badge>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {accounts.pageCount > 1 ? (
            <Pagination page={accounts.page} pageCount={accounts.pageCount} hrefFor={hrefFor} />
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
