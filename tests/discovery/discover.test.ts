import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import { claimsOf, jsonRequest, makeUser, signInAs, type TestUser } from '../payments/helpers';

vi.mock('next/headers', () => nextHeadersMock());

/** Discovery over the real route and SQL: search, category, price, available now, sort, pages, saved creators. */

const discover = await import('@/app/api/discover/route');
const saved = await import('@/app/api/discover/saved/route');
const listing = await import('@/app/api/discover/listing/route');
const { asService, asUser } = await import('@/lib/db/tx');
const { buyTokens, ownerClient } = await import('../ledger/helpers');

beforeEach(() => jar.values.clear());

// biome-ignore lint/suspicious/noExplicitAny: response bodies read field by field below
type Json = { status: number; body: Record<string, any> };
const asJson = async (res: Response): Promise<Json> => ({ status: res.status, body: await res.json() });
const get = (qs: string) => discover.GET(new Request(`http://localhost/api/discover?${qs}`));
const names = async (qs: string) =>
  ((await asJson(await get(qs))).body.items as { username: string }[]).map((c) => c.username);

async function creator(
  display: string,
  bio: string,
  o: { category?: string; video?: number | null; voice?: number | null; now?: boolean } = {},
): Promise<TestUser> {
  const c = await makeUser('creator');
  await asService(async (db) => {
    await db.query('update public.profiles set display_name = $2, bio = $3 where id = $1', [
      c.id,
      display,
      bio,
    ]);
    if (o.category)
      await db.query('insert into public.creator_listings (creator_id, category) values ($1, $2)', [
        c.id,
        o.category,
      ]);
    if (o.video !== undefined || o.voice !== undefined)
      await db.query(
        'insert into public.call_settings (creator_id, video_rate, voice_rate, available_now) values ($1, $2, $3, $4)',
        [c.id, o.video ?? null, o.voice ?? null, o.now ?? false],
      );
  });
  return c;
}

// One world for the file: unique words so other rows never match.
const W = `zq${Date.now().toString(36)}`;
const world = (async () => {
  const luna = await creator(`Luna ${W}`, 'Acoustic singer and songwriter', {
    category: 'music',
    video: 20,
    voice: 10,
    now: true,
  });
  const kai = await creator(`Kai ${W}`, 'Strength coach, barbell training', {
    category: 'fitness',
    video: 15,
  });
  const mira = await creator(`Mira ${W}`, 'Illustrator drawing comics', {
    category: 'art',
    video: 60,
    now: false,
  });
  const fans = [await makeUser(), await makeUser()];
  // Popularity: Kai has two subscribers, Mira one, Luna none.
  const tier = async (c: TestUser) =>
    (
      await asUser(claimsOf(c), (db) =>
        db.query<{ id: string }>(`select (x.tier).id from public.save_subscription_tier(null, 1, 'T', 5) x`),
      )
    ).rows[0]?.id as string;
  const tk = await tier(kai);
  const tm = await tier(mira);
  for (const f of fans) {
    await buyTokens({ id: f.id, username: f.username, claims: claimsOf(f) }, 100);
    await asUser(claimsOf(f), (db) => db.query('select public.subscribe($1)', [tk]));
  }
  await asUser(claimsOf(fans[0] as TestUser), (db) => db.query('select public.subscribe($1)', [tm]));
  return { luna, kai, mira, fans };
})();

describe('browse', () => {
  it('full-text search over name, username and bio, by word prefix', async () => {
    const { luna, kai } = await world;
    expect(await names(`q=${W}+acoustic`)).toEqual([luna.username]);
    expect(await names(`q=${W}+barb`)).toEqual([kai.username]);
    expect(await names(`q=${luna.username.slice(0, 6)}+${W}`)).toContain(luna.username);
    // Query syntax is not injectable: operators are stripped, not parsed.
    expect((await get(`q=${encodeURIComponent(`${W} & | ! :* ('`)}`)).status).toBe(200);
  });

  it('category, price range and available-now filters', async () => {
    const { luna, kai, mira } = await world;
    expect(await names(`q=${W}&category=fitness`)).toEqual([kai.username]);
    expect((await names(`q=${W}&minPrice=12&maxPrice=18`)).sort()).toEqual([kai.username].sort());
    expect((await names(`q=${W}&maxPrice=12`)).sort()).toEqual([luna.username]);
    expect((await names(`q=${W}&minPrice=50`)).sort()).toEqual([mira.username]);
    expect(await names(`q=${W}&availableNow=1`)).toEqual([luna.username]);
  });

  it('live now: only creators whose stream is live and whose studio reported in the last 2 minutes', async () => {
    const { luna, kai, mira } = await world;
    const streams = await asService(async (db) => {
      const live = await db.query<{ id: string }>(
        `insert into public.live_streams (creator_id, title, category) values ($1, 'Morning lift', 'fitness') returning id`,
        [kai.id],
      );
      // Mira's studio went silent 5 minutes ago (the sweep has not ended it yet): not live for discovery.
      await db.query(
        `insert into public.live_streams (creator_id, title, category, started_at, creator_seen_at)
         values ($1, 'Sketching', 'art', now() - interval '20 minutes', now() - interval '5 minutes')`,
        [mira.id],
      );
      // Luna streamed yesterday.
      await db.query(
        `insert into public.live_streams (creator_id, title, category, status, started_at, ended_at, end_reason)
         values ($1, 'Songs', 'music', 'ended', now() - interval '1 day', now() - interval '23 hours', 'creator_ended')`,
        [luna.id],
      );
      return { kai: live.rows[0]?.id };
    });
    expect(await names(`q=${W}&liveNow=1`)).toEqual([kai.username]);
    expect(await names(`q=${W}&liveNow=1&category=music`)).toEqual([]);
    const all = (await asJson(await get(`q=${W}`))).body.items as {
      username: string;
      liveStreamId: string | null;
    }[];
    expect(Object.fromEntries(all.map((c) => [c.username, c.liveStreamId]))).toEqual({
      [kai.username]: streams.kai,
      [mira.username]: null,
      [luna.username]: null,
    });
    await asService((db) =>
      db.query(
        `update public.live_streams set status = 'ended', ended_at = now(), end_reason = 'creator_ended'
          where creator_id = $1 and status = 'live'`,
        [kai.id],
      ),
    );
    expect(await names(`q=${W}&liveNow=1`)).toEqual([]);
  });

  it('sorts by popularity (subscribers) or newest, and pages', async () => {
    const { luna, kai, mira } = await world;
    expect(await names(`q=${W}&sort=popular`)).toEqual([kai.username, mira.username, luna.username]);
    expect(await names(`q=${W}&sort=newest`)).toEqual([mira.username, kai.username, luna.username]);
    const { discoverCreators } = await import('@/lib/discovery/discover');
    const base = { q: W, availableNow: false, liveNow: false, sort: 'popular' as const };
    const p1 = await discoverCreators({ ...base, page: 1 }, 2);
    const p2 = await discoverCreators({ ...base, page: 2 }, 2);
    expect([p1.total, p1.pageCount, p1.items.length, p2.items.length]).toEqual([3, 2, 2, 1]);
    expect(p2.items[0]?.username).toBe(luna.username);
    const items = (await asJson(await get(`q=${W}`))).body.items as {
      username: string;
      subscriberCount: number;
    }[];
    expect(items.find((c) => c.username === kai.username)?.subscriberCount).toBe(2);
  });

  it('bad filters → 422 with field paths, no 500', async () => {
    const bad = await asJson(await get('category=cooking&minPrice=-1&sort=random'));
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['category', 'minPrice', 'sort']);
    const inverted = await asJson(await get('minPrice=50&maxPrice=10'));
    expect(inverted.status).toBe(422);
  });
});

describe('saved creators', () => {
  it('a fan saves and removes creators; only they see their list; anon → 401', async () => {
    const { luna, kai, fans } = await world;
    const [a, b] = fans as [TestUser, TestUser];
    expect((await saved.POST(jsonRequest('/api/discover/saved', { creatorId: luna.id }))).status).toBe(401);
    await signInAs(a);
    for (const id of [luna.id, kai.id, luna.id]) {
      expect((await saved.POST(jsonRequest('/api/discover/saved', { creatorId: id }))).status).toBe(200);
    }
    const list = await asJson(await saved.GET(new Request('http://localhost/api/discover/saved')));
    expect(list.body.saved.map((s: { username: string }) => s.username).sort()).toEqual(
      [kai.username, luna.username].sort(),
    );
    // Saving a fan (not a creator) is refused by RLS → 403, nothing saved.
    expect((await saved.POST(jsonRequest('/api/discover/saved', { creatorId: b.id }))).status).toBe(403);
    await signInAs(b);
    const other = await asJson(await saved.GET(new Request('http://localhost/api/discover/saved')));
    expect(other.body.saved).toEqual([]);
    // b cannot remove a's bookmark.
    const del = await saved.DELETE(
      new Request(`http://localhost/api/discover/saved?creatorId=${luna.id}`, { method: 'DELETE' }),
    );
    expect(del.status).toBe(404);
    await signInAs(a);
    const ok = await saved.DELETE(
      new Request(`http://localhost/api/discover/saved?creatorId=${luna.id}`, { method: 'DELETE' }),
    );
    expect(ok.status).toBe(200);
    const rows = await asUser(claimsOf(a), (db) => db.query('select creator_id from public.saved_creators'));
    expect(rows.rows.map((r) => r.creator_id)).toEqual([kai.id]);
  });

  it('only creators set their own category', async () => {
    const { fans, luna } = await world;
    await signInAs(fans[0] as TestUser);
    const denied = await listing.PUT(
      jsonRequest('/api/discover/listing', { category: 'music' }, { method: 'PUT' }),
    );
    expect(denied.status).toBe(403);
    await signInAs(luna);
    const bad = await listing.PUT(
      jsonRequest('/api/discover/listing', { category: 'cooking' }, { method: 'PUT' }),
    );
    expect(bad.status).toBe(422);
    const ok = await listing.PUT(
      jsonRequest('/api/discover/listing', { category: 'comedy' }, { method: 'PUT' }),
    );
    expect(ok.status).toBe(200);
    expect(await names(`q=${W}&category=comedy`)).toEqual([luna.username]);
  });
});

describe('index', () => {
  it('the search uses the GIN index', async () => {
    // Owner connection, rolled back: without the small role index the planner must pick between a
    // sequential scan (disabled) and the search index.
    const c = await ownerClient();
    let plan = '';
    try {
      await c.query('begin');
      await c.query('drop index public.profiles_role_idx');
      await c.query('set local enable_seqscan = off');
      const r = await c.query<{ 'QUERY PLAN': string }>(
        `explain select id from public.profiles
          where role = 'creator' and not is_banned
            and private.profile_search_doc(username, display_name, bio) @@ private.search_query('luna')`,
      );
      plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
    } finally {
      await c.query('rollback');
      await c.end();
    }
    expect(plan).toContain('profiles_search_idx');
  });
});
