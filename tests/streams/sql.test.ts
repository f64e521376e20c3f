import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { asService, asUser } from '@/lib/db/tx';
import { endStaleStreams } from '@/lib/jobs/end-stale-streams';
import { JOBS } from '@/lib/jobs/registry';
import { buyTokens, failure, sqlstate, type TestUser } from '../ledger/helpers';
import { makeDue, saveTier, subscribe } from '../subscriptions/helpers';
import { as, brokenInvariants, creatorAndFans, earnedBy, goLive, tipTransfersOf, walletOf } from './helpers';

/** The stream SQL API as users call it: access rule, one live stream, chat moderation, money, ordering. */

const giftOf = (db: pg.ClientBase, streamId: string, gift: string, key: string) =>
  db.query('select * from public.stream_gift($1, $2, $3)', [streamId, gift, key]);
const tipOf = (
  db: pg.ClientBase,
  streamId: string,
  amount: number,
  key: string,
  note: string | null = null,
) => db.query('select * from public.stream_tip($1, $2, $3, $4)', [streamId, amount, note, key]);

/** One transaction as the user on its own connection (for real concurrency). */
async function onOwnConnection<T>(user: TestUser, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query('begin');
    await c.query(
      `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`,
      [JSON.stringify(user.claims)],
    );
    const r = await fn(c);
    await c.query('commit');
    return r;
  } catch (err) {
    await c.query('rollback').catch(() => {});
    throw err;
  } finally {
    await c.end();
  }
}

describe('going live', () => {
  it('one live stream per creator; only creators; ending is the creator’s', async () => {
    const { creator, fans } = await creatorAndFans([0]);
    const fan = fans[0] as TestUser;
    const id = await goLive(creator);
    expect(await sqlstate(goLive(creator))).toBe('CO409');
    expect(await sqlstate(goLive(fan))).toBe('CO403');
    expect(await sqlstate(as(fan, (db) => db.query('select public.end_stream($1)', [id])))).toBe('CO403');
    await as(creator, (db) => db.query('select public.end_stream($1)', [id]));
    // idempotent, and a new stream may start now
    await as(creator, (db) => db.query('select public.end_stream($1)', [id]));
    const next = await goLive(creator);
    expect(next).not.toBe(id);
  });

  it('the unique index holds even against a direct insert (service role)', async () => {
    const { creator } = await creatorAndFans([]);
    await goLive(creator);
    const err = await failure(
      asService((db) =>
        db.query(`insert into public.live_streams (creator_id, title, category) values ($1, 'x', 'music')`, [
          creator.id,
        ]),
      ),
    );
    expect(err.code).toBe('23505');
  });

  it('a stream whose studio went silent for 2 minutes is ended as stale when the creator goes live again', async () => {
    const { creator } = await creatorAndFans([]);
    const old = await goLive(creator);
    await asService((db) =>
      db.query(
        `update public.live_streams set started_at = now() - interval '10 minutes',
                creator_seen_at = now() - interval '3 minutes' where id = $1`,
        [old],
      ),
    );
    const fresh = await goLive(creator);
    const rows = await asService((db) =>
      db.query<{ id: string; status: string; end_reason: string | null }>(
        'select id, status, end_reason from public.live_streams where creator_id = $1 order by started_at',
        [creator.id],
      ),
    );
    expect(rows.rows).toEqual([
      { id: old, status: 'ended', end_reason: 'stale' },
      { id: fresh, status: 'live', end_reason: null },
    ]);
  });

  it('the streams-sweep job ends silent studios (and only those) at their last heartbeat', async () => {
    const { creator: silent } = await creatorAndFans([]);
    const { creator: active } = await creatorAndFans([]);
    const quiet = await goLive(silent);
    const busy = await goLive(active);
    await asService((db) =>
      db.query(
        `update public.live_streams set started_at = now() - interval '10 minutes',
                creator_seen_at = now() - interval '3 minutes' where id = $1`,
        [quiet],
      ),
    );
    expect(await endStaleStreams()).toEqual({ ended: 1 });
    const rows = await asService((db) =>
      db.query<{ id: string; status: string; end_reason: string | null; on_time: boolean }>(
        `select id, status, end_reason, ended_at = creator_seen_at as on_time
           from public.live_streams where id = any($1::uuid[]) order by status`,
        [[quiet, busy]],
      ),
    );
    expect(rows.rows).toEqual([
      { id: quiet, status: 'ended', end_reason: 'stale', on_time: true },
      { id: busy, status: 'live', end_reason: null, on_time: null },
    ]);
    expect(await endStaleStreams()).toEqual({ ended: 0 });
    expect(JOBS.find((j) => j.name === 'streams-sweep')?.run).toBeTypeOf('function');
  });

  it('validates title and category (CO422 / check), nothing created', async () => {
    const { creator } = await creatorAndFans([]);
    expect(
      await sqlstate(as(creator, (db) => db.query(`select public.start_stream('   ', 'music', false)`))),
    ).toBe('CO422');
    expect(
      await sqlstate(as(creator, (db) => db.query(`select public.start_stream('Hi', 'cooking', false)`))),
    ).toBe('23514');
    const n = await asService((db) =>
      db.query('select 1 from public.live_streams where creator_id = $1', [creator.id]),
    );
    expect(n.rowCount).toBe(0);
  });
});

describe('the access rule (private.can_view_stream)', () => {
  it('open stream: any signed-in user; subscriber-only: the creator and her live subscribers only', async () => {
    const { creator, fans, other } = await creatorAndFans([0]);
    const fan = fans[0] as TestUser;
    const open = await goLive(creator);
    const subs = await goLive(other, true);
    const check = (s: string, u: string) =>
      asService(
        async (db) =>
          (await db.query<{ ok: boolean }>('select private.can_view_stream($1, $2) as ok', [s, u])).rows[0]
            ?.ok,
      );
    expect(await check(open, fan.id)).toBe(true);
    expect(await check(open, creator.id)).toBe(true);
    expect(await check(subs, other.id)).toBe(true);
    expect(await check(subs, fan.id)).toBe(false);
    expect(await check(subs, creator.id)).toBe(false);
    expect(await check(randomUUID(), fan.id)).toBe(false);
  });

  it('subscriber-only: a subscriber of any tier gets in, also after cancelling within the paid month; not once it ended', async () => {
    const { creator, fans } = await creatorAndFans([100, 100]);
    const [subscriber, stranger] = fans as [TestUser, TestUser];
    const tier = await saveTier(creator, { level: 1, name: 'Supporter', price: 30 });
    const sub = await subscribe(subscriber, tier.id);
    const id = await goLive(creator, true);
    const check = (u: string) =>
      asService(
        async (db) =>
          (await db.query<{ ok: boolean }>('select private.can_view_stream($1, $2) as ok', [id, u])).rows[0]
            ?.ok,
      );
    expect(await check(subscriber.id)).toBe(true);
    expect(await check(stranger.id)).toBe(false);
    // joins and chats like any viewer of an open stream
    await as(subscriber, (db) => db.query('select * from public.stream_presence($1, true)', [id]));
    await as(subscriber, (db) =>
      db.query(`select public.post_stream_message($1, 'hi from a subscriber')`, [id]),
    );
    await as(subscriber, (db) => db.query('select * from public.cancel_subscription($1)', [sub.id]));
    expect(await check(subscriber.id)).toBe(true);
    await makeDue(sub.id, new Date(Date.now() - 60_000));
    expect(await check(subscriber.id)).toBe(false);
  });

  it('subscriber-only: a viewer cannot join, chat or tip (CO403) and reads no chat or events', async () => {
    const { creator, fans } = await creatorAndFans([100]);
    const fan = fans[0] as TestUser;
    const id = await goLive(creator, true);
    await as(creator, (db) => db.query(`select public.post_stream_message($1, 'welcome subscribers')`, [id]));
    expect(
      await sqlstate(as(fan, (db) => db.query('select * from public.stream_presence($1, true)', [id]))),
    ).toBe('CO403');
    expect(
      await sqlstate(as(fan, (db) => db.query(`select public.post_stream_message($1, 'hi')`, [id]))),
    ).toBe('CO403');
    expect(await sqlstate(as(fan, (db) => giftOf(db, id, 'rose', randomUUID())))).toBe('CO403');
    expect(await walletOf(fan)).toBe(100);
    const seen = await as(fan, (db) =>
      db.query('select * from public.stream_messages where stream_id = $1', [id]),
    );
    expect(seen.rowCount).toBe(0);
    const mine = await as(creator, (db) =>
      db.query('select * from public.stream_messages where stream_id = $1', [id]),
    );
    expect(mine.rowCount).toBe(1);
    const details = await as(fan, (db) =>
      db.query<{ can_view: boolean; vod_url: string | null }>(
        'select can_view, vod_url from public.stream_details($1)',
        [id],
      ),
    );
    expect(details.rows[0]?.can_view).toBe(false);
  });
});

describe('RLS on the stream tables', () => {
  it('chat and events: allowed viewers read; moderation record and mutes: creator (and the muted user) only', async () => {
    const { creator, fans } = await creatorAndFans([100, 0]);
    const [fan, bystander] = fans as [TestUser, TestUser];
    const id = await goLive(creator);
    const msg = await as(fan, (db) =>
      db.query<{ id: string }>(`select id from public.post_stream_message($1, 'hello there')`, [id]),
    );
    await as(fan, (db) => giftOf(db, id, 'rose', randomUUID()));
    await as(creator, (db) =>
      db.query('select public.set_stream_mute($1, $2, true, $3)', [id, fan.id, 'spam']),
    );
    await as(creator, (db) => db.query('select public.delete_stream_message($1)', [msg.rows[0]?.id]));

    // One fixed query per table (no SQL built from strings).
    const QUERIES = {
      stream_messages: 'select 1 from public.stream_messages where stream_id = $1',
      stream_events: 'select 1 from public.stream_events where stream_id = $1',
      stream_moderation_actions: 'select 1 from public.stream_moderation_actions where stream_id = $1',
      stream_mutes: 'select 1 from public.stream_mutes where stream_id = $1',
    } as const;
    const count = (u: TestUser, table: keyof typeof QUERIES) =>
      as(u, async (db) => (await db.query(QUERIES[table], [id])).rowCount);
    expect(await count(bystander, 'stream_messages')).toBe(1);
    expect(await count(bystander, 'stream_events')).toBe(1);
    expect(await count(bystander, 'stream_moderation_actions')).toBe(0);
    expect(await count(bystander, 'stream_mutes')).toBe(0);
    expect(await count(fan, 'stream_mutes')).toBe(1);
    expect(await count(creator, 'stream_moderation_actions')).toBe(2);
    // viewers cannot write any of it directly
    expect(
      await sqlstate(
        as(fan, (db) =>
          db.query(`insert into public.stream_messages (stream_id, sender_id, body) values ($1, $2, 'x')`, [
            id,
            fan.id,
          ]),
        ),
      ),
    ).toBe('42501');
    expect(
      await sqlstate(
        as(fan, (db) => db.query(`update public.live_streams set viewer_count = 999 where id = $1`, [id])),
      ),
    ).toBe('42501');
    expect(
      await sqlstate(as(fan, (db) => db.query(`delete from public.stream_mutes where stream_id = $1`, [id]))),
    ).toBe('42501');
  });

  it('anon can list live streams but not the recording URL', async () => {
    const { creator } = await creatorAndFans([]);
    const id = await goLive(creator);
    await as(creator, (db) =>
      db.query(`select public.set_stream_vod_url($1, 'https://cdn.example.test/v.mp4')`, [id]),
    );
    const r = await asUser(null, (db) =>
      db.query('select id, title from public.live_streams where id = $1', [id]),
    );
    expect(r.rowCount).toBe(1);
    expect(await sqlstate(asUser(null, (db) => db.query('select vod_url from public.live_streams')))).toBe(
      '42501',
    );
    expect(await sqlstate(asUser(null, (db) => db.query('select * from public.stream_messages')))).toBe(
      '42501',
    );
  });
});

describe('chat and moderation', () => {
  it('length 1..300 (CO422); ended stream (CO409); muted viewer (CO403) until unmuted', async () => {
    const { creator, fans } = await creatorAndFans([0]);
    const fan = fans[0] as TestUser;
    const id = await goLive(creator);
    const post = (body: string) =>
      as(fan, (db) => db.query('select id from public.post_stream_message($1, $2)', [id, body]));
    expect(await sqlstate(post('   '))).toBe('CO422');
    expect(await sqlstate(post('x'.repeat(301)))).toBe('CO422');
    expect(await sqlstate(post('x'.repeat(300)))).toBe('resolved');
    await as(creator, (db) => db.query('select public.set_stream_mute($1, $2, true, null)', [id, fan.id]));
    expect(await sqlstate(post('let me talk'))).toBe('CO403');
    await as(creator, (db) => db.query('select public.set_stream_mute($1, $2, false, null)', [id, fan.id]));
    expect(await sqlstate(post('thanks'))).toBe('resolved');
    await as(creator, (db) => db.query('select public.end_stream($1)', [id]));
    expect(await sqlstate(post('still here?'))).toBe('CO409');
  });

  it('delete and mute are the creator’s (others CO403), recorded once, with the deleted text kept', async () => {
    const { creator, fans, other } = await creatorAndFans([0, 0]);
    const [fan, fan2] = fans as [TestUser, TestUser];
    const id = await goLive(creator);
    const m = await as(fan, (db) =>
      db.query<{ id: string }>(`select id from public.post_stream_message($1, 'rude words')`, [id]),
    );
    const msgId = m.rows[0]?.id;
    for (const u of [fan, fan2, other]) {
      expect(
        await sqlstate(as(u, (db) => db.query('select public.delete_stream_message($1)', [msgId]))),
      ).toBe('CO403');
      expect(
        await sqlstate(
          as(u, (db) => db.query('select public.set_stream_mute($1, $2, true, null)', [id, fan2.id])),
        ),
      ).toBe('CO403');
    }
    expect(
      await sqlstate(
        as(creator, (db) => db.query('select public.set_stream_mute($1, $2, true, null)', [id, creator.id])),
      ),
    ).toBe('CO422');
    await as(creator, (db) => db.query('select public.delete_stream_message($1)', [msgId]));
    await as(creator, (db) => db.query('select public.delete_stream_message($1)', [msgId]));
    const first = await as(creator, (db) =>
      db.query<{ r: boolean }>('select public.set_stream_mute($1, $2, true, $3) as r', [id, fan.id, 'spam']),
    );
    const again = await as(creator, (db) =>
      db.query<{ r: boolean }>('select public.set_stream_mute($1, $2, true, $3) as r', [id, fan.id, 'spam']),
    );
    expect([first.rows[0]?.r, again.rows[0]?.r]).toEqual([true, false]);
    const log = await as(creator, (db) =>
      db.query<{ action: string; target_user_id: string; message_body: string | null; actor_id: string }>(
        'select action, target_user_id, message_body, actor_id from public.stream_moderation_actions where stream_id = $1 order by id',
        [id],
      ),
    );
    expect(log.rows).toEqual([
      { action: 'delete_message', target_user_id: fan.id, message_body: 'rude words', actor_id: creator.id },
      { action: 'mute', target_user_id: fan.id, message_body: null, actor_id: creator.id },
    ]);
    const row = await as(fan2, (db) =>
      db.query<{ body: string | null; deleted_at: Date | null }>(
        'select body, deleted_at from public.stream_messages where id = $1',
        [msgId],
      ),
    );
    expect(row.rows[0]?.body).toBeNull();
    expect(row.rows[0]?.deleted_at).not.toBeNull();
  });
});

describe('tips and gifts through the ledger', () => {
  it('a gift charges its catalog price with the profile-tip fee split (80/20)', async () => {
    const { creator, fans } = await creatorAndFans([200]);
    const fan = fans[0] as TestUser;
    const id = await goLive(creator);
    const r = await as(fan, (db) => giftOf(db, id, 'star', randomUUID()));
    expect(r.rows[0]).toMatchObject({
      seq: 1,
      kind: 'gift',
      amount: 50,
      gift_id: 'star',
      balance: 150,
      replayed: false,
    });
    expect(await walletOf(fan)).toBe(150);
    expect(await earnedBy(creator)).toBe(40);
    expect(await brokenInvariants()).toEqual([]);
  });

  it('a double click (same key on 6 concurrent connections) charges exactly once and shows one event', async () => {
    const { creator, fans } = await creatorAndFans([100]);
    const fan = fans[0] as TestUser;
    const id = await goLive(creator);
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        onOwnConnection(
          fan,
          async (c) => (await giftOf(c, id, 'coffee', key)).rows[0] as Record<string, unknown>,
        ),
      ),
    );
    expect(new Set(results.map((r) => r.transfer_id)).size).toBe(1);
    expect(new Set(results.map((r) => r.seq))).toEqual(new Set([1]));
    expect(results.filter((r) => r.replayed === false)).toHaveLength(1);
    expect(await walletOf(fan)).toBe(75);
    expect(await tipTransfersOf(fan)).toBe(1);
    const events = await as(fan, (db) =>
      db.query('select seq from public.stream_events where stream_id = $1', [id]),
    );
    expect(events.rowCount).toBe(1);
    // the same key for something else is a conflict, nothing moves
    expect(await sqlstate(as(fan, (db) => giftOf(db, id, 'rose', key)))).toBe('CO410');
    expect(await sqlstate(as(fan, (db) => tipOf(db, id, 25, key)))).toBe('CO410');
    expect(await walletOf(fan)).toBe(75);
    expect(await brokenInvariants()).toEqual([]);
  });

  it('too few tokens → CO402 and nothing moved: no transfer, no event, no seq consumed', async () => {
    const { creator, fans } = await creatorAndFans([20]);
    const fan = fans[0] as TestUser;
    const id = await goLive(creator);
    expect(await sqlstate(as(fan, (db) => giftOf(db, id, 'crown', randomUUID())))).toBe('CO402');
    expect(await sqlstate(as(fan, (db) => tipOf(db, id, 21, randomUUID())))).toBe('CO402');
    expect(await walletOf(fan)).toBe(20);
    expect(await tipTransfersOf(fan)).toBe(0);
    const s = await asService((db) =>
      db.query<{ last_event_seq: string }>('select last_event_seq from public.live_streams where id = $1', [
        id,
      ]),
    );
    expect(Number(s.rows[0]?.last_event_seq)).toBe(0);
    const r = await as(fan, (db) => tipOf(db, id, 20, randomUUID(), 'all in'));
    expect(r.rows[0]).toMatchObject({ seq: 1, message: 'all in', balance: 0 });
    expect(await brokenInvariants()).toEqual([]);
  });

  it('refuses unknown gifts (CO404), ended streams (CO409), self-tips (CO422)', async () => {
    const { creator, fans } = await creatorAndFans([100]);
    const fan = fans[0] as TestUser;
    await buyTokens(creator, 100);
    const id = await goLive(creator);
    expect(await sqlstate(as(fan, (db) => giftOf(db, id, 'yacht', randomUUID())))).toBe('CO404');
    expect(await sqlstate(as(creator, (db) => tipOf(db, id, 5, randomUUID())))).toBe('CO422');
    await as(creator, (db) => db.query('select public.end_stream($1)', [id]));
    expect(await sqlstate(as(fan, (db) => tipOf(db, id, 5, randomUUID())))).toBe('CO409');
    expect(await walletOf(fan)).toBe(100);
  });

  it('concurrent tips from many fans: seq 1..n with no gaps, in the same order as the ledger transfers', async () => {
    const { creator, fans } = await creatorAndFans([100, 100, 100, 100, 100, 100, 100, 100]);
    const id = await goLive(creator);
    await Promise.all(
      fans.flatMap((fan, i) =>
        [1, 2].map((k) => onOwnConnection(fan, (c) => tipOf(c, id, i + k, randomUUID()))),
      ),
    );
    const rows = await as(creator, (db) =>
      db.query<{ seq: string; transfer_id: string }>(
        'select seq, transfer_id from public.stream_events where stream_id = $1 order by seq',
        [id],
      ),
    );
    expect(rows.rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const transfers = rows.rows.map((r) => Number(r.transfer_id));
    expect(transfers).toEqual([...transfers].sort((a, b) => a - b));
    expect(await brokenInvariants()).toEqual([]);
  });
});

describe('viewer counts and analytics', () => {
  it('join / leave keep a server-side count and peak; the creator is not a viewer', async () => {
    const { creator, fans } = await creatorAndFans([0, 0, 0]);
    const id = await goLive(creator);
    const presence = (u: TestUser, present: boolean) =>
      as(
        u,
        async (db) =>
          (
            await db.query<{ viewer_count: number; peak_viewers: number }>(
              'select * from public.stream_presence($1, $2)',
              [id, present],
            )
          ).rows[0],
      );
    await presence(creator, true);
    for (const f of fans) await presence(f, true);
    expect(await presence(fans[0] as TestUser, true)).toMatchObject({ viewer_count: 3, peak_viewers: 3 });
    expect(await presence(fans[1] as TestUser, false)).toMatchObject({ viewer_count: 2, peak_viewers: 3 });
    // a viewer whose heartbeats stopped 45 s ago is no longer counted
    await asService((db) =>
      db.query(
        `update public.stream_viewers set last_seen_at = now() - interval '50 seconds' where user_id = $1`,
        [(fans[2] as TestUser).id],
      ),
    );
    expect(await presence(creator, true)).toMatchObject({ viewer_count: 1, peak_viewers: 3 });
  });

  it('figures from hand-built data: duration, peak, average, unique, chat, tips, gifts, top supporters', async () => {
    const { creator, fans } = await creatorAndFans([1000, 1000, 1000]);
    const [a, b, c] = fans as [TestUser, TestUser, TestUser];
    const id = await goLive(creator);
    await as(a, (db) => tipOf(db, id, 100, randomUUID()));
    await as(b, (db) => giftOf(db, id, 'cake', randomUUID())); // 100
    await as(b, (db) => giftOf(db, id, 'rose', randomUUID())); // 10
    await as(c, (db) => tipOf(db, id, 5, randomUUID()));
    for (const [u, text] of [
      [a, 'hi'],
      [b, 'hello'],
      [a, 'spam'],
    ] as const) {
      await as(u, (db) => db.query('select public.post_stream_message($1, $2)', [id, text]));
    }
    const spam = await as(creator, (db) =>
      db.query<{ id: string }>(
        `select id from public.stream_messages where stream_id = $1 and body = 'spam'`,
        [id],
      ),
    );
    await as(creator, (db) => db.query('select public.delete_stream_message($1)', [spam.rows[0]?.id]));
    await as(creator, (db) => db.query('select public.end_stream($1)', [id]));
    // A 1-hour stream: a watched 3600 s, b 1800 s, c 0 s (joined and left at once); peak 3.
    await asService(async (db) => {
      await db.query(
        `update public.live_streams set started_at = '2030-01-01T10:00:00Z', ended_at = '2030-01-01T11:00:00Z',
                peak_viewers = 3 where id = $1`,
        [id],
      );
      await db.query(
        `insert into public.stream_viewers (stream_id, user_id, first_joined_at, last_seen_at, left_at, watched_seconds)
         values ($1, $2, '2030-01-01T10:00:00Z', '2030-01-01T11:00:00Z', '2030-01-01T11:00:00Z', 3600),
                ($1, $3, '2030-01-01T10:00:00Z', '2030-01-01T10:30:00Z', '2030-01-01T10:30:00Z', 1800),
                ($1, $4, '2030-01-01T10:10:00Z', '2030-01-01T10:10:00Z', '2030-01-01T10:10:00Z', 0)`,
        [id, a.id, b.id, c.id],
      );
    });
    const r = await as(creator, (db) => db.query('select * from public.stream_analytics($1)', [id]));
    expect(r.rows[0]).toEqual({
      duration_seconds: 3600,
      peak_viewers: 3,
      average_viewers: '1.5',
      unique_viewers: 3,
      chat_messages: 3,
      deleted_messages: 1,
      tips_total: 105,
      tips_count: 2,
      gifts_total: 110,
      gifts_count: 2,
      // 80% of each: 80 + 80 + 8 + 4 (floor of the 20% fee on 5 is 1)
      creator_earned: 172,
    });
    const top = await as(creator, (db) =>
      db.query<{ username: string; total: string; tips: number; gifts: number }>(
        'select username, total, tips, gifts from public.stream_top_supporters($1, 10)',
        [id],
      ),
    );
    expect(top.rows).toEqual([
      { username: b.username, total: 110, tips: 0, gifts: 2 },
      { username: a.username, total: 100, tips: 1, gifts: 0 },
      { username: c.username, total: 5, tips: 1, gifts: 0 },
    ]);
    // nobody else sees them
    expect(await sqlstate(as(a, (db) => db.query('select * from public.stream_analytics($1)', [id])))).toBe(
      'CO403',
    );
    expect(
      await sqlstate(as(a, (db) => db.query('select * from public.stream_top_supporters($1, 10)', [id]))),
    ).toBe('CO403');
  });
});

describe('locking', () => {
  it('heartbeats racing end_stream never deadlock: every call succeeds and the stream ends', async () => {
    const { creator, fans } = await creatorAndFans([0, 0, 0, 0, 0, 0]);
    const id = await goLive(creator);
    for (const f of fans)
      await as(f, (db) => db.query('select * from public.stream_presence($1, true)', [id]));
    const beats = fans.flatMap((f) =>
      [1, 2, 3].map(() =>
        onOwnConnection(f, (c) => c.query('select * from public.stream_presence($1, true)', [id])).then(
          () => 'ok',
          (err: { code?: string }) => String(err.code),
        ),
      ),
    );
    const ending = onOwnConnection(creator, (c) => c.query('select public.end_stream($1)', [id])).then(
      () => 'ok',
      (err: { code?: string }) => String(err.code),
    );
    const results = await Promise.all([...beats, ending]);
    expect(results.filter((r) => r !== 'ok')).toEqual([]);
    const open = await asService((db) =>
      db.query('select 1 from public.stream_viewers where stream_id = $1 and left_at is null', [id]),
    );
    // Heartbeats that ran after the end see an ended stream and change nothing.
    expect(open.rowCount).toBe(0);
  });
});
