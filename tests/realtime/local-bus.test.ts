import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

const { createLocalBus, localBus } = await import('@/lib/adapters/realtime/local-bus');
const { publish } = await import('@/lib/adapters/realtime/publish');
const { userChannel } = await import('@/lib/adapters/realtime/channels');

describe('local bus', () => {
  it('delivers to subscribers of that channel only, and keeps going when one listener throws', () => {
    const bus = createLocalBus();
    const a: string[] = [];
    const b: string[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    bus.subscribe('x', () => {
      throw new Error('boom');
    });
    const offA = bus.subscribe('x', (m) => a.push(m.name));
    bus.subscribe('y', (m) => b.push(m.name));
    bus.publish('x', 'one', null);
    offA();
    bus.publish('x', 'two', null);
    expect(a).toEqual(['one']);
    expect(b).toEqual([]);
    expect(errors).toHaveBeenCalledTimes(2);
    errors.mockRestore();
  });

  it('lists a user once across connections and keeps them present until their last connection leaves', () => {
    const bus = createLocalBus();
    const updates: unknown[] = [];
    bus.subscribe('c', (m) => updates.push(m.data));
    const leaveTab1 = bus.enterPresence('c', 'u1', { name: 'Ada' });
    const leaveTab2 = bus.enterPresence('c', 'u1', { name: 'Ada' });
    const leaveOther = bus.enterPresence('c', 'u2', { name: 'Bo' });
    expect(bus.members('c')).toEqual([
      { clientId: 'u1', data: { name: 'Ada' } },
      { clientId: 'u2', data: { name: 'Bo' } },
    ]);
    leaveTab1();
    leaveTab1(); // idempotent
    expect(bus.members('c').map((m) => m.clientId)).toEqual(['u1', 'u2']);
    leaveTab2();
    leaveOther();
    expect(bus.members('c')).toEqual([]);
    expect(updates).toHaveLength(6);
    expect(updates.at(-1)).toEqual({ action: 'leave', clientId: 'u2', members: [] });
  });

  it('replays after a Last-Event-ID, and reports a gap when history no longer covers it', () => {
    let t = 1_000_000;
    const bus = createLocalBus(() => t);
    const m1 = bus.publish('c', 'a', 1);
    bus.publish('other', 'x', 0);
    const m3 = bus.publish('c', 'b', 2);
    expect(bus.since('c', m1.id)?.map((m) => m.name)).toEqual(['b']);
    expect(bus.since('c', m3.id)).toEqual([]);
    expect(bus.since('c', 'otherboot.1')).toBeNull();
    expect(bus.since('c', `${m1.id.split('.')[0]}.999`)).toBeNull();
    t += 3 * 60_000; // older than the kept history
    bus.publish('c', 'c', 3);
    expect(bus.since('c', m1.id)).toBeNull();
    for (let i = 0; i < 150; i++) bus.publish('d', 'n', i);
    const d = bus.since('d', m3.id);
    expect(d).toBeNull();
  });
});

describe('publish', () => {
  it('delivers a JSON copy locally and refuses bad channel names or unserialisable data', async () => {
    const channel = userChannel(randomUUID());
    const got: unknown[] = [];
    const off = localBus().subscribe(channel, (m) => got.push(m.data));
    const payload = { n: 1, at: new Date(0) };
    await publish(channel, 'evt', payload);
    expect(got).toEqual([{ n: 1, at: '1970-01-01T00:00:00.000Z' }]);
    await expect(publish('lobby', 'evt', {})).rejects.toThrow(RangeError);
    await expect(publish(channel, '', {})).rejects.toThrow(RangeError);
    await expect(publish(channel, 'evt', { big: 1n })).rejects.toThrow(TypeError);
    expect(got).toHaveLength(1);
    off();
  });
});
