/**
 * npm run db:reset — drops and rebuilds the database: migrations, then the demo data.
 * Refuses a DATABASE_URL that is not on this machine unless --force is given.
 */
import pg from 'pg';
import { LOCAL_DB_NAME, startEmbeddedPostgres } from '@/lib/db/embedded';
import { escapeIdentifier } from '@/lib/db/escape-identifier';
import { isLocalDatabaseUrl } from '@/lib/db/local-url';
import { closePool, getPool } from '@/lib/db/pool';
import { seedDemoData } from '@/lib/db/seed';
import { env } from '@/lib/env';

async function resetRemote(url: string) {
  // Drop and recreate the schemas our migrations own; the database itself may not be droppable.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema if exists public cascade');
    await client.query('drop schema if exists private cascade');
    await client.query('drop schema if exists ledger cascade');
    await client.query('drop schema if exists supabase_migrations cascade');
    await client.query('create schema public');
    await client.query('delete from auth.users');
  } finally {
    await client.end();
  }
}

async function main() {
  const e = env();
  const force = process.argv.includes('--force');
  if (e.production) throw new Error('Refusing to reset a production database.');
  const url = e.raw.DATABASE_URL;
  if (url) {
    if (!isLocalDatabaseUrl(url) && !force) {
      throw new Error(
        `Refusing to reset ${new URL(url).hostname}: DATABASE_URL is not a local database. Add --force if you really mean it.`,
      );
    }
    await resetRemote(url);
  } else {
    const handle = await startEmbeddedPostgres({ profile: e.dbProfile });
    const admin = new pg.Client({ connectionString: handle.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${escapeIdentifier(LOCAL_DB_NAME)} with (force)`);
    await admin.end();
  }
  await getPool(); // recreates the database and applies every migration
  if (url) {
    const { migrate } = await import('@/lib/db/migrate');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await migrate(client);
    await client.end();
  }
  await seedDemoData();
  await closePool();
  console.log('Database reset: migrations applied and demo data seeded.');
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
