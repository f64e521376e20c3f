import { Lock } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import type { FeedPost } from '@/lib/subscriptions/types';

/** A creator's posts: full for who may read them, a locked preview (title, date, tier needed) otherwise. */
export function PostFeed({ posts, creatorName }: { posts: FeedPost[]; creatorName: string }) {
  return (
    <section aria-labelledby="posts-heading" className="space-y-3">
      <h2 id="posts-heading" className="text-xl font-semibold tracking-tight">
        Posts
      </h2>
      {posts.length === 0 ? (
        <EmptyState title="No posts yet" description={`${creatorName} has not posted anything yet.`} />
      ) : (
        posts.map((p) => (
          <Card key={p.id} data-testid="post" data-locked={p.locked ? 'true' : 'false'}>
            <CardHeader>
              <div className="flex flex-wrap items-center gap-2">
                <CardTitle as="h3" className="text-lg">
                  {p.title}
                </CardTitle>
                {p.requiredLevel !== null ? (
                  <Badge variant={p.locked ? 'outline' : 'secondary'}>
                    {p.locked ? <Lock aria-hidden /> : null}
                    {p.requiredTier ?? `Tier ${p.requiredLevel}`}+
                  </Badge>
                ) : null}
              </div>
              <CardDescription>
                <LocalTime value={p.createdAt} />
              </CardDescription>
            </CardHeader>
            <CardContent>
              {p.locked ? (
                <div className="flex items-center gap-3 rounded-md border border-dashed bg-muted/40 p-4 text-sm text-muted-foreground">
                  <Lock className="size-5 shrink-0" aria-hidden />
                  <span>
                    For subscribers of <strong>{p.requiredTier ?? `tier ${p.requiredLevel}`}</strong> or
                    above. Subscribe to read it.
                  </span>
                </div>
              ) : (
                <div className="space-y-3">
                  <p className="whitespace-pre-line">{p.body}</p>
                  {p.mediaUrl ? (
                    <a
                      href={p.mediaUrl}
                      className="text-sm text-primary underline-offset-4 hover:underline"
                      rel="noopener noreferrer nofollow"
                      target="_blank"
                    >
                      Open attached media
                    </a>
                  ) : null}
                </div>
              )}
            </CardContent>
          </Card>
        ))
      )}
    </section>
  );
}
