import { Crown } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { MySubscriptionActions } from '@/components/subscriptions/my-subscription-actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { ROLES } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';
import { savedCreators } from '@/lib/discovery/discover';
import { tokensLabel } from '@/lib/subscriptions/format';
import { mySubscriptions } from '@/lib/subscriptions/subscribe';

export const metadata: Metadata = { title: 'My subscriptions' };
export const dynamic = 'force-dynamic';

export default async function MySubscriptionsPage() {
  const viewer = await requireRole(ROLES, '/subscriptions');
  const [subs, saved] = await Promise.all([mySubscriptions(viewer.claims), savedCreators(viewer.claims)]);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">My subscriptions</h1>
        <p className="text-muted-foreground">Renewals are paid from your wallet each month.</p>
      </div>
      {subs.length === 0 ? (
        <EmptyState
          icon={Crown}
          title="No subscriptions yet"
          description="Subscribe to a creator to read their subscriber-only posts."
          action={
            <Button asChild>
              <Link href="/creators">Browse creators</Link>
            </Button>
          }
        />
      ) : (
        <ul className="space-y-3">
          {subs.map((s) => {
            const live = s.status === 'active' || s.status === 'grace';
            return (
              <li key={s.id}>
                <Card data-testid="my-subscription">
                  <CardHeader>
                    <CardTitle as="h2" className="flex flex-wrap items-center gap-2 text-lg">
                      <Link href={`/creators/${s.creator.username}`} className="hover:underline">
                        {s.creator.displayName}
                      </Link>
                      <Badge variant="secondary">{s.tier.name}</Badge>
                      {s.status === 'grace' ? <Badge variant="warning">Payment due</Badge> : null}
                      {!live ? (
                        <Badge variant="outline">{s.status === 'refunded' ? 'Refunded' : 'Ended'}</Badge>
                      ) : null}
                    </CardTitle>
                    <CardDescription>
                      {s.status === 'grace' ? (
                        <>
                          Renewal failed: add {tokensLabel(s.tier.price)} to your wallet before{' '}
                          <LocalTime value={s.graceUntil ?? s.currentPeriodEnd} />.
                        </>
                      ) : live && s.cancelAtPeriodEnd ? (
                        <>
                          Cancelled — access until <LocalTime value={s.currentPeriodEnd} />.
                        </>
                      ) : live ? (
                        <>
                          Subscribed until <LocalTime value={s.currentPeriodEnd} /> · renews at{' '}
                          {tokensLabel(s.tier.price)}
                        </>
                      ) : (
                        <>
                          Ended <LocalTime value={s.endedAt ?? s.currentPeriodEnd} />
                        </>
                      )}
                    </CardDescription>
                  </CardHeader>
                  <CardContent>
                    <MySubscriptionActions
                      id={s.id}
                      tierId={s.tier.id}
                      live={live}
                      cancelAtPeriodEnd={s.cancelAtPeriodEnd}
                      creatorUsername={s.creator.username}
                    />
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      <section aria-labelledby="saved-heading" className="space-y-3">
        <h2 id="saved-heading" className="text-xl font-semibold tracking-tight">
          Saved creators
        </h2>
        {saved.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            Bookmark creators from the{' '}
            <Link href="/creators" className="underline">
              directory
            </Link>{' '}
            to find them here.
          </p>
        ) : (
          <ul className="flex flex-wrap gap-2" data-testid="saved-creators">
            {saved.map((c) => (
              <li key={c.id}>
                <Button asChild variant="outline" size="sm">
                  <Link href={`/creators/${c.username}`}>{c.displayName}</Link>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
