import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RENEW_LEAD_MS, RENEW_RETRY_MS, startRenewalLoop } from '@/lib/adapters/video/renewal-loop';

/** The simulated call's token renewal cadence (the same as Agora's token-privilege-will-expire). */

const T0 = Date.parse('2026-11-23T05:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('startRenewalLoop', () => {
  it('renews 30 s before each expiry and reschedules from every renewed expiresAt', async () => {
    const calls: number[] = [];
    let expiry = T0 + 60_000;
    const renewToken = vi.fn(async () => {
      calls.push(Date.now());
      expiry += 60_000;
      return { token: `t${calls.length}`, expiresAt: iso(expiry) };
    });
    const onRenewed = vi.fn();
    const onExpired = vi.fn();
    const stop = startRenewalLoop({ expiresAt: iso(T0 + 60_000), renewToken, onRenewed, onExpired });

    await vi.advanceTimersByTimeAsync(RENEW_LEAD_MS - 1);
    expect(renewToken).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([T0 + 30_000]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([T0 + 30_000, T0 + 90_000]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toEqual([T0 + 30_000, T0 + 90_000, T0 + 150_000, T0 + 210_000]);
    expect(onRenewed).toHaveBeenLastCalledWith({ token: 't4', expiresAt: iso(T0 + 300_000) });
    expect(onExpired).not.toHaveBeenCalled();
    stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toHaveLength(4);
    expect(onExpired).not.toHaveBeenCalled();
  });

  it('when renewal is refused (null) it stops renewing and reports expiry exactly at expiresAt', async () => {
    const renewToken = vi.fn(async () => null);
    const onExpired = vi.fn();
    startRenewalLoop({ expiresAt: iso(T0 + 45_000), renewToken, onExpired });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(renewToken).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(onExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onExpired).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(renewToken).toHaveBeenCalledTimes(1);
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it('retries a failed renewal every 5 s while the token is valid, then gives up at expiry', async () => {
    const renewToken = vi.fn(async (): Promise<{ token: string; expiresAt: string } | null> => {
      throw new Error('network');
    });
    const onExpired = vi.fn();
    startRenewalLoop({ expiresAt: iso(T0 + 60_000), renewToken, onExpired });
    await vi.advanceTimersByTimeAsync(60_000);
    // At 30 s, then every 5 s while now + 5 s < expiry: 30, 35, 40, 45, 50 (55 + 5 is not < 60).
    expect(renewToken).toHaveBeenCalledTimes(6);
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it('a token that is already inside the lead window renews at once; a short renewed one is not hammered', async () => {
    const renewToken = vi.fn(async () => ({ token: 'x', expiresAt: iso(Date.now() + 10_000) }));
    const stop = startRenewalLoop({ expiresAt: iso(T0 + 10_000), renewToken, onExpired: () => {} });
    await vi.advanceTimersByTimeAsync(0);
    expect(renewToken).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(RENEW_RETRY_MS * 4);
    expect(renewToken).toHaveBeenCalledTimes(5);
    stop();
  });
});
