import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import { claimsOf, fund, jsonRequest, makeUser, signInAs, type TestUser } from '../payments/helpers';

vi.mock('next/headers', () => nextHeadersMock());

/** The call routes over their real handlers: auth, roles, error contract, tokens tied to funded minutes. */

const calls = await import('@/app/api/calls/route');
const state = await import('@/app/api/calls/[id]/route');
const answer = await import('@/app/api/calls/[id]/answer/route');
const join = await import('@/app/api/calls/[id]/join/route');
const token = await import('@/app/api/calls/[id]/token/route');
const renew = await import('@/app/api/calls/[id]/renew/route');
const end = await import('@/app/api/calls/[id]/end/route');
const statement = await import('@/app/api/calls/[id]/statement/route');
const settings = await import('@/app/api/calls/settings/route');
const { readRtcTokenPrivileges } = await import('@/lib/adapters/video/agora');
const { localBus } = await import('@/lib/adapters/realtime/local-bus');
const { asService, asUser } = await import('@/lib/db/tx');

const SMALL = { id: 'starter', tokens: 100, price_cents: 999 };

beforeEach(() => jar.values.clear());

// biome-ignore lint/suspicious/noExplicitAny: response bodies of many shapes, read field by field below
type Json = { status: number; body: Record<string, any> };
const asJson = async (res: Response): Promise<Json> => ({ status: res.status, body: await res.json() });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (url: string, body?: unknown) => jsonRequest(url, body ?? {});
const get = (url: string) => new Request(`http://localhost${url}`);

async function creatorTakingCalls(): Promise<TestUser> {
  const creator = await makeUser('creator');
  await asUser(claimsOf(creator), (db) =>
    db.query(`select public.set_call_settings(10, 5, true, 'Europe/Paris')`),
  );
  return creator;
}

async function requestAs(fan: TestUser, creator: TestUser, kind = 'video'): Promise<Json> {
  await signInAs(fan);
  return asJson(await calls.POST(post('/api/calls', { creatorId: creator.id, kind })));
}

async function connected(fan: TestUser, creator: TestUser): Promise<string> {
  const r = await requestAs(fan, creator);
  const id = r.body.call.id as string;
  await signInAs(creator);
  await answer.POST(post(`/api/calls/${id}/answer`, { accept: true }), ctx(id));
  await join.POST(post(`/api/calls/${id}/join`), ctx(id));
  await signInAs(fan);
  const j = await asJson(await join.POST(post(`/api/calls/${id}/join`), ctx(id)));
  expect(j.body.call.status).toBe('connected');
  return id;
}

describe('requesting a call', () => {
  it('anonymous → 401; bad body → 422 with field paths; no tokens → 402; nothing created', async () => {
    const creator = await creatorTakingCalls();
    const anon = await asJson(await calls.POST(post('/api/calls', { creatorId: creator.id, kind: 'video' })));
    expect(anon.status).toBe(401);
    const fan = await makeUser();
    await signInAs(fan);
    const bad = await asJson(await calls.POST(post('/api/calls', { creatorId: 'nope', kind: 'fax' })));
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['creatorId', 'kind']);
    const broke = await asJson(
      await calls.POST(post('/api/calls', { creatorId: creator.id, kind: 'video' })),
    );
    expect(broke.status).toBe(402);
    expect(broke.body.error.code).toBe('INSUFFICIENT_TOKENS');
    const n = await asService((db) => db.query('select 1 from public.calls where fan_id = $1', [fan.id]));
    expect(n.rowCount).toBe(0);
  });

  it('rings the creator live on their user channel', async () => {
    const creator = await creatorTakingCalls();
    const fan = await makeUser();
    await fund(fan, SMALL);
    const heard: { name: string; data: { call: { status: string; fan: { id: string } } } }[] = [];
    const stop = localBus().subscribe(`user:${creator.id}`, (m: { name: string; data: unknown }) =>
      heard.push(m as (typeof heard)[number]),
    );
    const r = await requestAs(fan, creator);
    stop();
    expect(r.status).toBe(200);
    expect(r.body.call).toMatchObject({ status: 'requested', kind: 'video', rate: 10 });
    expect(heard.map((m) => [m.name, m.data.call.status, m.data.call.fan.id])).toEqual([
      ['call.updated', 'requested', fan.id],
    ]);
  });

  it('only the creator may answer (403); a stranger sees nothing (403); an unknown id is 404', async () => {
    const creator = await creatorTakingCalls();
    const fan = await makeUser();
    const stranger = await makeUser();
    await fund(fan, SMALL);
    const id = (await requestAs(fan, creator)).body.call.id as string;
    const self = await asJson(await answer.POST(post(`/api/calls/${id}/answer`, { accept: true }), ctx(id)));
    expect(self.status).toBe(403);
    await signInAs(stranger);
    expect((await asJson(await state.GET(get(`/api/calls/${id}`), ctx(id)))).status).toBe(403);
    expect((await asJson(await end.POST(post(`/api/calls/${id}/end`), ctx(id)))).status).toBe(403);
    expect((await asJson(await state.GET(get('/api/calls/x'), ctx('not-a-uuid')))).status).toBe(404);
  });
});

describe('POST /api/calls/:id/token', () => {
  it('anonymous 401, non-participant 403, ringing 409, accepted → token until the join deadline', async () => {
    const creator = await creatorTakingCalls();
    const fan = await makeUser();
    const stranger = await makeUser();
    await fund(fan, SMALL);
    const id = (await requestAs(fan, creator)).body.call.id as string;
    const ringing = await asJson(await token.POST(post(`/api/calls/${id}/token`), ctx(id)));
    expect(ringing.status).toBe(409);
    jar.values.clear();
    expect((await asJson(await token.POST(post(`/api/calls/${id}/token`), ctx(id)))).status).toBe(401);
    await signInAs(stranger);
    const denied = await asJson(await token.POST(post(`/api/calls/${id}/token`), ctx(id)));
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    await signInAs(creator);
    const accepted = await asJson(
      await answer.POST(post(`/api/calls/${id}/answer`, { accept: true }), ctx(id)),
    );
    const t = await asJson(await token.POST(post(`/api/calls/${id}/token`), ctx(id)));
    expect(t.status).toBe(200);
    expect(t.body.token.mode).toBe('simulated');
    const privileges = readRtcTokenPrivileges(t.body.token.token);
    const deadline = Math.floor(new Date(accepted.body.call.answeredAt).getTime() / 1000) + 125;
    expect(
      Math.abs(Math.floor((privileges.joinChannel as Date).getTime() / 1000) - deadline),
    ).toBeLessThanOrEqual(1);
  });

  it('connected → the join privilege ends with the funded minute (+5 s); ended → 409', async () => {
    const creator = await creatorTakingCalls();
    const fan = await makeUser();
    await fund(fan, SMALL);
    const id = await connected(fan, creator);
    const t = await asJson(await token.POST(post(`/api/calls/${id}/token`), ctx(id)));
    expect(t.status).toBe(200);
    const fundedUntil = new Date(t.body.state.fundedUntil).getTime();
    expect(fundedUntil).toBe(new Date(t.body.state.call.connectedAt).getTime() + 60_000);
    const join = (readRtcTokenPrivileges(t.body.token.token).joinChannel as Date).getTime();
    expect(Math.abs(join - (fundedUntil + 5_000))).toBeLessThanOrEqual(1_000);
    expect(new Date(t.body.token.expiresAt).getTime()).toBe(Math.floor((fundedUntil + 5_000) / 1000) * 1000);
    await end.POST(post(`/api/calls/${id}/end`), ctx(id));
    const after = await asJson(await token.POST(post(`/api/calls/${id}/token`), ctx(id)));
    expect(after.status).toBe(409);
  });
});

describe('POST /api/calls/:id/renew', () => {
  it('funds the next minute and extends the token; 402 when the wallet cannot; 409 after the end', async () => {
    const creator = await creatorTakingCalls();
    const fan = await makeUser();
    await fund(fan, { id: 'starter', tokens: 25, price_cents: 999 });
    const id = await connected(fan, creator); // 10 held, 15 left
    const first = await asJson(await renew.POST(post(`/api/calls/${id}/renew`), ctx(id))); // holds minute 1: 5 left
    expect(first.status).toBe(200);
    const connectedAt = new Date(first.body.state.call.connectedAt).getTime();
    expect(new Date(first.body.state.fundedUntil).getTime()).toBe(connectedAt + 120_000);
    const privileges = readRtcTokenPrivileges(first.body.token.token);
    expect(
      Math.abs((privileges.joinChannel as Date).getTime() - (connectedAt + 125_000)),
    ).toBeLessThanOrEqual(1_000);
    const unfunded = await asJson(await renew.POST(post(`/api/calls/${id}/renew`), ctx(id)));
    expect(unfunded.status).toBe(200); // current + next are held already: nothing more to fund yet
    const s = await asJson(await state.GET(get(`/api/calls/${id}`), ctx(id)));
    expect(s.body.walletMinutes).toBe(0);
    await end.POST(post(`/api/calls/${id}/end`), ctx(id));
    const over = await asJson(await renew.POST(post(`/api/calls/${id}/renew`), ctx(id)));
    expect(over.status).toBe(409);
    const st = await asJson(await statement.GET(get(`/api/calls/${id}/statement`), ctx(id)));
    expect(st.body.call).toMatchObject({
      status: 'ended',
      endReason: 'fan_ended',
      billedMinutes: 0,
      total: 0,
    });
    expect(st.body.billingRule).toMatch(/10 seconds/);
  });

  it('402 INSUFFICIENT_TOKENS when the next minute cannot be held', async () => {
    const creator = await creatorTakingCalls();
    const fan = await makeUser();
    await fund(fan, { id: 'starter', tokens: 15, price_cents: 999 });
    const id = await connected(fan, creator); // 10 held, 5 left: the next minute cannot be held
    const r = await asJson(await renew.POST(post(`/api/calls/${id}/renew`), ctx(id)));
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe('INSUFFICIENT_TOKENS');
  });
});

describe('creator settings', () => {
  it('fans cannot change call settings (403); creators get 422 for an unknown time zone', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    const body = {
      videoRate: 10,
      voiceRate: null,
      availableNow: true,
      timezone: 'Europe/Paris',
      slotMinutes: 30,
      requestTimeoutSeconds: 120,
    };
    expect(
      (await asJson(await settings.PUT(jsonRequest('/api/calls/settings', body, { method: 'PUT' })))).status,
    ).toBe(403);
    const creator = await makeUser('creator');
    await signInAs(creator);
    const bad = await asJson(
      await settings.PUT(
        jsonRequest('/api/calls/settings', { ...body, timezone: 'Mars/Olympus' }, { method: 'PUT' }),
      ),
    );
    expect(bad.status).toBe(422);
    const ok = await asJson(await settings.PUT(jsonRequest('/api/calls/settings', body, { method: 'PUT' })));
    expect(ok.body.settings).toMatchObject({
      videoRate: 10,
      voiceRate: null,
      availableNow: true,
      timezone: 'Europe/Paris',
    });
  });
});
