import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { AnalyticsView } from '@/components/streams/analytics-view';
import { categoryLabel } from '@/components/streams/format';
import { LiveRoom } from '@/components/streams/live-room';
import { VodForm } from '@/components/streams/vod-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { LocalTime } from '@/components/ui/local-time';
import { requireRole } from '@/lib/auth/viewer';
import { toAppError } from '@/lib/http/errors';
import { listProducts } from '@/lib/shop/products';
import { streamAnalytics } from '@/lib/streams/analytics';
import { listChat, moderationLog, mutedUserIds } from '@/lib/streams/chat';
import { listEvents } from '@/lib/streams/pay';
import { pinnedProduct } from '@/lib/streams/pin';
import { streamDetails } from '@/lib/streams/read-stream';

export const metadata: Metadata = { title: 'Stream' };
export const dynamic = 'force-dynamic';

const ACTION_LABEL = { delete_message: 'Deleted a message from', mute: 'Muted', unmute: 'Unmuted' } as const;

/** The creator's own stream: the studio while live, the analytics once it has ended. */
export default async function CreatorStreamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireRole(['creator', 'admin'], `/creator/live/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const stream = await streamDetails(viewer.claims, id).catch((err: unknown) => {
    if (toAppError(err).code === 'NOT_FOUND') return null;
    throw err;
  });
  if (!stream || (!stream.isCreator && viewer.profile.role !== 'admin')) notFound();

  if (stream.status === 'live' && stream.isCreator) {
    const [chat, events, muted, pinned, products] = await Promise.all([
      listChat(viewer.claims, id),
      listEvents(viewer.claims, id),
      mutedUserIds(viewer.claims, id),
      pinnedProduct(viewer.claims, id),
      listProducts(viewer.profile.id, viewer.claims),
    ]);
    return (
      <LiveRoom
        key={id}
        stream={stream}
        viewerId={viewer.profile.id}
        chat={chat}
        events={events}
        gifts={[]}
        balance={0}
        mutedUserIds={muted}
        pinned={pinned}
        products={products
          .filter((p) => p.active)
          .map((p) => ({ id: p.id, kind: p.kind, name: p.name, price: p.price, stock: p.stock }))}
      />
    );
  }

  const [{ analytics, supporters }, log] = await Promise.all([
    streamAnalytics(viewer.claims, id),
    moderationLog(viewer.claims, id),
  ]);
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/creator/live" className="text-primary underline-offset-4 hover:underline">
            ← All streams
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant={stream.status === 'live' ? 'destructive' : 'secondary'}>
            {stream.status === 'live' ? 'Live' : 'Ended'}
          </Badge>
          <Badge variant="outline">{categoryLabel(stream.category)}</Badge>
          {stream.subscriberOnly ? <Badge variant="warning">Subscribers only</Badge> : null}
        </div>
        <h1 className="text-2xl font-bold tracking-tight break-words">Stream analytics: {stream.title}</h1>
        <p className="text-sm text-muted-foreground">
          <LocalTime value={stream.startedAt} />
          {stream.endedAt ? (
            <>
              {' – '}
              <LocalTime value={stream.endedAt} />
            </>
          ) : null}
        </p>
      </div>
      <AnalyticsView analytics={analytics} supporters={supporters} />
      {stream.isCreator ? (
        <section aria-labelledby="vod-title" className="max-w-2xl space-y-2">
          <h2 id="vod-title" className="text-lg font-semibold">
            Recording
          </h2>
          <p className="text-sm text-muted-foreground">
            Streams are not recorded automatically. If you recorded this one elsewhere, link it here.
          </p>
          <VodForm streamId={id} initial={stream.vodUrl} />
        </section>
      ) : null}
      <section aria-labelledby="moderation-title" className="space-y-2">
        <h2 id="moderation-title" className="text-lg font-semibold">
          Moderation record
        </h2>
        {log.length === 0 ? (
          <p className="text-sm text-muted-foreground">No messages deleted and nobody muted.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {log.map((a) => (
              <li key={a.id}>
                <LocalTime value={a.createdAt} /> — {ACTION_LABEL[a.action]} @{a.target.username}
                {a.messageBody ? <span className="text-muted-foreground"> (“{a.messageBody}”)</span> : null}
                {a.reason ? <span className="text-muted-foreground"> — {a.reason}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Button asChild variant="outline">
        <Link href="/creator/live">Back to streams</Link>
      </Button>
    </div>
  );
}
