import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import { auditRows, jsonRequest, makeUser, params, signInAs, sql, type TestUser } from './helpers';

vi.mock('next/headers', () => nextHeadersMock());

const { POST: report } = await import('@/app/api/reports/route');
const { GET: queue } = await import('@/app/api/admin/moderation/route');
const { POST: decide } = await import('@/app/api/admin/moderation/[id]/decision/route');

let admin: TestUser;
let creator: TestUser;
beforeAll(async () => {
  admin = await makeUser('admin');
  creator = await makeUser('creator');
});

async function reportAs(user: TestUser | null, body: unknown) {
  await signInAs(user);
  const res = await report(jsonRequest('/api/reports', body));
  return { status: res.status, body: await res.json(), headers: res.headers };
}
async function decideAs(user: TestUser | null, id: string, body: unknown) {
  await signInAs(user);
  const res = await decide(jsonRequest(`/api/admin/moderation/${id}/decision`, body), params({ id }));
  return { status: res.status, body: await res.json() };
}
const banned = async (id: string) =>
  (await sql<{ is_banned: boolean }>('select is_banned from public.profiles where id = $1', [id]))[0]
    ?.is_banned;

describe('reporting a profile', () => {
  it.each([
    ['no category', { targetId: '00000000-0000-4000-8000-000000000001' }, 422],
    ['unknown category', { targetId: '00000000-0000-4000-8000-000000000001', category: 'meh' }, 422],
    [
      '"other" without details',
      { targetId: '00000000-0000-4000-8000-000000000001', category: 'other', details: 'bad' },
      422,
    ],
    ['not a uuid', { targetId: 'x', category: 'spam' }, 422],
    ['unknown profile', { targetId: '00000000-0000-4000-8000-000000000001', category: 'spam' }, 404],
  ])('%s → %s, nothing stored', async (_n, body, status) => {
    const fan = await makeUser('fan');
    expect((await reportAs(fan, body)).status).toBe(status);
    expect(await sql('select 1 from public.user_reports where reporter_id = $1', [fan.id])).toEqual([]);
  });

  it('anonymous → 401; yourself → 422; the same pending report twice → 409', async () => {
    const fan = await makeUser('fan');
    expect((await reportAs(null, { targetId: creator.id, category: 'spam' })).status).toBe(401);
    expect((await reportAs(fan, { targetId: fan.id, category: 'spam' })).status).toBe(422);
    expect(
      (await reportAs(fan, { targetId: creator.id, category: 'spam', details: 'sells fake tokens' })).status,
    ).toBe(200);
    expect((await reportAs(fan, { targetId: creator.id, category: 'harassment' })).status).toBe(409);
  });

  it('is rate-limited per user (429 with Retry-After)', async () => {
    const fan = await makeUser('fan');
    const targets = await Promise.all(Array.from({ length: 6 }, () => makeUser('creator')));
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (const t of targets) {
      const r = await reportAs(fan, { targetId: t.id, category: 'spam' });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(
      await sql('select count(*)::int as n from public.user_reports where reporter_id = $1', [fan.id]),
    ).toEqual([{ n: 5 }]);
  });

  it('RLS: a reporter sees their own reports only; the reported user sees none', async () => {
    const fan = await makeUser('fan');
    await reportAs(fan, { targetId: creator.id, category: 'impersonation' });
    const { asUser } = await import('@/lib/db/tx');
    const own = await asUser(
      { sub: fan.id, role: 'authenticated' },
      async (db) => (await db.query('select reporter_id from public.user_reports')).rows,
    );
    expect(own).toEqual([{ reporter_id: fan.id }]);
    const target = await asUser(
      { sub: creator.id, role: 'authenticated' },
      async (db) => (await db.query('select 1 from public.user_reports')).rows,
    );
    expect(target).toEqual([]);
  });
});

describe('moderation queue decisions (human, recorded)', () => {
  it('lists reports and Discord flags together; dismiss / warn / ban each recorded with actor and reason', async () => {
    const target = await makeUser('creator');
    const reporters = await Promise.all([makeUser('fan'), makeUser('fan'), makeUser('fan')]);
    const ids: string[] = [];
    for (const r of reporters)
      ids.push(String((await reportAs(r, { targetId: target.id, category: 'spam' })).body.report.id));

    // A Discord /audit flag on a message by a member linked to `target`, and one by an unlinked member.
    await sql(
      `insert into discord.links (discord_user_id, profile_id, discord_username) values ('9001', $1, 'target#1')`,
      [target.id],
    );
    const flags = await sql<{ id: string }>(
      `insert into discord.moderation_queue (guild_id, author_id, message_id, content, categories, max_severity, reason, classifier, reported_by, interaction_id)
       values ('g1', '9001', 'm1', 'buy cheap tokens here', '{"spam":"high","toxicity":"none"}', 'high', 'spam link', 'local-rules', 'mod#1', 'i1'),
              ('g1', '9002', 'm2', 'you are all idiots', '{"toxicity":"medium"}', 'medium', 'insult', 'local-rules', 'mod#1', 'i2')
       returning id::text`,
    );
    const [linkedFlag, unlinkedFlag] = flags.map((f) => f.id) as [string, string];

    await signInAs(admin);
    const items = (await (await queue(jsonRequest('/api/admin/moderation'))).json()).items as {
      source: string;
      id: string;
      category: string;
      subject_profile_id: string | null;
    }[];
    expect(items.filter((i) => i.source === 'report' && ids.includes(String(i.id)))).toHaveLength(3);
    expect(items.find((i) => i.source === 'discord' && String(i.id) === linkedFlag)).toMatchObject({
      category: 'spam',
      subject_profile_id: target.id,
    });
    expect(items.find((i) => i.source === 'discord' && String(i.id) === unlinkedFlag)).toMatchObject({
      subject_profile_id: null,
    });

    // dismiss
    expect(
      (
        await decideAs(admin, ids[0] as string, {
          source: 'report',
          decision: 'dismiss',
          reason: 'Not spam, a real link',
        })
      ).status,
    ).toBe(200);
    // warn → email to the target
    const warn = await decideAs(admin, ids[1] as string, {
      source: 'report',
      decision: 'warn',
      reason: 'Please stop posting referral links',
    });
    expect(warn.body).toMatchObject({ decision: 'warn', emailed: true });
    expect(
      await sql('select subject from private.email_outbox where to_address = $1', [target.email]),
    ).toEqual([{ subject: 'A warning from the CommunityOS team' }]);
    expect(await banned(target.id)).toBe(false);
    // ban via the Discord flag → the existing ban path (profile.ban audit row, sessions revoked)
    expect(
      (
        await decideAs(admin, linkedFlag, {
          source: 'discord',
          decision: 'ban',
          reason: 'Repeated spam after a warning',
        })
      ).status,
    ).toBe(200);
    expect(await banned(target.id)).toBe(true);
    expect(
      await sql('select count(*)::int as n from private.sessions where user_id = $1 and revoked_at is null', [
        target.id,
      ]),
    ).toEqual([{ n: 0 }]);
    expect((await auditRows('profile.ban')).filter((a) => a.target_id === target.id)).toMatchObject([
      {
        actor_id: admin.id,
        reason: 'Repeated spam after a warning',
        before: { is_banned: false },
        after: { is_banned: true },
      },
    ]);
    expect(
      await sql('select status, decision, decision_reason from discord.moderation_queue where id = $1', [
        linkedFlag,
      ]),
    ).toEqual([{ status: 'actioned', decision: 'ban', decision_reason: 'Repeated spam after a warning' }]);

    const byAction = async (a: string) => (await auditRows(a)).filter((x) => x.target_id === target.id);
    expect(await byAction('moderation.dismiss')).toEqual([
      {
        actor_id: admin.id,
        target_id: target.id,
        reason: 'Not spam, a real link',
        before: { source: 'report', item_id: Number(ids[0]), status: 'pending' },
        after: { source: 'report', item_id: Number(ids[0]), status: 'dismiss' },
      },
    ]);
    expect(await byAction('moderation.warn')).toHaveLength(1);
    expect(await byAction('moderation.ban')).toMatchObject([
      { before: { source: 'discord', status: 'pending' }, after: { source: 'discord', status: 'ban' } },
    ]);

    // The third report on an already banned user can still be closed as "ban" without a second ban row.
    expect(
      (
        await decideAs(admin, ids[2] as string, {
          source: 'report',
          decision: 'ban',
          reason: 'Already banned, closing',
        })
      ).status,
    ).toBe(200);
    expect((await auditRows('profile.ban')).filter((a) => a.target_id === target.id)).toHaveLength(1);

    // Unlinked Discord author: warn/ban are refused (409), dismiss works.
    expect(
      (await decideAs(admin, unlinkedFlag, { source: 'discord', decision: 'ban', reason: 'toxic member' }))
        .status,
    ).toBe(409);
    expect(
      (
        await decideAs(admin, unlinkedFlag, {
          source: 'discord',
          decision: 'dismiss',
          reason: 'handled in Discord',
        })
      ).status,
    ).toBe(200);
    expect(
      await sql(
        'select status, decision, decision_reason, reason from discord.moderation_queue where id = $1',
        [unlinkedFlag],
      ),
    ).toEqual([
      { status: 'dismissed', decision: 'dismiss', decision_reason: 'handled in Discord', reason: 'insult' },
    ]);

    // Decided items leave the pending queue and cannot be decided twice.
    const pending = (await (await queue(jsonRequest('/api/admin/moderation'))).json()).items as {
      id: string;
      source: string;
    }[];
    expect(pending.filter((i) => ids.includes(String(i.id)) && i.source === 'report')).toEqual([]);
    expect(
      (await decideAs(admin, ids[0] as string, { source: 'report', decision: 'ban', reason: 'second try' }))
        .status,
    ).toBe(409);
  });

  it.each([
    ['anonymous', null, 401],
    ['fan', 'fan', 403],
    ['staff', 'staff', 403],
    ['creator', 'creator', 403],
  ] as const)(
    '%s cannot decide (%s); the report stays pending and nobody is banned',
    async (_n, role, status) => {
      const fan = await makeUser('fan');
      const target = await makeUser('creator');
      const id = String((await reportAs(fan, { targetId: target.id, category: 'spam' })).body.report.id);
      const actor = role ? await makeUser(role) : null;
      expect(
        (await decideAs(actor, id, { source: 'report', decision: 'ban', reason: 'ban them now' })).status,
      ).toBe(status);
      expect(await banned(target.id)).toBe(false);
      expect(await sql('select status from public.user_reports where id = $1', [id])).toEqual([
        { status: 'pending' },
      ]);
    },
  );

  it.each([
    ['missing reason', { source: 'report', decision: 'ban' }, 422],
    ['unknown decision', { source: 'report', decision: 'delete', reason: 'spam account' }, 422],
    ['unknown source', { source: 'email', decision: 'ban', reason: 'spam account' }, 422],
  ])('%s → %s', async (_n, body, status) => {
    const fan = await makeUser('fan');
    const target = await makeUser('creator');
    const id = String((await reportAs(fan, { targetId: target.id, category: 'spam' })).body.report.id);
    expect((await decideAs(admin, id, body)).status).toBe(status);
    expect(await banned(target.id)).toBe(false);
  });

  it('unknown item → 404', async () => {
    expect(
      (await decideAs(admin, '999999', { source: 'report', decision: 'dismiss', reason: 'not found' }))
        .status,
    ).toBe(404);
    expect(
      (await decideAs(admin, '999999', { source: 'discord', decision: 'dismiss', reason: 'not found' }))
        .status,
    ).toBe(404);
  });
});
