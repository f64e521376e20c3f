import { route } from '@/lib/http/route';
import { createPost, postFeed } from '@/lib/subscriptions/posts';
import { FeedQuery, PostSchema } from '@/lib/subscriptions/schemas';

/** GET: a creator's posts for the viewer (locked ones without body/media). POST: a creator publishes. */
export const GET = route({ auth: 'optional', query: FeedQuery }, async ({ viewer, query }) =>
  postFeed(viewer?.claims ?? null, query.creatorId, query.page),
);

export const POST = route({ auth: ['creator'], body: PostSchema }, async ({ viewer, body }) => {
  if (!viewer) return null;
  return { post: await createPost(viewer.claims, body) };
});
