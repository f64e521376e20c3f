import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import {
  claimsOf,
  fund,
  jsonRequest,
  makeUser,
  outboxCount,
  signInAs,
  type TestUser,
} from '../payments/helpers';

vi.mock('next/headers', () => nextHeadersMock());

/** The subscription routes over their real handlers: auth, roles, error contract, locked posts, CSV. */

const tiers = await import('@/app/api/tiers/route');
const subs = await import('@/app/api/subscriptions/route');
const cancel = await import('@/app/api/subscriptions/[id]/cancel/route');
const refund = await import('@/app/api/subscriptions/[id]/refund/route');
const subscribers = await import('@/app/api/subscriptions/subscribers/route');
const posts = await import('@/app/api/posts/route');
const postById = await import('@/app/api/posts/[id]/route');
const { asService, asUser } = await import('@/lib/db/tx');
const { renewSubscriptions } = await import('@/lib/subscriptions/renew');

/** In-app subscription notices of a user: [title, link] in order. */
async function subscriptionNotices(userId: string): Promise<{ title: string; link: string }[]> {
  const r = await asService((db) =>
    db.query<{ title: string; link: string }>(
      `select title, link from public.notifications where user_id = $1 and kind = 'subscription' order by created_at, id`,
      [userId],
    ),
  );
  return r.rows;
}

const PKG = { id: 'popular', tokens: 550, price_cents: 4999 };

beforeEach(() => jar.values.clear());

// biome-ignore lint/suspicious/noExplicitAny: response bodies of many shapes, read field by field below
type Json = { status: number; body: Record<string, any> };
const asJson = async (res: Response): Promise<Json> => ({ status: res.status, body: await res.json() });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const get = (url: string) => new Request(`http://localhost${url}`);

async function creatorWithTiers(): Promise<{ creator: TestUser; basic: string; vip: string }> {
  const creator = await makeUser('creator');
  await signInAs(creator);
  const a = await asJson(await tiers.POST(jsonRequest('/api/tiers', { level: 1, name: 'Basic', price: 40 })));
  expect(a.status).toBe(200);
  const b = await asJson(
    await tiers.POST(jsonRequest('/api/tiers', { level: 2, name: 'VIP', price: 120, perks: 'Monthly call' })),
  );
  return { creator, basic: a.body.tier.id, vip: b.body.tier.id };
}

async function publish(creator: TestUser, title: string, requiredLevel: number | null): Promise<string> {
  await signInAs(creator);
  const r = await asJson(
    await posts.POST(
      jsonRequest('/api/posts', {
        title,
        body: `Secret body of ${title}`,
        mediaUrl: 'https://cdn.example.test/a.jpg',
        requiredLevel,
      }),
    ),
  );
  expect(r.status).toBe(200);
  return r.body.post.id;
}

describe('tiers', () => {
  it('creators only; bad input → 422 with field paths, nothing saved; fans → 403; anon → 401', async () => {
    const anon = await asJson(await tiers.POST(jsonRequest('/api/tiers', { level: 1, name: 'x', price: 5 })));
    expect(anon.status).toBe(401);
    const fan = await makeUser();
    await signInAs(fan);
    const denied = await asJson(
      await tiers.POST(jsonRequest('/api/tiers', { level: 1, name: 'x', price: 5 })),
    );
    expect(denied.status).toBe(403);
    const creator = await makeUser('creator');
    await signInAs(creator);
    const bad = await asJson(
      await tiers.POST(
        jsonRequest('/api/tiers', {
          level: 9,
          name: '',
          price: 0.5,
          discordGuildId: '123456789',
          discordRoleId: null,
        }),
      ),
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['level', 'name', 'price']);
    const list = await asJson(await tiers.GET(get(`/api/tiers?creatorId=${creator.id}`)));
    expect(list.body.tiers).toEqual([]);
    for (let level = 1; level <= 5; level++) {
      const ok = await tiers.POST(jsonRequest('/api/tiers', { level, name: `L${level}`, price: level }));
      expect(ok.status).toBe(200);
    }
    // Visitors read the tiers too (no subscriber counts for them).
    jar.values.clear();
    const publicList = await asJson(await tiers.GET(get(`/api/tiers?creatorId=${creator.id}`)));
    expect(publicList.status).toBe(200);
    expect(publicList.body.tiers.map((t: { level: number }) => t.level)).toEqual([1, 2, 3, 4, 5]);
    await signInAs(creator);
    const sixth = await asJson(
      await tiers.POST(jsonRequest('/api/tiers', { level: 1, name: 'Six', price: 1 })),
    );
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('CONFLICT');
  });

  it('a price change is announced in-app and by email to live subscribers and applies from the next period', async () => {
    const { creator, basic } = await creatorWithTiers();
    const fan = await makeUser();
    await fund(fan, PKG);
    await signInAs(fan);
    expect((await subs.POST(jsonRequest('/api/subscriptions', { tierId: basic }))).status).toBe(200);
    await signInAs(creator);
    const r = await asJson(
      await tiers.POST(jsonRequest('/api/tiers', { id: basic, level: 1, name: 'Basic', price: 55 })),
    );
    expect(r.status).toBe(200);
    expect(r.body.announced).toBe(1);
    expect(await outboxCount(fan.email, 'subscription-price')).toBe(1);
    expect(await subscriptionNotices(fan.id)).toEqual([
      { title: expect.stringMatching(/changed the Basic price/), link: '/subscriptions' },
    ]);
    // Same price again: no announcement.
    const same = await asJson(
      await tiers.POST(jsonRequest('/api/tiers', { id: basic, level: 1, name: 'Basic!', price: 55 })),
    );
    expect(same.body.announced).toBe(0);
  });
});

describe('subscribe and subscriber-only posts', () => {
  it('a locked post shows no body to anon, strangers or lower tiers; it unlocks after subscribing', async () => {
    const { creator, basic, vip } = await creatorWithTiers();
    const vipPost = await publish(creator, 'VIP only', 2);
    await publish(creator, 'For everyone', null);
    await publish(creator, 'Basic and up', 1);

    const feed = async () =>
      (await asJson(await posts.GET(get(`/api/posts?creatorId=${creator.id}`)))).body.items as {
        title: string;
        body: string | null;
        mediaUrl: string | null;
        locked: boolean;
        requiredTier: string | null;
      }[];
    const open = (items: Awaited<ReturnType<typeof feed>>) =>
      Object.fromEntries(items.map((p) => [p.title, p.locked ? null : p.body]));

    // Anonymous: only the public post in full.
    jar.values.clear();
    expect(open(await feed())).toEqual({
      'VIP only': null,
      'For everyone': 'Secret body of For everyone',
      'Basic and up': null,
    });
    const locked = (await feed()).find((p) => p.title === 'VIP only');
    expect(locked).toMatchObject({ body: null, mediaUrl: null, locked: true, requiredTier: 'VIP' });

    const fan = await makeUser();
    await fund(fan, PKG);
    await signInAs(fan);
    expect(open(await feed())['Basic and up']).toBeNull();
    const s = await asJson(await subs.POST(jsonRequest('/api/subscriptions', { tierId: basic })));
    expect(s.status).toBe(200);
    expect(s.body.subscription.status).toBe('active');
    expect(open(await feed())).toEqual({
      'VIP only': null,
      'For everyone': 'Secret body of For everyone',
      'Basic and up': 'Secret body of Basic and up',
    });
    // The table itself says the same under RLS (the route is not the only guard).
    const rows = await asUser(claimsOf(fan), (db) =>
      db.query<{ title: string }>(
        'select title from public.creator_posts where creator_id = $1 order by title',
        [creator.id],
      ),
    );
    expect(rows.rows.map((r) => r.title)).toEqual(['Basic and up', 'For everyone']);

    // A VIP subscriber of another fan sees everything.
    const vipFan = await makeUser();
    await fund(vipFan, PKG);
    await signInAs(vipFan);
    await subs.POST(jsonRequest('/api/subscriptions', { tierId: vip }));
    expect(Object.values(open(await feed())).every((b) => b !== null)).toBe(true);

    // Only the author deletes.
    const del = await postById.DELETE(
      new Request(`http://localhost/api/posts/${vipPost}`, { method: 'DELETE' }),
      ctx(vipPost),
    );
    expect(del.status).toBe(403);
    await signInAs(creator);
    const ok = await postById.DELETE(
      new Request(`http://localhost/api/posts/${vipPost}`, { method: 'DELETE' }),
      ctx(vipPost),
    );
    expect(ok.status).toBe(200);
  });

  it('fans cannot publish; bad post input → 422; not enough tokens → 402 and no subscription', async () => {
    const { basic } = await creatorWithTiers();
    const fan = await makeUser();
    await signInAs(fan);
    const p = await posts.POST(jsonRequest('/api/posts', { title: 'x', body: 'y' }));
    expect(p.status).toBe(403);
    const broke = await asJson(await subs.POST(jsonRequest('/api/subscriptions', { tierId: basic })));
    expect(broke.status).toBe(402);
    expect(broke.body.error.code).toBe('INSUFFICIENT_TOKENS');
    const mine = await asJson(await subs.GET(get('/api/subscriptions')));
    expect(mine.body.subscriptions).toEqual([]);
    const bad = await asJson(await subs.POST(jsonRequest('/api/subscriptions', { tierId: 'nope' })));
    expect(bad.status).toBe(422);
    const missing = await asJson(
      await subs.POST(jsonRequest('/api/subscriptions', { tierId: '00000000-0000-4000-8000-000000000000' })),
    );
    expect(missing.status).toBe(404);
  });

  it('cancel keeps access until the period end; only the fan cancels; refund by the creator ends it', async () => {
    const { creator, basic } = await creatorWithTiers();
    const fan = await makeUser();
    await fund(fan, PKG);
    await signInAs(fan);
    const s = await asJson(await subs.POST(jsonRequest('/api/subscriptions', { tierId: basic })));
    const id = s.body.subscription.id as string;
    const other = await makeUser();
    await signInAs(other);
    expect((await cancel.POST(jsonRequest(`/api/subscriptions/${id}/cancel`, {}), ctx(id))).status).toBe(404);
    await signInAs(fan);
    const c = await asJson(await cancel.POST(jsonRequest(`/api/subscriptions/${id}/cancel`, {}), ctx(id)));
    expect(c.status).toBe(200);
    expect(c.body.subscription).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    // Fan cannot refund (creator-only route).
    expect(
      (await refund.POST(jsonRequest(`/api/subscriptions/${id}/refund`, { reason: 'please' }), ctx(id)))
        .status,
    ).toBe(403);
    await signInAs(creator);
    const noReason = await refund.POST(
      jsonRequest(`/api/subscriptions/${id}/refund`, { reason: '' }),
      ctx(id),
    );
    expect(noReason.status).toBe(422);
    const r = await asJson(
      await refund.POST(jsonRequest(`/api/subscriptions/${id}/refund`, { reason: 'goodwill' }), ctx(id)),
    );
    expect(r.status).toBe(200);
    expect(r.body.subscription.status).toBe('refunded');
  });
});

describe('creator view', () => {
  it('subscriber list with months, stats (MRR tokens + USD), CSV export; other creators see nothing', async () => {
    const { creator, basic, vip } = await creatorWithTiers();
    const fans = [await makeUser(), await makeUser()];
    for (const [i, f] of fans.entries()) {
      await fund(f, PKG);
      await signInAs(f);
      await subs.POST(jsonRequest('/api/subscriptions', { tierId: i === 0 ? basic : vip }));
    }
    await signInAs(creator);
    const list = await asJson(await subscribers.GET(get('/api/subscriptions/subscribers')));
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((x: { tierName: string }) => x.tierName).sort()).toEqual(['Basic', 'VIP']);
    expect(list.body.items.every((x: { months: number }) => x.months === 1)).toBe(true);
    const csv = await subscribers.GET(get('/api/subscriptions/subscribers?format=csv'));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'username,display_name,tier,status,cancels_at_period_end,since,paid_until,ended_at,price_tokens,months',
    );
    expect(lines).toHaveLength(3);
    const { subscriptionStats } = await import('@/lib/subscriptions/subscribers');
    const stats = await subscriptionStats(claimsOf(creator), 'Europe/Paris');
    expect(stats.activeCount).toBe(2);
    expect(stats.mrrTokens).toBe(160);
    // At the lowest per-token package price (best: 9999 cents / 1200 tokens).
    expect(stats.mrrUsdCents).toBe(Math.round(160 * (9999 / 1200)));
    const someoneElse = await makeUser('creator');
    await signInAs(someoneElse);
    const none = await asJson(await subscribers.GET(get('/api/subscriptions/subscribers')));
    expect(none.body.total).toBe(0);
    const fan = fans[0] as TestUser;
    await signInAs(fan);
    expect((await subscribers.GET(get('/api/subscriptions/subscribers'))).status).toBe(403);
  });
});

describe('renewal job', () => {
  /** A fan whose subscription falls due with too few tokens left to renew it. */
  async function fanFallingIntoGrace(): Promise<TestUser> {
    const { basic } = await creatorWithTiers();
    const fan = await makeUser();
    await fund(fan, { id: 'starter', tokens: 100, price_cents: 999 });
    await signInAs(fan);
    const s = await asJson(await subs.POST(jsonRequest('/api/subscriptions', { tierId: basic })));
    const id = s.body.subscription.id as string;
    // Spend down to below the price, then make the period due.
    await asService((db) =>
      db.query(
        `update public.subscriptions set current_period_start = now() - interval '1 month 1 hour',
                current_period_end = now() - interval '1 hour' where id = $1`,
        [id],
      ),
    );
    await asUser(claimsOf(fan), async (db) => {
      const c = await makeUser('creator');
      await db.query(`select public.tip_creator($1, 30, null, 'spend-1')`, [c.id]);
    });
    return fan;
  }

  it('tells the fan once, in-app and by email, when a renewal cannot be paid', async () => {
    const fan = await fanFallingIntoGrace();
    const r1 = await renewSubscriptions();
    expect(r1.grace).toBeGreaterThanOrEqual(1);
    expect(r1.notified).toBeGreaterThanOrEqual(1);
    const r2 = await renewSubscriptions();
    expect(r2.grace).toBe(0);
    expect(await outboxCount(fan.email, 'subscription-grace')).toBe(1);
    expect(await subscriptionNotices(fan.id)).toEqual([
      { title: expect.stringMatching(/could not renew/), link: '/subscriptions' },
    ]);
  });

  it("follows the fan's preferences: email off means the grace notice is in-app only", async () => {
    const fan = await fanFallingIntoGrace();
    await asUser(claimsOf(fan), (db) =>
      db.query(
        `insert into public.notification_preferences (user_id, kind, in_app, email) values ($1, 'subscription', true, false)`,
        [fan.id],
      ),
    );
    await renewSubscriptions();
    expect(await outboxCount(fan.email, 'subscription-grace')).toBe(0);
    expect(await subscriptionNotices(fan.id)).toHaveLength(1);
  });
});
