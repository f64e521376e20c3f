import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import { idsThroughPages } from '../helpers/pages';

vi.mock('next/headers', () => nextHeadersMock());

const { asService, asUser } = await import('@/lib/db/tx');
const { notify } = await import('@/lib/notifications/notify');
const { notifyCreatorApplicationDecision } = await import('@/lib/notifications/decisions');
const { sendMessageEmails } = await import('@/lib/notifications/message-emails');
const { localBus } = await import('@/lib/adapters/realtime/local-bus');
const { userChannel } = await import('@/lib/adapters/realtime/channels');
const listRoute = await import('@/app/api/notifications/route');
const readRoute = await import('@/app/api/notifications/read/route');
const prefsRoute = await import('@/app/api/notifications/preferences/route');
const { jsonRequest, makeUser, signInAs, claimsOf, fund } = await import('../payments/helpers');
const { sqlstate } = await import('../ledger/helpers');
const { conversation, people, send } = await import('../messages/helpers');

/** Notifications: preferences decide in-app and email; RLS; live push; batched message emails. */

beforeEach(() => jar.values.clear());

async function outbox(to: string) {
  return asService(async (db) => {
    const r = await db.query<{ subject: string; text_body: string; tag: string | null }>(
      'select subject, text_body, tag from private.email_outbox where to_address = $1 order by id',
      [to],
    );
    return r.rows;
  });
}
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const emailOf = (u: { username: string }) => `${u.username}@example.test`;

describe('notify()', () => {
  it('adds an in-app row, pushes it live on the user channel and emails when the kind is on', async () => {
    const u = await makeUser();
    const pushed: unknown[] = [];
    const off = localBus().subscribe(
      userChannel(u.id),
      (m) => m.name === 'notification' && pushed.push(m.data),
    );
    try {
      const r = await notify({
        userId: u.id,
        kind: 'call_missed',
        title: 'You missed a call',
        link: '/creator/calls',
        email: { subject: 'Missed call', text: 'A call request expired.' },
      });
      expect(r.notificationId).not.toBeNull();
      expect(r.emailed).toBe(true);
      expect(pushed).toEqual([expect.objectContaining({ id: r.notificationId, title: 'You missed a call' })]);
      expect((await outbox(u.email)).map((m) => m.subject)).toEqual(['Missed call']);
    } finally {
      off();
    }
  });

  it('respects preferences: in-app off → no row; email off → no email', async () => {
    const u = await makeUser();
    await signInAs(u);
    const saved = await json(
      await prefsRoute.PUT(
        jsonRequest(
          '/api/notifications/preferences',
          { preferences: [{ kind: 'call_missed', inApp: false, email: false }] },
          { method: 'PUT' },
        ),
      ),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.preferences).toContainEqual({ kind: 'call_missed', inApp: false, email: false });
    const r = await notify({
      userId: u.id,
      kind: 'call_missed',
      title: 'Missed',
      email: { subject: 'Missed call', text: 'x' },
    });
    expect(r).toEqual({ notificationId: null, emailed: false });
    expect(await outbox(u.email)).toEqual([]);
    // Another kind keeps its defaults.
    expect((await notify({ userId: u.id, kind: 'tip', title: 'Tip' })).notificationId).not.toBeNull();
  });

  it('the creator-application decision reaches the applicant in-app and by email', async () => {
    const u = await makeUser();
    await notifyCreatorApplicationDecision({
      userId: u.id,
      displayName: 'Applicant',
      approved: false,
      reason: 'Profile incomplete',
    });
    const mail = await outbox(u.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('About your creator application on CommunityOS');
    expect(mail[0]?.text_body).toContain('Profile incomplete');
    await signInAs(u);
    const list = await json(await listRoute.GET(new Request('http://localhost/api/notifications')));
    expect(list.body.unread).toBe(1);
    expect(list.body.items[0]).toMatchObject({ kind: 'creator_application', readAt: null });
  });
});

describe('purchase receipts go through the preferences', () => {
  const STARTER = { id: 'starter', tokens: 100, price_cents: 999 };

  it('by default: an in-app notification and the receipt email', async () => {
    const u = await makeUser();
    await fund(u, STARTER);
    expect(
      (await outbox(u.email)).filter((m) => m.tag === 'receipt' || /receipt/i.test(m.subject)),
    ).toHaveLength(1);
    const rows = await asUser(claimsOf(u), (db) =>
      db.query("select kind from public.notifications where kind = 'purchase'"),
    );
    expect(rows.rowCount).toBe(1);
  });

  it('email turned off: the tokens arrive and the in-app notification too, but no email', async () => {
    const u = await makeUser();
    await asUser(claimsOf(u), (db) =>
      db.query(
        `insert into public.notification_preferences (user_id, kind, in_app, email) values (auth.uid(), 'purchase', true, false)`,
      ),
    );
    await fund(u, STARTER);
    expect(await outbox(u.email)).toEqual([]);
    const rows = await asUser(claimsOf(u), (db) =>
      db.query("select kind from public.notifications where kind = 'purchase'"),
    );
    expect(rows.rowCount).toBe(1);
  });
});

describe('notifications: RLS and the routes', () => {
  it('a user reads and marks only their own', async () => {
    const a = await makeUser();
    const b = await makeUser();
    const n = await notify({ userId: a.id, kind: 'tip', title: 'For A' });
    const seenByB = await asUser(claimsOf(b), (db) => db.query('select id from public.notifications'));
    expect(seenByB.rowCount).toBe(0);
    expect(
      await sqlstate(
        asUser(claimsOf(b), (db) => db.query('update public.notifications set read_at = now()')),
      ),
    ).toBe('42501');
    await signInAs(b);
    const wrong = await json(
      await readRoute.POST(jsonRequest('/api/notifications/read', { ids: [n.notificationId] })),
    );
    expect(wrong.body).toEqual({ marked: 0 });
    await signInAs(a);
    const ok = await json(
      await readRoute.POST(jsonRequest('/api/notifications/read', { ids: [n.notificationId] })),
    );
    expect(ok.body).toEqual({ marked: 1 });
    const list = await json(await listRoute.GET(new Request('http://localhost/api/notifications')));
    expect(list.body.unread).toBe(0);
  });

  it('pages with (createdAt, id): notifications of the same millisecond are each listed once', async () => {
    const u = await makeUser();
    const other = await makeUser();
    // Five created in the same millisecond, two older ones, and someone else's in the same millisecond.
    const ids = await asService(async (db) => {
      const r = await db.query<{ id: string }>(
        `insert into public.notifications (user_id, kind, title, created_at)
         select $1::uuid, 'tip', 'Same time ' || g, '2026-11-20T10:00:00.123Z'::timestamptz from generate_series(1, 5) g
         union all
         select $1::uuid, 'tip', 'Older ' || g, '2026-11-19T10:00:00.000Z'::timestamptz from generate_series(1, 2) g
         returning id`,
        [u.id],
      );
      await db.query(
        `insert into public.notifications (user_id, kind, title, created_at)
         values ($1, 'tip', 'Not yours', '2026-11-20T10:00:00.123Z')`,
        [other.id],
      );
      return r.rows.map((x) => x.id);
    });
    await signInAs(u);
    const seen = await idsThroughPages(
      (q) => listRoute.GET(new Request(`http://localhost/api/notifications${q}`)),
      2,
    );
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(ids));

    const bad = await json(
      await listRoute.GET(new Request('http://localhost/api/notifications?before=yesterday&beforeId=42')),
    );
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toMatch(/before must be an ISO date-time/);
    expect(JSON.stringify(bad.body)).toMatch(/beforeId must be a notification id/);
  });

  it('a user cannot write preferences for someone else (RLS)', async () => {
    const a = await makeUser();
    const b = await makeUser();
    expect(
      await sqlstate(
        asUser(claimsOf(a), (db) =>
          db.query(
            `insert into public.notification_preferences (user_id, kind, in_app, email) values ($1, 'tip', false, false)`,
            [b.id],
          ),
        ),
      ),
    ).toBe('42501');
  });

  it('bad preference input → 422 and nothing saved', async () => {
    const u = await makeUser();
    await signInAs(u);
    const r = await json(
      await prefsRoute.PUT(
        jsonRequest(
          '/api/notifications/preferences',
          { preferences: [{ kind: 'spam', inApp: true, email: 1 }] },
          { method: 'PUT' },
        ),
      ),
    );
    expect(r.status).toBe(422);
    const prefs = await json(
      await prefsRoute.GET(new Request('http://localhost/api/notifications/preferences')),
    );
    expect(prefs.body.preferences).toContainEqual({ kind: 'message', inApp: true, email: true });
  });
});

describe('new-message emails (batched; time is a parameter)', () => {
  const offline = async () => false;

  async function lastMessageTime(c: string): Promise<Date> {
    return asService(async (db) => {
      const r = await db.query<{ t: Date }>(
        'select max(created_at) as t from public.messages where conversation_id = $1',
        [c],
      );
      return r.rows[0]?.t as Date;
    });
  }
  const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

  it('one email per conversation per hour, covering every unread message; none while online or read', async () => {
    const { fan, creator } = await people();
    const c = await conversation(fan, creator);
    await send(creator, c, { kind: 'text', body: 'one' });
    await send(creator, c, { kind: 'text', body: 'two' });
    const t0 = await lastMessageTime(c);
    const inbox = () => outbox(emailOf(fan));

    // Within the grace period: nothing yet.
    await sendMessageEmails({ now: plus(t0, 1), isOnline: offline });
    expect(await inbox()).toHaveLength(0);
    // Online: skipped.
    const online = await sendMessageEmails({ now: plus(t0, 5), isOnline: async () => true });
    expect(online.online).toBeGreaterThanOrEqual(1);
    expect(await inbox()).toHaveLength(0);
    // Offline: one email for both messages; running again (or concurrently) sends nothing more.
    await Promise.all([
      sendMessageEmails({ now: plus(t0, 5), isOnline: offline }),
      sendMessageEmails({ now: plus(t0, 5), isOnline: offline }),
    ]);
    const first = await inbox();
    expect(first).toHaveLength(1);
    expect(first[0]?.subject).toContain('2 messages');
    expect(first[0]?.text_body).toContain(`/messages/${c}`);

    // A new message 10 minutes later: not before the hour is over.
    await send(creator, c, { kind: 'text', body: 'three' });
    const t1 = await lastMessageTime(c);
    await sendMessageEmails({ now: plus(t1, 20), isOnline: offline });
    expect(await inbox()).toHaveLength(1);
    await sendMessageEmails({ now: plus(t0, 66), isOnline: offline });
    const second = await inbox();
    expect(second).toHaveLength(2);
    // Nothing new since: no third email, even hours later.
    await sendMessageEmails({ now: plus(t0, 300), isOnline: offline });
    expect(await inbox()).toHaveLength(2);
    // The creator (who sent them) got none.
    expect(await outbox(emailOf(creator))).toHaveLength(0);
  });

  it('no email for messages already read, or when message emails are turned off', async () => {
    const { fan, creator, other } = await people();
    const c = await conversation(fan, creator);
    await send(creator, c, { kind: 'text', body: 'read me' });
    const t0 = await lastMessageTime(c);
    await asUser(fan.claims, (db) => db.query('select * from public.mark_messages_as_read($1)', [c]));
    await sendMessageEmails({ now: plus(t0, 10), isOnline: offline });
    expect(await outbox(emailOf(fan))).toHaveLength(0);

    const c2 = await conversation(other, creator);
    await asUser(other.claims, (db) =>
      db.query(
        `insert into public.notification_preferences (user_id, kind, in_app, email) values (auth.uid(), 'message', true, false)`,
      ),
    );
    await send(creator, c2, { kind: 'text', body: 'muted' });
    await sendMessageEmails({ now: plus(await lastMessageTime(c2), 10), isOnline: offline });
    expect(await outbox(emailOf(other))).toHaveLength(0);
  });

  it('separate conversations are batched separately', async () => {
    const { fan, creator } = await people();
    const { creator: creator2 } = await people();
    const c1 = await conversation(fan, creator);
    const c2 = await conversation(fan, creator2);
    await send(creator, c1, { kind: 'text', body: 'a' });
    await send(creator2, c2, { kind: 'text', body: 'b' });
    const t = await lastMessageTime(c2);
    await sendMessageEmails({ now: plus(t, 5), isOnline: offline });
    expect(await outbox(emailOf(fan))).toHaveLength(2);
  });
});
