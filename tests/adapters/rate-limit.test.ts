import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from '@/lib/adapters/rate-limit';

/** The local limiter with an injected clock: no sleeping, no wall-clock assertions. */
function clock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    set: (v: number) => {
      t = v;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('memory rate limiter', () => {
  it('allows max requests in a window, counting down remaining, then blocks with retryAfterMs > 0', async () => {
    const c = clock();
    const rl = createMemoryRateLimiter(c.now);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await rl.limit('k', 3, 1000));
    expect(results).toEqual([
      { success: true, remaining: 2, retryAfterMs: 0 },
      { success: true, remaining: 1, retryAfterMs: 0 },
      { success: true, remaining: 0, retryAfterMs: 0 },
    ]);
    expect(await rl.limit('k', 3, 1000)).toEqual({ success: false, remaining: 0, retryAfterMs: 1000 });
    c.advance(400);
    expect(await rl.limit('k', 3, 1000)).toEqual({ success: false, remaining: 0, retryAfterMs: 600 });
  });

  it('blocked attempts do not extend the block', async () => {
    const c = clock();
    const rl = createMemoryRateLimiter(c.now);
    await rl.limit('k', 1, 1000);
    for (let i = 0; i < 10; i++) {
      c.advance(90);
      expect((await rl.limit('k', 1, 1000)).success).toBe(false);
    }
    c.set(1_000_000 + 1000);
    expect((await rl.limit('k', 1, 1000)).success).toBe(true);
  });

  it('slides: each hit expires one window after it was made', async () => {
    const c = clock(0);
    const rl = createMemoryRateLimiter(c.now);
    for (const t of [0, 400, 800]) {
      c.set(t);
      expect((await rl.limit('k', 3, 1000)).success).toBe(true);
    }
    c.set(999);
    expect(await rl.limit('k', 3, 1000)).toEqual({ success: false, remaining: 0, retryAfterMs: 1 });
    c.set(1000); // the hit at 0 has left the window
    expect(await rl.limit('k', 3, 1000)).toEqual({ success: true, remaining: 0, retryAfterMs: 0 });
    c.set(1001); // window now holds 400, 800, 1000: next slot at 1400
    expect(await rl.limit('k', 3, 1000)).toEqual({ success: false, remaining: 0, retryAfterMs: 399 });
    c.set(1400);
    expect((await rl.limit('k', 3, 1000)).success).toBe(true);
  });

  it('keeps keys independent', async () => {
    const c = clock();
    const rl = createMemoryRateLimiter(c.now);
    expect((await rl.limit('ip:1', 1, 60_000)).success).toBe(true);
    expect((await rl.limit('ip:1', 1, 60_000)).success).toBe(false);
    expect((await rl.limit('ip:2', 1, 60_000)).success).toBe(true);
    expect((await rl.limit('ip:2', 1, 60_000)).success).toBe(false);
  });

  it('reset clears one key only', async () => {
    const c = clock();
    const rl = createMemoryRateLimiter(c.now);
    await rl.limit('a', 1, 60_000);
    await rl.limit('b', 1, 60_000);
    await rl.reset('a');
    expect((await rl.limit('a', 1, 60_000)).success).toBe(true);
    expect((await rl.limit('b', 1, 60_000)).success).toBe(false);
  });

  it('a long-window limit survives the periodic clean-up triggered by short-window traffic', async () => {
    const c = clock();
    const rl = createMemoryRateLimiter(c.now);
    const FIFTEEN_MIN = 15 * 60_000;
    for (let i = 0; i < 5; i++) expect((await rl.limit('signin:1.2.3.4', 5, FIFTEEN_MIN)).success).toBe(true);
    expect((await rl.limit('signin:1.2.3.4', 5, FIFTEEN_MIN)).success).toBe(false);
    // Two minutes of ordinary API traffic on a one-minute limit (enough calls to trigger the sweep).
    for (let i = 0; i < 2400; i++) {
      c.advance(50);
      await rl.limit(`api:user-${i % 40}`, 100, 60_000);
    }
    // Still inside the 15-minute window: the sign-in limit must still hold.
    expect(await rl.limit('signin:1.2.3.4', 5, FIFTEEN_MIN)).toMatchObject({ success: false });
    c.set(1_000_000 + FIFTEEN_MIN);
    expect(await rl.limit('signin:1.2.3.4', 5, FIFTEEN_MIN)).toMatchObject({ success: true, remaining: 4 });
  });
});
