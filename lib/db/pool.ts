import pg from 'pg';
import { env } from '@/lib/env';
import { type EmbeddedHandle, LOCAL_DB_NAME, startEmbeddedPostgres } from './embedded';
import { escapeIdentifier } from './escape-identifier';
import { migrate } from './migrate';

/**
 * The process-wide pool. With DATABASE_URL (Supabase, through the transaction pooler: node-postgres uses
 * unnamed statements, so no prepared-statement names reach Supavisor) it connects there. Without it,
 * outside production, it starts the embedded server, creates the database and applies migrations.
 * Kept on globalThis: instrumentation.ts and route bundles are separate module graphs.
 */

interface DbGlobal {
  pool?: Promise<pg.Pool>;
  embedded?: EmbeddedHandle;
}
const g = globalThis as typeof globalThis & { __communityosDb?: DbGlobal };
const state: DbGlobal = (g.__communityosDb ??= {});

// timestamptz stays a Date; bigint (int8) is parsed as a JS number only when it is safe.
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await admin.query(`create database ${escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
}

export async function startLocalDatabase(log: (l: string) => void = console.log): Promise<string> {
  const e = env();
  if (e.production) throw new Error('DATABASE_URL is required in production');
  const handle = await startEmbeddedPostgres({
    profile: e.dbProfile,
    fresh: e.raw.COMMUNITYOS_DB_FRESH === '1' && e.dbProfile !== 'dev',
    log: (l) => log(`[postgres] ${l}`),
  });
  state.embedded = handle;
  await ensureDatabase(handle.adminUrl, LOCAL_DB_NAME);
  const url = handle.url(LOCAL_DB_NAME);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await migrate(client);
    if (result.applied.length) log(`[postgres] applied ${result.applied.length} migration file(s)`);
  } finally {
    await client.end();
  }
  log(
    `[postgres] embedded PostgreSQL (${e.dbProfile}) on 127.0.0.1:${handle.port}${handle.reused ? ' (reused)' : ''}`,
  );
  return url;
}

async function createPool(): Promise<pg.Pool> {
  const url = env().raw.DATABASE_URL ?? (await startLocalDatabase());
  const pool = new pg.Pool({
    connectionString: url,
    max: env().production ? 5 : 15,
    idleTimeoutMillis: 10_000,
  });
  pool.on('error', (err) => console.error('[postgres] idle client error', err.message));
  return pool;
}

export function getPool(): Promise<pg.Pool> {
  state.pool ??= createPool().catch((err) => {
    state.pool = undefined;
    throw err;
  });
  return state.pool;
}

/** Ends the pool (scripts and tests). The embedded server stops with the process. */
export async function closePool(): Promise<void> {
  const p = state.pool;
  state.pool = undefined;
  if (p) await (await p).end();
}
