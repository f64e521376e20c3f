import 'server-only';
import { type Page, toPage } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';
import type { Category, DiscoverFilters } from './schemas';

export interface DiscoveredCreator {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  avatarUrl: string | null;
  category: Category | null;
  videoRate: number | null;
  voiceRate: number | null;
  availableNow: boolean;
  subscriberCount: number;
  createdAt: string;
  /** The creator's live stream right now, if any. */
  liveStreamId: string | null;
}

export const DISCOVER_PAGE_SIZE = 12;

/** Browse creators through public.discover_creators (search, filters, sort and paging all in SQL). */
export async function discoverCreators(
  f: DiscoverFilters,
  pageSize = DISCOVER_PAGE_SIZE,
): Promise<Page<DiscoveredCreator>> {
  const r = await asUser(null, (db) =>
    db.query<{
      id: string;
      username: string;
      display_name: string;
      bio: string;
      avatar_url: string | null;
      category: Category | null;
      video_rate: number | null;
      voice_rate: number | null;
      available_now: boolean;
      subscriber_count: string;
      created_at: Date;
      total_count: string;
      live_stream_id: string | null;
    }>('select * from public.discover_creators($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
      f.q ?? null,
      f.category ?? null,
      f.minPrice ?? null,
      f.maxPrice ?? null,
      f.availableNow,
      f.sort === 'relevance' && !f.q ? 'popular' : f.sort,
      pageSize,
      f.page,
      f.liveNow,
    ]),
  );
  return toPage(r.rows, f.page, pageSize, (x) => ({
    id: x.id,
    username: x.username,
    displayName: x.display_name,
    bio: x.bio,
    avatarUrl: x.avatar_url,
    category: x.category,
    videoRate: x.video_rate,
    voiceRate: x.voice_rate,
    availableNow: x.available_now,
    subscriberCount: Number(x.subscriber_count),
    createdAt: x.created_at.toISOString(),
    liveStreamId: x.live_stream_id,
  }));
}

/** The ids the fan has saved (to mark cards), or an empty set for anonymous visitors. */
export async function savedIds(claims: Claims | null): Promise<Set<string>> {
  if (!claims) return new Set();
  const r = await asUser(claims, (db) =>
    db.query<{ creator_id: string }>('select creator_id from public.saved_creators'),
  );
  return new Set(r.rows.map((x) => x.creator_id));
}

export async function saveCreator(claims: Claims, creatorId: string): Promise<void> {
  await asUser(claims, (db) =>
    db.query(
      `insert into public.saved_creators (fan_id, creator_id) values (auth.uid(), $1) on conflict do nothing`,
      [creatorId],
    ),
  );
}

export async function unsaveCreator(claims: Claims, creatorId: string): Promise<boolean> {
  const r = await asUser(claims, (db) =>
    db.query('delete from public.saved_creators where creator_id = $1', [creatorId]),
  );
  return (r.rowCount ?? 0) > 0;
}

/** The fan's saved creators, most recent first. */
export async function savedCreators(
  claims: Claims,
): Promise<{ id: string; username: string; displayName: string; savedAt: string }[]> {
  const r = await asUser(claims, (db) =>
    db.query<{ id: string; username: string; display_name: string; created_at: Date }>(
      `select p.id, p.username, p.display_name, s.created_at
         from public.saved_creators s join public.profiles p on p.id = s.creator_id
        where not p.is_banned
        order by s.created_at desc limit 200`,
    ),
  );
  return r.rows.map((x) => ({
    id: x.id,
    username: x.username,
    displayName: x.display_name,
    savedAt: x.created_at.toISOString(),
  }));
}

export async function myListing(claims: Claims): Promise<Category | null> {
  const r = await asUser(claims, (db) =>
    db.query<{ category: Category }>(
      'select category from public.creator_listings where creator_id = auth.uid()',
    ),
  );
  return r.rows[0]?.category ?? null;
}

export async function setListing(claims: Claims, category: Category): Promise<void> {
  await asUser(claims, (db) =>
    db.query(
      `insert into public.creator_listings (creator_id, category) values (auth.uid(), $1)
       on conflict (creator_id) do update set category = excluded.category, updated_at = now()`,
      [category],
    ),
  );
}
