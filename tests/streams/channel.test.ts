import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import type { TestUser } from '../ledger/helpers';
import { as, creatorAndFans, goLive } from './helpers';

vi.mock('next/headers', () => nextHeadersMock());

/** stream:<id> channels: the same access rule as tokens (private.can_view_stream), for SSE and Ably. */

const { canAccessChannel } = await import('@/lib/adapters/realtime/access');
const { parseChannel, streamChannel } = await import('@/lib/adapters/realtime/channels');
const { capabilityFor } = await import('@/lib/adapters/realtime/ably-token');

describe('stream channel names', () => {
  it('parses and builds canonical names only', () => {
    const id = randomUUID();
    expect(parseChannel(streamChannel(id))).toEqual({ kind: 'stream', id });
    expect(parseChannel(`stream:${id.toUpperCase()}`)).toBeNull();
    expect(parseChannel('stream:*')).toBeNull();
    expect(() => streamChannel('nope')).toThrow(RangeError);
  });
});

describe('canAccessChannel for streams (real database)', () => {
  it('open stream: viewers yes; subscriber-only: the creator only; unknown stream: no', async () => {
    const { creator, fans, other } = await creatorAndFans([0]);
    const fan = fans[0] as TestUser;
    const open = await goLive(creator);
    const subs = await goLive(other, true);
    expect(await canAccessChannel(fan.id, streamChannel(open))).toBe(true);
    expect(await canAccessChannel(creator.id, streamChannel(open))).toBe(true);
    expect(await canAccessChannel(other.id, streamChannel(subs))).toBe(true);
    expect(await canAccessChannel(fan.id, streamChannel(subs))).toBe(false);
    expect(await canAccessChannel(creator.id, streamChannel(subs))).toBe(false);
    expect(await canAccessChannel(fan.id, streamChannel(randomUUID()))).toBe(false);
  });

  it('Ably capability: subscribe + presence (never publish) on the own live stream and joined ones', async () => {
    const { creator, fans, other } = await creatorAndFans([0, 0]);
    const [fan, idle] = fans as [TestUser, TestUser];
    const open = await goLive(creator);
    const subs = await goLive(other, true);
    await as(fan, (db) => db.query('select * from public.stream_presence($1, true)', [open]));
    const fanCap = await capabilityFor(fan.id);
    expect(fanCap[streamChannel(open)]).toEqual(['subscribe', 'presence']);
    expect(fanCap[streamChannel(subs)]).toBeUndefined();
    expect(Object.keys(await capabilityFor(idle.id))).toEqual([`user:${idle.id}`]);
    expect((await capabilityFor(other.id))[streamChannel(subs)]).toEqual(['subscribe', 'presence']);
  });
});
