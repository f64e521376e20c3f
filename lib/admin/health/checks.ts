import { DiscordRest } from '@/lib/discord/rest';
import { errorMessage, httpProbe, timed } from './probe';
import { DEFAULT_TIMEOUT_MS, type HealthResult } from './types';

/**
 * The individual health checks. Each takes its configuration explicitly (so tests point them at local
 * fake servers) and never throws: a failure is a `fail` result carrying the error message.
 */

type Base = Pick<HealthResult, 'id' | 'label' | 'mode' | 'adapter'>;

const now = () => new Date().toISOString();

export async function runProbe(
  base: Base,
  fn: (signal: AbortSignal) => Promise<string>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<HealthResult> {
  try {
    const { value, ms } = await timed(fn, timeoutMs);
    return { ...base, status: 'ok', latencyMs: ms, message: value, checkedAt: now() };
  } catch (err) {
    return { ...base, status: 'fail', latencyMs: null, message: errorMessage(err), checkedAt: now() };
  }
}

/** A local adapter that has nothing to reach: ok, and the tile says which adapter runs. */
export function localAdapter(base: Omit<Base, 'mode'>, note: string): HealthResult {
  return { ...base, mode: 'local', status: 'ok', latencyMs: null, message: note, checkedAt: now() };
}

export function notConfigured(base: Omit<Base, 'mode'>, note: string): HealthResult {
  return { ...base, mode: 'local', status: 'off', latencyMs: null, message: note, checkedAt: now() };
}

export interface HttpCheckConfig {
  baseUrl: string;
  key: string;
  timeoutMs?: number;
}

/** Discord: the bot token is valid when GET /users/@me answers with the bot user. */
export function checkDiscord(cfg: HttpCheckConfig): Promise<HealthResult> {
  const base: Base = { id: 'discord', label: 'Discord API', mode: 'managed', adapter: 'Discord API' };
  return runProbe(
    base,
    async (signal) => {
      const rest = new DiscordRest({ baseUrl: cfg.baseUrl, token: cfg.key, maxRetries: 0 });
      const me = await Promise.race([
        rest.get<{ username?: string; bot?: boolean }>('/users/@me'),
        new Promise<never>((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
        ),
      ]);
      return `Bot token valid (@${me?.username ?? 'unknown'})`;
    },
    cfg.timeoutMs,
  );
}

export function checkAnthropic(cfg: HttpCheckConfig): Promise<HealthResult> {
  const base: Base = { id: 'anthropic', label: 'Anthropic', mode: 'managed', adapter: 'Anthropic API' };
  return runProbe(
    base,
    async (signal) => {
      const body = (await httpProbe(
        `${cfg.baseUrl.replace(/\/+$/, '')}/v1/models?limit=1`,
        { 'x-api-key': cfg.key, 'anthropic-version': '2023-06-01' },
        signal,
      )) as { data?: unknown[] } | null;
      return `API key accepted (${body?.data?.length ?? 0} model listed)`;
    },
    cfg.timeoutMs,
  );
}

export function checkStripe(cfg: HttpCheckConfig): Promise<HealthResult> {
  const base: Base = { id: 'stripe', label: 'Stripe', mode: 'managed', adapter: 'Stripe' };
  return runProbe(
    base,
    async (signal) => {
      const body = (await httpProbe(
        `${cfg.baseUrl.replace(/\/+$/, '')}/v1/balance`,
        { authorization: `Bearer ${cfg.key}` },
        signal,
      )) as { livemode?: boolean } | null;
      return `Secret key accepted (${body?.livemode ? 'live' : 'test'} mode)`;
    },
    cfg.timeoutMs,
  );
}

export function checkAbly(cfg: HttpCheckConfig): Promise<HealthResult> {
  const base: Base = { id: 'ably', label: 'Ably', mode: 'managed', adapter: 'Ably' };
  return runProbe(
    base,
    async (signal) => {
      await httpProbe(
        `${cfg.baseUrl.replace(/\/+$/, '')}/stats?limit=1`,
        { authorization: `Basic ${Buffer.from(cfg.key).toString('base64')}` },
        signal,
      );
      return 'API key accepted';
    },
    cfg.timeoutMs,
  );
}

export function checkInngest(cfg: HttpCheckConfig): Promise<HealthResult> {
  const base: Base = { id: 'inngest', label: 'Inngest', mode: 'managed', adapter: 'Inngest' };
  return runProbe(
    base,
    async (signal) => {
      await httpProbe(
        `${cfg.baseUrl.replace(/\/+$/, '')}/v1/events?limit=1`,
        { authorization: `Bearer ${cfg.key}` },
        signal,
      );
      return 'Signing key accepted';
    },
    cfg.timeoutMs,
  );
}

export function checkPostmark(cfg: HttpCheckConfig): Promise<HealthResult> {
  const base: Base = { id: 'postmark', label: 'Postmark', mode: 'managed', adapter: 'Postmark' };
  return runProbe(
    base,
    async (signal) => {
      const body = (await httpProbe(
        `${cfg.baseUrl.replace(/\/+$/, '')}/server`,
        { accept: 'application/json', 'x-postmark-server-token': cfg.key },
        signal,
      )) as { Name?: string } | null;
      return `Server token accepted${body?.Name ? ` (${body.Name})` : ''}`;
    },
    cfg.timeoutMs,
  );
}
