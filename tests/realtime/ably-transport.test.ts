import { describe, expect, it, vi } from 'vitest';

/** The browser side of Ably mode against a scripted `ably` module (no network). */

const state = vi.hoisted(() => ({
  options: [] as unknown[],
  authorized: 0,
  attachFailuresLeft: 0,
  listeners: new Map<string, ((m: { name?: string; data?: unknown }) => void)[]>(),
  entered: [] as [string, unknown][],
  left: [] as string[],
  detached: [] as string[],
  closed: 0,
}));

vi.mock('ably', () => {
  class Realtime {
    auth = {
      authorize: async () => {
        state.authorized++;
      },
    };
    channels = {
      get: (name: string) => ({
        attach: async () => {
          if (state.attachFailuresLeft > 0 && state.authorized === 0) {
            state.attachFailuresLeft--;
            throw Object.assign(new Error('not permitted'), { code: 40160 });
          }
        },
        detach: async () => {
          state.detached.push(name);
        },
        subscribe: async (l: (m: { name?: string; data?: unknown }) => void) => {
          state.listeners.set(name, [...(state.listeners.get(name) ?? []), l]);
        },
        unsubscribe: (l: unknown) => {
          state.listeners.set(
            name,
            (state.listeners.get(name) ?? []).filter((x) => x !== l),
          );
        },
        presence: {
          subscribe: async () => {},
          unsubscribe: () => {},
          enter: async (data: unknown) => {
            state.entered.push([name, data]);
          },
          leave: async () => {
            state.left.push(name);
          },
          get: async () => [
            { clientId: 'u1', data: { name: 'A' } },
            { clientId: 'u1', data: { name: 'A' } },
            { clientId: 'u2' },
          ],
        },
      }),
    };
    constructor(options: unknown) {
      state.options.push(options);
    }
    close() {
      state.closed++;
    }
  }
  return { Realtime };
});

const { createAblyTransport } = await import('@/components/realtime/ably-transport');

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Ably realtime transport', () => {
  it('authenticates through /api/realtime/token, re-authorises once on a capability error, delivers messages', async () => {
    state.attachFailuresLeft = 1;
    const t = createAblyTransport({ name: 'Ada' });
    const got: unknown[] = [];
    const off = t.subscribe('call:x', (m) => got.push(m));
    await settle();
    await settle();
    expect(state.options).toEqual([{ authUrl: '/api/realtime/token', authMethod: 'GET' }]);
    expect(state.authorized).toBe(1);
    const [listener] = state.listeners.get('call:x') ?? [];
    listener?.({ name: 'call.ended', data: { reason: 'fan_ended' } });
    listener?.({ name: 'presence', data: {} });
    expect(got).toEqual([{ name: 'call.ended', data: { reason: 'fan_ended' } }]);
    off();
    expect(state.listeners.get('call:x')).toEqual([]);
    expect(state.detached).toEqual(['call:x']);

    const members: unknown[] = [];
    const leave = t.presence('call:x', (m) => members.push(m));
    await settle();
    await settle();
    await settle();
    expect(state.entered).toEqual([['call:x', { name: 'Ada' }]]);
    expect(members.at(-1)).toEqual([
      { clientId: 'u1', data: { name: 'A' } },
      { clientId: 'u2', data: undefined },
    ]);
    leave();
    expect(state.left).toEqual(['call:x']);
    t.close();
    await settle();
    expect(state.closed).toBe(1);
  });
});
