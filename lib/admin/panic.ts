import 'server-only';
import { rateLimiter } from '@/lib/adapters/rate-limit';
import { asUser, type Claims } from '@/lib/db/tx';
import { resetDiscordRest } from '@/lib/discord/rest';
import { env } from '@/lib/env';

export interface BotStatus {
  paused: boolean;
  reason: string | null;
  changed_at: Date;
}

/**
 * Pause or resume the Discord bot through the audited SQL kill switch. discord.begin_interaction reads
 * the flag in the same round trip that records each interaction (no cache), so the very next
 * interaction after this commits gets the paused reply.
 */
export async function setBotPausedAsAdmin(claims: Claims, paused: boolean, reason: string): Promise<boolean> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ paused: boolean }>('select public.admin_set_bot_paused($1, $2) as paused', [
      paused,
      reason,
    ]);
    return Boolean(r.rows[0]?.paused);
  });
}

/** What "Flush cache" clears, in the words the confirmation dialog shows. */
export function flushTargets(): string[] {
  const cache = env().services.cache;
  return [
    cache.mode === 'managed'
      ? 'Rate-limit counters in Upstash Redis (every rl:* key): sign-in, sign-up, report and API limits start over'
      : 'Rate-limit counters held in this server’s memory: sign-in, sign-up, report and API limits start over',
    'Discord REST client state: remembered rate-limit buckets and queued-request bookkeeping',
  ];
}

export interface FlushResult {
  rateLimitKeys: number;
  discordRestReset: boolean;
  cacheAdapter: string;
}

/** Flushes the app's caches through their own interfaces, then records who did it and why. */
export async function flushCaches(claims: Claims, reason: string): Promise<FlushResult> {
  const cacheAdapter = env().services.cache.implementation;
  // Check the caller first: the audit function refuses a non-admin, so nothing is flushed for them.
  await asUser(claims, async (db) => {
    const r = await db.query<{ is_admin: boolean }>('select private.is_admin() as is_admin');
    if (!r.rows[0]?.is_admin) {
      const e = new Error('Only an admin can flush caches') as Error & { code: string };
      e.code = 'CO403';
      throw e;
    }
  });
  const rateLimitKeys = await (await rateLimiter()).clear();
  resetDiscordRest();
  const result: FlushResult = { rateLimitKeys, discordRestReset: true, cacheAdapter };
  await asUser(claims, (db) =>
    db.query('select public.admin_record_action($1, $2, $3, $4)', [
      'cache.flush',
      reason,
      { rate_limit_keys: rateLimitKeys, adapter: cacheAdapter },
      { rate_limit_keys: 0, discord_rest: 'reset', adapter: cacheAdapter },
    ]),
  );
  return result;
}
