import 'server-only';
import { mintRtcTokenWith } from '@/lib/adapters/video/agora';
import { getPool } from '@/lib/db/pool';
import { asService } from '@/lib/db/tx';
import { discordApiBase } from '@/lib/discord/config';
import { env } from '@/lib/env';
import { JOBS } from '@/lib/jobs/registry';
import {
  checkAbly,
  checkAnthropic,
  checkDiscord,
  checkInngest,
  checkPostmark,
  checkStripe,
  localAdapter,
  notConfigured,
  runProbe,
} from './checks';
import { errorMessage, timed } from './probe';
import { DEFAULT_TIMEOUT_MS, type HealthResult } from './types';

export const PROVIDER_URLS = {
  anthropic: 'https://api.anthropic.com',
  stripe: 'https://api.stripe.com',
  ably: 'https://rest.ably.io',
  inngest: 'https://api.inngest.com',
  postmark: 'https://api.postmarkapp.com',
} as const;

const POLL_JOB = JOBS.find((j) => j.name === 'discord-poll');
/** A guild's poller is late when its last successful run is older than three poll intervals. */
export const POLLER_STALE_MS = 3 * (POLL_JOB?.everyMs ?? 120_000);

function checkPostgres(timeoutMs: number): Promise<HealthResult> {
  const pg = env().services.postgres;
  return runProbe(
    { id: 'postgres', label: 'Postgres', mode: pg.mode, adapter: pg.implementation },
    async () => {
      const r = await (await getPool()).query<{ v: string }>("select current_setting('server_version') as v");
      return `Connected (PostgreSQL ${r.rows[0]?.v ?? '?'})${pg.mode === 'local' ? ' — local adapter' : ''}`;
    },
    timeoutMs,
  );
}

function checkAgora(): Promise<HealthResult> {
  const e = env();
  const video = e.services.video;
  const label = { id: 'agora', label: 'Agora config' };
  if (video.mode === 'local') {
    return Promise.resolve(
      localAdapter(
        { ...label, adapter: video.implementation },
        `Local adapter: ${video.implementation} (${video.why})`,
      ),
    );
  }
  return runProbe({ ...label, mode: 'managed', adapter: 'Agora' }, async () => {
    const token = mintRtcTokenWith(
      { mode: 'agora', appId: e.raw.AGORA_APP_ID ?? '', certificate: e.raw.AGORA_APP_CERTIFICATE ?? '' },
      {
        channel: 'health-check',
        uid: 1,
        role: 'subscriber',
        privilegeExpiresAt: new Date(Date.now() + 60_000),
      },
    );
    if (!token.token) throw new Error('agora-token returned an empty token for these credentials');
    return 'App id and certificate mint tokens';
  });
}

function checkJobs(timeoutMs: number): Promise<HealthResult> {
  const e = env();
  const jobs = e.services.jobs;
  if (jobs.mode === 'managed' && e.raw.INNGEST_SIGNING_KEY) {
    return checkInngest({ baseUrl: PROVIDER_URLS.inngest, key: e.raw.INNGEST_SIGNING_KEY, timeoutMs });
  }
  const scheduler = (globalThis as { __communityosScheduler?: { timers: unknown[] } }).__communityosScheduler;
  const base = { id: 'inngest', label: 'Inngest', mode: 'local' as const, adapter: jobs.implementation };
  return Promise.resolve(
    scheduler
      ? {
          ...base,
          status: 'ok',
          latencyMs: null,
          message: `Local adapter: in-process scheduler running ${JOBS.length} jobs`,
          checkedAt: new Date().toISOString(),
        }
      : {
          ...base,
          status: 'fail',
          latencyMs: null,
          message: 'Local adapter: the in-process scheduler is not running in this server process',
          checkedAt: new Date().toISOString(),
        },
  );
}

function checkEmail(timeoutMs: number): Promise<HealthResult> {
  const e = env();
  const email = e.services.email;
  if (email.mode === 'managed' && e.raw.POSTMARK_API_KEY) {
    return checkPostmark({ baseUrl: PROVIDER_URLS.postmark, key: e.raw.POSTMARK_API_KEY, timeoutMs });
  }
  return runProbe(
    { id: 'postmark', label: 'Postmark', mode: 'local', adapter: email.implementation },
    async () => {
      const n = await asService(async (db) => {
        const r = await db.query<{ n: number }>('select count(*)::int as n from private.email_outbox');
        return r.rows[0]?.n ?? 0;
      });
      return `Local adapter: outbox table (/dev/outbox), ${n} message${n === 1 ? '' : 's'}`;
    },
    timeoutMs,
  );
}

/** "Last successful poller run" per guild: the newest channel poll that committed. */
export async function checkPollers(timeoutMs: number, nowMs = Date.now()): Promise<HealthResult[]> {
  const base = {
    mode: 'managed' as const,
    adapter: 'Discord REST poller',
    checkedAt: new Date(nowMs).toISOString(),
  };
  let rows: { guild_id: string; last: Date | null; channels: number }[];
  let ms: number;
  try {
    ({ value: rows, ms } = await timed(
      () =>
        asService(async (db) => {
          const q = await db.query<{ guild_id: string; last: Date | null; channels: number }>(
            `select guild_id, max(last_polled_at) as last, count(*)::int as channels
               from discord.channels where tracked group by guild_id order by guild_id`,
          );
          return q.rows;
        }),
      timeoutMs,
    ));
  } catch (err) {
    return [
      {
        ...base,
        id: 'poller',
        label: 'Discord poller',
        status: 'fail',
        latencyMs: null,
        message: errorMessage(err),
      },
    ];
  }
  if (rows.length === 0) {
    return [
      {
        ...base,
        id: 'poller',
        label: 'Discord poller',
        status: 'off',
        latencyMs: ms,
        message: 'No guild channels are tracked yet',
      },
    ];
  }
  const every = Math.round((POLL_JOB?.everyMs ?? 120_000) / 60_000);
  return rows.map((g): HealthResult => {
    const age = g.last ? nowMs - g.last.getTime() : null;
    const ok = age !== null && age <= POLLER_STALE_MS;
    const tracked = `${g.channels} channel${g.channels === 1 ? '' : 's'} tracked`;
    return {
      ...base,
      id: `poller:${g.guild_id}`,
      label: `Poller · guild ${g.guild_id}`,
      status: ok ? 'ok' : 'fail',
      latencyMs: ms,
      message:
        age === null || !g.last
          ? `Never polled successfully (${tracked})`
          : `Last successful run ${Math.max(0, Math.round(age / 60_000))} min ago (${g.last.toISOString()}, ${tracked})${ok ? '' : ` — late: expected every ${every} min`}`,
    };
  });
}

/** Every check in parallel; each has its own timeout, so the whole run ends within about timeoutMs. */
export async function runHealthChecks(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<HealthResult[]> {
  const e = env();
  const s = e.services;
  const r = e.raw;
  const checks: Promise<HealthResult | HealthResult[]>[] = [
    checkPostgres(timeoutMs),
    s.discord.mode === 'managed' && r.DISCORD_BOT_TOKEN
      ? checkDiscord({ baseUrl: discordApiBase(), key: r.DISCORD_BOT_TOKEN, timeoutMs })
      : Promise.resolve(
          notConfigured(
            { id: 'discord', label: 'Discord API', adapter: 'not connected' },
            `Not configured: ${s.discord.why}`,
          ),
        ),
    s.ai.mode === 'managed' && r.ANTHROPIC_API_KEY
      ? checkAnthropic({
          baseUrl: r.ANTHROPIC_BASE_URL ?? PROVIDER_URLS.anthropic,
          key: r.ANTHROPIC_API_KEY,
          timeoutMs,
        })
      : Promise.resolve(
          localAdapter(
            { id: 'anthropic', label: 'Anthropic', adapter: s.ai.implementation },
            `Local adapter: ${s.ai.implementation}`,
          ),
        ),
    s.payments.mode === 'managed' && r.STRIPE_SECRET_KEY
      ? checkStripe({ baseUrl: PROVIDER_URLS.stripe, key: r.STRIPE_SECRET_KEY, timeoutMs })
      : Promise.resolve(
          localAdapter(
            { id: 'stripe', label: 'Stripe', adapter: s.payments.implementation },
            `Local adapter: ${s.payments.implementation}`,
          ),
        ),
    s.realtime.mode === 'managed' && r.ABLY_API_KEY
      ? checkAbly({ baseUrl: PROVIDER_URLS.ably, key: r.ABLY_API_KEY, timeoutMs })
      : Promise.resolve(
          localAdapter(
            { id: 'ably', label: 'Ably', adapter: s.realtime.implementation },
            `Local adapter: ${s.realtime.implementation}`,
          ),
        ),
    checkAgora(),
    checkJobs(timeoutMs),
    checkEmail(timeoutMs),
    checkPollers(timeoutMs),
  ];
  return (await Promise.all(checks)).flat();
}
