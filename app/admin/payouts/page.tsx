import { Wallet } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminPayoutDecision } from '@/components/payouts/admin-decision';
import { PayoutStatusBadge } from '@/components/payouts/payout-status';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/viewer';
import { formatCents } from '@/lib/payments/format-money';
import { listPayouts } from '@/lib/payouts/payouts';
import { tokensLabel } from '@/lib/subscriptions/format';

export const metadata: Metadata = { title: 'Payouts · Admin' };
export const dynamic = 'force-dynamic';

/** Self-contained admin page: payout requests to approve or reject; the rest for reference. */
export default async function AdminPayoutsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const viewer = await requireRole(['admin'], '/admin/payouts');
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const payouts = await listPayouts(viewer.claims, { all: true, page, pageSize: 25 });
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">Payouts</h1>
        <p className="text-muted-foreground">
          Approving sends the transfer at once (Stripe, or simulated in local mode); a failed transfer returns
          the tokens to the creator. Rejections need a reason, which the creator sees.
        </p>
      </div>
      {payouts.total === 0 ? (
        <EmptyState icon={Wallet} title="No payout requests" description="Creators' requests appear here." />
      ) : (
        <>
          <Table data-testid="admin-payouts">
            <TableHeader>
              <TableRow>
                <TableHead>Creator</TableHead>
                <TableHead>Requested</TableHead>
                <TableHead>Tokens</TableHead>
                <TableHead>Amount</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Action</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {payouts.items.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>
                    <Link href={`/creators/${p.creatorUsername}`} className="font-medium hover:underline">
                      @{p.creatorUsername}
                    </Link>
                    {p.source === 'auto' ? (
                      <span className="ml-1 text-xs text-muted-foreground">(weekly)</span>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <LocalTime value={p.createdAt} />
                  </TableCell>
                  <TableCell className="tabular-nums">{tokensLabel(p.amount)}</TableCell>
                  <TableCell className="tabular-nums">{formatCents(p.usdCents, 'usd')}</TableCell>
                  <TableCell>
                    <PayoutStatusBadge status={p.status} />
                    {p.reason ? <p className="mt-1 text-xs text-muted-foreground">{p.reason}</p> : null}
                  </TableCell>
                  <TableCell>
                    {p.status === 'requested' ? (
                      <AdminPayoutDecision
                        id={p.id}
                        label={`${tokensLabel(p.amount)} to @${p.creatorUsername}`}
                      />
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {payouts.pageCount > 1 ? (
            <Pagination
              page={payouts.page}
              pageCount={payouts.pageCount}
              hrefFor={(n) => `/admin/payouts?page=${n}`}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
