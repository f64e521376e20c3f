import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';

vi.mock('next/headers', () => nextHeadersMock());

const { canAccessChannel, dbCallMembership } = await import('@/lib/adapters/realtime/access');
const { callChannel, parseChannel, userChannel } = await import('@/lib/adapters/realtime/channels');
const { makeCall, makeUser } = await import('./helpers');

const me = randomUUID();
const other = randomUUID();
const myCall = randomUUID();
const otherCall = randomUUID();

/** A fake membership: `me` takes part in myCall only. Records what it was asked. */
function fakeMembership() {
  const asked: [string, string][] = [];
  return {
    asked,
    isParticipant: async (callId: string, userId: string) => {
      asked.push([callId, userId]);
      return callId === myCall && userId === me;
    },
    activeCallIds: async (userId: string) => (userId === me ? [myCall] : []),
  };
}

describe('canAccessChannel (the rule, with a fake membership)', () => {
  const cases: [string, string, boolean][] = [
    ['own user channel', `user:${me}`, true],
    ["another user's channel", `user:${other}`, false],
    ['call channel as a participant', `call:${myCall}`, true],
    ['call channel as a non-participant', `call:${otherCall}`, false],
    ['own user channel in upper case (a second spelling)', `user:${me.toUpperCase()}`, false],
    ['unknown namespace', `room:${me}`, false],
    ['no namespace', me, false],
    ['empty id', 'user:', false],
    ['not a uuid', 'user:me', false],
    ['trailing segment', `user:${me}:x`, false],
    ['surrounding whitespace', ` user:${me}`, false],
    ['wildcard', 'user:*', false],
    ['empty string', '', false],
  ];
  for (const [name, channel, allowed] of cases) {
    it(`${name} → ${allowed ? 'allowed' : 'denied'}`, async () => {
      expect(await canAccessChannel(me, channel, fakeMembership())).toBe(allowed);
    });
  }

  it('asks the membership only for well-formed call channels', async () => {
    const m = fakeMembership();
    await canAccessChannel(me, `user:${me}`, m);
    await canAccessChannel(me, 'call:nope', m);
    expect(m.asked).toEqual([]);
    await canAccessChannel(me, `call:${otherCall}`, m);
    expect(m.asked).toEqual([[otherCall, me]]);
  });

  it('denies everything to a malformed user id', async () => {
    expect(await canAccessChannel('not-a-uuid', 'user:not-a-uuid', fakeMembership())).toBe(false);
    expect(await canAccessChannel(me.toUpperCase(), `user:${me.toUpperCase()}`, fakeMembership())).toBe(
      false,
    );
  });

  it('builds and parses channel names, refusing bad ids', () => {
    expect(parseChannel(userChannel(me))).toEqual({ kind: 'user', id: me });
    expect(parseChannel(callChannel(myCall))).toEqual({ kind: 'call', id: myCall });
    expect(parseChannel(42)).toBeNull();
    expect(() => userChannel('x')).toThrow(RangeError);
    expect(() => callChannel(myCall.toUpperCase())).toThrow(RangeError);
  });
});

describe('canAccessChannel with public.calls', () => {
  it('lets both participants use the call channel and nobody else', async () => {
    const [fan, creator, stranger] = [await makeUser(), await makeUser(), await makeUser()];
    const callId = await makeCall(fan, creator, 'requested');
    expect(await canAccessChannel(fan.id, callChannel(callId))).toBe(true);
    expect(await canAccessChannel(creator.id, callChannel(callId))).toBe(true);
    expect(await canAccessChannel(stranger.id, callChannel(callId))).toBe(false);
    expect(await canAccessChannel(fan.id, callChannel(randomUUID()))).toBe(false);
    expect(await canAccessChannel(stranger.id, userChannel(fan.id))).toBe(false);
    expect(await canAccessChannel(fan.id, userChannel(fan.id))).toBe(true);
  });

  it('keeps an ended call readable by its participants (the "ended" event must still arrive)', async () => {
    const [fan, creator] = [await makeUser(), await makeUser()];
    const callId = await makeCall(fan, creator, 'ended');
    expect(await canAccessChannel(fan.id, callChannel(callId))).toBe(true);
  });

  it('lists only live calls (requested, accepted, connected) as active', async () => {
    const creator = await makeUser();
    const byStatus = {} as Record<string, string>;
    for (const status of ['requested', 'ended', 'declined', 'expired', 'cancelled'] as const) {
      byStatus[status] = await makeCall(await makeUser(), creator, status);
    }
    // At most one accepted/connected call per creator: use a second and third creator.
    const fanA = await makeUser();
    byStatus.accepted = await makeCall(fanA, await makeUser(), 'accepted');
    const fanC = await makeUser();
    byStatus.connected = await makeCall(fanC, await makeUser(), 'connected');
    const active = await dbCallMembership.activeCallIds(creator.id);
    expect(active).toEqual([byStatus.requested]);
    expect(await dbCallMembership.activeCallIds(fanA.id)).toEqual([byStatus.accepted]);
    expect(await dbCallMembership.activeCallIds(fanC.id)).toEqual([byStatus.connected]);
  });
});
