import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import { auditRows, jsonRequest, makeUser, params, signInAs, sql, type TestUser } from './helpers';

vi.mock('next/headers', () => nextHeadersMock());

const { GET: mine, POST: apply } = await import('@/app/api/creator-applications/route');
const { GET: list } = await import('@/app/api/admin/applications/route');
const { POST: decide } = await import('@/app/api/admin/applications/[id]/decision/route');

const PITCH = 'I make weekly cooking streams and want to offer paid 1:1 calls.';
let admin: TestUser;
let staff: TestUser;
beforeAll(async () => {
  admin = await makeUser('admin');
  staff = await makeUser('staff');
});

async function applyAs(user: TestUser, body: unknown) {
  await signInAs(user);
  const res = await apply(jsonRequest('/api/creator-applications', body));
  return { status: res.status, body: await res.json() };
}
async function decideAs(user: TestUser | null, id: string, body: unknown) {
  await signInAs(user);
  const res = await decide(jsonRequest(`/api/admin/applications/${id}/decision`, body), params({ id }));
  return { status: res.status, body: await res.json() };
}
const roleOf = async (id: string) =>
  (await sql<{ role: string }>('select role from public.profiles where id = $1', [id]))[0]?.role;
const outbox = (to: string) =>
  sql<{ subject: string; text_body: string; tag: string }>(
    'select subject, text_body, tag from private.email_outbox where to_address = $1 order by id',
    [to],
  );

describe('applying (fan, on the profile page)', () => {
  it.each([
    ['pitch too short', { pitch: 'hi', links: [] }, 'pitch'],
    ['a link that is not a URL', { pitch: PITCH, links: ['javascript:alert(1)'] }, 'links.0'],
    [
      'too many links',
      { pitch: PITCH, links: Array.from({ length: 6 }, (_, i) => `https://x.test/${i}`) },
      'links',
    ],
    ['pitch missing', { links: [] }, 'pitch'],
  ])('%s → 422 on %s, nothing stored', async (_n, body, field) => {
    const fan = await makeUser('fan');
    const r = await applyAs(fan, body);
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.details.fields)).toContain(field);
    expect(await sql('select 1 from public.creator_applications where applicant_id = $1', [fan.id])).toEqual(
      [],
    );
  });

  it('a fan applies once; a second pending application is a 409; others cannot see it', async () => {
    const fan = await makeUser('fan');
    const r = await applyAs(fan, { pitch: PITCH, links: ['https://youtube.example/@cook'] });
    expect(r.status).toBe(200);
    expect(r.body.application).toMatchObject({ status: 'pending', links: ['https://youtube.example/@cook'] });
    expect((await applyAs(fan, { pitch: PITCH })).status).toBe(409);

    await signInAs(fan);
    expect((await (await mine(jsonRequest('/api/creator-applications'))).json()).application.status).toBe(
      'pending',
    );
    // RLS: another fan reading the table directly sees nothing of it.
    const other = await makeUser('fan');
    const { asUser } = await import('@/lib/db/tx');
    const seen = await asUser(
      { sub: other.id, role: 'authenticated' },
      async (db) => (await db.query('select id from public.creator_applications')).rows,
    );
    expect(seen).toEqual([]);
  });

  it.each(['creator', 'staff', 'admin'] as const)('a %s cannot apply (409)', async (role) => {
    const u = await makeUser(role);
    expect((await applyAs(u, { pitch: PITCH })).status).toBe(409);
  });

  it('anonymous → 401', async () => {
    await signInAs(null);
    expect((await apply(jsonRequest('/api/creator-applications', { pitch: PITCH }))).status).toBe(401);
  });
});

describe('deciding (admin)', () => {
  it('approve: the fan becomes a creator, audited (role + decision, before/after), emailed, sees it on the profile', async () => {
    const fan = await makeUser('fan');
    const { body } = await applyAs(fan, { pitch: PITCH });
    const id = body.application.id as string;

    await signInAs(admin);
    const listed = (await (await list(jsonRequest('/api/admin/applications'))).json()).items;
    expect(listed.map((a: { id: string }) => a.id)).toContain(id);

    const r = await decideAs(admin, id, { decision: 'approve', reason: 'Great channel, verified links' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      application: { status: 'approved', decision_reason: 'Great channel, verified links' },
      emailed: true,
    });
    expect(await roleOf(fan.id)).toBe('creator');

    const approve = (await auditRows('creator_application.approve')).filter((a) => a.target_id === fan.id);
    expect(approve).toEqual([
      {
        actor_id: admin.id,
        target_id: fan.id,
        reason: 'Great channel, verified links',
        before: { application_id: id, status: 'pending', role: 'fan' },
        after: { application_id: id, status: 'approved', role: 'creator' },
      },
    ]);
    const role = (await auditRows('profile.role')).filter((a) => a.target_id === fan.id);
    expect(role).toMatchObject([{ before: { role: 'fan' }, after: { role: 'creator' } }]);

    const mail = await outbox(fan.email);
    expect(mail).toMatchObject([
      { subject: 'You are now a creator on CommunityOS', tag: 'creator-approved' },
    ]);
    expect(mail[0]?.text_body).toContain('Great channel, verified links');

    await signInAs(fan);
    const seen = (await (await mine(jsonRequest('/api/creator-applications'))).json()).application;
    expect(seen).toMatchObject({ status: 'approved', decision_reason: 'Great channel, verified links' });

    // Deciding again is a conflict and changes nothing.
    expect((await decideAs(admin, id, { decision: 'reject', reason: 'changed my mind' })).status).toBe(409);
    expect(await roleOf(fan.id)).toBe('creator');
  });

  it('reject: stays a fan, audited, emailed with the reason; may apply again', async () => {
    const fan = await makeUser('fan');
    const id = (await applyAs(fan, { pitch: PITCH })).body.application.id as string;
    const r = await decideAs(admin, id, { decision: 'reject', reason: 'Links do not show your content' });
    expect(r.status).toBe(200);
    expect(r.body.application.status).toBe('rejected');
    expect(await roleOf(fan.id)).toBe('fan');
    expect(
      (await auditRows('creator_application.reject')).filter((a) => a.target_id === fan.id),
    ).toMatchObject([
      {
        actor_id: admin.id,
        before: { status: 'pending', role: 'fan' },
        after: { status: 'rejected', role: 'fan' },
      },
    ]);
    expect(await outbox(fan.email)).toMatchObject([
      { subject: 'About your creator application on CommunityOS', tag: 'creator-rejected' },
    ]);
    expect((await applyAs(fan, { pitch: PITCH })).status).toBe(200);
  });

  it.each([
    ['anonymous', null, 401],
    ['staff', 'staff', 403],
    ['the applicant', 'self', 403],
  ] as const)('%s cannot decide (%s) and nothing changes', async (_n, who, status) => {
    const fan = await makeUser('fan');
    const id = (await applyAs(fan, { pitch: PITCH })).body.application.id as string;
    const actor = who === null ? null : who === 'self' ? fan : staff;
    expect((await decideAs(actor, id, { decision: 'approve', reason: 'approve myself' })).status).toBe(
      status,
    );
    expect(await roleOf(fan.id)).toBe('fan');
    expect(await sql('select status from public.creator_applications where id = $1', [id])).toEqual([
      { status: 'pending' },
    ]);
  });

  it.each([
    ['no reason', { decision: 'approve' }, 422],
    ['short reason', { decision: 'approve', reason: 'ok' }, 422],
    ['unknown decision', { decision: 'maybe', reason: 'not sure yet' }, 422],
  ])('%s → %s', async (_n, body, status) => {
    const fan = await makeUser('fan');
    const id = (await applyAs(fan, { pitch: PITCH })).body.application.id as string;
    expect((await decideAs(admin, id, body)).status).toBe(status);
    expect(await roleOf(fan.id)).toBe('fan');
  });

  it('unknown id → 404, not a uuid → 422', async () => {
    expect(
      (
        await decideAs(admin, '00000000-0000-4000-8000-00000000abcd', {
          decision: 'approve',
          reason: 'looks good',
        })
      ).status,
    ).toBe(404);
    expect((await decideAs(admin, 'nope', { decision: 'approve', reason: 'looks good' })).status).toBe(422);
  });

  it('an applicant promoted meanwhile cannot be approved again (409)', async () => {
    const fan = await makeUser('fan');
    const id = (await applyAs(fan, { pitch: PITCH })).body.application.id as string;
    await sql(`update public.profiles set role = 'staff' where id = $1`, [fan.id]);
    expect((await decideAs(admin, id, { decision: 'approve', reason: 'looks good' })).status).toBe(409);
    expect(await roleOf(fan.id)).toBe('staff');
  });
});
