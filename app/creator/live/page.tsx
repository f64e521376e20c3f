import { Radio } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { categoryLabel, formatDuration } from '@/components/streams/format';
import { GoLiveForm } from '@/components/streams/go-live-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/viewer';
import { formatTokens } from '@/lib/payments/format-money';
import { myStreams } from '@/lib/streams/discovery';
import { myLiveStreamId } from '@/lib/streams/go-live';
import { ListQuerySchema } from '@/lib/streams/schemas';

export const metadata: Metadata = { title: 'Go live' };
export const dynamic = 'force-dynamic';

export default async function GoLivePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string>>;
}) {
  const viewer = await requireRole(['creator', 'admin'], '/creator/live');
  const liveId = await myLiveStreamId(viewer.claims);
  if (liveId) redirect(`/creator/live/${liveId}`);
  const q = ListQuerySchema.safeParse(await searchParams);
  const { page, pageSize } = q.success ? q.data : { page: 1, pageSize: 20 };
  const past = await myStreams(viewer.claims, page, pageSize);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Live streams</h1>
        <p className="text-muted-foreground">Go live for your fans, then see how the stream went.</p>
      </div>
      {viewer.profile.role === 'creator' ? (
        <Card className="max-w-xl">
          <CardHeader>
            <CardTitle as="h2">Go live</CardTitle>
            <CardDescription>
              You get a broadcaster token; viewers join from “Live now” on the home page.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <GoLiveForm />
          </CardContent>
        </Card>
      ) : (
        <p className="text-sm text-muted-foreground">Only creators can go live.</p>
      )}
      <section aria-labelledby="past-title" className="space-y-3">
        <h2 id="past-title" className="text-lg font-semibold">
          Past streams
        </h2>
        {past.items.length === 0 ? (
          <EmptyState
            icon={Radio}
            title="No streams yet"
            description="Your streams and their analytics appear here."
          />
        ) : (
          <>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Title</TableHead>
                  <TableHead>Started</TableHead>
                  <TableHead>Duration</TableHead>
                  <TableHead className="text-right">Peak viewers</TableHead>
                  <TableHead className="text-right">Tips &amp; gifts</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {past.items.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell>
                      <Link
                        href={`/creator/live/${s.id}`}
                        className="font-medium underline-offset-4 hover:underline"
                      >
                        {s.title}
                      </Link>
                      <span className="ml-2 text-xs text-muted-foreground">{categoryLabel(s.category)}</span>
                      {s.status === 'live' ? (
                        <Badge variant="destructive" className="ml-2">
                          Live
                        </Badge>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <LocalTime value={s.startedAt} />
                    </TableCell>
                    <TableCell>
                      {s.endedAt
                        ? formatDuration((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000)
                        : '—'}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{s.peakViewers}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatTokens(s.tokens)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pagination
              page={past.page}
              pageCount={past.pageCount}
              hrefFor={(p) => `/creator/live?page=${p}`}
            />
          </>
        )}
      </section>
    </div>
  );
}
