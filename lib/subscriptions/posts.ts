import 'server-only';
import { type Page, toPage } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';
import type { PostInput } from './schemas';
import type { FeedPost } from './types';

/**
 * A creator's posts for the viewer (anon included) through public.creator_post_feed: locked posts carry
 * no body or media — the database decides, the page only renders.
 */
export async function postFeed(claims: Claims | null, creatorId: string, page = 1): Promise<Page<FeedPost>> {
  const pageSize = 10;
  const r = await asUser(claims, (db) =>
    db.query<{
      id: string;
      title: string;
      body: string | null;
      media_url: string | null;
      required_level: number | null;
      required_tier: string | null;
      locked: boolean;
      created_at: Date;
      total_count: string;
    }>('select * from public.creator_post_feed($1, $2, $3)', [creatorId, pageSize, page]),
  );
  return toPage(r.rows, page, pageSize, (x) => ({
    id: x.id,
    title: x.title,
    body: x.body,
    mediaUrl: x.media_url,
    requiredLevel: x.required_level,
    requiredTier: x.required_tier,
    locked: x.locked,
    createdAt: x.created_at.toISOString(),
  }));
}

/** The caller (a creator; RLS checks) publishes a post. */
export async function createPost(claims: Claims, p: PostInput): Promise<{ id: string }> {
  const r = await asUser(claims, (db) =>
    db.query<{ id: string }>(
      `insert into public.creator_posts (creator_id, title, body, media_url, required_level)
       values (auth.uid(), $1, $2, $3, $4) returning id`,
      [p.title, p.body, p.mediaUrl, p.requiredLevel],
    ),
  );
  return { id: (r.rows[0] as { id: string }).id };
}

/** Deletes one of the caller's posts; false when there is no such post of theirs. */
export async function deletePost(claims: Claims, id: string): Promise<boolean> {
  const r = await asUser(claims, (db) => db.query('delete from public.creator_posts where id = $1', [id]));
  return (r.rowCount ?? 0) > 0;
}
