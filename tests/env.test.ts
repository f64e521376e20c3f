import { describe, expect, it } from 'vitest';
import { EnvError, isProductionEnv, resolveEnv, SERVICES } from '@/lib/env';

/** Table-driven over SERVICES: adding a service adds its cases here without touching this file. */

const URL_VALUES: Record<string, string> = {
  DATABASE_URL: 'postgresql://postgres.ref:pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres',
  NEXT_PUBLIC_SUPABASE_URL: 'https://abcdefghijklmnopqrst.supabase.co',
  UPSTASH_REDIS_REST_URL: 'https://eu1-example.upstash.io',
  SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/1',
};
/** Keys with a fixed format (checked by lib/env.ts), given realistic values in the full environment. */
const FORMATTED_VALUES: Record<string, string> = {
  ABLY_API_KEY: 'appid.keyid:secret',
  AGORA_APP_ID: '0123456789abcdef0123456789abcdef',
  AGORA_APP_CERTIFICATE: 'fedcba9876543210fedcba9876543210',
};
const valueFor = (key: string) =>
  URL_VALUES[key] ?? FORMATTED_VALUES[key] ?? `test-${key.toLowerCase()}-value`;

/** Every service variable set, plus what production itself requires. */
function fullEnv(extra: Record<string, string> = {}): Record<string, string> {
  const e: Record<string, string> = {
    APP_URL: 'https://communityos.example',
    AUTH_SECRET: 'x'.repeat(48),
  };
  for (const s of SERVICES) for (const k of s.keys) e[k] = valueFor(k);
  return { ...e, ...extra };
}

function envError(source: Record<string, string | undefined>): EnvError {
  try {
    resolveEnv(source);
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
  throw new Error('expected resolveEnv to throw EnvError');
}

const PRODUCTION_MARKERS = [
  ['APP_ENV=production', { APP_ENV: 'production' }],
  ['VERCEL_ENV=production', { VERCEL_ENV: 'production' }],
] as const;

const everyKey = SERVICES.flatMap((s) => s.keys.map((key) => ({ service: s.name, label: s.label, key })));
const multiKey = everyKey.filter(
  ({ service }) => (SERVICES.find((s) => s.name === service)?.keys.length ?? 0) > 1,
);

describe('the SERVICES table', () => {
  it('lists each service once, each with at least one variable, no variable shared', () => {
    expect(new Set(SERVICES.map((s) => s.name)).size).toBe(SERVICES.length);
    expect(SERVICES.every((s) => s.keys.length > 0)).toBe(true);
    const keys = SERVICES.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(everyKey.length).toBeGreaterThan(SERVICES.length);
  });
});

describe.each(PRODUCTION_MARKERS)('production (%s)', (_name, marker) => {
  it('a full valid environment passes with every service managed', () => {
    const e = resolveEnv(fullEnv(marker));
    expect(e.production).toBe(true);
    for (const s of SERVICES) {
      expect(e.services[s.name]).toMatchObject({ mode: 'managed', implementation: s.managed });
    }
  });

  it.each(everyKey)('without $key ($label) it refuses to start, naming the variable', ({ key, label }) => {
    const source: Record<string, string | undefined> = fullEnv(marker);
    delete source[key];
    const err = envError(source);
    expect(err.message).toContain(key);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toContain(label);
  });

  it.each(everyKey)('with $key set to blanks it refuses to start too (no silent fallback)', ({ key }) => {
    expect(envError(fullEnv({ ...marker, [key]: '   ' })).message).toContain(key);
  });

  it.each(['AUTH_SECRET', 'APP_URL'])('without %s it refuses to start', (key) => {
    const source: Record<string, string | undefined> = fullEnv(marker);
    delete source[key];
    expect(envError(source).message).toContain(key);
  });

  it('with nothing set it lists every missing variable at once', () => {
    const err = envError({ ...marker });
    for (const { key } of everyKey) expect(err.message).toContain(key);
    expect(err.message).toContain('AUTH_SECRET');
    expect(err.message).toContain('APP_URL');
  });
});

describe('outside production', () => {
  it.each([
    ['nothing set', {}],
    ['NODE_ENV=production (a local `next start`)', { NODE_ENV: 'production' }],
    ['VERCEL_ENV=preview', { VERCEL_ENV: 'preview' }],
    ['VERCEL_ENV=development', { VERCEL_ENV: 'development' }],
    ['APP_ENV=staging', { APP_ENV: 'staging' }],
  ])('%s: not production, every service local with a why', (_name, source: Record<string, string>) => {
    const e = resolveEnv(source);
    expect(e.production).toBe(false);
    for (const s of SERVICES) {
      const mode = e.services[s.name];
      expect(mode).toMatchObject({ name: s.name, label: s.label, mode: 'local', implementation: s.local });
      for (const k of s.keys) expect(mode.why).toContain(k);
    }
  });

  it.each(multiKey)('a partial $label config without $key throws, naming $key', ({ service, key }) => {
    const spec = SERVICES.find((s) => s.name === service);
    const source: Record<string, string> = {};
    for (const k of spec?.keys ?? []) if (k !== key) source[k] = valueFor(k);
    const err = envError(source);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.startsWith(`${spec?.label}: ${key} missing`)).toBe(true);
  });

  it.each(SERVICES.map((s) => ({ ...s })))(
    'all of $label’s variables → $name managed, the others local',
    (spec) => {
      const source: Record<string, string> = {};
      for (const k of spec.keys) source[k] = valueFor(k);
      const e = resolveEnv(source);
      for (const s of SERVICES) {
        expect([s.name, e.services[s.name].mode]).toEqual([
          s.name,
          s.name === spec.name ? 'managed' : 'local',
        ]);
      }
      expect(e.services[spec.name].implementation).toBe(spec.managed);
      for (const k of spec.keys) expect(e.services[spec.name].why).toContain(k);
    },
  );

  it('a full environment outside production is accepted with every service managed', () => {
    const e = resolveEnv(fullEnv({ VERCEL_ENV: 'preview' }));
    expect(e.production).toBe(false);
    expect(Object.values(e.services).every((s) => s.mode === 'managed')).toBe(true);
  });
});

describe('single variables', () => {
  it('AUTH_SECRET shorter than 32 characters is rejected, 32 is accepted', () => {
    expect(envError({ AUTH_SECRET: 'x'.repeat(31) }).message).toContain('AUTH_SECRET');
    expect(envError(fullEnv({ APP_ENV: 'production', AUTH_SECRET: 'short' })).message).toContain(
      'AUTH_SECRET',
    );
    expect(resolveEnv({ AUTH_SECRET: 'x'.repeat(32) }).raw.AUTH_SECRET).toBe('x'.repeat(32));
  });

  it('NODE_V8_POOL_SIZE must be a whole number of at least 1 when set', () => {
    for (const bad of ['0', '-1', '1.5', 'two']) {
      expect(envError({ NODE_V8_POOL_SIZE: bad }).message).toContain('NODE_V8_POOL_SIZE');
    }
    expect(resolveEnv({ NODE_V8_POOL_SIZE: '2' }).raw.NODE_V8_POOL_SIZE).toBe('2');
  });

  it.each(Object.keys(FORMATTED_VALUES))(
    '%s with a malformed value is refused, naming the variable',
    (key) => {
      expect(envError(fullEnv({ [key]: 'not-the-right-shape' })).message).toContain(key);
    },
  );

  it.each(Object.keys(URL_VALUES).concat('APP_URL'))('%s must be a URL', (key) => {
    expect(envError({ [key]: 'not a url' }).message).toContain(key);
  });

  it('dbProfile defaults to dev, to test under NODE_ENV=test, and follows COMMUNITYOS_DB_PROFILE', () => {
    expect(resolveEnv({}).dbProfile).toBe('dev');
    expect(resolveEnv({ NODE_ENV: 'production' }).dbProfile).toBe('dev');
    expect(resolveEnv({ NODE_ENV: 'test' }).dbProfile).toBe('test');
    expect(resolveEnv({ COMMUNITYOS_DB_PROFILE: 'e2e' }).dbProfile).toBe('e2e');
    expect(resolveEnv({ NODE_ENV: 'test', COMMUNITYOS_DB_PROFILE: 'dev' }).dbProfile).toBe('dev');
    expect(envError({ COMMUNITYOS_DB_PROFILE: 'prod' }).message).toContain('COMMUNITYOS_DB_PROFILE');
  });

  it('isProductionEnv is true only for a deployed production environment', () => {
    expect(isProductionEnv({ APP_ENV: 'production' })).toBe(true);
    expect(isProductionEnv({ VERCEL_ENV: 'production' })).toBe(true);
    expect(isProductionEnv({ VERCEL_ENV: 'preview' })).toBe(false);
    expect(isProductionEnv({})).toBe(false);
  });

  it('empty strings count as unset', () => {
    const e = resolveEnv({ STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' });
    expect(e.services.payments.mode).toBe('local');
    expect(e.raw.STRIPE_SECRET_KEY).toBeUndefined();
  });
});
