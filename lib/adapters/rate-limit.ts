import 'server-only';
import { env } from '@/lib/env';

/**
 * One rate-limit interface: Upstash Ratelimit when UPSTASH_REDIS_REST_URL/TOKEN are set, otherwise a
 * small in-memory sliding-window limiter (per process, which is what a single local server needs).
 */
export interface LimitResult {
  success: boolean;
  remaining: number;
  /** Milliseconds until the next attempt may succeed (0 when allowed). */
  retryAfterMs: number;
}

export interface RateLimiter {
  limit(key: string, max: number, windowMs: number): Promise<LimitResult>;
  reset(key: string): Promise<void>;
  /** Forgets every counter (the admin "Flush cache" action); returns how many keys were dropped. */
  clear(): Promise<number>;
}

export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  // Each key remembers its own window, so the periodic clean-up never drops a longer-window key early.
  const hits = new Map<string, { windowMs: number; at: number[] }>();
  let calls = 0;
  return {
    async limit(key, max, windowMs) {
      const t = now();
      if (++calls % 1000 === 0) {
        for (const [k, v] of hits) if (v.at.every((h) => h <= t - v.windowMs)) hits.delete(k);
      }
      const recent = (hits.get(key)?.at ?? []).filter((h) => h > t - windowMs);
      if (recent.length >= max) {
        hits.set(key, { windowMs, at: recent });
        const oldest = recent[0] ?? t;
        return { success: false, remaining: 0, retryAfterMs: Math.max(1, oldest + windowMs - t) };
      }
      recent.push(t);
      hits.set(key, { windowMs, at: recent });
      return { success: true, remaining: max - recent.length, retryAfterMs: 0 };
    },
    async reset(key) {
      hits.delete(key);
    },
    async clear() {
      const n = hits.size;
      hits.clear();
      return n;
    },
  };
}

async function createUpstashRateLimiter(url: string, token: string): Promise<RateLimiter> {
  const { Redis } = await import('@upstash/redis');
  const { Ratelimit } = await import('@upstash/ratelimit');
  const redis = new Redis({ url, token });
  const limiters = new Map<string, InstanceType<typeof Ratelimit>>();
  const get = (max: number, windowMs: number) => {
    const id = `${max}:${windowMs}`;
    let l = limiters.get(id);
    if (!l) {
      l = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(max, `${windowMs} ms`),
        prefix: `rl:${id}`,
      });
      limiters.set(id, l);
    }
    return l;
  };
  return {
    async limit(key, max, windowMs) {
      const r = await get(max, windowMs).limit(key);
      return {
        success: r.success,
        remaining: r.remaining,
        retryAfterMs: r.success ? 0 : Math.max(1, r.reset - Date.now()),
      };
    },
    async reset(key) {
      for (const l of limiters.values()) await l.resetUsedTokens(key);
    },
    async clear() {
      // Every limiter writes under the `rl:` prefix (see get above): scan and delete those keys only.
      let cursor = '0';
      let n = 0;
      do {
        const [next, keys] = await redis.scan(cursor, { match: 'rl:*', count: 500 });
        cursor = String(next);
        if (keys.length) n += await redis.del(...keys);
      } while (cursor !== '0');
      return n;
    },
  };
}

const g = globalThis as typeof globalThis & { __communityosLimiter?: Promise<RateLimiter> };

export function rateLimiter(): Promise<RateLimiter> {
  g.__communityosLimiter ??= (async () => {
    const e = env();
    const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = e.raw;
    if (e.services.cache.mode === 'managed' && url && token) return createUpstashRateLimiter(url, token);
    return createMemoryRateLimiter();
  })();
  return g.__communityosLimiter;
}
