import { Lock } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { LiveRoom } from '@/components/streams/live-room';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ROLES } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';
import { toAppError } from '@/lib/http/errors';
import { getWallet } from '@/lib/ledger/wallet';
import { listChat } from '@/lib/streams/chat';
import { giftCatalog, listEvents } from '@/lib/streams/pay';
import { pinnedProduct } from '@/lib/streams/pin';
import { streamDetails } from '@/lib/streams/read-stream';

export const metadata: Metadata = { title: 'Live stream' };
export const dynamic = 'force-dynamic';

export default async function LivePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireRole(ROLES, `/live/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const stream = await streamDetails(viewer.claims, id).catch((err: unknown) => {
    if (toAppError(err).code === 'NOT_FOUND') return null;
    throw err;
  });
  if (!stream) notFound();
  // The creator runs their live stream from the studio, and reads ended ones as analytics.
  if (stream.isCreator) redirect(`/creator/live/${id}`);

  if (!stream.canView) {
    return (
      <EmptyState
        icon={Lock}
        headingLevel={2}
        title="Subscribers only"
        description={`“${stream.title}” is for ${stream.creator.displayName}'s subscribers. Subscribe to any of their tiers to watch.`}
        action={
          <div className="flex flex-wrap justify-center gap-2">
            <Button asChild>
              <Link href={`/creators/${stream.creator.username}`}>See subscription tiers</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/">Back to live streams</Link>
            </Button>
          </div>
        }
      />
    );
  }

  if (stream.status === 'ended') {
    return (
      <EmptyState
        headingLevel={2}
        title="This stream has ended"
        description={`“${stream.title}” with ${stream.creator.displayName} is over.`}
        action={
          <>
            {stream.vodUrl ? (
              <Button asChild>
                <a href={stream.vodUrl} target="_blank" rel="noopener noreferrer">
                  Watch the recording
                </a>
              </Button>
            ) : null}
            <Button asChild variant="outline">
              <Link href={`/creators/${stream.creator.username}`}>Visit {stream.creator.displayName}</Link>
            </Button>
          </>
        }
      />
    );
  }

  const [chat, events, gifts, wallet, pinned] = await Promise.all([
    listChat(viewer.claims, id),
    listEvents(viewer.claims, id),
    giftCatalog(viewer.claims),
    getWallet(viewer.claims),
    pinnedProduct(viewer.claims, id),
  ]);
  return (
    <LiveRoom
      key={id}
      stream={stream}
      viewerId={viewer.profile.id}
      chat={chat}
      events={events}
      gifts={gifts}
      balance={wallet.balance}
      pinned={pinned}
    />
  );
}
