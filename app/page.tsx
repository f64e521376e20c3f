import Link from 'next/link';
import { CreatorCard } from '@/components/creators/creator-card';
import { LiveNowList } from '@/components/streams/live-now-list';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { getViewer } from '@/lib/auth/viewer';
import { listCreators } from '@/lib/profiles/public-profiles';
import { liveNow } from '@/lib/streams/discovery';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const [viewer, creators] = await Promise.all([getViewer(), listCreators({ page: 1, pageSize: 6 })]);
  const live = await liveNow(viewer?.claims ?? null, 6);
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-gradient-to-br from-primary/10 via-accent to-background px-6 py-12 sm:px-10">
        <p className="text-sm font-medium text-primary">Creators · Fans · Communities</p>
        <h1 className="mt-2 max-w-2xl text-3xl font-bold tracking-tight sm:text-5xl">
          Earn from your community. Run it well.
        </h1>
        <p className="mt-4 max-w-xl text-muted-foreground">
          Fans support the creators they love with tips, messages and paid 1-on-1 calls. Creators and their
          staff see who is rising, who is drifting away, and whether a campaign worked.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Button asChild size="lg">
            <Link href="/creators">Discover creators</Link>
          </Button>
          {viewer ? (
            <Button asChild size="lg" variant="outline">
              <Link href="/profile">Your profile</Link>
            </Button>
          ) : (
            <Button asChild size="lg" variant="outline">
              <Link href="/signup">Create an account</Link>
            </Button>
          )}
        </div>
      </section>
      <section aria-labelledby="live-now" className="space-y-4">
        <div className="flex items-end justify-between gap-4">
          <h2 id="live-now" className="text-xl font-semibold">
            Live now
          </h2>
          {viewer?.profile.role === 'creator' ? (
            <Link
              href="/creator/live"
              className="shrink-0 whitespace-nowrap text-sm text-primary underline-offset-4 hover:underline"
            >
              Go live
            </Link>
          ) : null}
        </div>
        {live.length === 0 ? (
          <p className="rounded-xl border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">
            Nobody is live right now. Streams show up here, most watched first.
          </p>
        ) : (
          <LiveNowList items={live} />
        )}
      </section>
      <section aria-labelledby="featured" className="space-y-4">
        <div className="flex items-end justify-between gap-4">
          <h2 id="featured" className="text-xl font-semibold">
            Creators on CommunityOS
          </h2>
          <Link
            href="/creators"
            className="shrink-0 whitespace-nowrap text-sm text-primary underline-offset-4 hover:underline"
          >
            See all {creators.total}
          </Link>
        </div>
        {creators.items.length === 0 ? (
          <EmptyState
            title="No creators yet"
            description="Creators appear here once an admin approves them."
          />
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {creators.items.map((c) => (
              <li key={c.id}>
                <CreatorCard creator={c} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
