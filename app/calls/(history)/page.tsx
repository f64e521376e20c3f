import { PhoneCall } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { CallsTable } from '@/components/calls/history/calls-table';
import { UpcomingBookings } from '@/components/calls/history/upcoming-bookings';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ROLES } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';
import { listCalls } from '@/lib/calls/history';
import { CallsQuerySchema } from '@/lib/calls/schemas';
import { BILLING_RULE } from '@/lib/calls/types';

export const metadata: Metadata = { title: 'Calls' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 20;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CallsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireRole(ROLES, '/calls');
  const sp = await searchParams;
  // A page number that is not one shows the first page rather than an error.
  const parsed = CallsQuerySchema.safeParse({ page: Array.isArray(sp.page) ? sp.page[0] : sp.page });
  const page = parsed.success ? parsed.data.page : 1;
  const calls = await listCalls(viewer.claims, { page, pageSize: PAGE_SIZE });

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">Calls</h1>
        <p className="text-muted-foreground">Your paid 1-on-1 calls and their statements.</p>
      </div>

      <UpcomingBookings viewerId={viewer.profile.id} isCreator={viewer.profile.role === 'creator'} />

      <section aria-labelledby="history-title">
        <Card className="gap-4">
          <CardHeader>
            <CardTitle as="h2" id="history-title">
              History
            </CardTitle>
            <CardDescription>{BILLING_RULE}</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            {calls.items.length === 0 && page > 1 ? (
              // Past the last page, the list cannot tell how many calls there are: offer the first page.
              <EmptyState
                title="Nothing on this page"
                description="This page is past the end of your call history."
                action={
                  <Button asChild variant="outline">
                    <Link href="/calls">Go to the first page</Link>
                  </Button>
                }
              />
            ) : calls.items.length === 0 ? (
              <EmptyState
                icon={PhoneCall}
                title="No calls yet"
                description="Calls you make or take appear here, each with an itemised statement."
                action={
                  viewer.profile.role === 'fan' ? (
                    <Button asChild>
                      <Link href="/creators">Find a creator to call</Link>
                    </Button>
                  ) : null
                }
              />
            ) : (
              <CallsTable calls={calls.items} viewerId={viewer.profile.id} />
            )}
            {calls.pageCount > 1 ? (
              <Pagination
                page={calls.page}
                pageCount={calls.pageCount}
                hrefFor={(p) => `/calls?page=${p}`}
                label="Call history pages"
              />
            ) : null}
          </CardContent>
        </Card>
      </section>
    </div>
  );
}
