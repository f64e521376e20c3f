import { AlertTriangle, Download, Wallet } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { BuyPackageButton } from '@/components/wallet/buy-package-button';
import { HistoryTable } from '@/components/wallet/history-table';
import { PurchaseToast } from '@/components/wallet/purchase-toast';
import { ROLES } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';
import { env } from '@/lib/env';
import { listPackages } from '@/lib/ledger/packages';
import { getWallet, listHistory } from '@/lib/ledger/wallet';
import {
  formatCents,
  formatCentsPerToken,
  formatSignedTokens,
  formatTokens,
  packageDiscounts,
} from '@/lib/payments/format-money';
import { HistoryQuerySchema, KIND_LABELS, WALLET_FILTER_KINDS } from '@/lib/payments/schemas';
import { cn } from '@/lib/utils/cn';

export const metadata: Metadata = { title: 'Wallet' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function WalletPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireRole(ROLES, '/wallet');
  const sp = await searchParams;
  // An unknown kind or page in the address shows everything rather than an error page.
  const parsed = HistoryQuerySchema.safeParse({ page: one(sp.page), kind: one(sp.kind) || undefined });
  const { page, kind } = parsed.success ? parsed.data : { page: 1, kind: undefined };
  const [wallet, packages, history] = await Promise.all([
    getWallet(viewer.claims),
    listPackages(),
    listHistory(viewer.claims, { page, pageSize: 20, kind }),
  ]);
  const discounts = packageDiscounts(packages);

  const purchasedId = one(sp.purchased);
  const purchasedPkg = purchasedId ? packages.find((p) => p.id === purchasedId) : undefined;
  const local = env().services.payments.mode === 'local';
  const purchasedMessage = purchasedId
    ? local
      ? `${formatTokens(purchasedPkg?.tokens ?? 0)} tokens were added to your wallet.`
      : `${purchasedPkg ? formatTokens(purchasedPkg.tokens) : 'Your'} tokens appear in your wallet as soon as Stripe confirms the payment.`
    : null;

  const filterHref = (k: string | undefined) => (k ? `/wallet?kind=${k}#history` : '/wallet#history');
  const pageHref = (p: number) =>
    `/wallet?${new URLSearchParams({ ...(kind ? { kind } : {}), page: String(p) })}#history`;
  const csvHref = `/api/wallet/history?${new URLSearchParams({ format: 'csv', ...(kind ? { kind } : {}) })}`;

  return (
    <div className="space-y-8">
      <PurchaseToast purchased={purchasedMessage} canceled={one(sp.canceled) === '1'} />
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Wallet</h1>
        <p className="text-muted-foreground">Buy tokens, then tip creators and unlock what they offer.</p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,320px)_1fr]">
        <Card>
          <CardHeader>
            <CardDescription className="flex items-center gap-2">
              <Wallet className="size-4" aria-hidden /> Balance
            </CardDescription>
            <CardTitle
              as="div"
              className={cn('text-4xl tabular-nums', wallet.balance < 0 && 'text-destructive')}
              data-testid="wallet-balance"
            >
              {formatTokens(wallet.balance)}
              <span className="ml-2 text-base font-normal text-muted-foreground">tokens</span>
            </CardTitle>
          </CardHeader>
          <CardContent>
            {wallet.flagged ? (
              <Alert variant="destructive">
                <AlertTriangle aria-hidden />
                <AlertTitle>Spending is paused</AlertTitle>
                <AlertDescription>
                  <p>
                    A card payment was refunded or disputed after some of its tokens had been spent, so they
                    were taken back{wallet.balance < 0 ? ' and your balance went below zero' : ''}. Tips and
                    other spending are blocked until the balance is back to zero or above — buying tokens
                    repays it.
                  </p>
                </AlertDescription>
              </Alert>
            ) : (
              <p className="text-sm text-muted-foreground">
                Purchased tokens never expire. Creators receive 80% of every tip.
              </p>
            )}
          </CardContent>
        </Card>

        <section aria-labelledby="packages" className="space-y-3">
          <h2 id="packages" className="text-lg font-semibold">
            Buy tokens
          </h2>
          {packages.length === 0 ? (
            <EmptyState title="No token packages on sale" description="Check back soon." />
          ) : (
            <ul className="grid gap-4 sm:grid-cols-3">
              {packages.map((p) => {
                const discount = discounts.get(p.id) ?? 0;
                return (
                  <li key={p.id}>
                    <Card className="h-full gap-4" data-testid={`package-${p.id}`}>
                      <CardHeader>
                        <div className="flex items-center justify-between gap-2">
                          <CardTitle as="h3" className="text-2xl tabular-nums">
                            {formatTokens(p.tokens)}
                          </CardTitle>
                          {discount > 0 ? <Badge variant="success">Save {discount}%</Badge> : null}
                        </div>
                        <CardDescription>tokens</CardDescription>
                      </CardHeader>
                      <CardContent className="flex-1 space-y-1">
                        <p className="text-xl font-semibold">{formatCents(p.price_cents, p.currency)}</p>
                        <p className="text-sm text-muted-foreground">
                          {formatCentsPerToken(p.price_cents, p.tokens)} per token
                        </p>
                      </CardContent>
                      <CardFooter>
                        <BuyPackageButton
                          packageId={p.id}
                          label={`Buy ${formatTokens(p.tokens)} tokens for ${formatCents(p.price_cents, p.currency)}`}
                        />
                      </CardFooter>
                    </Card>
                  </li>
                );
              })}
            </ul>
          )}
          <p className="text-xs text-muted-foreground">
            {local
              ? 'Local mode: checkout is simulated — no card is charged.'
              : 'Payments are processed securely by Stripe.'}
          </p>
        </section>
      </div>

      <Card id="history">
        <CardHeader className="gap-4 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <CardTitle as="h2">History</CardTitle>
            <CardDescription>
              {history.total} {history.total === 1 ? 'entry' : 'entries'}
              {kind ? ` · ${KIND_LABELS[kind].toLowerCase()}s only` : ''}
            </CardDescription>
          </div>
          <Button asChild variant="outline" size="sm">
            <a href={csvHref} download>
              <Download aria-hidden /> Export CSV
            </a>
          </Button>
        </CardHeader>
        <CardContent className="space-y-4">
          <nav aria-label="Filter history by kind" className="flex flex-wrap gap-2">
            {[undefined, ...WALLET_FILTER_KINDS].map((k) => {
              const active = k === kind;
              return (
                <Link
                  key={k ?? 'all'}
                  href={filterHref(k)}
                  aria-current={active ? 'page' : undefined}
                  className={cn(
                    buttonVariants({ variant: active ? 'default' : 'outline', size: 'sm' }),
                    'rounded-full',
                  )}
                >
                  {k ? `${KIND_LABELS[k]}s` : 'All'}
                </Link>
              );
            })}
          </nav>
          {history.items.length === 0 ? (
            <EmptyState
              title={kind ? `No ${KIND_LABELS[kind].toLowerCase()}s yet` : 'No activity yet'}
              description={
                kind
                  ? 'Choose another filter to see the rest of your history.'
                  : 'Buy a token package above; your purchases and tips will be listed here.'
              }
            />
          ) : (
            <HistoryTable
              rows={history.items.map((r) => ({
                id: r.entry_id,
                createdAt: r.created_at.toISOString(),
                kind: KIND_LABELS[r.kind] ?? r.kind,
                counterparty: r.counterparty_username
                  ? { username: r.counterparty_username, name: r.counterparty_display_name }
                  : null,
                amount: r.amount,
                amountLabel: formatSignedTokens(r.amount),
                balanceAfter: formatTokens(r.balance_after),
                memo: r.memo,
                account: r.account_kind === 'creator_earnings' ? 'Earnings' : 'Wallet',
              }))}
            />
          )}
          {history.pageCount > 1 ? (
            <Pagination page={history.page} pageCount={history.pageCount} hrefFor={pageHref} />
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
