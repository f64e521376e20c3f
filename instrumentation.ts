/**
 * Runs once when the server starts: validates the environment and prints the service table, then (Node
 * runtime only) starts Sentry, the embedded database with migrations and demo data, and the local job
 * scheduler. In production a missing variable throws here and the server does not start.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env, formatServiceTable } = await import('@/lib/env');
  const e = env();
  console.log(
    `\nCommunityOS services (${e.production ? 'production' : 'local/dev'}):\n${formatServiceTable(e)}\n`,
  );

  if (e.services.errors.mode === 'managed') {
    const Sentry = await import('@sentry/node');
    Sentry.init({ dsn: e.raw.SENTRY_DSN, environment: e.raw.VERCEL_ENV ?? e.raw.APP_ENV ?? 'development' });
  }

  const { getPool } = await import('@/lib/db/pool');
  await getPool();
  if (e.services.postgres.mode === 'local' && e.services.auth.mode === 'local') {
    const { seedIfEmpty } = await import('@/lib/db/seed');
    await seedIfEmpty();
  }
  if (e.services.jobs.mode === 'local') {
    const { startLocalScheduler } = await import('@/lib/jobs/local-scheduler');
    startLocalScheduler();
  }
}
