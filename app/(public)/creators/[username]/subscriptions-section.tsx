import { PostFeed } from '@/components/subscriptions/post-feed';
import { SubscribeCard } from '@/components/subscriptions/subscribe-card';
import type { Viewer } from '@/lib/auth/viewer';
import { postFeed } from '@/lib/subscriptions/posts';
import { liveSubscriptionTo } from '@/lib/subscriptions/subscribe';
import { listTiers } from '@/lib/subscriptions/tiers';

/** The profile's subscription card and post feed (what the viewer may read is decided in SQL). */
export async function CreatorSubscriptions({
  creator,
  viewer,
  balance,
}: {
  creator: { id: string; username: string; displayName: string };
  viewer: Viewer | null;
  balance: number;
}) {
  const isSelf = viewer?.profile.id === creator.id;
  const [tiers, feed, live] = await Promise.all([
    listTiers(creator.id),
    postFeed(viewer?.claims ?? null, creator.id, 1),
    viewer && !isSelf ? liveSubscriptionTo(viewer.claims, creator.id) : Promise.resolve(null),
  ]);
  const hasTiers = tiers.some((t) => t.active);
  return (
    <>
      {hasTiers ? (
        <SubscribeCard
          creator={{ username: creator.username, displayName: creator.displayName }}
          tiers={tiers}
          viewer={!viewer ? { kind: 'anonymous' } : isSelf ? { kind: 'self' } : { kind: 'fan', balance }}
          live={
            live
              ? {
                  id: live.id,
                  tierId: live.tier.id,
                  status: live.status,
                  cancelAtPeriodEnd: live.cancelAtPeriodEnd,
                  currentPeriodEnd: live.currentPeriodEnd,
                  graceUntil: live.graceUntil,
                }
              : null
          }
        />
      ) : null}
      {hasTiers || feed.total > 0 ? <PostFeed posts={feed.items} creatorName={creator.displayName} /> : null}
    </>
  );
}
