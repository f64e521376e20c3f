import { z } from 'zod';

/**
 * The one place that reads process.env. It validates the variables once and decides, per managed
 * service, whether the managed implementation or the local default runs — and why. In production a
 * service without its variables is a startup error, never a silent fallback to the local adapter.
 */

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An empty value (as in a copied .env.example) counts as unset. */
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.enum(values).optional());

const url = (name: string) =>
  optional.refine((v) => v === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(v), {
    error: `${name} must be a URL`,
  });

const EnvSchema = z.object({
  NODE_ENV: optional,
  VERCEL_ENV: optional,
  APP_ENV: optional,
  APP_URL: url('APP_URL'),
  DATABASE_URL: url('DATABASE_URL'),
  /** Which embedded data folder to use locally: dev (default), test or e2e. */
  COMMUNITYOS_DB_PROFILE: oneOf(['dev', 'test', 'e2e'] as const),
  /** '1': throw away the embedded data folder at start (used by the e2e server for a clean run). */
  COMMUNITYOS_DB_FRESH: oneOf(['0', '1'] as const),
  /** Local sign-ups allowed per IP address per hour (default 10). */
  SIGNUP_LIMIT_PER_IP_HOUR: optional.refine((v) => v === undefined || /^[1-9][0-9]{0,5}$/.test(v), {
    error: 'SIGNUP_LIMIT_PER_IP_HOUR must be a whole number from 1 to 999999',
  }),
  /** V8 worker threads for `npm start`; read by scripts/start.mjs (default: cores − 1, from 1 to 4). */
  NODE_V8_POOL_SIZE: optional.refine((v) => v === undefined || /^[1-9][0-9]{0,2}$/.test(v), {
    error: 'NODE_V8_POOL_SIZE must be a whole number ≥ 1',
  }),
  AUTH_SECRET: optional.refine((v) => v === undefined || v.length >= 32, {
    error: 'AUTH_SECRET must be at least 32 characters',
  }),
  NEXT_PUBLIC_SUPABASE_URL: url('NEXT_PUBLIC_SUPABASE_URL'),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: optional,
  SUPABASE_SERVICE_ROLE_KEY: optional,
  /** Private Supabase Storage bucket for message uploads (used when Supabase is configured). */
  SUPABASE_STORAGE_BUCKET: optional,
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  ABLY_API_KEY: optional.refine((v) => v === undefined || /^[^.:\s]+\.[^:\s]+:\S+$/.test(v), {
    error: 'ABLY_API_KEY must be the full API key, appId.keyId:secret',
  }),
  // agora-token silently returns an empty token for anything else: refuse at startup instead.
  AGORA_APP_ID: optional.refine((v) => v === undefined || /^[0-9a-f]{32}$/i.test(v), {
    error: 'AGORA_APP_ID must be the 32-character hexadecimal App ID from the Agora console',
  }),
  AGORA_APP_CERTIFICATE: optional.refine((v) => v === undefined || /^[0-9a-f]{32}$/i.test(v), {
    error:
      'AGORA_APP_CERTIFICATE must be the 32-character hexadecimal primary certificate from the Agora console',
  }),
  INNGEST_EVENT_KEY: optional,
  INNGEST_SIGNING_KEY: optional,
  INNGEST_DEV: optional,
  QSTASH_TOKEN: optional,
  QSTASH_CURRENT_SIGNING_KEY: optional,
  QSTASH_NEXT_SIGNING_KEY: optional,
  UPSTASH_REDIS_REST_URL: url('UPSTASH_REDIS_REST_URL'),
  UPSTASH_REDIS_REST_TOKEN: optional,
  POSTMARK_API_KEY: optional,
  EMAIL_FROM: optional,
  ANTHROPIC_API_KEY: optional,
  SENTRY_DSN: url('SENTRY_DSN'),
  DISCORD_APPLICATION_ID: optional,
  DISCORD_PUBLIC_KEY: optional,
  DISCORD_BOT_TOKEN: optional,
  DISCORD_GUILD_ID: optional,
  /** Discord REST base URL (tests point it at a local fake server). */
  DISCORD_API_BASE: url('DISCORD_API_BASE'),
  /** Shared secret of the optional gateway relay posting to /api/discord/events (HMAC-SHA256). */
  DISCORD_EVENTS_SECRET: optional,
  ANTHROPIC_MODEL: optional,
  ANTHROPIC_BASE_URL: url('ANTHROPIC_BASE_URL'),
});

export type RawEnv = z.infer<typeof EnvSchema>;
type Key = keyof RawEnv;

export type ServiceName =
  | 'postgres'
  | 'auth'
  | 'payments'
  | 'realtime'
  | 'video'
  | 'jobs'
  | 'qstash'
  | 'cache'
  | 'email'
  | 'ai'
  | 'errors'
  | 'discord';

interface ServiceSpec {
  name: ServiceName;
  label: string;
  /** Variables that together switch the service to its managed implementation. */
  keys: Key[];
  managed: string;
  local: string;
}

/** One row per managed service: the table printed at startup and checked in production. */
export const SERVICES: readonly ServiceSpec[] = [
  {
    name: 'postgres',
    label: 'Postgres',
    keys: ['DATABASE_URL'],
    managed: 'Supabase Postgres',
    local: 'embedded PostgreSQL 17',
  },
  {
    name: 'auth',
    label: 'Auth',
    keys: ['NEXT_PUBLIC_SUPABASE_URL', 'NEXT_PUBLIC_SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY'],
    managed: 'Supabase Auth',
    local: 'local email+password (scrypt, JWT cookie)',
  },
  {
    name: 'payments',
    label: 'Payments',
    keys: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
    managed: 'Stripe',
    local: 'local checkout',
  },
  {
    name: 'realtime',
    label: 'Realtime',
    keys: ['ABLY_API_KEY'],
    managed: 'Ably',
    local: 'in-process SSE bus',
  },
  {
    name: 'video',
    label: 'Video',
    keys: ['AGORA_APP_ID', 'AGORA_APP_CERTIFICATE'],
    managed: 'Agora',
    local: 'simulated call UI',
  },
  {
    name: 'jobs',
    label: 'Jobs',
    keys: ['INNGEST_EVENT_KEY', 'INNGEST_SIGNING_KEY'],
    managed: 'Inngest',
    local: 'in-process scheduler',
  },
  {
    name: 'qstash',
    label: 'Callbacks (QStash)',
    keys: ['QSTASH_TOKEN', 'QSTASH_CURRENT_SIGNING_KEY', 'QSTASH_NEXT_SIGNING_KEY'],
    managed: 'Upstash QStash',
    local: 'in-process scheduler',
  },
  {
    name: 'cache',
    label: 'Cache / rate limit',
    keys: ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'],
    managed: 'Upstash Redis',
    local: 'in-memory',
  },
  {
    name: 'email',
    label: 'Email',
    keys: ['POSTMARK_API_KEY', 'EMAIL_FROM'],
    managed: 'Postmark',
    local: 'outbox table (/dev/outbox)',
  },
  {
    name: 'ai',
    label: 'AI',
    keys: ['ANTHROPIC_API_KEY'],
    managed: 'Anthropic',
    local: 'rule-based classifier (cost 0)',
  },
  {
    name: 'errors',
    label: 'Errors',
    keys: ['SENTRY_DSN'],
    managed: 'Sentry + app_logs',
    local: 'app_logs only',
  },
  {
    name: 'discord',
    label: 'Discord',
    keys: ['DISCORD_APPLICATION_ID', 'DISCORD_PUBLIC_KEY', 'DISCORD_BOT_TOKEN'],
    managed: 'Discord API',
    local: 'not connected',
  },
];

export interface ServiceMode {
  name: ServiceName;
  label: string;
  mode: 'managed' | 'local';
  implementation: string;
  why: string;
}

export interface AppEnv {
  raw: RawEnv;
  production: boolean;
  services: Record<ServiceName, ServiceMode>;
  dbProfile: 'dev' | 'test' | 'e2e';
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Production means a deployed production environment, not a local `next start`. */
export function isProductionEnv(raw: Pick<RawEnv, 'VERCEL_ENV' | 'APP_ENV'>): boolean {
  return raw.VERCEL_ENV === 'production' || raw.APP_ENV === 'production';
}

/** Pure: decides every service from a set of variables. Throws EnvError listing every problem. */
export function resolveEnv(source: Record<string, string | undefined>): AppEnv {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const raw = parsed.data;
  const production = isProductionEnv(raw);
  const problems: string[] = [];
  const services = {} as Record<ServiceName, ServiceMode>;

  for (const spec of SERVICES) {
    const present = spec.keys.filter((k) => raw[k] !== undefined);
    const missing = spec.keys.filter((k) => raw[k] === undefined);
    if (present.length > 0 && missing.length > 0) {
      problems.push(`${spec.label}: ${missing.join(', ')} missing (set together with ${present.join(', ')})`);
    } else if (production && missing.length > 0) {
      problems.push(`${spec.label}: ${missing.join(', ')} required in production`);
    }
    const managed = missing.length === 0;
    services[spec.name] = {
      name: spec.name,
      label: spec.label,
      mode: managed ? 'managed' : 'local',
      implementation: managed ? spec.managed : spec.local,
      why: managed ? `${spec.keys.join(', ')} set` : `${missing.join(', ')} not set`,
    };
  }
  if (production && raw.AUTH_SECRET === undefined) {
    problems.push('AUTH_SECRET: required in production');
  }
  if (production && raw.APP_URL === undefined) {
    problems.push('APP_URL: required in production');
  }
  if (problems.length > 0) throw new EnvError(problems);

  const dbProfile = raw.COMMUNITYOS_DB_PROFILE ?? (raw.NODE_ENV === 'test' ? 'test' : 'dev');
  return { raw, production, services, dbProfile };
}

let cached: AppEnv | undefined;

/** The validated environment of this process (validated on first use). */
export function env(): AppEnv {
  cached ??= resolveEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function formatServiceTable(e: AppEnv): string {
  const rows = Object.values(e.services).map((s) => [s.label, s.mode, s.implementation, s.why]);
  const header = ['service', 'mode', 'implementation', 'why'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
