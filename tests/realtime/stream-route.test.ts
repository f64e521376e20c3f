import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';

vi.mock('next/headers', () => nextHeadersMock());

const { GET: streamRoute } = await import('@/app/api/realtime/stream/route');
const { presenceMembers, publish } = await import('@/lib/adapters/realtime/publish');
const { localBus } = await import('@/lib/adapters/realtime/local-bus');
const { openLocalStream } = await import('@/lib/adapters/realtime/sse-stream');
const { callChannel, userChannel } = await import('@/lib/adapters/realtime/channels');
const { resetEnvCache } = await import('@/lib/env');
const { getRequest, makeCall, makeUser, signInAs, sseReader } = await import('./helpers');

const streamUrl = (channels: string[], presence?: string) =>
  `/api/realtime/stream?channels=${encodeURIComponent(channels.join(','))}${
    presence ? `&presence=${encodeURIComponent(presence)}` : ''
  }`;

const aborts: AbortController[] = [];
function open(path: string, headers?: Record<string, string>) {
  const ac = new AbortController();
  aborts.push(ac);
  return { ac, res: streamRoute(getRequest(path, { signal: ac.signal, headers })) };
}

beforeEach(() => jar.values.clear());
afterEach(() => {
  for (const ac of aborts.splice(0)) ac.abort();
  delete process.env.ABLY_API_KEY;
  resetEnvCache();
});

const isComment = (b: string) =>
  b.split('\n').every((l) => l === '' || l.startsWith(':') || l.startsWith('retry:'));

describe('GET /api/realtime/stream: access', () => {
  it('401 for anonymous callers', async () => {
    const res = await open(streamUrl([userChannel(randomUUID())])).res;
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('AUTH_REQUIRED');
  });

  it('403 with the error contract, before streaming, when any channel is denied', async () => {
    const [me, other] = [await makeUser(), await makeUser()];
    await signInAs(me);
    const foreignCall = await makeCall(other, await makeUser(), 'requested');
    const denied = [
      [userChannel(me.id), userChannel(other.id)],
      [callChannel(foreignCall)],
      [`user:${me.id.toUpperCase()}`],
      ['lobby'],
    ];
    for (const channels of denied) {
      const res = await open(streamUrl(channels)).res;
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/json');
      const body = await res.json();
      expect(body.error.code).toBe('FORBIDDEN');
      expect(typeof body.error.message).toBe('string');
    }
    // A denied presence channel is refused too, and nothing was subscribed or entered.
    const res = await open(streamUrl([userChannel(me.id)], callChannel(foreignCall))).res;
    expect(res.status).toBe(403);
    expect(localBus().listenerCount(userChannel(me.id))).toBe(0);
    expect(await presenceMembers(callChannel(foreignCall))).toEqual([]);
  });

  it('422 for a missing or oversized channel list', async () => {
    const me = await makeUser();
    await signInAs(me);
    expect((await open('/api/realtime/stream').res).status).toBe(422);
    const eleven = Array.from({ length: 11 }, () => userChannel(randomUUID()));
    expect((await open(streamUrl(eleven)).res).status).toBe(422);
  });

  it('503 NOT_CONFIGURED when Ably is configured', async () => {
    const me = await makeUser();
    await signInAs(me);
    process.env.ABLY_API_KEY = 'appid.keyid:secret';
    resetEnvCache();
    const res = await open(streamUrl([userChannel(me.id)])).res;
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('NOT_CONFIGURED');
  });
});

describe('GET /api/realtime/stream: delivery', () => {
  it('streams a published message as an SSE event and releases its listener on abort', async () => {
    const me = await makeUser();
    await signInAs(me);
    const channel = userChannel(me.id);
    const { ac, res: pending } = open(streamUrl([channel]));
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const sse = sseReader(res);
    await sse.until((b) => b.includes(': connected'));
    expect(localBus().listenerCount(channel)).toBe(1);

    await publish(channel, 'call.requested', { callId: 'abc', fan: { name: 'Ada' } });
    await publish(userChannel(randomUUID()), 'not.for.me', { secret: true });
    await publish(channel, 'second', null);
    const first = sse.data(await sse.until((b) => !isComment(b)));
    expect(first).toMatchObject({
      channel,
      name: 'call.requested',
      data: { callId: 'abc', fan: { name: 'Ada' } },
    });
    expect(typeof first?.id).toBe('string');
    expect(typeof first?.ts).toBe('number');
    const second = sse.data(await sse.until((b) => !isComment(b)));
    expect(second?.name).toBe('second');
    expect(sse.seen.join('\n')).not.toContain('not.for.me');

    ac.abort();
    expect(localBus().listenerCount(channel)).toBe(0);
    await sse.cancel();
  });

  it('replays messages missed since Last-Event-ID on reconnect', async () => {
    const me = await makeUser();
    await signInAs(me);
    const channel = userChannel(me.id);
    await publish(channel, 'before', 1);
    const first = open(streamUrl([channel]));
    const sse1 = sseReader(await first.res);
    await sse1.until((b) => b.includes(': connected'));
    await publish(channel, 'one', 1);
    const lastId = sse1.data(await sse1.until((b) => !isComment(b)))?.id ?? '';
    first.ac.abort();
    await publish(channel, 'missed-a', 2);
    await publish(channel, 'missed-b', 3);
    const again = open(streamUrl([channel]), { 'last-event-id': lastId });
    const sse2 = sseReader(await again.res);
    const names = [];
    for (let i = 0; i < 2; i++) names.push(sse2.data(await sse2.until((b) => !isComment(b)))?.name);
    expect(names).toEqual(['missed-a', 'missed-b']);
  });

  it('sends a heartbeat comment on idle streams', async () => {
    const ac = new AbortController();
    const body = openLocalStream({
      userId: randomUUID(),
      displayName: 'x',
      channels: [userChannel(randomUUID())],
      signal: ac.signal,
      heartbeatMs: 10,
    });
    const sse = sseReader(new Response(body));
    expect(await sse.until((b) => b === ': heartbeat')).toBe(': heartbeat');
    ac.abort();
  });
});

describe('GET /api/realtime/stream: presence', () => {
  it('enters presence as the user while connected and leaves on disconnect', async () => {
    const [fan, creator] = [await makeUser(), await makeUser()];
    const callId = await makeCall(fan, creator, 'accepted');
    const channel = callChannel(callId);

    await signInAs(creator);
    const creatorConn = open(streamUrl([channel], channel));
    const creatorSse = sseReader(await creatorConn.res);
    const own = creatorSse.data(await creatorSse.until((b) => b.includes('"presence"')));
    expect(own?.data).toEqual({
      action: 'enter',
      clientId: creator.id,
      members: [{ clientId: creator.id, data: { name: creator.displayName } }],
    });

    await signInAs(fan);
    const fanConn = open(streamUrl([channel], channel));
    const fanSse = sseReader(await fanConn.res);
    await fanSse.until((b) => b.includes('"presence"'));
    expect((await presenceMembers(channel)).map((m) => m.clientId).sort()).toEqual(
      [creator.id, fan.id].sort(),
    );
    const entered = creatorSse.data(await creatorSse.until((b) => b.includes('"presence"')));
    expect(entered?.data).toMatchObject({ action: 'enter', clientId: fan.id });
    expect((entered?.data as { members?: unknown[] } | undefined)?.members).toHaveLength(2);

    fanConn.ac.abort();
    const left = creatorSse.data(await creatorSse.until((b) => b.includes('"presence"')));
    expect(left?.data).toEqual({
      action: 'leave',
      clientId: fan.id,
      members: [{ clientId: creator.id, data: { name: creator.displayName } }],
    });
    expect(await presenceMembers(channel)).toEqual([
      { clientId: creator.id, data: { name: creator.displayName } },
    ]);
    creatorConn.ac.abort();
    expect(await presenceMembers(channel)).toEqual([]);
  });
});
