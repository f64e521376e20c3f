import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLocalTransport } from '@/components/realtime/local-transport';

/** The browser side of local mode, against a scripted EventSource (Node has none). */

class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string; lastEventId: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(msg: { name: string; data: unknown }, id = '') {
    this.onmessage?.({ data: JSON.stringify({ channel: 'c', id, ts: 0, ...msg }), lastEventId: id });
  }
  fail() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
  get open() {
    return this.readyState !== FakeEventSource.CLOSED;
  }
}

const CH = 'call:6f1c1f52-1e8a-4b8e-9a55-1e2f3a4b5c6d';
const params = (es: FakeEventSource | undefined) =>
  Object.fromEntries(new URL(`http://x${es?.url}`).searchParams);
const openSources = () => FakeEventSource.all.filter((s) => s.open);

beforeEach(() => {
  FakeEventSource.all = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('local realtime transport', () => {
  it('shares one stream per channel and closes it when the last listener leaves', () => {
    const t = createLocalTransport();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = t.subscribe(CH, (m) => a.push(m));
    const offB = t.subscribe(CH, (m) => b.push(m));
    expect(openSources()).toHaveLength(1);
    expect(params(openSources()[0])).toEqual({ channels: CH });
    openSources()[0]?.emit({ name: 'call.accepted', data: { x: 1 } }, 'b.1');
    expect(a).toEqual([{ name: 'call.accepted', data: { x: 1 } }]);
    expect(b).toEqual(a);
    offA();
    expect(openSources()).toHaveLength(1);
    offB();
    expect(openSources()).toHaveLength(0);
  });

  it('presence reopens the stream with presence=…, routes presence snapshots to watchers only', () => {
    const t = createLocalTransport();
    const messages: unknown[] = [];
    const members: unknown[] = [];
    t.subscribe(CH, (m) => messages.push(m));
    const first = openSources()[0];
    first?.emit({ name: 'x', data: 1 }, 'b.7');
    const leave = t.presence(CH, (m) => members.push(m));
    expect(first?.open).toBe(false);
    const withPresence = openSources()[0];
    expect(params(withPresence)).toEqual({ channels: CH, presence: CH, lastEventId: 'b.7' });
    withPresence?.emit({
      name: 'presence',
      data: {
        action: 'enter',
        clientId: 'u1',
        members: [{ clientId: 'u1' }, { clientId: 'u1' }, { clientId: 'u2' }],
      },
    });
    expect(members).toEqual([[{ clientId: 'u1' }, { clientId: 'u2' }]]);
    expect(messages).toEqual([{ name: 'x', data: 1 }]);
    leave();
    expect(openSources()).toHaveLength(1);
    expect(params(openSources()[0]).presence).toBeUndefined();
  });

  it('reopens a stream the server closed, with growing backoff, resuming after the last event id', () => {
    const t = createLocalTransport();
    t.subscribe(CH, () => {});
    const s1 = openSources()[0];
    s1?.emit({ name: 'x', data: 1 }, 'b.3');
    s1?.fail();
    expect(openSources()).toHaveLength(0);
    vi.advanceTimersByTime(999);
    expect(openSources()).toHaveLength(0);
    vi.advanceTimersByTime(1);
    const s2 = openSources()[0];
    expect(params(s2).lastEventId).toBe('b.3');
    s2?.fail();
    vi.advanceTimersByTime(1999);
    expect(openSources()).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(openSources()).toHaveLength(1);
    t.close();
    expect(openSources()).toHaveLength(0);
    vi.advanceTimersByTime(60_000);
    expect(openSources()).toHaveLength(0);
  });
});
