import { ChevronLeft, Download, TriangleAlert, Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ListingForm } from '@/components/discovery/listing-form';
import { LoyaltyBadge } from '@/components/subscriptions/loyalty-badge';
import { PostComposer } from '@/components/subscriptions/post-composer';
import { RefundButton } from '@/components/subscriptions/refund-button';
import { TierForm } from '@/components/subscriptions/tier-editor';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/viewer';
import { myListing } from '@/lib/discovery/discover';
import { formatCents } from '@/lib/payments/format-money';
import { tokensLabel } from '@/lib/subscriptions/format';
import { listSubscribers, myRoleFailures, subscriptionStats } from '@/lib/subscriptions/subscribers';
import { listTiers } from '@/lib/subscriptions/tiers';
import type { SubscriptionStatus } from '@/lib/subscriptions/types';

export const metadata: Metadata = { title: 'Subscriptions' };
export const dynamic = 'force-dynamic';

const STATUS: Record<
  SubscriptionStatus,
  { label: string; variant: 'success' | 'warning' | 'outline' | 'destructive' }
> = {
  active: { label: 'Active', variant: 'success' },
  grace: { label: 'Payment due', variant: 'warning' },
  expired: { label: 'Ended', variant: 'outline' },
  refunded: { label: 'Refunded', variant: 'destructive' },
};

export default async function CreatorSubscriptionsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const viewer = await requireRole(['creator'], '/creator/subscriptions');
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const [tiers, stats, subs, failures, category] = await Promise.all([
    listTiers(viewer.profile.id, viewer.claims),
    subscriptionStats(viewer.claims, 'UTC'),
    listSubscribers(viewer.claims, { page }),
    myRoleFailures(viewer.claims),
    myListing(viewer.claims),
  ]);
  const nextLevel = [1, 2, 3, 4, 5].find((l) => !tiers.some((t) => t.level === l));
  const figures = [
    { label: 'Active subscribers', value: String(stats.activeCount), testId: 'stat-active' },
    {
      label: 'Monthly recurring',
      value: tokensLabel(stats.mrrTokens),
      note: `≈ ${formatCents(stats.mrrUsdCents, 'usd')} at the lowest token package price`,
      testId: 'stat-mrr',
    },
    {
      label: 'Churn this month',
      value: `${(stats.churnRate * 100).toFixed(1)}%`,
      note: `${stats.churnedThisMonth} of ${stats.liveAtMonthStart} subscribers at the start of the month (UTC)`,
      testId: 'stat-churn',
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
        <h1 className="text-2xl font-bold tracking-tight">Subscriptions</h1>
        <p className="text-muted-foreground">
          Up to 5 monthly tiers. Fans pay in tokens; you receive the amount minus the platform fee. Price
          changes apply from each subscriber&apos;s next month and are emailed to them.
        </p>
      </div>

      {failures.length > 0 ? (
        <Alert variant="destructive" data-testid="role-failures">
          <TriangleAlert aria-hidden />
          <AlertTitle>Discord roles could not be updated</AlertTitle>
          <AlertDescription>
            <ul className="mt-2 space-y-2">
              {failures.map((f) => (
                <li key={f.id}>
                  <span className="font-medium">
                    {f.tierName ?? 'A tier'} · role {f.roleId}:
                  </span>{' '}
                  {f.message} (<LocalTime value={f.createdAt} />)
                  <br />
                  <span className="font-medium">Fix:</span> {f.fix}
                </li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-3">
        {figures.map((s) => (
          <Card key={s.label}>
            <CardHeader>
              <CardDescription>{s.label}</CardDescription>
              <CardTitle as="div" className="text-3xl tabular-nums" data-testid={s.testId}>
                {s.value}
              </CardTitle>
              {s.note ? <p className="text-xs text-muted-foreground">{s.note}</p> : null}
            </CardHeader>
          </Card>
        ))}
      </div>

      <Card>
        <CardContent>
          <ListingForm initial={category} />
        </CardContent>
      </Card>

      <section aria-labelledby="tiers-heading" className="space-y-3">
        <h2 id="tiers-heading" className="text-xl font-semibold tracking-tight">
          Tiers ({tiers.length} of 5)
        </h2>
        <div className="grid gap-4 lg:grid-cols-2">
          {tiers.map((t) => (
            <Card key={t.id}>
              <CardHeader>
                <CardTitle as="h3" className="flex flex-wrap items-center gap-2 text-base">
                  Level {t.level}: {t.name}
                  {!t.active ? <Badge variant="outline">Closed</Badge> : null}
                  <Badge variant="secondary">{t.subscriberCount} live</Badge>
                </CardTitle>
              </CardHeader>
              <CardContent>
                <TierForm tier={t} />
              </CardContent>
            </Card>
          ))}
          {nextLevel ? (
            <Card>
              <CardHeader>
                <CardTitle as="h3" className="text-base">
                  New tier (level {nextLevel})
                </CardTitle>
                <CardDescription>Higher levels see everything lower levels see.</CardDescription>
              </CardHeader>
              <CardContent>
                <TierForm
                  key={`new-${nextLevel}-${tiers.length}`}
                  tier={{
                    level: nextLevel,
                    name: '',
                    price: 0,
                    perks: '',
                    memberCap: null,
                    active: true,
                    discordGuildId: null,
                    discordRoleId: null,
                  }}
                />
              </CardContent>
            </Card>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="post-heading" className="space-y-3">
        <h2 id="post-heading" className="text-xl font-semibold tracking-tight">
          New post
        </h2>
        <Card>
          <CardContent>
            <PostComposer tiers={tiers.map((t) => ({ level: t.level, name: t.name }))} />
          </CardContent>
        </Card>
      </section>

      <section aria-labelledby="subs-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="subs-heading" className="text-xl font-semibold tracking-tight">
            Subscribers
          </h2>
          <Button asChild variant="outline" size="sm">
            <a href="/api/subscriptions/subscribers?format=csv" download>
              <Download aria-hidden /> Export CSV
            </a>
          </Button>
        </div>
        {subs.total === 0 ? (
          <EmptyState
            icon={Users}
            title="No subscribers yet"
            description="Share your profile page: fans subscribe from there."
          />
        ) : (
          <>
            <Table data-testid="subscribers-table">
              <TableHeader>
                <TableRow>
                  <TableHead>Fan</TableHead>
                  <TableHead>Tier</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Since</TableHead>
                  <TableHead>Paid until</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {subs.items.map((s) => (
                  <TableRow key={s.subscriptionId}>
                    <TableCell>
                      <div className="flex flex-wrap items-center gap-2">
                        <Link href={`/creators/${s.username}`} className="font-medium hover:underline">
                          {s.displayName}
                        </Link>
                        <LoyaltyBadge months={s.months} />
                      </div>
                      <span className="text-xs text-muted-foreground">@{s.username}</span>
                    </TableCell>
                    <TableCell>
                      {s.tierName} · {tokensLabel(s.price)}
                    </TableCell>
                    <TableCell>
                      <Badge variant={STATUS[s.status].variant}>{STATUS[s.status].label}</Badge>
                      {s.cancelAtPeriodEnd && s.status === 'active' ? (
                        <span className="ml-1 text-xs text-muted-foreground">cancels at period end</span>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <LocalTime value={s.startedAt} mode="date" />
                    </TableCell>
                    <TableCell>
                      {s.endedAt ? 'Ended ' : ''}
                      <LocalTime value={s.endedAt ?? s.currentPeriodEnd} mode="date" />
                    </TableCell>
                    <TableCell>
                      {s.status === 'active' || s.status === 'grace' ? (
                        <RefundButton id={s.subscriptionId} fan={s.username} />
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {subs.pageCount > 1 ? (
              <Pagination
                page={subs.page}
                pageCount={subs.pageCount}
                hrefFor={(p) => `/creator/subscriptions?page=${p}`}
                label="Subscribers pages"
              />
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
